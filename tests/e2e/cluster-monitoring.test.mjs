// External monitoring on the real app, against the built-in Sandbox organization: activate it,
// create a monitoring client, rotate its password — each new password goes through the same
// copy-once dialog as a new client secret: copied to the real X clipboard, saved as a Prometheus
// scrape config through the native save dialog (checked for content and mode 0600), not
// dismissable by Escape before the confirmation — then delete the client and deactivate. Each
// step is checked against the sandbox's own API. The passwords are recorded by the sandbox, so
// the suite's final secret scan looks for them in everything Skep wrote.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { answerSaveDialog, freePort, OUT_DIR, readClipboard, SandboxClient, windowScreenshot, withApp } from "./lib/harness.mjs";
import { allowShownOnceSecretIn } from "./lib/security.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";

const USER = "grafana-e2e";
const DIALOG = "Monitoring password";

test("monitoring: activate, a client's password and its rotation shown once, delete, deactivate", { timeout: 300_000 }, async () => {
  const port = await freePort();
  const sandbox = new SandboxClient(`http://127.0.0.1:${port}`);
  await withApp("cluster-monitoring", { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
    const s = app.session;
    const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    await (await s.findByRole("link", "orders-prod", { within: table, timeoutMs: 60_000 })).click();
    await s.findByRole("heading", "orders-prod", { timeoutMs: 30_000 });
    const cluster = (await sandbox.clusters()).find((c) => c.name === "orders-prod");
    const ofSandbox = () => sandbox.api("GET", `/clusters/${cluster.uuid}/monitoring/clients`);

    await (await s.findByRole("tab", "Monitoring")).click();
    const panel = await s.findByRole("region", "External monitoring", { timeoutMs: 30_000 });
    await s.findByText("External monitoring is not active on this cluster.", { within: panel, timeoutMs: 30_000 });

    // Activate: the endpoint the sandbox reports is shown.
    await (await s.findByRole("button", "Activate external monitoring", { within: panel })).click();
    const endpoint = await waitFor(async () => (await ofSandbox()).status?.metricsEndpoint, { message: "monitoring active in the sandbox" });
    const url = `${endpoint.scheme}://${endpoint.target}${endpoint.path}`;
    await s.findByText(url, { within: panel, timeoutMs: 30_000 });
    // What the tab looks like, for a person to check.
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "cluster-monitoring-tab.png"), await windowScreenshot(s, { timeoutMs: 10_000 }));

    // Create a client: its password is shown once.
    await (await s.findByRole("button", "Create monitoring client", { within: panel })).click();
    const create = await s.findByRole("dialog", "Create monitoring client");
    const field = await s.findByRole("textbox", "User name", { within: create });
    await field.click();
    await field.type(USER);
    await s.keys(Keys.ENTER); // Enter submits
    const first = await passwordOf(s);
    await (await s.findByRole("button", "Copy password", { within: await s.findByRole("dialog", DIALOG) })).click();
    await waitFor(async () => (await readClipboard()) === first, { message: "the password on the clipboard" });
    await confirmAndClose(s);
    const listed = await waitFor(async () => (await ofSandbox()).clients.find((c) => c.username === USER), { message: "the client in the sandbox" });
    const clients = await s.findByRole("table", "Monitoring clients", { within: panel, timeoutMs: 30_000 });
    await s.findByText(USER, { within: clients });
    assert.equal((await s.queryAllByText(first)).length, 0, "the password is shown nowhere after the dialog");

    // Rotate: said first, then the new password once; saved as a scrape config.
    await (await s.findByRole("button", `Rotate password of ${USER}`, { within: panel })).click();
    const confirm = await s.findByRole("dialog", `Rotate password of ${USER}`);
    await s.findByText(/stops working at once/, { within: confirm });
    await (await s.findByRole("button", "Rotate password", { within: confirm })).click();
    const second = await passwordOf(s);
    assert.notEqual(second, first, "a rotation gives a new password");
    const dialog = await s.findByRole("dialog", DIALOG);
    await s.findByText(/previous password has stopped working/, { within: dialog });
    const file = path.join(app.dirs.HOME, "prometheus-grafana-e2e.yml");
    allowShownOnceSecretIn(file); // saved on the user's request: the one place it may be
    const save = await s.findByRole("button", "Save as Prometheus scrape config", { within: dialog });
    await answerSaveDialog(() => save.click(), file);
    await s.findByText(/Saved to .*readable only by you/, { within: dialog });
    const yml = readFileSync(file, "utf8");
    for (const line of [
      `job_name: 'c8-${cluster.uuid}'`,
      `metrics_path: '${endpoint.path}'`,
      `username: '${USER}'`,
      `password: '${second}'`,
      `targets: ['${endpoint.target}']`,
    ]) {
      assert.ok(yml.includes(line), `${line} in the scrape config`);
    }
    assert.equal(statSync(file).mode & 0o777, 0o600, "the scrape config is readable only by its owner");
    await s.keys(Keys.ESCAPE);
    await s.findByRole("alert", /confirm/i, { within: dialog });
    assert.equal((await s.queryAllByRole("dialog", DIALOG)).length, 1, "Escape closed the password dialog");
    await confirmAndClose(s);

    // Delete the client, then deactivate.
    await (await s.findByRole("button", `Delete ${USER}`, { within: panel })).click();
    const del = await s.findByRole("dialog", `Delete monitoring client ${USER}`);
    await (await s.findByRole("button", "Delete monitoring client", { within: del })).click();
    await s.waitGoneByRole("dialog", `Delete monitoring client ${USER}`, { timeoutMs: 30_000 });
    await waitFor(async () => !(await ofSandbox()).clients.some((c) => c.uuid === listed.uuid), { message: "the client deleted in the sandbox" });
    await (await s.findByRole("button", "Deactivate…", { within: panel })).click();
    const off = await s.findByRole("dialog", "Deactivate external monitoring");
    await (await s.findByRole("button", "Deactivate", { within: off })).click();
    await s.findByText("External monitoring is not active on this cluster.", { within: panel, timeoutMs: 30_000 });
    assert.equal((await ofSandbox()).status?.metricsEndpoint, undefined, "deactivated in the sandbox");
  });
});

/** The password the open copy-once dialog holds (revealed, read, hidden again). */
async function passwordOf(s) {
  const dialog = await s.findByRole("dialog", DIALOG, { timeoutMs: 30_000 });
  await (await s.findByRole("button", "Reveal password", { within: dialog })).click();
  const password = await waitFor(
    async () => s.execute("const e = arguments[0].querySelector('.skep-secret'); return e ? e.innerText.trim() : ''", dialog),
    { message: "the revealed password" },
  );
  assert.ok(password.length >= 16 && !password.includes("•"), `revealed password looks wrong (${password.length} chars)`);
  await (await s.findByRole("button", "Hide password", { within: dialog })).click();
  return password;
}

async function confirmAndClose(s) {
  const dialog = await s.findByRole("dialog", DIALOG);
  await (await s.findByRole("checkbox", "I have copied or downloaded the password", { within: dialog })).click();
  const done = await s.findByRole("button", "Done", { within: dialog });
  await waitFor(() => done.enabled(), { message: "Done to be enabled" });
  await done.click();
  await s.waitGoneByRole("dialog", DIALOG, { timeoutMs: 30_000 });
}
