// "A locked Secret Service at start", on the real app and a real gnome-keyring: a
// private bus + keyring (not the one the rest of the run shares) holds a saved organization's
// secret, then its login collection is locked and Skep restarts. Skep must start, say plainly
// that the keychain is locked, never hang on the keyring's password prompt (answered or not),
// and keep working with a session-only organization.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { App, isolatedDirs, saveFailureArtifacts, startStandaloneSandbox } from "./lib/harness.mjs";
import { dismissWindow, startPrivateKeyring, visibleWindows } from "./lib/private-keyring.mjs";
import { invokeEach } from "./lib/security.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const MENU = ["menuitem", "link"];
// How long one keychain call may wait for the prompt in this test (the app's default is 30 s).
const KEYCHAIN_TIMEOUT_MS = 6_000;

/** Invoke one command from the page; resolves to { ok, value | error, ms }. */
async function timed(s, cmd, args = {}) {
  const t0 = Date.now();
  const r = (await invokeEach(s, [[cmd, args]]))[cmd];
  return { ...r, ms: Date.now() - t0 };
}

/** The keyring's password prompt window(s) on the display. */
async function promptWindows() {
  return [...(await visibleWindows())].filter(([, title]) => /keyring|unlock|password/i.test(title));
}

const waitForPrompt = () =>
  waitFor(async () => (await promptWindows())[0] ?? null, { timeoutMs: 30_000, message: "the keyring's password prompt" });

async function waitPromptGone() {
  await waitFor(async () => (await promptWindows()).length === 0, { timeoutMs: 15_000, message: "the prompt to close" });
}

/** The page shows the keychain message (the clusters screen's error) - plain words, no code. */
async function plainKeychainMessage(s, detail) {
  const text = await waitFor(async () => {
    const t = await s.execute("return document.body.innerText");
    return /system keychain is not available/i.test(t) && detail.test(t) ? t : null;
  }, { timeoutMs: 30_000, message: `the keychain message (${detail})` });
  assert.ok(!/panic|undefined|\[object|Error:/.test(text), `not a plain message: ${text.slice(0, 500)}`);
}

test("a locked keychain at start: plain message, no hang (prompt unanswered or dismissed), session-only works",
  { timeout: 360_000 }, async () => {
  const sandbox = await startStandaloneSandbox("locked-keychain-sandbox", ["--no-rate-limit"]);
  const dirs = isolatedDirs("locked-keychain");
  const keyring = await startPrivateKeyring(mkdtempSync(path.join(dirs.base, "keyring-")));
  const app = new App("locked-keychain", {
    dirs,
    env: { ...keyring.env, SKEP_KEYCHAIN_TIMEOUT_MS: String(KEYCHAIN_TIMEOUT_MS) },
  });
  try {
    const creds = await sandbox.createApiClient();
    const input = (name, sessionOnly) => ({
      input: { name, clientId: creds.clientId, clientSecret: creds.clientSecret, tokenUrl: sandbox.tokenUrl,
               apiBaseUrl: sandbox.base, audience: sandbox.audience, sessionOnly },
    });

    // 1. Unlocked: save an organization in the keychain (it becomes the active one).
    let s = await app.launch();
    await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    const first = await timed(s, "list_organizations");
    assert.equal(first.value.keychainAvailable, true, JSON.stringify(first.value));
    const saved = await timed(s, "add_organization", input("Keychain Org", false));
    assert.ok(saved.allowed, saved.error);
    assert.equal(saved.value.secretStorage, "keychain");
    const keychainOrg = saved.value.id;
    const items = await keyring.itemCount();
    assert.ok(items >= 1, "the secret is in the private keyring");
    await app.close();

    // 2. Lock the keyring and restart. The active organization needs its secret at once, so the
    //    keyring raises its password prompt; nobody answers it.
    await keyring.lock();
    assert.equal(await keyring.isLocked(), true);
    assert.deepEqual(await promptWindows(), [], "a prompt before the restart");
    s = await app.launch();
    const [promptId, promptTitle] = await waitForPrompt();
    // While the prompt is open, the app answers: the organizations list (never prompts) says
    // plainly that the keychain is locked.
    const orgs = await timed(s, "list_organizations");
    assert.ok(orgs.allowed, orgs.error);
    assert.ok(orgs.ms < 5_000, `list_organizations took ${orgs.ms} ms`);
    assert.equal(orgs.value.keychainAvailable, false);
    assert.match(orgs.value.keychainMessage, /keychain is locked/);
    assert.ok(orgs.value.keychainMessage.length < 300, orgs.value.keychainMessage);
    // Listing the clusters (needs the secret) gives up after the keychain timeout, plainly.
    const listed = await timed(s, "list_clusters");
    assert.equal(listed.allowed, false, "clusters listed without the secret?");
    assert.match(listed.error, /"kind":"keychain_unavailable"/);
    assert.ok(listed.ms < KEYCHAIN_TIMEOUT_MS + 5_000, `list_clusters took ${listed.ms} ms`);
    await plainKeychainMessage(s, /locked/);
    // Saving another organization in the keychain fails fast (no second prompt) ...
    const refused = await timed(s, "add_organization", input("Second Keychain Org", false));
    assert.equal(refused.allowed, false);
    assert.match(refused.error, /"kind":"keychain_unavailable"/);
    assert.ok(refused.ms < KEYCHAIN_TIMEOUT_MS + 5_000, `add_organization took ${refused.ms} ms`);
    assert.equal((await promptWindows()).length, 1, "a second prompt was raised");
    // ... and session-only works: it lists the sandbox's clusters.
    const session = await timed(s, "add_organization", input("Session Org", true));
    assert.ok(session.allowed, session.error);
    assert.equal(session.value.secretStorage, "session");
    const active = await timed(s, "set_active_organization", { id: session.value.id });
    assert.ok(active.allowed, active.error);
    const sessionList = await timed(s, "list_clusters");
    assert.ok(sessionList.allowed, sessionList.error);
    assert.ok(sessionList.value.clusters.some((c) => c.name === "orders-prod"));
    await s.reload();
    await s.findByText("orders-prod", { timeoutMs: 60_000 });
    // The Add organization screen says so too.
    await (await s.findByRole(MENU, /^Organization:/, { timeoutMs: 30_000 })).click();
    await (await s.findByRole(MENU, "Add organization…")).click();
    await s.findByText("The system keychain is not available", { timeoutMs: 30_000 });
    await s.findByText(/keychain is locked/);

    // 3. Dismiss the prompt that was never answered: the app stays as it is, raises no new
    //    prompt, and the keychain organization still fails plainly and fast.
    await dismissWindow(promptId);
    await waitPromptGone();
    const back = await timed(s, "set_active_organization", { id: keychainOrg });
    assert.ok(back.allowed, back.error);
    const again = await timed(s, "list_clusters");
    assert.equal(again.allowed, false);
    assert.match(again.error, /keychain is locked/);
    assert.ok(again.ms < 5_000, `list_clusters after the dismissal took ${again.ms} ms`);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.deepEqual(await promptWindows(), [], "a new prompt after the dismissal");
    await app.close();

    // 4. Restart, and this time dismiss the prompt at once: the same plain message, at once.
    s = await app.launch();
    const [promptId2] = await waitForPrompt();
    await dismissWindow(promptId2);
    await waitPromptGone();
    await plainKeychainMessage(s, /unlocking it was cancelled|keychain is locked/);
    const afterDismiss = await timed(s, "list_clusters");
    assert.equal(afterDismiss.allowed, false);
    assert.match(afterDismiss.error, /keychain is locked|cancelled/);
    assert.ok(afterDismiss.ms < 5_000, `list_clusters took ${afterDismiss.ms} ms`);
    const orgs2 = await timed(s, "list_organizations");
    assert.ok(orgs2.value.organizations.some((o) => o.id === keychainOrg), "the saved organization is kept");
    assert.equal(orgs2.value.keychainAvailable, false);
    assert.equal(await keyring.itemCount(), items, "the keyring's items changed");
    console.log(`prompt title: ${promptTitle}`);
  } catch (err) {
    if (app.session) await saveFailureArtifacts(app.session, "locked-keychain");
    throw err;
  } finally {
    await app.dispose();
    await keyring.stop();
    await sandbox.stop();
  }
});
