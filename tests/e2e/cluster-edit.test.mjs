// Changing clusters in place on the real app, against the built-in Sandbox organization (active on
// first start, with its demo seed): edit a cluster's name, description and stage label from its
// detail, and wake a Suspended cluster, which then follows Resuming -> Healthy by itself. Each
// change is checked in the UI and, independently, through the sandbox's own API.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { freePort, OUT_DIR, SandboxClient, withApp } from "./lib/harness.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";

const NEW_NAME = `orders-eu-${Date.now().toString(36)}`;
const NEW_DESCRIPTION = "Order intake for the EU shops";

async function builtInSandbox() {
  const port = await freePort();
  return { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` }, sandbox: new SandboxClient(`http://127.0.0.1:${port}`) };
}

/** Replaces a text field's value the way a person does: select all, type over it. */
async function typeOver(el, text) {
  await el.click();
  await el.type(`${Keys.CONTROL}a${Keys.CONTROL}`);
  await el.type(Keys.BACKSPACE);
  await el.type(text);
}

test("edit a cluster's name, description and stage label in place", { timeout: 300_000 }, async () => {
  const { env, sandbox } = await builtInSandbox();
  await withApp("cluster-edit", { env }, async (app) => {
    const s = app.session;
    const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    await (await s.findByRole("link", "orders-prod", { within: table, timeoutMs: 60_000 })).click();
    await s.findByRole("heading", "orders-prod", { timeoutMs: 30_000 });

    await (await s.findByRole("button", "Edit cluster")).click();
    const dialog = await s.findByRole("dialog", "Edit cluster");
    const name = await s.findByRole("textbox", "Cluster name", { within: dialog });
    const description = await s.findByRole("textbox", /Description/, { within: dialog });
    const stage = await s.findByRole("combobox", /Stage label/, { within: dialog });
    const save = await s.findByRole("button", "Save changes", { within: dialog });
    assert.equal(await name.property("value"), "orders-prod", "the name is prefilled");
    assert.equal(await stage.property("value"), "prod", "the stage label is prefilled");
    assert.equal(await save.enabled(), false, "Save is disabled while nothing changed");

    await typeOver(name, NEW_NAME);
    await description.click();
    await description.type(NEW_DESCRIPTION);
    // A WebDriver click on an <option> selects it (without the native popup).
    const [option] = await s.queryAllByRole("option", "stage", { within: stage, hidden: true });
    assert.ok(option, "the Stage label select offers stage");
    await option.click();
    await waitFor(async () => (await stage.property("value")) === "stage", { message: "the stage label to become stage" });
    await waitFor(() => save.enabled(), { message: "Save changes to be enabled" });

    // What the dialog looks like, filled in (for a person to check).
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "cluster-edit-dialog.png"), await s.screenshot());

    await save.click();
    await s.waitGoneByRole("dialog", "Edit cluster", { timeoutMs: 30_000 });
    await s.findByRole("heading", NEW_NAME, { timeoutMs: 30_000 });
    await s.findByText(NEW_DESCRIPTION, { timeoutMs: 10_000 });

    // The sandbox has the new values (asked over its API, not through the app).
    const edited = (await sandbox.clusters()).find((c) => c.name === NEW_NAME);
    assert.ok(edited, `the sandbox lists ${NEW_NAME}`);
    assert.equal(edited.stageLabel, "stage");
    assert.equal(edited.description, NEW_DESCRIPTION);
    assert.ok(!(await sandbox.clusters()).some((c) => c.name === "orders-prod"), "orders-prod was renamed, not copied");

    // Back on the list, the row shows the new name and label.
    await (await s.findByRole("link", "Back to clusters")).click();
    const list = await s.findByRole("table", "Clusters", { timeoutMs: 30_000 });
    const link = await s.findByRole("link", NEW_NAME, { within: list, timeoutMs: 30_000 });
    const cell = await s.execute("return arguments[0].closest('td').innerText", link);
    assert.match(cell, new RegExp(`${NEW_NAME}\\s*·\\s*stage`));
    assert.equal((await s.queryAllByRole("link", "orders-prod", { within: list })).length, 0);
  });
});

test("wake a Suspended cluster: Suspended → Resuming → Healthy with no more clicks", { timeout: 300_000 }, async () => {
  const { env, sandbox } = await builtInSandbox();
  await withApp("cluster-wake", { env }, async (app) => {
    const s = app.session;
    const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    await s.findByText("orders-prod", { within: table, timeoutMs: 60_000 });

    const suspended = (await sandbox.clusters()).find((c) => c.status?.ready === "Suspended");
    assert.ok(suspended, "the sandbox's seed has a Suspended cluster");
    const row = async () => {
      const link = (await s.queryAllByRole("link", suspended.name, { within: table }))[0];
      return link ? s.execute("return arguments[0].closest('tr').innerText", link) : "";
    };
    await waitFor(async () => /\bSuspended\b/.test(await row()), { message: `${suspended.name} shown Suspended` });

    await (await s.findByRole("button", `Wake ${suspended.name}`, { within: table })).click();
    // From here on, no more clicks: the app follows the cluster by itself.
    await waitFor(async () => /\bResuming\b/.test(await row()), {
      timeoutMs: 30_000,
      message: `${suspended.name} shown Resuming`,
    });
    const resuming = (await sandbox.clusters()).find((c) => c.uuid === suspended.uuid);
    assert.ok(["Resuming", "Healthy"].includes(resuming?.status?.ready), `sandbox state: ${resuming?.status?.ready}`);
    await waitFor(async () => /\bHealthy\b/.test(await row()), {
      timeoutMs: 120_000,
      intervalMs: 500,
      message: `${suspended.name} shown Healthy`,
    });
    assert.doesNotMatch(await row(), /\bWake\b/, "a Healthy cluster offers no Wake");
    const healthy = (await sandbox.clusters()).find((c) => c.uuid === suspended.uuid);
    assert.equal(healthy?.status?.ready, "Healthy");
  });
});

test("upgrade a cluster: offered, confirmed, Updating → Healthy, with the desktop notification", { timeout: 300_000 }, async () => {
  const { env, sandbox } = await builtInSandbox();
  // The notification as it leaves the app: the org.freedesktop.Notifications call on the
  // session bus (no notification daemon runs here; the call itself is the proof).
  const monitor = spawn("dbus-monitor", ["--session", "interface='org.freedesktop.Notifications'"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let bus = "";
  monitor.stdout.on("data", (d) => (bus += d.toString()));
  try {
    await withApp("cluster-upgrade", { env }, async (app) => {
      const s = app.session;
      const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
      await (await s.findByRole("link", "payments-staging", { within: table, timeoutMs: 60_000 })).click();
      await s.findByRole("heading", "payments-staging", { timeoutMs: 30_000 });
      const before = (await sandbox.clusters()).find((c) => c.name === "payments-staging");
      await s.findByText(/^Camunda 8\.7\.6 is available for this cluster \(it runs Camunda 8\.6\.14\)\.$/, { timeoutMs: 30_000 });

      await (await s.findByRole("button", "Upgrade…")).click();
      const dialog = await s.findByRole("dialog", "Upgrade cluster");
      await s.findByText(/The upgrade is permanent/, { within: dialog });
      await (await s.findByRole("button", "Upgrade cluster", { within: dialog })).click();
      await s.waitGoneByRole("dialog", "Upgrade cluster", { timeoutMs: 30_000 });
      const after = (await sandbox.clusters()).find((c) => c.uuid === before.uuid);
      assert.equal(after.generation?.name, "Camunda 8.7.6", "the sandbox upgraded it");

      // No more clicks: the detail follows Updating -> Healthy by itself.
      const status = async () => s.execute("return document.querySelector('.skep-status')?.innerText ?? ''");
      await waitFor(async () => /Updating/.test(await status()), { timeoutMs: 30_000, message: "Updating shown" });
      await waitFor(async () => /Healthy/.test(await status()), {
        timeoutMs: 120_000,
        intervalMs: 500,
        message: "Healthy shown again",
      });
      await s.findByText(/Camunda 8\.7\.6 · Stable/, { timeoutMs: 10_000 });
      assert.equal((await s.queryAllByText("Upgrade available")).length, 0, "nothing more to offer");
      await waitFor(() => /Cluster upgraded/.test(bus) && /payments-staging/.test(bus), {
        timeoutMs: 30_000,
        message: `the "Cluster upgraded" notification on the session bus (seen: ${bus.slice(-400)})`,
      });
    });
  } finally {
    monitor.kill();
  }
});
