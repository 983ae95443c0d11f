// The clusters table fits the window (issue 14, "Fits the window"): at the default size every
// column shows without a horizontal scrollbar, a Suspended row's Wake included; narrower, the
// least needed columns give way in a planned order (Channel, then Plan, then Region) and the
// table still needs no sideways scrolling.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { OUT_DIR, windowScreenshot, withApp } from "./lib/harness.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const ALL = ["Name", "Status", "Generation", "Channel", "Region", "Plan", "Created"];
const WIDTHS = [
  { width: 1200, hidden: [] },
  { width: 1100, hidden: ["Channel"] },
  { width: 1000, hidden: ["Channel", "Plan"] },
  { width: 900, hidden: ["Channel", "Plan", "Region"] },
  { width: 720, hidden: ["Channel", "Plan", "Region"] }, // the window's minimum width
];

/** The visible column headers and whether the table's scroller overflows sideways. */
function layout(s) {
  return s.execute(`
    const table = document.querySelector('table[aria-label="Clusters"]');
    if (!table) return null;
    const scroller = table.closest('.skep-vscroll') ?? table.parentElement;
    const shown = [...table.querySelectorAll('thead th')]
      .filter((th) => getComputedStyle(th).display !== 'none')
      .map((th) => th.innerText.trim());
    const cells = [...table.querySelectorAll('tbody tr:not(.skep-spacer)')].map((r) =>
      [...r.cells].filter((c) => getComputedStyle(c).display !== 'none').length);
    // Wake must be whole inside its cell; the header's navigation must stay reachable.
    const wake = document.querySelector('[aria-label="Wake legacy-batch"]');
    const cell = wake?.closest('td');
    const wakeCut = wake && cell ? Math.max(0, wake.getBoundingClientRect().right - cell.getBoundingClientRect().right) : null;
    const nav = [...document.querySelectorAll('header nav a')]
      .filter((a) => a.getBoundingClientRect().width > 0 && getComputedStyle(a).visibility !== 'hidden')
      .map((a) => a.innerText.trim());
    // The row's Delete, readable whole, in the last column.
    const del = document.querySelector('[aria-label="Delete legacy-batch"]');
    const delCell = del?.closest('td');
    // (its text: the button's own padding may run under the cell's edge)
    const text = document.createRange();
    if (del) text.selectNodeContents(del);
    const deleteCut = del && delCell ? Math.max(0, text.getBoundingClientRect().right - delCell.getBoundingClientRect().right) : null;
    return { shown, cells, wakeCut, deleteCut, nav, overflow: scroller.scrollWidth - scroller.clientWidth, inner: window.innerWidth };
  `);
}

test("the clusters table fits the window at every width, the least needed columns giving way", { timeout: 180_000 }, async () => {
  await withApp("layout", {}, async (app) => {
    const s = app.session;
    await s.findByRole("link", "legacy-batch", { timeoutMs: 60_000 }); // Suspended: its row has Wake
    await s.findByRole("button", "Wake legacy-batch");
    for (const { width, hidden } of WIDTHS) {
      await s.cmd("POST", "/window/rect", { width, height: 800 });
      const want = ALL.filter((c) => !hidden.includes(c));
      const got = await waitFor(async () => {
        const l = await layout(s);
        return l && l.inner <= width && want.every((c, i) => l.shown[i] === c) && l.shown.length === want.length + 1 ? l : null;
      }, { timeoutMs: 15_000, message: `columns ${want.join(", ")} at ${width} px` });
      assert.ok(got.overflow <= 0, `the table scrolls sideways by ${got.overflow} px at ${width} px`);
      assert.ok(got.cells.every((n) => n === want.length + 1), `row cells at ${width} px: ${got.cells}`);
      assert.equal(got.wakeCut, 0, `Wake is cut by ${got.wakeCut} px at ${width} px`);
      assert.equal(got.deleteCut, 0, `Delete is cut by ${got.deleteCut} px at ${width} px`);
      for (const item of ["Clusters", "Members", "Activity", "All organizations"]) {
        assert.ok(got.nav.includes(item), `${item} is not in the header at ${width} px: ${got.nav}`);
      }
      writeFileSync(path.join(OUT_DIR, `layout-${width}.png`), await windowScreenshot(s));
    }
  });
});
