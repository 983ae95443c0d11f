// Walking skeleton: the real app opens on the built-in Sandbox organization and its clusters
// table shows the sandbox's clusters, fetched over real HTTP (token + GET /clusters).

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { freePort, REPO, SandboxClient, withApp } from "./lib/harness.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const DEMO_CLUSTERS = ["orders-prod", "payments-staging", "analytics-dev", "legacy-batch", "fraud-detection"];

test("opens on the Sandbox organization and lists its clusters", { timeout: 240_000 }, async () => {
  const port = await freePort();
  const sandbox = new SandboxClient(`http://127.0.0.1:${port}`);

  await withApp("skeleton", { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
    const s = app.session;
    assert.equal(await s.title(), "Skep");

    // The table shows a demo cluster, as a person sees it.
    const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    await s.findByText("orders-prod", { within: table, timeoutMs: 60_000 });

    // The UI got there through the real stack: the built-in sandbox saw a token request and GET /clusters.
    const counters = await sandbox.counters();
    assert.ok(counters.token_requests >= 1, `token requests: ${counters.token_requests}`);
    assert.ok((counters.routes["GET /clusters"] ?? 0) >= 1, `routes: ${JSON.stringify(counters.routes)}`);
    assert.equal(counters.admin_secret_misuse, 0);
    assert.equal(counters.token_misuse, 0);

    // The built-in Sandbox's control routes want the harness's per-run token (test-hooks build).
    for (const headers of [{}, { "x-sandbox-control-token": "not-the-token" }]) {
      const res = await fetch(`${sandbox.base}/__sandbox/counters`, { headers, signal: AbortSignal.timeout(10_000) });
      assert.equal(res.status, 401, `GET /__sandbox/counters with ${JSON.stringify(headers)}`);
    }

    // Every cluster the sandbox has (asked independently over HTTP) is in the table.
    const clusters = await sandbox.clusters();
    const names = clusters.map((c) => c.name);
    assert.ok(names.length >= 3, `the sandbox returned ${names.length} clusters`);
    for (const demo of DEMO_CLUSTERS) assert.ok(names.includes(demo), `sandbox seed lacks ${demo}`);
    const tableText = await waitFor(
      async () => {
        const text = await s.visibleText(table);
        return names.every((n) => text.includes(n)) ? text : null;
      },
      { timeoutMs: 20_000, message: `all of ${names.join(", ")} in the clusters table` },
    );
    assert.ok(tableText.length > 0);

    // The Sandbox organization is clearly labelled.
    const labels = await s.queryAllByText(/\bSandbox\b/);
    assert.ok(labels.length >= 1, "no visible 'Sandbox' label");

    // The README's screenshot. A blank (all white) 1200x800 PNG is a few KB: the window must really paint.
    const png = await s.screenshot();
    assert.ok(png.length > 20_000, `the screenshot looks blank (${png.length} bytes)`);
    writeFileSync(path.join(REPO, "docs/screenshot-clusters.png"), png);
  });
});
