// Organizations on the real app and the real keychain (throwaway gnome-keyring): add an organization
// through the UI by pasting the Console's credentials file, restart Skep, it is still there and
// lists its clusters with no new token request; no file of Skep's holds the secret or a token.
// The organization is marked red and production when added: after the restart the header says so,
// and deleting one of its clients names the organization and needs the client's name typed.
// All organizations then lists both organizations' clusters, and keeps the Sandbox's when the
// other Console stops answering; its inventory, saved as CSV through the native dialog, holds both;
// its API clients tab finds which organization and cluster a client id belongs to, and opens a
// client of the other organization by switching to it.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { answerSaveDialog, App, OUT_DIR, saveFailureArtifacts, startStandaloneSandbox, windowScreenshot } from "./lib/harness.mjs";
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
    await (await s.findByRole("radio", "Red")).click();
    await (await s.findByRole("checkbox", /^Production/)).click();
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

    // --- the marks survived the restart: red stripe, Production in the header -------------------
    const banner = await s.findByRole("banner", "Skep");
    await s.findByText("Production", { within: banner });
    assert.ok(
      await s.execute("return document.querySelector('header').classList.contains('skep-header--red')"),
      "the header carries the organization's red",
    );
    assert.ok(filesContaining([app.dirs.XDG_DATA_HOME, app.dirs.XDG_CONFIG_HOME], /"color":\s*"red"[\s\S]*"production":\s*true/).length > 0,
      "the settings file holds the colour and the production mark");

    // --- deleting in a production organization: the organization named, the name typed --------
    const cluster = (await sandbox.clusters())[0];
    const [client] = await sandbox.api("GET", `/clusters/${cluster.uuid}/clients`);
    await (await s.findByRole("link", cluster.name)).click();
    await (await s.findByRole("tab", "API clients", { timeoutMs: 30_000 })).click();
    await (await s.findByRole("button", `Delete client ${client.name}`, { timeoutMs: 30_000 })).click();
    const dialog = await s.findByRole("dialog", `Delete client ${client.name}`);
    const dialogText = await s.visibleText(dialog);
    assert.match(dialogText, new RegExp(`Organization: ${ORG_NAME}`));
    assert.match(dialogText, /Production/);
    const confirm = await s.findByRole("button", "Delete client", { within: dialog });
    assert.equal(await confirm.enabled(), false, "Delete client is enabled before the name is typed");
    await (await s.findByRole("textbox", `Type “${client.name}” to confirm`, { within: dialog })).type(client.name);
    await waitFor(() => confirm.enabled(), { message: "Delete client to be enabled once the name is typed" });
    await confirm.click();
    await s.waitGoneByRole("dialog", `Delete client ${client.name}`, { timeoutMs: 30_000 });
    const left = await sandbox.api("GET", `/clusters/${cluster.uuid}/clients`);
    assert.ok(!left.some((c) => c.clientId === client.clientId), "the client was not deleted");

    // --- one person in both organizations at once, then out of ours (production: typed) -------
    const EMAIL = "lin.e2e@example.com";
    const remoteMembers = async () => (await sandbox.api("GET", "/members")).map((m) => m.email);
    await (await s.findByRole(MENU, "Members")).click();
    await (await s.findByRole("button", "In several organizations…", { timeoutMs: 30_000 })).click();
    let many = await s.findByRole("dialog", "Members in several organizations");
    await (await s.findByRole("textbox", "Email", { within: many })).type(EMAIL);
    await (await s.findByRole("checkbox", "Analyst", { within: many })).click();
    await (await s.findByRole("checkbox", /^Sandbox/, { within: many })).click();
    await (await s.findByRole("button", "Invite in 2 organizations", { within: many })).click();
    let results = await s.findByRole("dialog", "Results in several organizations", { timeoutMs: 30_000 });
    const said = await s.visibleText(results);
    assert.match(said, /Done in 2 organizations/, said);
    assert.ok((await remoteMembers()).includes(EMAIL), "invited in our Console");
    await (await s.findByRole("button", "Done", { within: results })).click();
    await s.findByText(EMAIL, { timeoutMs: 30_000 }); // the active organization's list shows it
    // And the Sandbox's: switch to it in the header, see the invite there, switch back.
    await (await s.findByRole(MENU, `Organization: ${ORG_NAME}`)).click();
    await (await s.findByRole(MENU, /^Sandbox/)).click();
    await s.findByRole(MENU, "Organization: Sandbox", { timeoutMs: 30_000 });
    await s.findByRole("heading", "Clusters", { timeoutMs: 30_000 }); // a switch opens its clusters
    await s.clickByRole(MENU, "Members");
    await s.findByText(EMAIL, { timeoutMs: 30_000 });
    await (await s.findByRole(MENU, "Organization: Sandbox")).click();
    await (await s.findByRole(MENU, new RegExp(`^${ORG_NAME}`))).click();
    await s.findByRole(MENU, `Organization: ${ORG_NAME}`, { timeoutMs: 30_000 });
    await s.findByRole("heading", "Clusters", { timeoutMs: 30_000 });
    await s.clickByRole(MENU, "Members");
    await s.findByText(EMAIL, { timeoutMs: 30_000 });
    await (await s.findByRole("button", "In several organizations…")).click();
    many = await s.findByRole("dialog", "Members in several organizations");
    await (await s.findByRole("radio", /^Remove/, { within: many })).click();
    await (await s.findByRole("textbox", "Email", { within: many })).type(EMAIL);
    const removeOne = await s.findByRole("button", "Remove in 1 organization", { within: many });
    assert.equal(await removeOne.enabled(), false, "removing from a production organization needs the email typed");
    await (await s.findByRole("textbox", `Type “${EMAIL}” to confirm`, { within: many })).type(EMAIL);
    await waitFor(() => removeOne.enabled(), { message: "Remove to be enabled once the email is typed" });
    await removeOne.click();
    results = await s.findByRole("dialog", "Results in several organizations", { timeoutMs: 30_000 });
    assert.match(await s.visibleText(results), /Done in 1 organization/);
    assert.ok(!(await remoteMembers()).includes(EMAIL), "removed from our Console");
    await (await s.findByRole("button", "Done", { within: results })).click();

    // --- All organizations: the Sandbox's clusters and ours in one table; with our Console ------
    // stopped, ours shows its clusters as last listed, dated, and the Sandbox's rows stay.
    await (await s.findByRole(MENU, "All organizations")).click();
    const overview = await s.findByRole("table", "Clusters of every organization", { timeoutMs: 60_000 });
    await waitFor(async () => {
      const text = await s.visibleText(overview);
      return names.every((n) => text.includes(n)) && text.includes("orders-prod") && text.includes("Sandbox") ? text : null;
    }, { timeoutMs: 60_000, message: "both organizations' clusters in the overview" });

    // The inventory, with the clients, as CSV through the native save dialog: both Consoles.
    await (await s.findByRole("button", "Export inventory…")).click();
    const exportDialog = await s.findByRole("dialog", "Export inventory");
    await (await s.findByRole("checkbox", /API clients/, { within: exportDialog })).click();
    const inventoryFile = path.join(app.dirs.HOME, "inventory.csv");
    const saveInventory = await s.findByRole("button", "Save…", { within: exportDialog });
    await answerSaveDialog(() => saveInventory.click(), inventoryFile);
    await s.findByText(/Saved to .*readable only by you/, { timeoutMs: 60_000 });
    const inventory = readFileSync(inventoryFile, "utf8").split(/\r?\n/);
    assert.match(inventory[0], /^taken_at,organization,organization_id,production,cluster,.*,client,client_id,client_permissions,error$/);
    for (const n of names) {
      assert.ok(inventory.some((l) => l.includes(`,${ORG_NAME},`) && l.includes(`,${n},`) && l.includes(",yes,")), `${n} of ${ORG_NAME} in the inventory`);
    }
    assert.ok(inventory.some((l) => l.includes(",Sandbox,") && l.includes(",orders-prod,")), "the Sandbox's clusters in the inventory");
    assert.ok(!inventory.some((l) => l.includes(client.clientId)), "the deleted client is still in the inventory");
    assert.equal(statSync(inventoryFile).mode & 0o777, 0o600, "the inventory is readable only by its owner");

    // --- All organizations, API clients: which organization and cluster a client id belongs to --
    const rowsOf = (table) => s.execute(
      "return [...arguments[0].querySelectorAll('tbody tr:not(.skep-spacer)')].map((r) => [...r.cells].map((c) => c.innerText.trim()));",
      table,
    );
    // A client of one of our other clusters (the generated seed gives each cluster one).
    let ours = null;
    let oursCluster = null;
    for (const c of await sandbox.clusters()) {
      const [first] = await sandbox.api("GET", `/clusters/${c.uuid}/clients`);
      if (first) {
        ours = first;
        oursCluster = c;
        break;
      }
    }
    assert.ok(ours, "no cluster of ours has a client left to look for");
    await (await s.findByRole("tab", "API clients")).click();
    const clientsTable = await s.findByRole("table", "API clients of every organization", { timeoutMs: 60_000 });
    const clientFilter = await s.findByRole("searchbox", "Filter clients of every organization");
    await clientFilter.type(ours.clientId);
    await waitFor(async () => {
      const rows = await rowsOf(clientsTable);
      return rows.length === 1 && rows[0][0].includes(ORG_NAME) && rows[0][2] === ours.clientId && rows[0][3] === oursCluster.name;
    }, { timeoutMs: 30_000, message: `${ours.clientId} found in ${ORG_NAME}, cluster ${oursCluster.name}` });
    // One of the Sandbox's clients, opened from here: Skep switches to the Sandbox first.
    await (await s.findByRole("button", "Clear filter")).click();
    await clientFilter.type("Sandbox");
    const sandboxRow = await waitFor(async () => (await rowsOf(clientsTable)).find((r) => r[0] === "Sandbox"), {
      timeoutMs: 30_000,
      message: "a client of the Sandbox",
    });
    await (await s.findByRole("link", sandboxRow[1], { within: clientsTable })).click();
    await s.findByRole("heading", `Client “${sandboxRow[1]}”`, { timeoutMs: 30_000 });
    await s.findByRole(MENU, "Organization: Sandbox", { timeoutMs: 30_000 });
    assert.ok((await s.visibleText()).includes(sandboxRow[2]), "the client details show the client id");
    await (await s.findByRole(MENU, "All organizations")).click();
    await s.findByRole("table", "Clusters of every organization", { timeoutMs: 60_000 });

    await sandbox.stop();
    await (await s.findByRole("button", "Refresh")).click();
    // Its clusters as last listed (kept from the overview above), dated in the alert saying why.
    const refreshAlert = await s.findByRole("alert", `${ORG_NAME} could not be refreshed`, { timeoutMs: 60_000 });
    assert.match(await s.visibleText(refreshAlert), /could not be refreshed — showing them as of \d\d:\d\d/);
    const remaining = await s.visibleText(await s.findByRole("table", "Clusters of every organization"));
    assert.ok(remaining.includes("orders-prod"), `the Sandbox's clusters left the overview: ${remaining}`);
    assert.ok(names.every((n) => remaining.includes(n)), `the stopped Console's last-known clusters are not shown: ${remaining}`);
    assert.ok(!/Not listed: /.test(remaining), `a "not listed" row beside the last-known clusters: ${remaining}`);
    writeFileSync(path.join(OUT_DIR, "overview-one-offline.png"), await windowScreenshot(s));

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
