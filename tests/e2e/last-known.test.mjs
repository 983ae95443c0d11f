// Start-up with last-known data (issue 15): an organization's lists (clusters, All clients, both
// tabs of All organizations), once fetched, are kept in the cache folder (owner-only, no secret),
// so that the next start shows them at once — and, with its Console unreachable, shows them with
// the offline banner (or, in All organizations, dated beside the fresh organizations) instead of
// an error.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { App, OUT_DIR, saveFailureArtifacts, startStandaloneSandbox, windowScreenshot } from "./lib/harness.mjs";
import { invokeEach } from "./lib/security.mjs";
import { waitFor } from "./lib/webdriver.mjs";

/** The files under the last-known folder of the app's cache folder (one folder per organization). */
function keptFiles(cacheHome) {
  const walk = (dir) => {
    try {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
      );
    } catch {
      return [];
    }
  };
  return walk(path.join(cacheHome, "dev.skep.app", "last-known"));
}

/** The kept file named `name` once it holds every one of `texts`. */
function keptFile(app, name, texts, message) {
  return waitFor(() => {
    const file = keptFiles(app.dirs.XDG_CACHE_HOME).find((f) => path.basename(f) === name);
    return file && texts.every((t) => readFileSync(file, "utf8").includes(t)) ? file : null;
  }, { timeoutMs: 15_000, message });
}

const MENU = ["menuitem", "link"];

/** `texts` all in the table named `name`. */
async function inTable(s, name, texts, message) {
  const table = await s.findByRole("table", name, { timeoutMs: 60_000 });
  return waitFor(async () => {
    const text = await s.visibleText(table);
    return texts.every((n) => text.includes(n)) ? text : null;
  }, { timeoutMs: 60_000, message });
}

test("offline at start: the last-known clusters with the offline banner, not an error", { timeout: 300_000 }, async () => {
  const sandbox = await startStandaloneSandbox("last-known", ["--seed", "generated:3:1"]);
  const app = new App("last-known");
  let stopped = false;
  try {
    const creds = await sandbox.createApiClient();
    const names = (await sandbox.clusters()).map((c) => c.name);
    let s = await app.launch();
    await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    const added = await invokeEach(s, [["add_organization", { input: {
      name: "Faraway", clientId: creds.clientId, clientSecret: creds.clientSecret, tokenUrl: sandbox.tokenUrl,
      apiBaseUrl: sandbox.base, audience: sandbox.audience, sessionOnly: false, color: null, production: false,
    } }]]);
    assert.ok(added.add_organization.allowed, added.add_organization.error);
    const id = added.add_organization.value.id;
    const active = await invokeEach(s, [["set_active_organization", { id }]]);
    assert.ok(active.set_active_organization.allowed, active.set_active_organization.error);
    await s.reload();
    await inTable(s, "Clusters", names, "Faraway's clusters, fetched");
    // Kept in the background once listed.
    const file = await keptFile(app, "clusters.json", names, "the last-known clusters in the cache folder");
    assert.equal(statSync(file).mode & 0o777, 0o600, "the last-known file is readable only by its owner");

    // All clients, and both tabs of All organizations: each kept too.
    const clientIds = [];
    for (const c of await sandbox.clusters()) {
      for (const client of await sandbox.api("GET", `/clusters/${c.uuid}/clients`)) clientIds.push(client.clientId);
    }
    assert.ok(clientIds.length >= 3, `the seed's clients: ${clientIds}`);
    await (await s.findByRole("button", "All clients", { timeoutMs: 30_000 })).click();
    await inTable(s, "All clients", clientIds, "Faraway's clients in All clients");
    await keptFile(app, "all-clients.json", clientIds, "the last-known All clients list");
    await (await s.findByRole(MENU, "All organizations")).click();
    await inTable(s, "Clusters of every organization", [...names, "orders-prod"], "both organizations' clusters");
    await (await s.findByRole("tab", "API clients")).click();
    await inTable(s, "API clients of every organization", clientIds, "Faraway's clients in the overview");

    for (const f of keptFiles(app.dirs.XDG_CACHE_HOME)) {
      const kept = readFileSync(f, "utf8");
      assert.equal(statSync(f).mode & 0o777, 0o600, `${f} is readable by others`);
      assert.ok(!kept.includes(creds.clientSecret), `the API secret is in ${f}`);
      assert.ok(!/eyJ[\w-]{8,}\.eyJ[\w-]{8,}\./.test(kept), `a token is in ${f}`);
    }

    // --- restart with the Console gone -------------------------------------------------------
    await app.close();
    await sandbox.stop();
    stopped = true;
    s = await app.launch();
    await inTable(s, "Clusters", names, "the last-known clusters, offline");
    const banner = await s.findByText(/^Offline — showing data from \d\d:\d\d$/, { timeoutMs: 60_000 });
    assert.ok(banner, "the offline banner");
    writeFileSync(path.join(OUT_DIR, "last-known-offline.png"), await windowScreenshot(s));
    assert.equal((await s.queryAllByRole("alert")).length, 0, "an error instead of (or beside) the last-known list");

    // All clients: the kept clients, with the offline banner.
    await (await s.findByRole("button", "All clients", { timeoutMs: 30_000 })).click();
    await inTable(s, "All clients", clientIds, "the last-known clients, offline");
    await s.findByText(/^Offline — showing data from \d\d:\d\d$/, { timeoutMs: 60_000 });
    assert.equal((await s.queryAllByRole("alert")).length, 0, "an error instead of (or beside) the last-known clients");

    // All organizations: the Sandbox fresh, Faraway as last listed, dated in the alert saying why.
    await (await s.findByRole(MENU, "All organizations")).click();
    await inTable(s, "Clusters of every organization", [...names, "orders-prod"], "the Sandbox's clusters and Faraway's kept ones");
    const refresh = await s.findByRole("alert", "Faraway could not be refreshed", { timeoutMs: 60_000 });
    assert.match(await s.visibleText(refresh), /could not be refreshed — showing them as of \d\d:\d\d/);
    assert.ok(!/Not listed: /.test(await s.visibleText()), "a 'not listed' row beside Faraway's kept clusters");
    writeFileSync(path.join(OUT_DIR, "last-known-overview-offline.png"), await windowScreenshot(s));
    await (await s.findByRole("tab", "API clients")).click();
    await inTable(s, "API clients of every organization", clientIds, "Faraway's kept clients in the overview");
    await s.findByRole("alert", "Faraway could not be refreshed", { timeoutMs: 60_000 });

    // Removing the organization removes what was kept for it.
    const removed = await invokeEach(s, [["remove_organization", { id }]]);
    assert.ok(removed.remove_organization.allowed, removed.remove_organization.error);
    assert.deepEqual(keptFiles(app.dirs.XDG_CACHE_HOME), [], "the removed organization's last-known lists");
  } catch (err) {
    if (app.session) {
      const stem = await saveFailureArtifacts(app.session, "last-known");
      err.message += `\n  screenshot: ${stem}.png  page source: ${stem}.html`;
    }
    throw err;
  } finally {
    await app.dispose();
    if (!stopped) await sandbox.stop();
  }
});
