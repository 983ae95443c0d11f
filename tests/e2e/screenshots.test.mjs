// The README's screenshots of the main screens (clusters, create cluster, cluster detail, the
// command palette, all organizations), light and dark, taken from the real app. The
// theme follows the OS (GTK's dark variant here); the test fails if the page does not see it.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { freePort, REPO, startStandaloneSandbox, windowScreenshot, withApp } from "./lib/harness.mjs";
import { invokeEach } from "./lib/security.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";

const THEMES = [
  { theme: "light", env: { GTK_THEME: "Adwaita" }, dark: false },
  { theme: "dark", env: { GTK_THEME: "Adwaita:dark" }, dark: true },
];

async function shoot(session, file) {
  const png = await windowScreenshot(session);
  assert.ok(png.length > 20_000, `${file} looks blank (${png.length} bytes)`);
  writeFileSync(path.join(REPO, "docs", file), png);
}

for (const { theme, env, dark } of THEMES) {
  test(`main screens in the ${theme} theme`, { timeout: 240_000 }, async () => {
    const port = await freePort();
    await withApp(`screens-${theme}`, { env: { ...env, SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
      const s = app.session;
      const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
      await s.findByText("orders-prod", { within: table, timeoutMs: 60_000 });
      assert.equal(await s.execute("return matchMedia('(prefers-color-scheme: dark)').matches"), dark);
      await shoot(s, `clusters-${theme}.png`);

      await (await s.findByRole("button", "Create cluster")).click();
      const dialog = await s.findByRole("dialog", "Create cluster");
      await s.findByRole("textbox", "Cluster name", { within: dialog });
      await shoot(s, `create-cluster-${theme}.png`);
      await s.keys(Keys.ESCAPE);
      await s.waitGoneByRole("dialog", "Create cluster");

      await (await s.findByRole("link", "orders-prod")).click();
      await s.findByRole("table", "Component status", { timeoutMs: 30_000 });
      await shoot(s, `cluster-detail-${theme}.png`);

      // The command palette over the cluster detail, a few letters typed.
      await s.keys(`${Keys.CONTROL}k`);
      const palette = await s.findByRole("dialog", "Command palette");
      await waitFor(async () => (await s.execute("return document.activeElement && document.activeElement.getAttribute('role')")) === "combobox", {
        message: "the palette's field focused",
      });
      await s.keys("ord");
      await s.findByRole("option", /^orders-prod/, { within: palette });
      await shoot(s, `palette-${theme}.png`);
      await s.keys(Keys.ESCAPE);
      await s.waitGoneByRole("dialog", "Command palette");

      // All organizations: the Sandbox and a second Console, saved as a red production organization.
      const other = await startStandaloneSandbox(`screens-${theme}-prod`);
      try {
        const creds = await other.createApiClient();
        const added = await invokeEach(s, [["add_organization", { input: {
          name: "Acme Production", clientId: creds.clientId, clientSecret: creds.clientSecret, tokenUrl: other.tokenUrl,
          apiBaseUrl: other.base, audience: other.audience, sessionOnly: true, color: "red", production: true,
        } }]]);
        assert.ok(added.add_organization.allowed, added.add_organization.error);
        await s.reload();
        await s.clickByRole(["menuitem", "link"], "All organizations", { timeoutMs: 60_000 });
        const overview = await s.findByRole("table", "Clusters of every organization", { timeoutMs: 60_000 });
        await waitFor(async () => /Acme Production[\s\S]*Sandbox|Sandbox[\s\S]*Acme Production/.test(await s.visibleText(overview)), {
          timeoutMs: 60_000,
          message: "both organizations in the overview",
        });
        await shoot(s, `overview-${theme}.png`);
        await s.clickByRole("tab", "API clients");
        const clients = await s.findByRole("table", "API clients of every organization", { timeoutMs: 60_000 });
        await waitFor(async () => /Acme Production[\s\S]*Sandbox|Sandbox[\s\S]*Acme Production/.test(await s.visibleText(clients)), {
          timeoutMs: 60_000,
          message: "both organizations' clients in the overview",
        });
        await shoot(s, `overview-clients-${theme}.png`);
      } finally {
        await other.stop();
      }
    });
  });
}
