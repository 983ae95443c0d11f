// Permissions: an organization whose API client lacks "Create clusters" learns it from the 403 and
// from then on offers Create cluster disabled, with the reason - and the sandbox created nothing.
// The same for a cluster's Connector secrets and Backups tabs; the Monitoring tab (readable with
// "Get clusters") offers Activate disabled with the "Create clusters" reason learnt before, and
// the Members screen meets its 403 and disables Invite member with the reason.

import assert from "node:assert/strict";
import { test } from "node:test";
import { startStandaloneSandbox, withApp } from "./lib/harness.mjs";
import { waitFor } from "./lib/webdriver.mjs";

test("a permission-limited organization sees Create cluster disabled with the reason", { timeout: 300_000 }, async () => {
  const sandbox = await startStandaloneSandbox("permissions", ["--no-rate-limit"]);
  try {
    const creds = await sandbox.createApiClient(["get_clusters", "get_clients"]);
    const env = {
      CAMUNDA_CONSOLE_CLIENT_ID: creds.clientId,
      CAMUNDA_CONSOLE_CLIENT_SECRET: creds.clientSecret,
      CAMUNDA_OAUTH_URL: sandbox.tokenUrl,
      CAMUNDA_CONSOLE_BASE_URL: sandbox.base,
      CAMUNDA_CONSOLE_OAUTH_AUDIENCE: sandbox.audience,
    };
    const before = (await sandbox.clusters()).map((c) => c.name).sort();
    await withApp("permissions", { env }, async (app) => {
      const s = app.session;
      const table = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
      await s.findByText("orders-prod", { within: table, timeoutMs: 30_000 });

      // Trying it once: the Console answers 403, the dialog names the missing permission.
      await (await s.findByRole("button", "Create cluster")).click();
      const dialog = await s.findByRole("dialog", "Create cluster");
      await (await s.findByRole("textbox", "Cluster name", { within: dialog })).type("not-allowed");
      const submit = await s.findByRole("button", "Create cluster", { within: dialog });
      await waitFor(() => submit.enabled(), { message: "Create cluster to be enabled" });
      await submit.click();
      await s.findByText(/Create clusters/, { within: dialog, timeoutMs: 30_000 });
      await (await s.findByRole("button", "Cancel", { within: dialog })).click();
      await s.waitGoneByRole("dialog", "Create cluster");

      // From now on the action is disabled, and says why.
      const create = await waitFor(
        async () => {
          const b = (await s.queryAllByRole("button", "Create cluster"))[0];
          return b && !(await b.enabled()) ? b : null;
        },
        { message: "Create cluster to be disabled" },
      );
      const reason = await s.execute(
        "const id = arguments[0].getAttribute('aria-describedby'); const e = id && document.getElementById(id); return e ? e.textContent : '';",
        create,
      );
      assert.match(reason, /Create clusters/, `the disabled button's reason: "${reason}"`);

      const after = (await sandbox.clusters()).map((c) => c.name).sort();
      assert.deepEqual(after, before, "the sandbox's clusters changed");
      const counters = await sandbox.counters();
      assert.ok((counters.routes["POST /clusters"] ?? 0) >= 1, "the app never tried POST /clusters");

      // The cluster's tabs: opening Connector secrets and Backups meets their 403s; each says
      // which permission is missing, and its actions are disabled with that reason.
      await (await s.findByRole("link", "orders-prod", { within: table })).click();
      await s.findByRole("heading", "orders-prod", { timeoutMs: 30_000 });
      const reasonOf = (button) =>
        s.execute(
          "const id = arguments[0].getAttribute('aria-describedby'); const e = id && document.getElementById(id); return e ? e.textContent : '';",
          button,
        );
      for (const [tab, action, permission] of [
        ["Connector secrets", "Create secret", /Connector Secrets/],
        ["Backups", "Create backup", /Backups/],
      ]) {
        await (await s.findByRole("tab", tab)).click();
        const panel = await s.findByRole("region", tab, { timeoutMs: 30_000 });
        await s.findByText(permission, { within: panel, timeoutMs: 30_000 });
        const button = await waitFor(
          async () => {
            const b = (await s.queryAllByRole("button", action, { within: panel }))[0];
            return b && !(await b.enabled()) ? b : null;
          },
          { message: `${action} to be disabled` },
        );
        assert.match(await reasonOf(button), permission, `${action}'s reason`);
      }
      await (await s.findByRole("tab", "Monitoring")).click();
      const monitoring = await s.findByRole("region", "External monitoring", { timeoutMs: 30_000 });
      const activate = await s.findByRole("button", "Activate external monitoring", { within: monitoring, timeoutMs: 30_000 });
      assert.equal(await activate.enabled(), false, "Activate is disabled without Create clusters");
      assert.match(await reasonOf(activate), /Create clusters/, "Activate's reason");

      // Members: the 403 names the Members permission; inviting is then disabled with it.
      await (await s.findByRole("link", "Members")).click();
      await s.findByText(/\u201cMembers\u201d permission/, { timeoutMs: 30_000 });
      const invite = await waitFor(
        async () => {
          const b = (await s.queryAllByRole("button", "Invite member"))[0];
          return b && !(await b.enabled()) ? b : null;
        },
        { message: "Invite member to be disabled" },
      );
      assert.match(await reasonOf(invite), /Members/, "Invite member's reason");
    });
  } finally {
    await sandbox.stop();
  }
});
