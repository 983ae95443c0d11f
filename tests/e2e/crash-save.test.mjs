// "Kill -9 during an organization save", made deterministic: the app's crash-point hook
// (SKEP_TEST_CRASH_AT, inert unless set) aborts the process at an exact point of saving a new
// organization - after its secret went to the keychain, after the new settings were written to
// the temp file (before the rename), and right after the rename. After each crash: the settings
// file is valid JSON and holds exactly the organizations confirmed before (plus the unconfirmed
// one's id in its keychain journal), or holds the new one, once the rename happened; no temp file is left after the restart and none ever held a secret; the confirmed
// organization is there and works; no secret or token is on disk or in the app's output; the
// secret a crash left in the keychain without its organization is gone after the restart.

import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { App, APP_BIN, isolatedDirs, OUT_DIR, startStandaloneSandbox } from "./lib/harness.mjs";
import { filesBelow, invokeEach, JWT_RE, keychainItemCount, scanForSecrets } from "./lib/security.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const POINTS = ["after-keychain-write", "settings-before-rename", "settings-after-rename"];

/** A wrapper recording the app's pid, its output going to tests/e2e/out/<name>.app.log. */
function pidWrapper(name) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "skep-crash-save-"));
  const pidFile = path.join(dir, "app.pid");
  const log = path.join(OUT_DIR, `${name}.app.log`);
  writeFileSync(log, "");
  const wrapper = path.join(dir, "skep");
  writeFileSync(wrapper, `#!/bin/sh\necho $$ > ${JSON.stringify(pidFile)}\nexec ${JSON.stringify(APP_BIN)} "$@" >>${JSON.stringify(log)} 2>&1\n`);
  chmodSync(wrapper, 0o755);
  return { wrapper, pidFile, log };
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const settingsFiles = (base) => filesBelow(base).filter((f) => path.basename(f) === "settings.json");
const tempFiles = (base) => filesBelow(base).filter((f) => /^\.settings\.json\..*\.tmp$/.test(path.basename(f)));

function settingsText(base) {
  const files = settingsFiles(base);
  assert.equal(files.length, 1, `settings files: ${files}`);
  const text = readFileSync(files[0], "utf8");
  JSON.parse(text); // valid JSON, or this throws
  return text;
}

test("kill at exact points of an organization save: settings valid and as confirmed, no temp file, no secret on disk",
  { timeout: 420_000 }, async () => {
  const sandbox = await startStandaloneSandbox("crash-save-sandbox", ["--no-rate-limit"]);
  const dirs = isolatedDirs("crash-save");
  const normal = new App("crash-save", { dirs });
  const logs = [];
  try {
    const creds = await sandbox.createApiClient();
    const input = (name) => ({
      input: { name, clientId: creds.clientId, clientSecret: creds.clientSecret, tokenUrl: sandbox.tokenUrl,
               apiBaseUrl: sandbox.base, audience: sandbox.audience, sessionOnly: false },
    });

    // A confirmed organization (keychain), active.
    let s = await normal.launch();
    await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    const added = (await invokeEach(s, [["add_organization", input("Confirmed Org")]])).add_organization;
    assert.ok(added.allowed, added.error);
    const confirmedId = added.value.id;
    await normal.close();
    let confirmed = settingsText(dirs.base);
    assert.ok(confirmed.includes(confirmedId));

    for (const point of POINTS) {
      let orphan = null;
      const name = `crash-save-${point}`;
      const { wrapper, pidFile, log } = pidWrapper(name);
      logs.push(log);
      const crashing = new App(name, { dirs, application: wrapper, env: { SKEP_TEST_CRASH_AT: point } });
      try {
        s = await crashing.launch();
        await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
        const pid = Number(readFileSync(pidFile, "utf8").trim());
        assert.ok(pid > 1 && alive(pid));
        // The save that never gets confirmed (the app dies inside it).
        await s.execute(
          `window.__TAURI_INTERNALS__.invoke("add_organization", arguments[0]).catch(() => {}); return true;`,
          input(`Racing Org ${point}`),
        ).catch(() => {});
        await waitFor(() => !alive(pid), { timeoutMs: 20_000, message: `the app to abort at ${point}` });
        await waitFor(() => readFileSync(log, "utf8").includes(`SKEP_TEST_CRASH_AT=${point}: aborting`), {
          timeoutMs: 5_000,
          message: `the app's own word that it aborted at ${point}`,
        });
      } finally {
        await crashing.dispose();
      }

      // On disk, before any restart.
      const text = settingsText(dirs.base);
      const temps = tempFiles(dirs.base);
      if (point === "settings-after-rename") {
        assert.ok(text.includes(`Racing Org ${point}`), "the renamed settings hold the new organization");
        assert.ok(text.includes(confirmedId));
        assert.deepEqual(temps, []);
      } else {
        // The organizations are as confirmed; the unfinished save is journaled (its id pending)
        // and its secret is in the keychain: the orphan the next start must remove.
        const now = JSON.parse(text);
        const before = JSON.parse(confirmed);
        assert.deepEqual({ ...now, pendingKeychain: undefined }, { ...before, pendingKeychain: undefined },
          `settings changed by a save that never completed (${point})`);
        assert.equal(now.pendingKeychain?.length, 1, `the unfinished save is not journaled: ${text}`);
        orphan = `organization/${now.pendingKeychain[0]}/client-secret`;
        assert.equal(await keychainItemCount(orphan), 1, "the crashed save's secret is in the keychain");
      }
      if (point === "settings-before-rename") {
        assert.equal(temps.length, 1, `the temp file of the interrupted save: ${temps}`);
        const tmp = readFileSync(temps[0], "utf8");
        JSON.parse(tmp);
        assert.ok(tmp.includes(`Racing Org ${point}`), "the temp file is the interrupted save's");
      }
      const hits = scanForSecrets({
        files: filesBelow(dirs.base),
        needles: [
          { label: "Administration API secret", value: creds.clientSecret },
          { label: "access token (JWT)", value: JWT_RE },
        ],
      });
      assert.deepEqual(hits, [], `secrets on disk after the crash at ${point}:\n${hits.join("\n")}`);

      // Restart normally: what was confirmed is all there and works; leftovers are cleaned up.
      s = await normal.launch();
      const state = (await invokeEach(s, [["list_organizations", {}]])).list_organizations;
      assert.ok(state.allowed, state.error);
      const names = state.value.organizations.map((o) => o.name);
      assert.ok(names.includes("Confirmed Org"), `confirmed organization lost after ${point}: ${names}`);
      assert.equal(names.includes(`Racing Org ${point}`), point === "settings-after-rename", `after ${point}: ${names}`);
      assert.deepEqual(tempFiles(dirs.base), [], `temp files left after the restart (${point})`);
      if (orphan) {
        assert.equal(await keychainItemCount(orphan), 0, "the orphaned secret is still in the keychain after the restart");
        assert.equal(JSON.parse(settingsText(dirs.base)).pendingKeychain, undefined, "the journal is not cleared");
      }
      const active = (await invokeEach(s, [["set_active_organization", { id: confirmedId }]])).set_active_organization;
      assert.ok(active.allowed, active.error);
      const listed = (await invokeEach(s, [["list_clusters", {}]])).list_clusters;
      assert.ok(listed.allowed, listed.error);
      assert.ok(listed.value.clusters.some((c) => c.name === "orders-prod"));
      await normal.close();
      confirmed = settingsText(dirs.base);
    }
    const c = await sandbox.counters();
    assert.equal(c.admin_secret_misuse, 0);
    assert.equal(c.token_misuse, 0);
    const hits = scanForSecrets({
      files: [...filesBelow(dirs.base), ...logs].filter((f) => existsSync(f)),
      needles: [
        { label: "Administration API secret", value: creds.clientSecret },
        { label: "access token (JWT)", value: JWT_RE },
      ],
    });
    assert.deepEqual(hits, [], `secrets found:\n${hits.join("\n")}`);
  } finally {
    await normal.dispose();
    await sandbox.stop();
  }
});
