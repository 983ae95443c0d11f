// E2E harness: starts tauri-driver (own process group, explicit ports), opens the real Skep binary
// through WebDriver, and cleans up - also when a test fails (screenshot + page source go to
// tests/e2e/out/). Run the suite through tests/e2e/run.sh, which provides the private D-Bus
// session, the throwaway unlocked gnome-keyring, temp HOME/XDG dirs and Xvfb.

import { execFile as execFileCb, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { driverReady, newAppSession, waitFor } from "./webdriver.mjs";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const OUT_DIR = path.join(REPO, "tests/e2e/out");
const TARGET_DIR = process.env.CARGO_TARGET_DIR
  ? path.resolve(REPO, process.env.CARGO_TARGET_DIR)
  : path.join(REPO, "target");
export const APP_BIN = process.env.SKEP_APP_BIN || path.join(TARGET_DIR, "debug/skep");
export const SANDBOX_BIN = process.env.SKEP_SANDBOX_BIN || path.join(TARGET_DIR, "debug/console-sandbox");

const execFile = promisify(execFileCb);

/**
 * The sandboxes' control routes (`/__sandbox/*`) need this random token, new for every test
 * process: the app's built-in Sandbox gets it as SKEP_SANDBOX_CONTROL_TOKEN (a `test-hooks`
 * build only; without it those routes do not exist), the standalone ones as
 * CONSOLE_SANDBOX_CONTROL_TOKEN. Every control request sends it (`controlHeaders()`).
 */
export const SANDBOX_CONTROL_TOKEN = randomBytes(32).toString("hex");
export const CONTROL_TOKEN_HEADER = "x-sandbox-control-token";

/** The headers a control request needs (merge with others). */
export function controlHeaders(headers = {}) {
  return { ...headers, [CONTROL_TOKEN_HEADER]: SANDBOX_CONTROL_TOKEN };
}

mkdirSync(OUT_DIR, { recursive: true });

// Process groups we started; killed on any exit path of this test process.
const groups = new Set();
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}
process.on("exit", () => {
  for (const pid of groups) killGroup(pid, "SIGKILL");
});
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    for (const pid of groups) killGroup(pid, "SIGKILL");
    process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[sig] ?? 0));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function safeName(name) {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "test";
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const logsStarted = new Set();

/** Spawn a command in its own process group (setsid), output to a log file (fresh per test run). */
function spawnGroup(cmd, args, { env, log }) {
  const out = createWriteStream(log, { flags: logsStarted.has(log) ? "a" : "w" });
  logsStarted.add(log);
  const child = spawn(cmd, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  groups.add(child.pid);
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  child.on("error", (err) => out.write(`spawn error: ${err.message}\n`));
  return {
    child,
    exited,
    async stop() {
      killGroup(child.pid, "SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(3_000).then(() => false)]);
      // The group may hold WebKitWebDriver and the app too: make sure nothing outlives the test.
      killGroup(child.pid, "SIGKILL");
      if (!done) await Promise.race([exited, sleep(2_000)]);
      groups.delete(child.pid);
      out.end();
    },
  };
}

/**
 * Per-test HOME / XDG dirs (below the keyring session's temp dir), so each test starts like a
 * first launch. The Secret Service (D-Bus) is shared by the whole run.
 */
export function isolatedDirs(name) {
  const parent = process.env.SKEP_SESSION_DIR || mkdtempSync("/tmp/skep-e2e-");
  const base = mkdtempSync(path.join(parent, `${safeName(name)}-`));
  const dirs = {
    base,
    HOME: path.join(base, "home"),
    XDG_DATA_HOME: path.join(base, "data"),
    XDG_CONFIG_HOME: path.join(base, "config"),
    XDG_CACHE_HOME: path.join(base, "cache"),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  return dirs;
}

/** Start tauri-driver with `env` for the app it will launch; resolves once /status says ready. */
export async function startDriver(name, env) {
  const port = await freePort();
  let nativePort = await freePort();
  while (nativePort === port) nativePort = await freePort();
  const log = path.join(OUT_DIR, `${safeName(name)}.driver.log`);
  const proc = spawnGroup("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env,
    log,
  });
  const base = `http://127.0.0.1:${port}`;
  let exitedEarly = false;
  proc.exited.then(() => {
    exitedEarly = true;
  });
  await waitFor(
    async () => {
      if (exitedEarly) throw Object.assign(new Error(`tauri-driver exited, see ${log}`), { fatal: true });
      return driverReady(base);
    },
    { timeoutMs: 30_000, intervalMs: 100, message: `tauri-driver /status on ${base} (log: ${log})` },
  );
  return { base, log, stop: () => proc.stop() };
}

/** Save a screenshot and the page source of `session` as tests/e2e/out/<name>.{png,html}. */
export async function saveFailureArtifacts(session, name) {
  const stem = path.join(OUT_DIR, safeName(name));
  try {
    writeFileSync(`${stem}.png`, await session.screenshot());
  } catch (err) {
    writeFileSync(`${stem}.png.error.txt`, String(err));
  }
  try {
    writeFileSync(`${stem}.html`, await session.source());
  } catch (err) {
    writeFileSync(`${stem}.html.error.txt`, String(err));
  }
  try {
    writeFileSync(`${stem}.a11y.txt`, await session.a11yTree());
  } catch (err) {
    writeFileSync(`${stem}.a11y.txt`, String(err));
  }
  return stem;
}

/**
 * With SKEP_E2E_CAPTURE_APP_OUTPUT=1 (tests/e2e/run.sh sets it), the app's own stdout/stderr
 * (WebKitWebDriver does not pass them on) is appended to tests/e2e/out/<name>.app.log through a
 * tiny wrapper script, so the suite-wide secret scan (tests/e2e/final/) can read what it printed.
 */
function captureOutputOf(name, application) {
  if (process.env.SKEP_E2E_CAPTURE_APP_OUTPUT !== "1" || application !== APP_BIN) return application;
  const log = path.join(OUT_DIR, `${safeName(name)}.app.log`);
  writeFileSync(log, ""); // fresh per App (relaunches append)
  const dir = mkdtempSync(path.join(os.tmpdir(), "skep-app-wrapper-"));
  const wrapper = path.join(dir, "skep");
  writeFileSync(wrapper, `#!/bin/sh\nexec ${JSON.stringify(application)} "$@" >>${JSON.stringify(log)} 2>&1\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/** The D-Bus name a running Skep holds (tauri-plugin-single-instance: `<identifier>.SingleInstance`). */
export const SINGLE_INSTANCE_NAME = "dev.skep.app.SingleInstance";

/** Whether a Skep process holds the single-instance name on the session bus of `env`. */
export async function skepIsRunning(env = process.env) {
  try {
    const { stdout } = await execFile(
      "dbus-send",
      ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
       "org.freedesktop.DBus.NameHasOwner", `string:${SINGLE_INSTANCE_NAME}`],
      { env, timeout: 5_000 },
    );
    return /boolean true/.test(stdout);
  } catch {
    return false; // no session bus: no single-instance guard either
  }
}

/**
 * An app under test. `launch()` opens a WebDriver session (= starts Skep), `close()` ends it
 * (= quits Skep); call launch again to restart the app with the same data dirs.
 */
export class App {
  constructor(name, { env = {}, dirs, args = [], application = APP_BIN } = {}) {
    this.name = name;
    this.args = args;
    this.application = captureOutputOf(name, application);
    this.dirs = dirs ?? isolatedDirs(name);
    this.extraEnv = env;
    this.driver = null;
    this.session = null;
    this.launches = 0;
  }

  get env() {
    const { base: _base, ...xdg } = this.dirs;
    return {
      ...process.env,
      ...xdg,
      RUST_LOG: process.env.RUST_LOG || "info",
      SKEP_SANDBOX_CONTROL_TOKEN: SANDBOX_CONTROL_TOKEN,
      ...this.extraEnv,
    };
  }

  async launch() {
    if (!existsSync(this.application)) {
      throw new Error(`app binary missing: ${this.application} (run make test, or build it)`);
    }
    // Skep is single-instance: a launch while an earlier test's app is still exiting would hand
    // over to that one and quit. Wait until no Skep holds the session's instance name.
    await waitFor(async () => !(await skepIsRunning(this.env)), {
      timeoutMs: 30_000,
      message: "the previous Skep to exit (it still holds dev.skep.app.SingleInstance)",
    });
    if (!this.driver) this.driver = await startDriver(this.name, this.env);
    this.launches += 1;
    this.session = await newAppSession(this.driver.base, this.application, this.args);
    return this.session;
  }

  async close() {
    if (this.session) {
      const s = this.session;
      this.session = null;
      await s.delete().catch(() => {});
    }
  }

  async dispose() {
    await this.close();
    if (this.driver) {
      const d = this.driver;
      this.driver = null;
      await d.stop();
    }
  }
}

/**
 * Run `body(app)` against a launched app; on failure save a screenshot + page source, then
 * always quit the app and kill the driver's process group.
 */
export async function withApp(name, options, body) {
  const app = new App(name, options);
  try {
    await app.launch();
    await body(app);
  } catch (caught) {
    let err = caught;
    const note = (text) => {
      try {
        err.message += text;
      } catch {
        // Not every thrown value has a writable message (some are read-only, some not Errors).
        err = new Error(`${err?.message ?? String(err)}${text}`, { cause: err });
      }
    };
    if (app.session) {
      const stem = await saveFailureArtifacts(app.session, name);
      note(`\n  screenshot: ${stem}.png  page source: ${stem}.html  roles: ${stem}.a11y.txt`);
    }
    if (app.driver) note(`\n  driver/app log: ${app.driver.log}`);
    throw err;
  } finally {
    await app.dispose();
  }
}

// ---- the sandbox --------------------------------------------------------------------------

export const ALL_PERMISSIONS = [
  "get_clusters",
  "create_clusters",
  "delete_clusters",
  "get_clients",
  "create_clients",
  "delete_clients",
  "ip_allowlist",
  "connector_secrets",
  "backups",
  "members",
  "web_modeler_api",
];

async function http(method, url, { json, form, headers = {}, timeoutMs = 10_000 } = {}) {
  const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
  if (json !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.headers["content-type"] = "application/x-www-form-urlencoded";
    init.body = new URLSearchParams(form).toString();
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let body = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, text };
}

/** HTTP view of a running sandbox (the app's built-in one, or a standalone one). */
export class SandboxClient {
  constructor(base) {
    this.base = base.replace(/\/$/, "");
  }

  get tokenUrl() {
    return `${this.base}/oauth/token`;
  }

  get audience() {
    return "api.cloud.camunda.io";
  }

  async reachable() {
    try {
      const res = await http("GET", `${this.base}/__sandbox/counters`, { headers: controlHeaders(), timeoutMs: 1_000 });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  /** Counters with snake_case keys (the wire may use either case). */
  async counters() {
    const res = await http("GET", `${this.base}/__sandbox/counters`, { headers: controlHeaders() });
    if (res.status !== 200) throw new Error(`GET /__sandbox/counters -> ${res.status} ${res.text.slice(0, 200)}`);
    const c = res.body;
    const pick = (snake, camel) => c[snake] ?? c[camel] ?? 0;
    return {
      token_requests: pick("token_requests", "tokenRequests"),
      tokens_issued: pick("tokens_issued", "tokensIssued"),
      routes: c.routes ?? {},
      admin_secret_misuse: pick("admin_secret_misuse", "adminSecretMisuse"),
      token_misuse: pick("token_misuse", "tokenMisuse"),
    };
  }

  /** New API client credentials in the sandbox: { clientId, clientSecret }. */
  async createApiClient(permissions = ALL_PERMISSIONS) {
    const res = await http("POST", `${this.base}/__sandbox/api-clients`, {
      json: { permissions },
      headers: controlHeaders(),
    });
    if (res.status < 200 || res.status > 299) {
      throw new Error(`POST /__sandbox/api-clients -> ${res.status} ${res.text.slice(0, 200)}`);
    }
    const b = res.body;
    const clientId = b.clientId ?? b.client_id;
    const clientSecret = b.clientSecret ?? b.client_secret;
    if (!clientId || !clientSecret) throw new Error(`unexpected api-clients answer: ${Object.keys(b)}`);
    return { clientId, clientSecret };
  }

  async token({ clientId, clientSecret }) {
    const res = await http("POST", this.tokenUrl, {
      form: {
        grant_type: "client_credentials",
        audience: this.audience,
        client_id: clientId,
        client_secret: clientSecret,
      },
    });
    if (res.status !== 200 || !res.body?.access_token) {
      throw new Error(`token request -> ${res.status} ${res.text.slice(0, 200)}`);
    }
    return res.body.access_token;
  }

  /** GET an API path with fresh credentials (independent of the app). */
  async api(method, apiPath, json) {
    if (!this.creds) this.creds = await this.createApiClient();
    if (!this.bearer) this.bearer = await this.token(this.creds);
    const res = await http(method, `${this.base}${apiPath}`, {
      json,
      headers: { authorization: `Bearer ${this.bearer}` },
    });
    if (res.status < 200 || res.status > 299) {
      throw new Error(`${method} ${apiPath} -> ${res.status} ${res.text.slice(0, 200)}`);
    }
    return res.body;
  }

  async clusters() {
    return this.api("GET", "/clusters");
  }
}

/** Start `console-sandbox --addr 127.0.0.1:PORT [args]` in its own process group. */
export async function startStandaloneSandbox(name, args = []) {
  if (!existsSync(SANDBOX_BIN)) throw new Error(`sandbox binary missing: ${SANDBOX_BIN}`);
  const port = await freePort();
  const log = path.join(OUT_DIR, `${safeName(name)}.sandbox.log`);
  const proc = spawnGroup(SANDBOX_BIN, ["--addr", `127.0.0.1:${port}`, ...args], {
    env: { ...process.env, CONSOLE_SANDBOX_CONTROL_TOKEN: SANDBOX_CONTROL_TOKEN },
    log,
  });
  const client = new SandboxClient(`http://127.0.0.1:${port}`);
  let exited = false;
  proc.exited.then(() => {
    exited = true;
  });
  await waitFor(
    async () => {
      if (exited) throw new Error(`console-sandbox exited, see ${log}`);
      return client.reachable();
    },
    { timeoutMs: 20_000, message: `console-sandbox on port ${port} (log: ${log})` },
  );
  client.stop = () => proc.stop();
  client.port = port;
  return client;
}

// ---- the X display: clipboard and native dialogs (xclip, xdotool under the same Xvfb) --------

/** Text of the CLIPBOARD selection on $DISPLAY (what a paste would insert), or "" if none. */
export async function readClipboard() {
  try {
    const { stdout } = await execFile("xclip", ["-o", "-selection", "clipboard"], { timeout: 5_000 });
    return stdout;
  } catch {
    return "";
  }
}

async function xdotool(...args) {
  const { stdout } = await execFile("xdotool", args, { timeout: 10_000 });
  return stdout.trim();
}

async function visibleWindows() {
  try {
    return new Set((await xdotool("search", "--onlyvisible", "--name", ".*")).split("\n").filter(Boolean));
  } catch {
    return new Set(); // xdotool exits 1 when nothing matches
  }
}

/**
 * A PNG of the app's window: WebDriver's snapshot or, when WebKitWebDriver's snapshot does not
 * answer (under Xvfb it sometimes never does, while the window is painted), the X window itself
 * (ImageMagick `import`, under the same Xvfb).
 */
export async function windowScreenshot(session, { timeoutMs = 15_000 } = {}) {
  try {
    return await session.screenshot({ timeoutMs });
  } catch {
    const id = (await xdotool("search", "--onlyvisible", "--name", "^Skep$")).split("\n")[0];
    const { stdout } = await execFile("import", ["-window", id, "png:-"], {
      encoding: "buffer",
      timeout: 15_000,
      maxBuffer: 64 << 20,
    });
    return stdout;
  }
}

/**
 * Answer the native (GTK) save dialog that `openDialog()` opens: type `filePath` into its name
 * field and press Enter, the way a person would. Returns once the dialog is gone.
 */
export async function answerSaveDialog(openDialog, filePath) {
  const before = await visibleWindows();
  await openDialog();
  const dialog = await waitFor(
    async () => [...(await visibleWindows())].find((w) => !before.has(w)),
    { timeoutMs: 20_000, message: "the native save dialog" },
  );
  await xdotool("windowfocus", "--sync", dialog);
  await xdotool("key", "--clearmodifiers", "ctrl+a");
  await xdotool("type", "--delay", "15", filePath);
  await xdotool("key", "--clearmodifiers", "Return");
  await waitFor(async () => !(await visibleWindows()).has(dialog), {
    timeoutMs: 20_000,
    message: "the save dialog to close",
  });
}

/**
 * Press `keys` (xdotool names: "ctrl+shift+o", "alt+h", "c") on the Skep window as a person
 * would, through the X server: the native menu bar's accelerators and mnemonics see them (keys
 * sent through WebDriver reach the page only). One key chord per argument, in order.
 */
export async function pressOnWindow(...keys) {
  const id = (await xdotool("search", "--onlyvisible", "--name", "^Skep$")).split("\n")[0];
  await xdotool("windowfocus", "--sync", id);
  for (const k of keys) {
    await xdotool("key", "--clearmodifiers", k);
    await sleep(150);
  }
}
