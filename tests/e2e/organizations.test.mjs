// Organizations on the real app and the real keychain (throwaway gnome-keyring): add an organization
// through the UI by pasting the Console's credentials file, restart Skep, it is still there and
// lists its clusters with no new token request; no file of Skep's holds the secret or a token.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { App, saveFailureArtifacts, startStandaloneSandbox } from "./lib/harness.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const ORG_NAME = "Acme e2e";
// The header's organization switcher and its entries (Carbon renders them as links or menu items).
const MENU = ["menuitem", "link"];

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

/** Files below `dirs` whose bytes contain `needle` (or match the RegExp). */
function filesContaining(dirs, needle) {
  const hits = [];
  for (const dir of dirs) {
    for (const file of walk(dir)) {
      if (statSync(file).size > 50 * 1024 * 1024) continue;
      const text = readFileSync(file).toString("latin1");
      if (needle instanceof RegExp ? needle.test(text) : text.includes(needle)) hits.push(file);
    }
  }
  return hits;
}

async function clusterNamesShown(s, names) {
  const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
  return waitFor(
    async () => {
      const text = await s.visibleText(table);
      return names.every((n) => text.includes(n)) ? text : null;
    },
    { timeoutMs: 60_000, message: `clusters ${names.join(", ")} in the table` },
  );
}

test("an organization added in the UI survives a restart without a new token request", { timeout: 420_000 }, async () => {
  // A second, independent Console: generated seed, so its clusters differ from the built-in Sandbox's.
  const sandbox = await startStandaloneSandbox("organizations", ["--seed", "generated:4:1"]);
  const app = new App("organizations");
  try {
    const creds = await sandbox.createApiClient();
    const names = (await sandbox.clusters()).map((c) => c.name);
    assert.ok(names.length === 4, `standalone sandbox clusters: ${names}`);
    const credentialsFile = [
      "# Camunda Console credentials",
      `export CAMUNDA_CONSOLE_CLIENT_ID='${creds.clientId}'`,
      `export CAMUNDA_CONSOLE_CLIENT_SECRET='${creds.clientSecret}'`,
      `export CAMUNDA_OAUTH_URL='${sandbox.tokenUrl}'`,
      `export CAMUNDA_CONSOLE_BASE_URL='${sandbox.base}'`,
      `export CAMUNDA_CONSOLE_OAUTH_AUDIENCE='${sandbox.audience}'`,
      "",
    ].join("\n");

    // --- first start: the Sandbox organization; add ours through the header's switcher ---------
    let s = await app.launch();
    await (await s.findByRole(MENU, /^Organization:/, { timeoutMs: 60_000 })).click();
    await (await s.findByRole(MENU, "Add organization…")).click();
    await s.findByRole("heading", "Add your organization");
    await (await s.findByRole("textbox", "Organization name (optional)")).type(ORG_NAME);
    await (await s.findByRole("textbox", "Credentials file")).type(credentialsFile);
    await s.findByText(/Credentials found/);
    const save = await s.findByRole("button", "Save organization");
    await waitFor(() => save.enabled(), { message: "Save organization to be enabled" });
    await save.click();

    // Its clusters come from the standalone sandbox, and it is the active organization.
    await clusterNamesShown(s, names);
    await s.findByRole(MENU, `Organization: ${ORG_NAME}`);
    const before = await sandbox.counters();
    assert.ok(before.token_requests >= 2, `token requests so far: ${before.token_requests}`); // ours + the app's
    assert.equal(before.admin_secret_misuse, 0);
    assert.equal(before.token_misuse, 0);

    // The settings were written (poll: the store saves asynchronously) - and hold the client id only.
    const dataDirs = [app.dirs.HOME, app.dirs.XDG_DATA_HOME, app.dirs.XDG_CONFIG_HOME, app.dirs.XDG_CACHE_HOME];
    await waitFor(() => filesContaining([app.dirs.XDG_DATA_HOME, app.dirs.XDG_CONFIG_HOME], creds.clientId).length > 0, {
      timeoutMs: 10_000,
      message: "a settings file naming the client id",
    });

    // --- restart ------------------------------------------------------------------------------
    await app.close();
    s = await app.launch();
    await s.findByRole(MENU, `Organization: ${ORG_NAME}`, { timeoutMs: 60_000 });
    await clusterNamesShown(s, names);
    const after = await sandbox.counters();
    assert.equal(after.token_requests, before.token_requests, "the restarted app requested a new token");
    assert.ok(
      (after.routes["GET /clusters"] ?? 0) > (before.routes["GET /clusters"] ?? 0),
      "the restarted app did not list the clusters over HTTP",
    );
    assert.equal(after.admin_secret_misuse, 0);
    assert.equal(after.token_misuse, 0);

    // --- no secret and no token in any file the app wrote ------------------------------------
    await app.close();
    assert.deepEqual(filesContaining(dataDirs, creds.clientSecret), [], "files containing the client secret");
    // Sandbox tokens are JWTs.
    assert.deepEqual(filesContaining(dataDirs, /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\./), [], "files containing an access token");
  } catch (err) {
    if (app.session) {
      const stem = await saveFailureArtifacts(app.session, "organizations");
      err.message += `\n  screenshot: ${stem}.png  page source: ${stem}.html  roles: ${stem}.a11y.txt`;
    }
    if (app.driver) err.message += `\n  driver/app log: ${app.driver.log}`;
    throw err;
  } finally {
    await app.dispose();
    await sandbox.stop();
  }
});
