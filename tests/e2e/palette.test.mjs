// The command palette on the real app, keyboard only: Ctrl+F puts the focus in the clusters
// filter, Ctrl+K opens the palette from there (a text field), Escape closes it and gives the focus
// back to the filter; Ctrl+K again, part of a Sandbox cluster's name, the arrows, Enter opens that
// cluster's detail. The built-in Sandbox, no network.

import assert from "node:assert/strict";
import { test } from "node:test";
import { freePort, withApp } from "./lib/harness.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";

const CLUSTER = "payments-staging";

// What has the focus, in words: its role (explicit or the tag) and its accessible name.
const FOCUSED = `
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return { role: el.getAttribute('role') || el.tagName.toLowerCase(), label: el.getAttribute('aria-label') || el.getAttribute('placeholder') || '' };`;

// The option the combobox points at (aria-activedescendant), and whether it says it is selected.
const ACTIVE_OPTION = `
  const input = document.activeElement;
  const id = input && input.getAttribute('aria-activedescendant');
  const el = id && document.getElementById(id);
  if (!el) return null;
  return { text: el.textContent, selected: el.getAttribute('aria-selected'), role: el.getAttribute('role'), inList: !!el.closest('#' + CSS.escape(input.getAttribute('aria-controls'))) };`;

test("Ctrl+K, part of a cluster's name, Enter opens its detail; Escape gives the focus back", { timeout: 240_000 }, async () => {
  const port = await freePort();
  await withApp("palette", { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
    const s = app.session;
    const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    await s.findByText(CLUSTER, { within: table, timeoutMs: 60_000 });

    // Into the filter (Ctrl+F), then the palette from there.
    await s.keys(`${Keys.CONTROL}f`);
    await waitFor(async () => (await s.execute(FOCUSED))?.label?.startsWith("Filter clusters"), { message: "the filter focused" });
    await s.keys(`${Keys.CONTROL}k`);
    await s.findByRole("dialog", "Command palette", { timeoutMs: 20_000 });
    const focused = await waitFor(async () => {
      const f = await s.execute(FOCUSED);
      return f?.role === "combobox" ? f : null;
    }, { message: "the palette's combobox focused" });
    assert.match(focused.label, /^Search organizations, clusters, clients and actions/);
    const first = await waitFor(() => s.execute(ACTIVE_OPTION), { message: "an option selected" });
    assert.equal(first.selected, "true");
    assert.equal(first.role, "option");
    assert.ok(first.inList, "the selected option is in the listbox the combobox controls");

    // Escape: gone, the focus back in the filter.
    await s.keys(Keys.ESCAPE);
    await s.waitGoneByRole("dialog", "Command palette", { timeoutMs: 10_000 });
    const back = await s.execute(FOCUSED);
    assert.ok(back?.label?.startsWith("Filter clusters"), `focus after Escape: ${JSON.stringify(back)}`);

    // Again: part of the name, the top result is the cluster; Down and Up come back to it.
    await s.keys(`${Keys.CONTROL}k`);
    await s.findByRole("dialog", "Command palette", { timeoutMs: 20_000 });
    await waitFor(async () => (await s.execute(FOCUSED))?.role === "combobox", { message: "the combobox focused" });
    await s.keys("paym");
    const top = await waitFor(async () => {
      const o = await s.execute(ACTIVE_OPTION);
      return o?.text?.startsWith(CLUSTER) ? o : null;
    }, { timeoutMs: 10_000, message: `${CLUSTER} as the top result` });
    assert.equal(top.selected, "true");
    await s.keys(Keys.ARROW_DOWN);
    const next = await s.execute(ACTIVE_OPTION);
    assert.notEqual(next.text, top.text, "Down moved the selection");
    await s.keys(Keys.ARROW_UP);
    assert.equal((await s.execute(ACTIVE_OPTION)).text, top.text);

    await s.keys(Keys.ENTER);
    await s.findByRole("heading", CLUSTER, { timeoutMs: 30_000 });
    await s.waitGoneByRole("dialog", "Command palette", { timeoutMs: 10_000 });
    await s.findByRole("link", "Back to clusters");
  });
});
