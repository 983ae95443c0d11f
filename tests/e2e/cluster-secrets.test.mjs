// Connector secrets on the real app, against the built-in Sandbox organization: create one, see
// its value only on request, change it, delete it. Each step is checked against the sandbox's
// own API; after the delete the sandbox still lists the secret for a while (eventual
// consistency, as the Console API does) and the app does not show it again. The values are
// recorded by the sandbox, so the suite's final secret scan looks for them in everything Skep
// wrote.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { freePort, OUT_DIR, SandboxClient, withApp } from "./lib/harness.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const NAME = "SLACK_BOT_TOKEN";
const FIRST = `xoxb-${randomBytes(12).toString("hex")}`;
const SECOND = `xoxb-${randomBytes(12).toString("hex")}`;

test("connector secrets: create, reveal on request, change, delete (not shown again while the API lags)", { timeout: 300_000 }, async () => {
  const port = await freePort();
  const sandbox = new SandboxClient(`http://127.0.0.1:${port}`);
  await withApp("cluster-secrets", { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
    const s = app.session;
    const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    await (await s.findByRole("link", "orders-prod", { within: table, timeoutMs: 60_000 })).click();
    await s.findByRole("heading", "orders-prod", { timeoutMs: 30_000 });
    const cluster = (await sandbox.clusters()).find((c) => c.name === "orders-prod");
    const secretsOfSandbox = () => sandbox.api("GET", `/clusters/${cluster.uuid}/secrets`);

    await (await s.findByRole("tab", "Connector secrets")).click();
    const panel = await s.findByRole("region", "Connector secrets", { timeoutMs: 30_000 });
    await s.findByText("This cluster has no connector secrets yet.", { within: panel, timeoutMs: 30_000 });

    // Create.
    await (await s.findByRole("button", "Create secret", { within: panel })).click();
    let dialog = await s.findByRole("dialog", "Create connector secret");
    const name = await s.findByRole("textbox", "Name", { within: dialog });
    await name.click();
    await name.type(NAME);
    const value = await s.findByRole("textbox", "Value", { within: dialog });
    await value.click();
    await value.type(FIRST);
    await (await s.findByRole("button", "Create secret", { within: dialog })).click();
    await s.waitGoneByRole("dialog", "Create connector secret", { timeoutMs: 30_000 });
    await s.findByText(`Secret ${NAME} created.`, { within: panel, timeoutMs: 30_000 });
    assert.deepEqual(await secretsOfSandbox(), { [NAME]: FIRST });
    assert.equal((await s.queryAllByText(FIRST)).length, 0, "the value is not shown after creating");

    // Reveal on request, hide again.
    await (await s.findByRole("button", `Show value of ${NAME}`, { within: panel })).click();
    await s.findByText(FIRST, { within: panel, timeoutMs: 30_000 });
    await (await s.findByRole("button", `Hide value of ${NAME}`, { within: panel })).click();
    await waitFor(async () => (await s.queryAllByText(FIRST)).length === 0, { message: "the value hidden again" });
    // What the tab looks like (values masked), for a person to check.
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "cluster-secrets-tab.png"), await s.screenshot());

    // Change the value.
    await (await s.findByRole("button", `Change value of ${NAME}`, { within: panel })).click();
    dialog = await s.findByRole("dialog", `Change value of ${NAME}`);
    const newValue = await s.findByRole("textbox", "Value", { within: dialog });
    await newValue.click();
    await newValue.type(SECOND);
    await (await s.findByRole("button", "Save value", { within: dialog })).click();
    await s.waitGoneByRole("dialog", `Change value of ${NAME}`, { timeoutMs: 30_000 });
    await s.findByText(`The value of ${NAME} was changed.`, { within: panel, timeoutMs: 30_000 });
    assert.deepEqual(await secretsOfSandbox(), { [NAME]: SECOND });
    await (await s.findByRole("button", `Show value of ${NAME}`, { within: panel })).click();
    await s.findByText(SECOND, { within: panel, timeoutMs: 30_000 });

    // Delete: confirmed; the sandbox still lists it for a while, the app does not show it.
    await (await s.findByRole("button", `Delete ${NAME}`, { within: panel })).click();
    dialog = await s.findByRole("dialog", `Delete connector secret ${NAME}`);
    await (await s.findByRole("button", "Delete secret", { within: dialog })).click();
    await s.waitGoneByRole("dialog", `Delete connector secret ${NAME}`, { timeoutMs: 30_000 });
    await s.findByText(/Secret SLACK_BOT_TOKEN deleted/, { within: panel, timeoutMs: 30_000 });
    assert.ok(NAME in (await secretsOfSandbox()), "the sandbox still lists it (eventual consistency)");
    await (await s.findByRole("button", "Refresh secrets", { within: panel })).click();
    await s.findByText("This cluster has no connector secrets yet.", { within: panel, timeoutMs: 30_000 });
    assert.equal((await s.queryAllByText(NAME, { within: panel })).length, 0);
    await waitFor(async () => !(NAME in (await secretsOfSandbox())), {
      timeoutMs: 30_000,
      intervalMs: 500,
      message: "the sandbox to stop listing the deleted secret",
    });
  });
});
