// The IP allowlist of a cluster on the real app, against the built-in Sandbox organization: a bad
// CIDR is refused where it is typed (nothing is sent), a good list that leaves out Web Modeler's
// egress ranges is saved only after the warning, and the saved list is read back from the
// sandbox's own API and from the app after a refresh.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { freePort, OUT_DIR, SandboxClient, withApp } from "./lib/harness.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";

test("IP allowlist: a bad CIDR is refused inline; a list without Web Modeler is saved after a warning", { timeout: 300_000 }, async () => {
  const port = await freePort();
  const sandbox = new SandboxClient(`http://127.0.0.1:${port}`);
  await withApp("cluster-allowlist", { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
    const s = app.session;
    const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    await (await s.findByRole("link", "orders-prod", { within: table, timeoutMs: 60_000 })).click();
    await s.findByRole("heading", "orders-prod", { timeoutMs: 30_000 });
    const before = (await sandbox.clusters()).find((c) => c.name === "orders-prod");
    assert.deepEqual(before.ipallowlist ?? [], [], "the seed's orders-prod has no allowlist");

    await (await s.findByRole("tab", "IP allowlist")).click();
    const panel = await s.findByRole("region", "IP allowlist", { timeoutMs: 30_000 });
    await s.findByText("Open to every address", { within: panel });
    // Web Modeler's ranges come from GET /meta/ip-ranges.
    const shown = await s.findByText(/^Web Modeler deploys from /, { within: panel, timeoutMs: 30_000 });
    const ranges = (await shown.text()).replace(/^Web Modeler deploys from /, "").replace(/\. Keep them.*$/, "");
    assert.match(ranges, /\d+\.\d+\.\d+\.\d+/, `ranges shown: ${ranges}`);

    await (await s.findByRole("button", "Add entry", { within: panel })).click();
    const ip = await s.findByRole("textbox", "Addresses, entry 1", { within: panel });
    await ip.click();
    await ip.type("10.0.0.0/33");
    await s.findByText(/“10\.0\.0\.0\/33” is not an IPv4 or IPv6 address or CIDR range/, { within: panel });
    const save = await s.findByRole("button", "Save allowlist", { within: panel });
    assert.equal(await save.enabled(), false, "Save is disabled while an entry is refused");

    await ip.click();
    await ip.type(`${Keys.CONTROL}a${Keys.CONTROL}`);
    await ip.type(Keys.BACKSPACE);
    await ip.type("203.0.113.0/24");
    const description = await s.findByRole("textbox", "Description, entry 1", { within: panel });
    await description.click();
    await description.type("Office VPN");
    await waitFor(() => save.enabled(), { message: "Save allowlist to be enabled" });
    await s.findByText(/Web Modeler cannot deploy to this cluster/, { within: panel });
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "cluster-allowlist.png"), await s.screenshot());

    await save.click();
    const confirm = await s.findByRole("dialog", "Confirm IP allowlist");
    await s.findByText("Save an allowlist that blocks Web Modeler?", { within: confirm });
    await (await s.findByRole("button", "Save anyway", { within: confirm })).click();
    await s.waitGoneByRole("dialog", "Confirm IP allowlist", { timeoutMs: 30_000 });
    await s.findByText("IP allowlist saved.", { within: panel, timeoutMs: 30_000 });

    // The sandbox has exactly that list (asked over its API, not through the app).
    const after = (await sandbox.clusters()).find((c) => c.name === "orders-prod");
    assert.deepEqual(after.ipallowlist, [{ ip: "203.0.113.0/24", description: "Office VPN" }]);

    // Read back by the app: refresh, the tab shows the saved entry.
    await (await s.findByRole("button", "Refresh")).click();
    await waitFor(async () => {
      const again = await s.findByRole("textbox", "Addresses, entry 1");
      return (await again.property("value")) === "203.0.113.0/24";
    }, { message: "the saved entry shown after a refresh" });
  });
});
