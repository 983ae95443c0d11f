// Self-test of the e2e harness (driver lifecycle, role/name queries, clicks, typing, screenshots),
// independent of the app: drives WebKitGTK's MiniBrowser (shipped with libwebkit2gtk-4.1-0) on a
// small page, so a harness bug is told apart from an app bug.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { withApp } from "../lib/harness.mjs";
import { Keys } from "../lib/webdriver.mjs";

const PAGE = `<!doctype html><title>Self test</title>
<h1>Clusters</h1>
<label for="f">Filter clusters</label><input id="f">
<button aria-label="Create cluster"><svg></svg></button>
<button>Refresh</button><button style="display:none">Hidden</button>
<table aria-label="Clusters"><thead><tr><th>Name</th><th>Status</th></tr></thead>
<tbody><tr><td><a href="#a">orders-prod</a></td><td>Healthy</td></tr>
<tr><td>legacy-batch</td><td>Suspended</td></tr></tbody></table>
<div role="dialog" aria-labelledby="dt"><h2 id="dt">Delete cluster</h2><input aria-label="Cluster name"></div>
<output id="o"></output>
<script>document.querySelector('button:not([aria-label])').onclick=()=>{document.getElementById('o').textContent='refreshed '+document.getElementById('f').value};</script>`;

const MINIBROWSER = ["x86_64-linux-gnu", "aarch64-linux-gnu"]
  .map((arch) => `/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`)
  .find((p) => existsSync(p));

test("harness finds by role, name and text; clicks; types", { timeout: 120_000, skip: !MINIBROWSER && "no MiniBrowser" }, async () => {
  await withApp("harness-selftest", { application: MINIBROWSER, args: ["--automation"] }, async (app) => {
    const s = app.session;
    await s.cmd("POST", "/url", { url: "data:text/html;charset=utf-8," + encodeURIComponent(PAGE) });
    const table = await s.findByRole("table", "Clusters");
    assert.ok(await s.findByText("orders-prod", { within: table }));
    assert.equal((await s.queryAllByRole("row")).length, 3);
    assert.equal((await s.queryAllByRole("cell", /^(orders-prod|legacy-batch)$/)).length, 2);
    assert.ok(await s.findByRole("link", "orders-prod"));
    assert.ok(await s.findByRole("button", "Create cluster"));
    assert.equal((await s.queryAllByRole("button", "Hidden")).length, 0);
    assert.ok(await s.findByRole("heading", "Clusters"));
    const dialog = await s.findByRole("dialog", "Delete cluster");
    assert.ok(await s.findByRole("textbox", "Cluster name", { within: dialog }));
    const filter = await s.findByRole("textbox", "Filter clusters");
    await filter.type("ord");
    await (await s.findByRole("button", "Refresh")).click();
    await s.findByText("refreshed ord");
    await filter.type(Keys.BACKSPACE);
    assert.equal(await filter.property("value"), "or");
    const png = await s.screenshot();
    assert.equal(png.subarray(1, 4).toString(), "PNG");
  });
});
