// A cluster's Settings tab on the real app, against the built-in Sandbox organization (first,
// its Edit dialog gives the Advanced-plan cluster a hardware package more): set the
// customer-managed key of the BYOK cluster (fraud-detection, AWS) through its dialog — a key of
// another region first, refused in plain words — then activate AWS PrivateLink for a principal
// and deactivate it after the confirmation. Each step is checked against the sandbox's own API.

import assert from "node:assert/strict";
import { test } from "node:test";
import { freePort, SandboxClient, withApp } from "./lib/harness.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";

const WRONG_REGION = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-12ab-34cd-56ef-1234567890ab";
const PRINCIPAL = "arn:aws:iam::123456789012:root";

test("settings: hardware packages, set the BYOK key, activate and deactivate secure connectivity", { timeout: 300_000 }, async () => {
  const port = await freePort();
  const sandbox = new SandboxClient(`http://127.0.0.1:${port}`);
  await withApp("cluster-settings", { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
    const s = app.session;
    const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    await (await s.findByRole("link", "fraud-detection", { within: table, timeoutMs: 60_000 })).click();
    await s.findByRole("heading", "fraud-detection", { timeoutMs: 30_000 });
    const cluster = (await sandbox.clusters()).find((c) => c.name === "fraud-detection");
    const ofSandbox = () => sandbox.api("GET", `/clusters/${cluster.uuid}`);

    // Advanced plan: the Edit dialog offers the hardware packages.
    await (await s.findByRole("button", "Edit cluster")).click();
    const edit = await s.findByRole("dialog", "Edit cluster");
    const packages = await s.findByRole("spinbutton", "Hardware packages", { within: edit });
    await packages.clear();
    await packages.type("2");
    await (await s.findByRole("button", "Save changes", { within: edit })).click();
    await s.waitGoneByRole("dialog", "Edit cluster", { timeoutMs: 30_000 });
    await waitFor(async () => (await ofSandbox()).hardwarePackages === 2, { message: "two hardware packages in the sandbox" });

    await (await s.findByRole("tab", "Settings")).click();
    const panel = await s.findByRole("region", "Settings", { timeoutMs: 30_000 });
    const encryption = await s.findByRole("region", "Encryption", { within: panel });
    await s.findByText(/No key set yet/, { within: encryption, timeoutMs: 30_000 });

    // A key of another region: the Console's 400 in the dialog, nothing changed.
    await (await s.findByRole("button", "Set keys…", { within: encryption })).click();
    const dialog = await s.findByRole("dialog", "Encryption keys");
    const primary = await s.findByRole("textbox", "Primary key ARN", { within: dialog });
    await primary.click();
    await primary.type(WRONG_REGION);
    await s.keys(Keys.ENTER);
    await s.findByText(/Camunda did not accept the keys/, { within: dialog, timeoutMs: 30_000 });
    assert.equal((await ofSandbox()).encryption.primaryKeyArn, undefined, "no key set by the refused request");
    await primary.clear();
    await primary.type(KEY);
    await (await s.findByRole("button", "Save keys", { within: dialog })).click();
    await s.waitGoneByRole("dialog", "Encryption keys", { timeoutMs: 30_000 });
    await s.findByText(/Ready: the cluster's data is encrypted with your keys/, { within: encryption, timeoutMs: 30_000 });
    await s.findByText(KEY, { within: encryption });
    assert.deepEqual((await ofSandbox()).encryption, { type: "External", status: "Ready", primaryKeyArn: KEY });

    // Secure connectivity: activate for one principal, see the endpoint service, deactivate.
    const link = await s.findByRole("region", "Secure connectivity", { within: panel });
    await (await s.findByRole("button", "Activate…", { within: link, timeoutMs: 30_000 })).click();
    const activate = await s.findByRole("dialog", "Activate secure connectivity");
    const principals = await s.findByRole("textbox", "Allowed AWS principals", { within: activate });
    await principals.click();
    await principals.type(PRINCIPAL);
    const regions = await s.findByRole("textbox", "Allowed AWS regions", { within: activate });
    await regions.click();
    await regions.type("us-east-1");
    await (await s.findByRole("button", "Activate", { within: activate })).click();
    await s.waitGoneByRole("dialog", "Activate secure connectivity", { timeoutMs: 30_000 });
    const status = () => sandbox.api("GET", `/clusters/${cluster.uuid}/secure-connectivity`);
    const on = await status();
    assert.deepEqual(on.status.spec.allowedPrincipals, [PRINCIPAL]);
    assert.deepEqual(on.status.spec.allowedRegions, ["us-east-1"]);
    await s.findByText(on.status.status.endpoint.serviceName, { within: link, timeoutMs: 30_000 });

    await (await s.findByRole("button", "Deactivate…", { within: link })).click();
    const confirm = await s.findByRole("dialog", "Deactivate secure connectivity");
    await (await s.findByRole("button", "Deactivate", { within: confirm })).click();
    await s.findByText("Secure connectivity is not active on this cluster.", { within: link, timeoutMs: 30_000 });
    await waitFor(async () => Object.keys((await status()).status).length === 0, { message: "deactivated in the sandbox" });
  });
});
