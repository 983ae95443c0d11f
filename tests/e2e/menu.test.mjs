// The native menu bar, through the real window: its accelerators and mnemonics pressed on the X
// server (WebDriver cannot open GTK menus, and keys it sends reach the page only), and what
// each item does in the UI. Also the log file in the platform's log folder.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { pressOnWindow, readClipboard, skepIsRunning, startStandaloneSandbox, withApp } from "./lib/harness.mjs";
import { JWT_RE } from "./lib/security.mjs";
import { waitFor } from "./lib/webdriver.mjs";

test("menu bar: accelerators and mnemonics reach their flows, copy and paste work, Quit waits for a pending secret; diagnostics and the log file hold no secret", { timeout: 240_000 }, async () => {
  const sandbox = await startStandaloneSandbox("menu-sandbox", ["--no-rate-limit"]);
  const creds = await sandbox.createApiClient();
  const env = {
    CAMUNDA_CONSOLE_CLIENT_ID: creds.clientId,
    CAMUNDA_CONSOLE_CLIENT_SECRET: creds.clientSecret,
    CAMUNDA_OAUTH_URL: sandbox.tokenUrl,
    CAMUNDA_CONSOLE_BASE_URL: sandbox.base,
    CAMUNDA_CONSOLE_OAUTH_AUDIENCE: sandbox.audience,
    RUST_LOG: "debug",
  };
  try {
    await withApp("menu", { env }, async (app) => {
      const s = app.session;
      await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
      await s.findByText("orders-prod", { timeoutMs: 30_000 });

      // The log file: in the platform's log folder (XDG data dir on Linux), written from the start.
      const logFile = path.join(app.dirs.XDG_DATA_HOME, "dev.skep.app", "logs", "skep.log");
      await waitFor(() => existsSync(logFile) && readFileSync(logFile, "utf8").includes("Skep starting"), {
        message: `the log file ${logFile}`,
      });

      // View → Refresh (Ctrl+R, the screen's own key): the clusters are fetched again.
      // The menu's accelerator takes the key: the page does not see it too (no second refresh).
      await s.execute("window.__ctrlKeys = []; window.addEventListener('keydown', (e) => { if (e.ctrlKey) window.__ctrlKeys.push(e.key); }, true); return 1");
      const before = (await sandbox.counters()).routes["GET /clusters"] ?? 0;
      await pressOnWindow("ctrl+r");
      await waitFor(async () => ((await sandbox.counters()).routes["GET /clusters"] ?? 0) > before, {
        message: "View → Refresh to list the clusters again",
      });
      const seenByPage = await s.execute("return window.__ctrlKeys.filter((k) => k.toLowerCase() === 'r').length");
      assert.equal(seenByPage, 0, "Ctrl+R reached the page as well as the menu");

      // View → All organizations (Ctrl+Shift+O) and View → All clients (Ctrl+Shift+C).
      await pressOnWindow("ctrl+shift+o");
      await s.findByRole("heading", "All organizations", { timeoutMs: 20_000 });
      await pressOnWindow("ctrl+shift+c");
      await s.findByRole("heading", "All clients", { timeoutMs: 20_000 });

      // Edit: the platform's own copy and paste keep working in the page's fields.
      const filter = await s.findByRole("searchbox", /Filter/, { timeoutMs: 20_000 });
      await filter.click();
      await filter.type("menu-copy-check");
      await pressOnWindow("ctrl+a", "ctrl+c");
      await waitFor(async () => (await readClipboard()) === "menu-copy-check", { message: "Ctrl+C to copy the field's text" });
      await pressOnWindow("ctrl+a", "BackSpace");
      await waitFor(async () => (await filter.property("value")) === "", { message: "the field to be emptied" });
      await pressOnWindow("ctrl+v");
      await waitFor(async () => (await filter.property("value")) === "menu-copy-check", { message: "Ctrl+V to paste into the field" });

      // File → Switch organization… (Ctrl+O): the header's organization menu opens.
      await pressOnWindow("ctrl+o");
      await waitFor(
        () => s.execute("const a = document.querySelector('a[aria-haspopup=menu][aria-label^=\"Organization:\"]'); return a ? a.getAttribute('aria-expanded') : null"),
        { message: "the organization menu to open" },
      ).then((v) => assert.equal(v, "true"));
      await pressOnWindow("Escape");

      // File → Add organization… (Ctrl+Shift+N): the Add organization screen.
      await pressOnWindow("ctrl+shift+n");
      await s.findByRole("heading", "Add your organization", { timeoutMs: 20_000 });

      // Help → Copy diagnostics (Alt+H, then C): on the clipboard, with no secret, name, URL or id.
      await pressOnWindow("alt+h", "c");
      const diagnostics = await waitFor(async () => {
        const text = await readClipboard();
        return text.startsWith("Skep ") ? text : null;
      }, { message: "the diagnostics on the clipboard" });
      assert.match(diagnostics, /^Skep \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,}|unknown)\)\n/);
      assert.match(diagnostics, /\nOS: .+\n/);
      assert.match(diagnostics, /\nWebview: WebKitGTK \d+\.\d+/);
      assert.match(diagnostics, /\nOrganizations: 2 \(0 saved, 1 from the environment, the built-in Sandbox\)\n/);
      for (const [what, value] of [
        ["the API secret", creds.clientSecret],
        ["the client id", creds.clientId],
        ["the sandbox's URL", sandbox.base],
        ["the port", `:${sandbox.port}`],
        ["a URL", "http"],
        ["the data folder", app.dirs.base],
        ["a cluster's name", "orders-prod"],
      ]) {
        assert.ok(!diagnostics.includes(value), `${what} in the diagnostics:\n${diagnostics}`);
      }
      assert.ok(!JWT_RE.test(diagnostics), "a token in the diagnostics");
      await s.findByText("Diagnostics copied", { timeoutMs: 10_000 });

      // Help → About Skep (Alt+H, then A): version, commit, licence; Escape closes it.
      await pressOnWindow("alt+h", "a");
      const about = await s.findByRole("dialog", "About Skep", { timeoutMs: 20_000 });
      const aboutText = await s.visibleText(about);
      assert.match(aboutText, /Version\s*0\.1\.0/);
      assert.match(aboutText, /Licence\s*Apache-2\.0/);
      await pressOnWindow("Escape");
      await s.waitGoneByRole("dialog", "About Skep");

      // The log file has lines (debug level here) and no secret.
      const log = readFileSync(logFile, "utf8");
      assert.ok(log.split("\n").filter(Boolean).length >= 1);
      assert.match(log, /DEBUG/);
      assert.ok(!log.includes(creds.clientSecret), "the API secret in the log file");
      assert.ok(!JWT_RE.test(log), "an access token in the log file");

      // File → Quit (Ctrl+Q) closes the window the way its close button does: not while a new
      // client's secret waits in the copy-once dialog; once that is confirmed, Skep exits.
      await pressOnWindow("ctrl+shift+o");
      await s.findByRole("heading", "All organizations", { timeoutMs: 20_000 });
      await (await s.findByRole("link", "Clusters")).click();
      await (await s.findByRole("link", "orders-prod", { timeoutMs: 30_000 })).click();
      await s.findByRole("heading", "orders-prod", { timeoutMs: 30_000 });
      await (await s.findByRole("tab", "API clients")).click();
      await (await s.findByRole("button", "Create client", { timeoutMs: 30_000 })).click();
      const form = await s.findByRole("dialog", "Create client");
      await (await s.findByRole("textbox", "Client name", { within: form })).type("menu-quit");
      await (await s.findByRole("button", "Create client", { within: form })).click();
      const secretDialog = await s.findByRole("dialog", /Client secret|copy its secret/, { timeoutMs: 30_000 });
      await pressOnWindow("ctrl+q");
      await s.findByText(/The window stays open until you confirm/, { timeoutMs: 10_000 });
      assert.ok(await skepIsRunning(app.env), "Quit closed the window with a secret pending");
      await (await s.findByRole("checkbox", "I have copied or downloaded the secret", { within: secretDialog })).click();
      const done = await s.findByRole("button", "Done", { within: secretDialog });
      await waitFor(() => done.enabled(), { message: "Done to be enabled" });
      await done.click();
      await waitFor(async () => !(await skepIsRunning(app.env)), { timeoutMs: 20_000, message: "Skep to quit once the secret was confirmed" });
    });
  } finally {
    await sandbox.stop();
  }
});
