// Start-up with last-known data (issue 15): an organization's cluster list, once fetched, is kept
// in the cache folder (owner-only, no secret), so that the next start shows it at once — and,
// with its Console unreachable, shows it with the offline banner instead of an error.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { writeFileSync } from "node:fs";
import { App, OUT_DIR, saveFailureArtifacts, startStandaloneSandbox, windowScreenshot } from "./lib/harness.mjs";
import { invokeEach } from "./lib/security.mjs";
import { waitFor } from "./lib/webdriver.mjs";

/** The files of the last-known folder under the app's cache folder. */
function keptFiles(cacheHome) {
  const dir = path.join(cacheHome, "dev.skep.app", "last-known");
  try {
    return readdirSync(dir).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

async function namesInTable(s, names, message) {
  const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
  return waitFor(async () => {
    const text = await s.visibleText(table);
    return names.every((n) => text.includes(n)) ? text : null;
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
    await namesInTable(s, names, "Faraway's clusters, fetched");
    // Kept in the background once listed.
    const [file] = await waitFor(() => {
      const files = keptFiles(app.dirs.XDG_CACHE_HOME);
      return files.length === 1 && names.every((n) => readFileSync(files[0], "utf8").includes(n)) ? files : null;
    }, { timeoutMs: 15_000, message: "the last-known list in the cache folder" });
    assert.equal(statSync(file).mode & 0o777, 0o600, "the last-known file is readable only by its owner");
    const kept = readFileSync(file, "utf8");
    assert.ok(!kept.includes(creds.clientSecret), "the API secret is in the last-known file");
    assert.ok(!/eyJ[\w-]{8,}\.eyJ[\w-]{8,}\./.test(kept), "a token is in the last-known file");

    // --- restart with the Console gone -------------------------------------------------------
    await app.close();
    await sandbox.stop();
    stopped = true;
    s = await app.launch();
    await namesInTable(s, names, "the last-known clusters, offline");
    const banner = await s.findByText(/^Offline — showing data from \d\d:\d\d$/, { timeoutMs: 60_000 });
    assert.ok(banner, "the offline banner");
    writeFileSync(path.join(OUT_DIR, "last-known-offline.png"), await windowScreenshot(s));
    assert.equal((await s.queryAllByRole("alert")).length, 0, "an error instead of (or beside) the last-known list");

    // Removing the organization removes what was kept for it.
    const removed = await invokeEach(s, [["remove_organization", { id }]]);
    assert.ok(removed.remove_organization.allowed, removed.remove_organization.error);
    assert.deepEqual(keptFiles(app.dirs.XDG_CACHE_HOME), [], "the removed organization's last-known list");
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
