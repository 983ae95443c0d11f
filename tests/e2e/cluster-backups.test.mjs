// Backups on the real app, against the built-in Sandbox organization (Enterprise): the seeded
// backup with its status per component, a manual backup (after which the 15-minute rule is said
// before any request fails), and a restore behind typing the cluster's name, followed to the end.
// Checked against the sandbox's own API.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { freePort, OUT_DIR, SandboxClient, withApp } from "./lib/harness.mjs";
import { waitFor } from "./lib/webdriver.mjs";

test("backups: create one, the 15-minute rule said up front, restore behind type-the-name, followed", { timeout: 300_000 }, async () => {
  const port = await freePort();
  const sandbox = new SandboxClient(`http://127.0.0.1:${port}`);
  await withApp("cluster-backups", { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
    const s = app.session;
    const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    await (await s.findByRole("link", "orders-prod", { within: table, timeoutMs: 60_000 })).click();
    await s.findByRole("heading", "orders-prod", { timeoutMs: 30_000 });
    const cluster = (await sandbox.clusters()).find((c) => c.name === "orders-prod");
    const backupsOfSandbox = () => sandbox.api("GET", `/clusters/${cluster.uuid}/backups`);
    const [nightly] = await backupsOfSandbox();

    await (await s.findByRole("tab", "Backups")).click();
    const panel = await s.findByRole("region", "Backups", { timeoutMs: 30_000 });
    const list = await s.findByRole("table", "Backups", { within: panel, timeoutMs: 30_000 });
    await s.findByText(nightly.name, { within: list });
    await s.findByText("Zeebe: Complete · Operate: Complete · Tasklist: Complete · Optimize: Complete", { within: list });

    // A manual backup; then Create says when the next one may be made.
    await (await s.findByRole("button", "Create backup", { within: panel })).click();
    await waitFor(async () => (await backupsOfSandbox()).length === 2, { message: "the sandbox to hold the new backup" });
    const made = (await backupsOfSandbox()).find((b) => b.uuid !== nightly.uuid);
    await s.findByText(made.name, { within: panel, timeoutMs: 30_000 });
    await s.findByText(/The next one can be made at \d\d:\d\d\./, { within: panel, timeoutMs: 30_000 });
    const create = await s.findByRole("button", "Create backup", { within: panel });
    assert.equal(await create.enabled(), false, "Create backup is disabled until 15 minutes have passed");

    // Restore the nightly one: the name must be typed.
    await (await s.findByRole("button", `Restore ${nightly.name}`, { within: panel })).click();
    const dialog = await s.findByRole("dialog", `Restore backup ${nightly.name}`);
    const confirm = await s.findByRole("button", "Restore backup", { within: dialog });
    assert.equal(await confirm.enabled(), false, "disabled until the name is typed");
    const typed = await s.findByRole("textbox", "Type “orders-prod” to confirm", { within: dialog });
    await typed.click();
    await typed.type("orders-prod");
    await waitFor(() => confirm.enabled(), { message: "Restore backup enabled once the name is typed" });
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "cluster-restore-dialog.png"), await s.screenshot());
    await confirm.click();
    await s.waitGoneByRole("dialog", `Restore backup ${nightly.name}`, { timeoutMs: 30_000 });
    await s.findByText(new RegExp(`^Restore of ${nightly.name}: `), { within: panel, timeoutMs: 30_000 });
    const started = await sandbox.api("GET", `/clusters/${cluster.uuid}/backups/${nightly.uuid}/restore`);
    assert.notEqual(started.state, "FAILED");

    // No more clicks: followed until completed.
    await s.findByText(`Restore of ${nightly.name}: completed`, { within: panel, timeoutMs: 120_000 });
    const finished = await sandbox.api("GET", `/clusters/${cluster.uuid}/backups/${nightly.uuid}/restore`);
    assert.equal(finished.state, "COMPLETED");
  });
});
