// Accessibility (issue 14): axe-core, injected into the real webview, on every screen and every
// dialog of the Sandbox organization and the command palette, in the light and the dark theme
// (the theme follows the OS: GTK's dark variant here). Zero violations of impact serious or critical; the moderate and minor
// ones are printed, not failed.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { freePort, REPO, saveFailureArtifacts, withApp } from "./lib/harness.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";

const AXE_SOURCE = readFileSync(path.join(REPO, "ui/node_modules/axe-core/axe.min.js"), "utf8");
const FAILING = new Set(["serious", "critical"]);

const THEMES = [
  { theme: "light", env: { GTK_THEME: "Adwaita" }, dark: false },
  { theme: "dark", env: { GTK_THEME: "Adwaita:dark" }, dark: true },
];

/**
 * axe on the whole document as it is now (WCAG 2.x A/AA and axe's best practices). Returns the
 * violations, each with its nodes' selectors and a short piece of their HTML.
 */
async function axe(s) {
  // The page's CSP forbids eval (good): the driver runs axe's source as a script of its own.
  if (!(await s.execute("return !!window.axe"))) {
    await s.execute(`${AXE_SOURCE}\n;return !!window.axe;`);
  }
  const answer = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     try {
       if (!window.axe) throw new Error("axe is not in the page");
       window.axe
         .run(document, {
           runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
           resultTypes: ["violations"],
         })
         .then((r) => done({ violations: r.violations.map((v) => ({
           id: v.id, impact: v.impact, help: v.help,
           nodes: v.nodes.slice(0, 6).map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 200), summary: (n.failureSummary || "").slice(0, 300) })),
           count: v.nodes.length,
         })) }), (e) => done({ error: String(e && e.stack || e) }));
     } catch (e) {
       done({ error: String(e && e.stack || e) });
     }`,
  );
  assert.ok(!answer.error, `axe did not run: ${answer.error}`);
  return answer.violations;
}

/** Audits the page as it is now under the name `where`, collecting into `found`. */
async function audit(s, where, found) {
  // Let Carbon's transitions (modals fade in, tabs slide) settle: axe reads computed colours.
  await new Promise((r) => setTimeout(r, 400));
  for (const v of await axe(s)) found.push({ where, ...v });
}

function report(found, theme) {
  const bad = found.filter((v) => FAILING.has(v.impact));
  for (const v of found.filter((x) => !FAILING.has(x.impact))) {
    console.log(`axe (${theme}, ${v.impact}, not failed): ${v.where}: ${v.id} — ${v.help} (${v.count})`);
  }
  const text = bad
    .map((v) => `${v.where}: [${v.impact}] ${v.id} — ${v.help} (${v.count} nodes)\n${v.nodes.map((n) => `    ${n.target}\n      ${n.html}\n      ${n.summary.replace(/\n/g, " ")}`).join("\n")}`)
    .join("\n");
  assert.equal(bad.length, 0, `serious or critical accessibility violations in the ${theme} theme:\n${text}`);
}

async function closeDialog(s, name) {
  await s.keys(Keys.ESCAPE);
  await s.waitGoneByRole("dialog", name, { timeoutMs: 20_000 });
}

for (const { theme, env, dark } of THEMES) {
  test(`axe: every screen and dialog, ${theme} theme`, { timeout: 420_000 }, async () => {
    const port = await freePort();
    await withApp(`axe-${theme}`, { env: { ...env, SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
      const s = app.session;
      const found = [];
      try {
        const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
        await s.findByText("orders-prod", { within: table, timeoutMs: 60_000 });
        assert.equal(await s.execute("return matchMedia('(prefers-color-scheme: dark)').matches"), dark, "the page sees the theme");
        await audit(s, "Clusters", found);

        // The command palette, with results.
        await s.keys(`${Keys.CONTROL}k`);
        await s.findByRole("dialog", "Command palette", { timeoutMs: 20_000 });
        await s.keys("orders");
        await s.findByRole("option", /orders/, { timeoutMs: 20_000 });
        await audit(s, "Command palette", found);
        await s.keys(Keys.ESCAPE);
        await s.waitGoneByRole("dialog", "Command palette", { timeoutMs: 20_000 });

        await (await s.findByRole("button", "Create cluster")).click();
        const create = await s.findByRole("dialog", "Create cluster");
        await s.findByRole("textbox", "Cluster name", { within: create });
        await audit(s, "Create cluster dialog", found);
        await closeDialog(s, "Create cluster");

        // The cluster detail, tab by tab.
        await (await s.findByRole("link", "orders-prod")).click();
        await s.findByRole("table", "Component status", { timeoutMs: 30_000 });
        await audit(s, "Cluster detail", found);
        const tabs = await s.execute(
          "return [...document.querySelectorAll('[role=tab]')].map((t) => t.textContent.trim()).filter(Boolean);",
        );
        assert.ok(tabs.includes("API clients"), `the detail's tabs: ${tabs}`);
        for (const name of tabs.slice(1)) {
          await s.clickByRole("tab", name);
          await waitFor(async () => (await s.findByRole("tab", name)).attribute("aria-selected").then((v) => v === "true"), {
            timeoutMs: 20_000,
            message: `the ${name} tab selected`,
          });
          // What the tab loads (a table, a form, or a notice) has arrived when no loading status is left.
          await waitFor(async () => (await s.queryAllByRole("status", /^Loading/)).length === 0, {
            timeoutMs: 30_000,
            message: `the ${name} tab loaded`,
          });
          await audit(s, `Cluster detail › ${name}`, found);
        }

        // API clients: create one (the dialog, then the copy-once dialog), then delete it.
        await s.clickByRole("tab", "API clients");
        await s.findByRole("table", "Clients", { timeoutMs: 30_000 });
        await (await s.findByRole("button", "Create client")).click();
        const createClient = await s.findByRole("dialog", "Create client");
        await audit(s, "Create client dialog", found);
        await (await s.findByRole("textbox", "Client name", { within: createClient })).type(`axe-${theme}`);
        await (await s.findByRole("button", "Create client", { within: createClient })).click();
        const secretDialog = await s.findByRole("dialog", /Client secret|copy its secret/, { timeoutMs: 30_000 });
        await audit(s, "Copy-once secret dialog", found);
        await (await s.findByRole("checkbox", "I have copied or downloaded the secret", { within: secretDialog })).click();
        const done = await s.findByRole("button", "Done", { within: secretDialog });
        await waitFor(() => done.enabled(), { message: "Done to be enabled" });
        await done.click();
        await s.waitGoneByRole("dialog", /Client secret|copy its secret/, { timeoutMs: 20_000 });

        await (await s.findByRole("button", "Edit cluster")).click();
        await s.findByRole("dialog", "Edit cluster");
        await audit(s, "Edit cluster dialog", found);
        await closeDialog(s, "Edit cluster");

        await s.clickByRole(["menuitem", "link"], "Clusters", { timeoutMs: 30_000 });
        await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
        await (await s.findByRole("button", "All clients", { timeoutMs: 30_000 })).click();
        await s.findByRole("table", "All clients", { timeoutMs: 60_000 });
        await audit(s, "All clients", found);

        for (const [item, probe] of [
          ["Members", ["table", "Members"]],
          ["Activity", ["table", "Activity"]],
          ["All organizations", ["table", "Clusters of every organization"]],
        ]) {
          await s.clickByRole(["menuitem", "link"], item, { timeoutMs: 30_000 });
          await s.findByRole(probe[0], probe[1], { timeoutMs: 60_000 });
          await audit(s, item, found);
        }
        await s.clickByRole("tab", "API clients");
        await s.findByRole("table", "API clients of every organization", { timeoutMs: 60_000 });
        await audit(s, "All organizations › API clients", found);

        // The organization menu and the Add organization dialog.
        await s.clickByRole(["menuitem", "link", "button"], "Organization: Sandbox", { timeoutMs: 30_000 });
        await audit(s, "Organization menu", found);
        await s.clickByRole(["menuitem", "link", "button"], "Add organization…", { timeoutMs: 30_000 });
        await s.findByRole("region", "Add your organization", { timeoutMs: 30_000 });
        await audit(s, "Add organization", found);
        await s.clickByRole("tab", "Enter the credentials");
        await audit(s, "Add organization › Enter the credentials", found);
        await s.clickByRole("button", "Cancel");
        await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });

        await s.clickByRole(["button", "link", "menuitem"], "Organization settings", { timeoutMs: 30_000 });
        await waitFor(async () => (await s.queryAllByRole("status", /^Loading/)).length === 0, { timeoutMs: 30_000, message: "the settings loaded" });
        await audit(s, "Organization settings", found);

        report(found, theme);
      } catch (err) {
        const stem = await saveFailureArtifacts(s, `axe-${theme}`);
        err.message += `\n  screenshot: ${stem}.png  page source: ${stem}.html`;
        throw err;
      }
    });
  });
}
