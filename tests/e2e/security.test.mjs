// Webview lock-down and secret hygiene, in the real app (WebDriver execute):
// - a command the capability does not grant, and any fs/shell/http/... plugin command, is rejected;
// - the page cannot reach any other origin (CSP): fetch/XHR/WebSocket/img to a live loopback
//   server are blocked, and that server (the sandbox) confirms nothing arrived;
// - neither the Administration API secret nor an access token is reachable from JS (storage,
//   cookies, DOM, globals, the answer of every read command);
// - afterwards, nothing the app wrote (HOME, XDG data/config/cache incl. WebKit storage) nor its
//   stdout/stderr holds the API secret, the created client's secret or any access token; the
//   sandbox saw the secret only at the token endpoint and tokens only at the API.

import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { APP_BIN, controlHeaders, isolatedDirs, startStandaloneSandbox, withApp } from "./lib/harness.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";
import {
  filesBelow,
  invokeEach,
  JWT_RE,
  pageVisibleText,
  sandboxControl,
  scanForSecrets,
  tryToReach,
} from "./lib/security.mjs";

const NOT_GRANTED = [
  ["plugin:fs|read_text_file", { path: "/etc/hostname" }],
  ["plugin:fs|write_text_file", { path: "/tmp/skep-pwned", data: "x" }],
  ["plugin:fs|read_dir", { path: "/" }],
  ["plugin:shell|execute", { program: "sh", args: ["-c", "touch /tmp/skep-pwned"] }],
  ["plugin:shell|open", { path: "https://example.com" }],
  ["plugin:http|fetch", { clientConfig: { url: "https://example.com", method: "GET" } }],
  ["plugin:store|load", { path: "settings.json" }],
  ["plugin:store|get", { rid: 0, key: "organizations" }],
  ["plugin:clipboard-manager|read_text", {}],
  ["plugin:clipboard-manager|write_text", { text: "x" }],
  ["plugin:dialog|open", {}],
  ["plugin:opener|open_url", { url: "https://example.com" }],
  ["plugin:opener|open_path", { path: "/etc" }],
  ["plugin:notification|notify", { options: { title: "x" } }],
  ["plugin:window|close", {}],
  ["plugin:webview|create_webview_window", { options: { label: "evil", url: "https://example.com" } }],
  ["plugin:app|version", {}],
  ["plugin:path|resolve_directory", { directory: 14 }],
  ["no_such_command", {}],
];

test("webview lock-down: no plugin, no other origin, no secret in JS; nothing leaks to disk or logs", { timeout: 300_000 }, async () => {
  const sandbox = await startStandaloneSandbox("security-sandbox");
  const creds = await sandbox.createApiClient();
  const env = {
    CAMUNDA_CONSOLE_CLIENT_ID: creds.clientId,
    CAMUNDA_CONSOLE_CLIENT_SECRET: creds.clientSecret,
    CAMUNDA_OAUTH_URL: sandbox.tokenUrl,
    CAMUNDA_CONSOLE_BASE_URL: sandbox.base,
    CAMUNDA_CONSOLE_OAUTH_AUDIENCE: sandbox.audience,
  };
  // The app is started through a wrapper that captures its own stdout/stderr (WebKitWebDriver
  // does not pass them on), with debug logging: the most it would ever print.
  const logDir = mkdtempSync(path.join(os.tmpdir(), "skep-security-"));
  const appLog = path.join(logDir, "app.log");
  const wrapper = path.join(logDir, "skep-wrapper.sh");
  writeFileSync(wrapper, `#!/bin/sh\nexec ${JSON.stringify(APP_BIN)} "$@" >>${JSON.stringify(appLog)} 2>&1\n`);
  chmodSync(wrapper, 0o755);
  env.RUST_LOG = "debug";
  // Temp files too: the app's TMPDIR is inside the scanned dirs.
  const ownDirs = isolatedDirs("security");
  env.TMPDIR = path.join(ownDirs.base, "tmp");
  mkdirSync(env.TMPDIR);
  let dirs;
  let driverLog;
  let clientSecret;
  try {
    await withApp("security", { env, application: wrapper, dirs: ownDirs }, async (app) => {
      dirs = app.dirs;
      driverLog = app.driver.log;
      const s = app.session;
      // The Environment organization is active: the table shows the sandbox's clusters.
      await s.findByText("orders-prod", { timeoutMs: 60_000 });

      // 1. Granted commands work through the same path (so the rejections below mean something).
      const reads = await invokeEach(s, [
        ["list_organizations", {}],
        ["list_clusters", {}],
        ["cluster_parameters", {}],
      ]);
      assert.equal(reads.harness_error, undefined, reads.harness_error);
      for (const [cmd, r] of Object.entries(reads)) assert.ok(r.allowed, `${cmd}: ${r.error}`);
      const clusters = reads.list_clusters.value.clusters;
      const orders = clusters.find((c) => c.name === "orders-prod");
      assert.ok(orders, "orders-prod listed");

      // 2. Everything not granted is rejected, and had no effect.
      const denied = await invokeEach(s, NOT_GRANTED);
      assert.equal(denied.harness_error, undefined, denied.harness_error);
      for (const [cmd] of NOT_GRANTED) {
        assert.ok(denied[cmd], `no answer for ${cmd}`);
        assert.equal(denied[cmd].allowed, false, `${cmd} was allowed: ${JSON.stringify(denied[cmd].value)}`);
      }
      assert.equal(await s.title(), "Skep", "the window is still there");

      // 3. No other origin: a live loopback server (the sandbox) is not reachable from the page.
      const before = await sandbox.counters();
      const reach = await tryToReach(s, `${sandbox.base}/clusters`);
      assert.equal(reach.harness_error, undefined, reach.harness_error);
      for (const way of ["fetch", "xhr", "websocket", "image"]) {
        assert.notEqual(reach[way], "ALLOWED", `${way} reached ${sandbox.base}`);
      }
      const outside = await tryToReach(s, "https://example.com/");
      assert.notEqual(outside.fetch, "ALLOWED");
      assert.ok(
        reach.violations.length + outside.violations.length > 0,
        `no CSP violation reported: ${JSON.stringify({ reach, outside })}`,
      );
      const after = await sandbox.counters();
      assert.equal(after.routes["GET /clusters"] ?? 0, before.routes["GET /clusters"] ?? 0, "a page request reached the sandbox");

      // 4. Every read command's answer, and everything in the page: no secret, no token.
      const more = await invokeEach(s, [
        ["get_cluster", { clusterId: orders.id }],
        ["list_clients", { clusterId: orders.id }],
        ["list_all_clients", {}],
      ]);
      const someClient = more.list_clients.value?.[0];
      const details = someClient
        ? await invokeEach(s, [["get_client", { clusterId: orders.id, clientId: someClient.clientId }]])
        : {};
      const readAnswers = JSON.stringify({ reads, more, details });
      assert.ok(!readAnswers.includes(creds.clientSecret), "the API secret reached JS through a command");
      assert.ok(!JWT_RE.test(readAnswers), "an access token reached JS through a command");

      // A created client's secret is handed over once (the copy-once dialog) ...
      const created = await invokeEach(s, [
        ["create_client", { clusterId: orders.id, input: { name: "security-e2e", permissions: [] } }],
      ]);
      assert.ok(created.create_client.allowed, created.create_client.error);
      clientSecret = created.create_client.value.clientSecret;
      assert.ok(clientSecret && clientSecret.length >= 16);
      // ... and is gone from the app once acknowledged.
      const ack = await invokeEach(s, [["acknowledge_pending_secret", {}]]);
      assert.ok(ack.acknowledge_pending_secret.allowed, ack.acknowledge_pending_secret.error);
      const afterAck = await invokeEach(s, [["copy_pending_secret", { field: "secret" }]]);
      assert.equal(afterAck.copy_pending_secret.allowed, false, "the secret is still pending after acknowledge");

      const page = await pageVisibleText(s);
      assert.ok(page.length > 100, "page text was read");
      for (const [label, secret] of [["API secret", creds.clientSecret], ["client secret", clientSecret]]) {
        assert.ok(!page.includes(secret), `${label} visible to JS (storage/DOM/globals)`);
      }
      assert.ok(!JWT_RE.test(page), "an access token is visible to JS");
    });
    // The sandbox saw the API secret only in token requests, and tokens only at the API.
    const counters = await sandbox.counters();
    assert.ok(counters.token_requests >= 1, "the app asked for a token");
    assert.equal(counters.admin_secret_misuse, 0, "the API secret was sent outside a token request");
    assert.equal(counters.token_misuse, 0, "a token was sent outside the API");
  } finally {
    await sandbox.stop();
  }

  // 5. Secret hygiene: everything the app could have written, and what it printed.
  const files = filesBelow(dirs.base);
  assert.ok(files.length > 0, "the app wrote nothing at all? (scan would be vacuous)");
  const printed = readFileSync(appLog, "utf8");
  assert.ok(/DEBUG|INFO/.test(printed), "the app's own output was captured (else the scan is vacuous)");
  // The app's log file (the platform's log folder: XDG data dir on Linux) is among the files
  // scanned, written at the debug level of this run.
  const logFile = path.join(dirs.XDG_DATA_HOME, "dev.skep.app", "logs", "skep.log");
  assert.ok(files.includes(logFile), `the log file ${logFile} is not among the scanned files`);
  assert.match(readFileSync(logFile, "utf8"), /DEBUG/, "the log file holds the debug lines of this run");
  const hits = scanForSecrets({
    files: [...files, appLog, driverLog],
    needles: [
      { label: "Administration API secret", value: creds.clientSecret },
      { label: "created client secret", value: clientSecret },
      { label: "access token (JWT)", value: JWT_RE },
    ],
  });
  assert.deepEqual(hits, [], `secrets found:\n${hits.join("\n")}`);
  rmSync(logDir, { recursive: true, force: true });
});

// ---- reliability: a representative handful of faults end to end ----------------------------------

/** An app on the Environment organization pointing at a fresh standalone sandbox. */
/** The request timeout the faulty apps run with (SKEP_REQUEST_TIMEOUT_MS; the default is 30 s). */
const REQUEST_TIMEOUT_MS = 5_000;

async function withFaultyApp(name, body) {
  const sandbox = await startStandaloneSandbox(name, ["--no-rate-limit"]);
  try {
    const creds = await sandbox.createApiClient();
    const env = {
      CAMUNDA_CONSOLE_CLIENT_ID: creds.clientId,
      CAMUNDA_CONSOLE_CLIENT_SECRET: creds.clientSecret,
      CAMUNDA_OAUTH_URL: sandbox.tokenUrl,
      CAMUNDA_CONSOLE_BASE_URL: sandbox.base,
      CAMUNDA_CONSOLE_OAUTH_AUDIENCE: sandbox.audience,
      SKEP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    };
    await withApp(name, { env }, async (app) => {
      const s = app.session;
      const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
      await s.findByText("orders-prod", { within: table, timeoutMs: 30_000 });
      await body({ s, sandbox, control: sandboxControl(sandbox.base), table });
    });
    const c = await sandbox.counters();
    assert.equal(c.admin_secret_misuse, 0);
    assert.equal(c.token_misuse, 0);
  } finally {
    await sandbox.stop();
  }
}

/** Text of the refresh banner ("… — showing data from HH:MM"), or "" when there is none. */
const bannerText = (s) =>
  s.execute(`const el = [...document.querySelectorAll(".skep-banner, [role=status]")]
    .find((e) => /showing data from/.test(e.innerText));
    return el ? el.innerText : "";`);

test("token 429 while refreshing: countdown banner, then it recovers by itself", { timeout: 240_000 }, async () => {
  await withFaultyApp("fault-429", async ({ s, sandbox, control, table }) => {
    await control.revokeTokens();
    await control.inject("POST /oauth/token", {
      type: "status", status: 429, body: '{"error":"too_many_requests"}', contentType: "application/json", retryAfter: "4",
    });
    const before = await sandbox.counters();
    await s.keys(Keys.CONTROL + "r");
    const banner = await waitFor(async () => {
      const t = await bannerText(s);
      return /Rate limited/.test(t) && /retrying in \d+ s/i.test(t) ? t : null;
    }, { timeoutMs: 30_000, message: "the rate-limit banner with a countdown" });
    assert.match(banner, /showing data from \d{1,2}:\d{2}/);
    await s.findByText("orders-prod", { within: table }); // the data stays
    // Recovers without a click: the banner goes away, a new token was issued.
    await waitFor(async () => (await bannerText(s)) === "", { timeoutMs: 30_000, message: "the banner to go away" });
    const after = await sandbox.counters();
    assert.ok(after.tokens_issued > before.tokens_issued, "a token was issued after the wait");
    assert.ok(after.token_requests - before.token_requests <= 3, `token requests: ${after.token_requests - before.token_requests}`);
  });
});

test("network down while refreshing: offline banner with the data's time, then recovery", { timeout: 240_000 }, async () => {
  await withFaultyApp("fault-offline", async ({ s, control, table }) => {
    await control.inject("GET /clusters", { type: "drop" }, 100);
    await s.keys(Keys.CONTROL + "r");
    const banner = await waitFor(async () => {
      const t = await bannerText(s);
      return /Offline/.test(t) ? t : null;
    }, { timeoutMs: 30_000, message: "the offline banner" });
    assert.match(banner, /showing data from \d{1,2}:\d{2}/);
    await s.findByText("orders-prod", { within: table });
    await control.clearFaults();
    await s.keys(Keys.CONTROL + "r");
    await waitFor(async () => (await bannerText(s)) === "", { timeoutMs: 30_000, message: "the banner to go away" });
  });
});

test("create cluster times out: outcome unknown, and the refreshed list never shows it twice", { timeout: 300_000 }, async () => {
  const NAME = `timeout-${Date.now().toString(36)}`;
  await withFaultyApp("fault-create-timeout", async ({ s, sandbox, control }) => {
    // Slower than the app's request timeout (then the create lands on the server anyway).
    await control.inject("POST /clusters", { type: "delay", ms: REQUEST_TIMEOUT_MS + 4_000 });
    const createVia = async () => {
      await (await s.findByRole("button", "Create cluster")).click();
      const dialog = await s.findByRole("dialog", "Create cluster");
      await (await s.findByRole("textbox", "Cluster name", { within: dialog })).type(NAME);
      const submit = await s.findByRole("button", "Create cluster", { within: dialog });
      await waitFor(() => submit.enabled(), { message: "Create cluster to be enabled" });
      await submit.click();
    };
    await createVia();
    await s.findByText(new RegExp(`outcome of creating .${NAME}. is unknown`), { timeoutMs: 60_000 });
    // Give the late create time to land, then look again.
    await new Promise((r) => setTimeout(r, 6_000));
    await s.keys(Keys.CONTROL + "r");
    const countRows = async () => (await s.queryAllByRole("link", NAME)).length;
    await new Promise((r) => setTimeout(r, 2_000));
    const shown = await countRows();
    assert.ok(shown <= 1, `${NAME} shown ${shown} times`);
    if (shown === 0) {
      await createVia();
      await waitFor(async () => (await countRows()) === 1, { timeoutMs: 30_000, message: `${NAME} listed once` });
    }
    const inSandbox = (await sandbox.clusters()).filter((c) => c.name === NAME);
    assert.equal(inSandbox.length, 1, "exactly one cluster exists");
    const c = await sandbox.counters();
    assert.equal(c.routes["POST /clusters"], shown === 0 ? 2 : 1, "no automatic second create");
  });
});

// ---- the pending client secret, and kill -9 while it is pending ----------------------------------

/** A wrapper for the app binary that records the app's pid (for kill -9) and captures its output. */
function pidWrapper() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "skep-crash-"));
  const pidFile = path.join(dir, "app.pid");
  const log = path.join(dir, "app.log");
  const wrapper = path.join(dir, "skep-wrapper.sh");
  writeFileSync(wrapper, `#!/bin/sh\necho $$ > ${JSON.stringify(pidFile)}\nexec ${JSON.stringify(APP_BIN)} "$@" >>${JSON.stringify(log)} 2>&1\n`);
  chmodSync(wrapper, 0o755);
  return { wrapper, pidFile, log, dir };
}

/** Open orders-prod, create a client through the UI; returns the open secret dialog and the secret. */
async function createClientInUi(s, name) {
  await (await s.findByRole("link", "orders-prod", { timeoutMs: 30_000 })).click();
  await s.findByRole("heading", "orders-prod", { timeoutMs: 30_000 });
  await (await s.findByRole("tab", "API clients")).click();
  await (await s.findByRole("button", "Create client", { timeoutMs: 30_000 })).click();
  const create = await s.findByRole("dialog", "Create client");
  await (await s.findByRole("textbox", "Client name", { within: create })).type(name);
  await (await s.findByRole("button", "Create client", { within: create })).click();
  const dialog = await s.findByRole("dialog", /Client secret|copy its secret/, { timeoutMs: 30_000 });
  await (await s.findByRole("button", "Reveal secret", { within: dialog })).click();
  const secret = await waitFor(
    async () => s.execute("const e = arguments[0].querySelector('.skep-secret'); return e ? e.innerText.trim() : ''", dialog),
    { message: "the revealed secret" },
  );
  assert.ok(secret.length >= 16 && !secret.includes("•"), "revealed secret");
  return { dialog, secret };
}

test("the pending client secret is reachable from JS only while its dialog is open", { timeout: 240_000 }, async () => {
  await withFaultyApp("pending-secret", async ({ s }) => {
    const { dialog, secret } = await createClientInUi(s, "pending-e2e");
    assert.ok((await pageVisibleText(s)).includes(secret), "while open, the dialog shows the secret");
    await (await s.findByRole("button", "Copy client secret", { within: dialog })).click();
    // The label, as a person clicks it (Carbon's input itself is visually hidden).
    await (await s.findByText("I have copied or downloaded the secret", { within: dialog })).click();
    const done = await s.findByRole("button", "Done", { within: dialog });
    await waitFor(() => done.enabled(), { message: "Done to be enabled" });
    await done.click();
    await s.waitGoneByRole("dialog", /Client secret|copy its secret/);
    assert.ok(!(await pageVisibleText(s)).includes(secret), "the secret is still reachable from JS after the dialog closed");
    const again = await invokeEach(s, [["copy_pending_secret", { field: "secret" }]]);
    assert.equal(again.copy_pending_secret.allowed, false, "the app still holds the secret");
  });
});

test("kill -9 while a client secret is pending: nothing on disk, settings valid, saved organization kept", { timeout: 300_000 }, async () => {
  const sandbox = await startStandaloneSandbox("crash-sandbox", ["--no-rate-limit"]);
  const { wrapper, pidFile, log, dir: wrapperDir } = pidWrapper();
  let secret;
  let apiSecret;
  let dirs;
  try {
    const creds = await sandbox.createApiClient();
    apiSecret = creds.clientSecret;
    await withApp("crash", { application: wrapper, env: { RUST_LOG: "debug" } }, async (app) => {
      dirs = app.dirs;
      let s = app.session;
      // A saved organization (keychain) for the sandbox, made active.
      const added = await invokeEach(s, [[
        "add_organization",
        { input: { name: "Crash Org", clientId: creds.clientId, clientSecret: creds.clientSecret, tokenUrl: sandbox.tokenUrl,
                   apiBaseUrl: sandbox.base, audience: sandbox.audience, sessionOnly: false } },
      ]]);
      assert.ok(added.add_organization.allowed, added.add_organization.error);
      const orgId = added.add_organization.value.id;
      const active = await invokeEach(s, [["set_active_organization", { id: orgId }]]);
      assert.ok(active.set_active_organization.allowed, active.set_active_organization.error);
      await s.reload();
      await s.findByText("orders-prod", { timeoutMs: 60_000 });

      ({ secret } = await createClientInUi(s, "crash-e2e"));
      const pid = Number(readFileSync(pidFile, "utf8").trim());
      assert.ok(pid > 1);
      process.kill(pid, "SIGKILL");
      await waitFor(() => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      }, { timeoutMs: 10_000, message: "the app to die" });

      // Restart on the same dirs.
      await app.close();
      s = await app.launch();
      await s.findByText("orders-prod", { timeoutMs: 60_000 });
      const state = await invokeEach(s, [["list_organizations", {}], ["copy_pending_secret", { field: "secret" }]]);
      const orgs = state.list_organizations.value.organizations;
      assert.ok(orgs.some((o) => o.id === orgId && o.name === "Crash Org"), "the saved organization survived");
      assert.equal(state.list_organizations.value.activeId, orgId, "still the active one");
      assert.equal(state.copy_pending_secret.allowed, false, "a secret is pending after the restart");
    });
    const c = await sandbox.counters();
    assert.equal(c.routes["POST /clusters/{id}/clients"], 1, "the client was created in the saved organization");
    assert.equal(c.admin_secret_misuse, 0);
    assert.equal(c.token_misuse, 0);
  } finally {
    await sandbox.stop();
  }
  const files = filesBelow(dirs.base);
  const settings = files.filter((f) => path.basename(f) === "settings.json");
  assert.equal(settings.length, 1, `settings files: ${settings}`);
  const parsed = JSON.parse(readFileSync(settings[0], "utf8"));
  assert.ok(JSON.stringify(parsed).includes("Crash Org"));
  const hits = scanForSecrets({
    files: [...files, log],
    needles: [
      { label: "Administration API secret", value: apiSecret },
      { label: "client secret pending at the kill", value: secret },
      { label: "access token (JWT)", value: JWT_RE },
    ],
  });
  assert.deepEqual(hits, [], `secrets found:\n${hits.join("\n")}`);
  rmSync(wrapperDir, { recursive: true, force: true });
});

/** SIGKILL the app whose wrapper wrote `pidFile`, and wait until it is gone. */
async function kill9(pidFile) {
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  assert.ok(pid > 1, "app pid");
  process.kill(pid, "SIGKILL");
  await waitFor(() => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }, { timeoutMs: 10_000, message: "the app to die" });
}

/** The settings file below `base` parses; returns its text ("" when there is none yet). */
function settingsText(base) {
  const settings = filesBelow(base).filter((f) => path.basename(f) === "settings.json");
  assert.ok(settings.length <= 1, `settings files: ${settings}`);
  if (settings.length === 0) return "";
  const text = readFileSync(settings[0], "utf8");
  JSON.parse(text); // valid JSON, or this throws
  return text;
}

test("kill -9 during an organization save and during a create: settings stay valid, no secret on disk", { timeout: 300_000 }, async () => {
  const sandbox = await startStandaloneSandbox("crash2-sandbox", ["--no-rate-limit"]);
  const { wrapper, pidFile, log, dir: wrapperDir } = pidWrapper();
  const creds = await sandbox.createApiClient();
  const NAME = `crash-${Date.now().toString(36)}`;
  const orgInput = (name) => ({
    input: { name, clientId: creds.clientId, clientSecret: creds.clientSecret, tokenUrl: sandbox.tokenUrl,
             apiBaseUrl: sandbox.base, audience: sandbox.audience, sessionOnly: false },
  });
  let dirs;
  try {
    await withApp("crash2", { application: wrapper }, async (app) => {
      dirs = app.dirs;
      let s = app.session;
      await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
      const first = await invokeEach(s, [["add_organization", orgInput("Confirmed Org")]]);
      assert.ok(first.add_organization.allowed, first.add_organization.error);
      const orgId = first.add_organization.value.id;
      await invokeEach(s, [["set_active_organization", { id: orgId }]]);

      // 1. Kill while a second organization is being saved (fired, not awaited).
      await s.execute(`window.__TAURI_INTERNALS__.invoke("add_organization", arguments[0]).catch(() => {});`,
        orgInput("Racing Org"));
      await kill9(pidFile);
      await app.close();
      s = await app.launch();
      const afterSave = await invokeEach(s, [["list_organizations", {}]]);
      const names = afterSave.list_organizations.value.organizations.map((o) => o.name);
      assert.ok(names.includes("Confirmed Org"), `confirmed organization lost: ${names}`);
      settingsText(dirs.base);
      // The racing save may have landed before the kill (a new organization becomes the active
      // one): either outcome is valid. Make "Confirmed Org" active again for the next step.
      const reactivated = await invokeEach(s, [["set_active_organization", { id: orgId }]]);
      assert.ok(reactivated.set_active_organization.allowed, reactivated.set_active_organization.error);

      // 2. Kill while a create-cluster request is in flight (the sandbox holds it 20 s).
      await s.reload();
      await s.findByText("orders-prod", { timeoutMs: 60_000 });
      await fetch(`${sandbox.base}/__sandbox/faults`, {
        method: "POST", headers: controlHeaders({ "content-type": "application/json" }),
        body: JSON.stringify({ route: "POST /clusters", times: 1, kind: { type: "delay", ms: 20_000 } }),
      });
      const params = await invokeEach(s, [["cluster_parameters", {}]]);
      assert.ok(params.cluster_parameters.allowed, params.cluster_parameters.error);
      const p = params.cluster_parameters.value;
      const ch = p.channels[0];
      await s.execute(`window.__TAURI_INTERNALS__.invoke("create_cluster", arguments[0]).catch(() => {});`, {
        input: { name: NAME, channelId: ch.id, generationId: (ch.defaultGeneration ?? ch.allowedGenerations[0]).id,
                 regionId: p.regions[0].id, planTypeId: p.planTypes[0].id, stageLabel: null },
      });
      await waitFor(async () => ((await sandbox.counters()).routes["POST /clusters"] ?? 0) >= 1, {
        timeoutMs: 20_000, message: "the create request to reach the sandbox",
      });
      await kill9(pidFile);
      await app.close();
      s = await app.launch();
      await s.findByText("orders-prod", { timeoutMs: 60_000 });
      const after = await invokeEach(s, [["list_organizations", {}], ["list_clusters", {}]]);
      assert.equal(after.list_organizations.value.activeId, orgId, "the active organization was kept");
      const shown = after.list_clusters.value.clusters.filter((c) => c.name === NAME).length;
      assert.ok(shown <= 1, `${NAME} listed ${shown} times`);
      assert.equal((await sandbox.counters()).routes["POST /clusters"], 1, "the create was not repeated on restart");
    });
  } finally {
    await sandbox.stop();
  }
  assert.ok(settingsText(dirs.base).includes("Confirmed Org"));
  const hits = scanForSecrets({
    files: [...filesBelow(dirs.base), log],
    needles: [
      { label: "Administration API secret", value: creds.clientSecret },
      { label: "access token (JWT)", value: JWT_RE },
    ],
  });
  assert.deepEqual(hits, [], `secrets found:\n${hits.join("\n")}`);
  rmSync(wrapperDir, { recursive: true, force: true });
});

test("no Secret Service at start: a plain message, no crash, and session-only organizations work", { timeout: 240_000 }, async () => {
  const sandbox = await startStandaloneSandbox("nokeyring-sandbox", ["--no-rate-limit"]);
  try {
    const creds = await sandbox.createApiClient();
    const input = (sessionOnly) => ({
      input: { name: sessionOnly ? "Session Org" : "Keychain Org", clientId: creds.clientId, clientSecret: creds.clientSecret,
               tokenUrl: sandbox.tokenUrl, apiBaseUrl: sandbox.base, audience: sandbox.audience, sessionOnly },
    });
    // A session bus that does not exist: no Secret Service.
    const env = { DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/skep-no-bus" };
    await withApp("no-keyring", { env }, async (app) => {
      const s = app.session;
      await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
      const state = await invokeEach(s, [["list_organizations", {}]]);
      const v = state.list_organizations.value;
      assert.equal(v.keychainAvailable, false, JSON.stringify(v));
      assert.ok(v.keychainMessage && v.keychainMessage.length > 10 && v.keychainMessage.length < 600, v.keychainMessage);
      const saved = await invokeEach(s, [["add_organization", input(false)]]);
      assert.equal(saved.add_organization.allowed, false, "saved to a keychain that is not there");
      assert.match(saved.add_organization.error, /keychain_unavailable/);
      const session = await invokeEach(s, [["add_organization", input(true)]]);
      assert.ok(session.add_organization.allowed, session.add_organization.error);
      assert.equal(session.add_organization.value.secretStorage, "session");
      await invokeEach(s, [["set_active_organization", { id: session.add_organization.value.id }]]);
      const list = await invokeEach(s, [["list_clusters", {}]]);
      assert.ok(list.list_clusters.allowed, list.list_clusters.error);
      assert.ok(list.list_clusters.value.clusters.some((c) => c.name === "orders-prod"));
    });
  } finally {
    await sandbox.stop();
  }
});

test("no access token anywhere the e2e run's apps could write (whole session dir so far)", { timeout: 120_000 }, async () => {
  // run.sh gives every test file the same session dir (HOME, XDG dirs, per-test dirs below it);
  // the files run one after another, so this sees what every earlier test's app wrote.
  const base = process.env.SKEP_SESSION_DIR;
  // Outside tests/e2e/run.sh there is no shared session dir to scan: that is a failure, not a pass.
  assert.ok(base, "SKEP_SESSION_DIR is unset: run this through tests/e2e/run.sh");
  const files = filesBelow(base).filter((f) => !f.includes(`${path.sep}keyrings${path.sep}`));
  assert.ok(files.length > 0);
  const hits = scanForSecrets({ files, needles: [{ label: "access token (JWT)", value: JWT_RE }] });
  assert.deepEqual(hits, [], `tokens found:\n${hits.join("\n")}`);
});
