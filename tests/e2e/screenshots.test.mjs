// The README's screenshots of the main screens, light and dark, taken from the real app. The
// theme follows the OS (GTK's dark variant here); the test fails if the page does not see it.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { freePort, REPO, windowScreenshot, withApp } from "./lib/harness.mjs";
import { Keys } from "./lib/webdriver.mjs";

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
    });
  });
}
