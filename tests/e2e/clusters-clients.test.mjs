// Clusters and clients on the real app: create a cluster -> Healthy -> create a client -> copy-once secret
// dialog (copy to the clipboard, save as .env through the native save dialog, close only after
// confirming) -> the secret is shown nowhere -> delete the client -> delete the cluster.
// The organization comes from the environment (CAMUNDA_CONSOLE_*), pointing at a standalone
// sandbox whose clusters become Healthy after 2 s.

import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { answerSaveDialog, readClipboard, startStandaloneSandbox, withApp } from "./lib/harness.mjs";
import { allowShownOnceSecretIn } from "./lib/security.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";

const CLUSTER = `e2e-${Date.now().toString(36)}`;
const CLIENT = "e2e-worker";

test("cluster and client lifecycle with the copy-once secret dialog", { timeout: 600_000 }, async () => {
  const sandbox = await startStandaloneSandbox("clusters-clients", ["--ready-after", "2s", "--no-rate-limit"]);
  try {
    const creds = await sandbox.createApiClient();
    const env = {
      CAMUNDA_CONSOLE_CLIENT_ID: creds.clientId,
      CAMUNDA_CONSOLE_CLIENT_SECRET: creds.clientSecret,
      CAMUNDA_OAUTH_URL: sandbox.tokenUrl,
      CAMUNDA_CONSOLE_BASE_URL: sandbox.base,
      CAMUNDA_CONSOLE_OAUTH_AUDIENCE: sandbox.audience,
    };
    await withApp("clusters-clients", { env }, async (app) => {
      const s = app.session;
      await s.findByRole(["menuitem", "link"], /^Organization: .*environment/i, { timeoutMs: 60_000 });
      const clusters = await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
      await s.findByText("orders-prod", { within: clusters, timeoutMs: 30_000 });

      // --- create a cluster ----------------------------------------------------------------------
      await (await s.findByRole("button", "Create cluster")).click();
      const create = await s.findByRole("dialog", "Create cluster");
      await (await s.findByRole("textbox", "Cluster name", { within: create })).type(CLUSTER);
      await (await s.findByRole("textbox", /^Description/, { within: create })).type("Made by the e2e suite");
      const submit = await s.findByRole("button", "Create cluster", { within: create });
      await waitFor(() => submit.enabled(), { message: "Create cluster to be enabled (parameters loaded)" });
      // The first region offers where backups are kept (Enterprise): pick the second one.
      const backup = await s.findByRole("combobox", "Backup region (optional)", { within: create });
      const backupOptions = await s.queryAllByRole("option", null, { within: backup, hidden: true });
      assert.ok(backupOptions.length >= 3, "the default and the region's backup regions are offered");
      await backupOptions[2].click();
      const backupRegionId = await backup.property("value");
      assert.ok(backupRegionId, "a backup region is chosen");
      await submit.click();
      await s.waitGoneByRole("dialog", "Create cluster", { timeoutMs: 30_000 });

      // It shows at once, then follows Creating -> Healthy by itself.
      const row = async () => {
        const link = (await s.queryAllByRole("link", CLUSTER))[0];
        if (!link) return "";
        return s.execute("return arguments[0].closest('tr').innerText", link);
      };
      await waitFor(async () => /\bCreating\b/.test(await row()) || /\bHealthy\b/.test(await row()), {
        timeoutMs: 30_000,
        message: `${CLUSTER} in the table`,
      });
      await waitFor(async () => /\bHealthy\b/.test(await row()), {
        timeoutMs: 90_000,
        message: `${CLUSTER} to become Healthy`,
      });
      const created = (await sandbox.clusters()).find((c) => c.name === CLUSTER);
      assert.ok(created, "the sandbox has the new cluster");
      // The create options reached the Console: the description, the backup region, and auto-update (offered and on by
      // default on the Stable channel, the dialog's first choice).
      assert.equal(created.description, "Made by the e2e suite");
      assert.equal(created.autoUpdate, true);
      assert.equal(created.backupRegionId, backupRegionId, "the chosen backup region reached the Console");

      // --- create a client -----------------------------------------------------------------------
      await (await s.findByRole("link", CLUSTER)).click();
      await s.findByRole("heading", CLUSTER, { timeoutMs: 30_000 });
      await (await s.findByRole("tab", "API clients")).click();
      await (await s.findByRole("button", "Create client", { timeoutMs: 30_000 })).click();
      const createClient = await s.findByRole("dialog", "Create client");
      await (await s.findByRole("textbox", "Client name", { within: createClient })).type(CLIENT);
      await (await s.findByRole("button", "Create client", { within: createClient })).click();

      // --- the copy-once secret dialog -----------------------------------------------------------
      const dialog = await s.findByRole("dialog", /Client secret|copy its secret/, { timeoutMs: 30_000 });
      const clientId = await waitFor(async () => {
        const text = await s.visibleText(dialog);
        return /Client ID\s+(\S+)/.exec(text)?.[1];
      }, { message: "the client id in the secret dialog" });
      await (await s.findByRole("button", "Reveal secret", { within: dialog })).click();
      const secret = await waitFor(
        async () => (await s.execute("const e = arguments[0].querySelector('.skep-secret'); return e ? e.innerText.trim() : ''", dialog)),
        { message: "the revealed secret" },
      );
      assert.ok(secret.length >= 16 && !secret.includes("•"), `revealed secret looks wrong (${secret.length} chars)`);
      await (await s.findByRole("button", "Hide secret", { within: dialog })).click();

      // Copy: the clipboard holds exactly the secret.
      await (await s.findByRole("button", "Copy client secret", { within: dialog })).click();
      await waitFor(async () => (await readClipboard()) === secret, { message: "the secret on the clipboard" });

      // Save as .env through the native save dialog: content and owner-only mode.
      const envFile = path.join(app.dirs.HOME, `${CLIENT}.env`);
      allowShownOnceSecretIn(envFile); // saved on the user's request: the one place it may be
      const saveEnv = await s.findByRole("button", "Save as .env", { within: dialog });
      await answerSaveDialog(() => saveEnv.click(), envFile);
      await s.findByText(/Saved to .*readable only by you/, { within: dialog });
      const envText = readFileSync(envFile, "utf8");
      const envVars = Object.fromEntries(
        envText
          .split(/\r?\n/)
          .map((l) => /^(?:export\s+)?([A-Z_]+)=(.*)$/.exec(l.trim()))
          .filter(Boolean)
          .map(([, k, v]) => [k, v.replace(/^(['"])(.*)\1$/, "$2")]),
      );
      assert.equal(envVars.ZEEBE_CLIENT_SECRET, secret);
      assert.equal(envVars.ZEEBE_CLIENT_ID, clientId);
      assert.equal(envVars.CAMUNDA_CLUSTER_ID, created.uuid);
      for (const key of ["ZEEBE_ADDRESS", "ZEEBE_AUTHORIZATION_SERVER_URL", "ZEEBE_TOKEN_AUDIENCE", "CAMUNDA_OAUTH_URL"]) {
        assert.ok(envVars[key], `${key} in the .env file`);
      }
      assert.equal(statSync(envFile).mode & 0o777, 0o600, "the .env file is readable only by its owner");

      // It cannot be closed by Escape without confirming...
      await s.keys(Keys.ESCAPE);
      await s.findByRole("alert", /confirm/i, { within: dialog });
      assert.ok((await s.queryAllByRole("dialog", /Client secret|copy its secret/)).length === 1, "Escape closed it");
      const done = await s.findByRole("button", "Done", { within: dialog });
      assert.equal(await done.enabled(), false, "Done is enabled before confirming");
      // ...and closes after confirming.
      await (await s.findByRole("checkbox", "I have copied or downloaded the secret", { within: dialog })).click();
      await waitFor(() => done.enabled(), { message: "Done to be enabled" });
      await done.click();
      await s.waitGoneByRole("dialog", /Client secret|copy its secret/);

      // The secret is shown nowhere any more (not even hidden in the page).
      const clientsTable = await s.findByRole("table", "Clients", { timeoutMs: 30_000 });
      await s.findByText(CLIENT, { within: clientsTable });
      assert.ok(!(await s.source()).includes(secret), "the secret is still in the page");

      // --- find it organization-wide: All clients, filtered by its client id ---------------------
      await (await s.findByRole(["menuitem", "link"], "Clusters")).click();
      await (await s.findByRole("button", "All clients", { timeoutMs: 30_000 })).click();
      await s.findByRole("table", "All clients", { timeoutMs: 60_000 });
      await (await s.findByRole("searchbox", "Filter clients")).type(clientId);
      await waitFor(async () => (await s.queryAllByRole("link", CLIENT)).length === 1 && (await s.queryAllByRole("link", "orders-prod")).length === 0, {
        timeoutMs: 30_000,
        message: "the filtered organization-wide list showing only the new client",
      });
      const allClients = await s.findByRole("table", "All clients");
      assert.ok(!(await s.source()).includes(secret), "the secret is in the All clients page");
      await (await s.findByRole("link", CLUSTER, { within: allClients })).click();
      await s.findByRole("table", "Clients", { timeoutMs: 30_000 });

      // --- delete the client ---------------------------------------------------------------------
      await (await s.findByRole("button", `Delete client ${CLIENT}`)).click();
      const delClient = await s.findByRole("dialog", new RegExp(`Delete client.*${CLIENT}`));
      await (await s.findByRole("button", "Delete client", { within: delClient })).click();
      await s.waitGoneByRole("link", CLIENT, { timeoutMs: 30_000 });
      const remainingClients = await sandbox.api("GET", `/clusters/${created.uuid}/clients`);
      assert.ok(!remainingClients.some((c) => c.name === CLIENT), "the sandbox still has the client");

      // --- Activity: what was just done to the cluster, named by the cluster's name -------------
      await (await s.findByRole(["menuitem", "link"], "Activity")).click();
      const log = await s.findByRole("table", "Activity", { timeoutMs: 30_000 });
      await (await s.findByRole("searchbox", "Filter activity")).type(CLUSTER);
      const logRows = () => s.execute(
        "return [...arguments[0].querySelectorAll('tbody tr')].map((r) => [...r.cells].map((c) => c.innerText.trim()));",
        log,
      );
      await waitFor(async () => {
        const rows = await logRows();
        const what = rows.filter((r) => r[3] === CLUSTER).map((r) => r[1]);
        return ["Created cluster", "Created client", "Deleted client"].every((w) => what.includes(w)) ? rows : null;
      }, { timeoutMs: 30_000, message: `the cluster's creation and its client's in Activity, on ${CLUSTER}` });

      // --- delete the cluster (confirm by typing its name) ---------------------------------------
      await (await s.findByRole(["menuitem", "link"], "Clusters")).click();
      await s.findByRole("link", CLUSTER, { timeoutMs: 30_000 });
      await (await s.findByRole("button", `Delete ${CLUSTER}`)).click();
      const delCluster = await s.findByRole("dialog", new RegExp(`Delete cluster.*${CLUSTER}`));
      const confirmDelete = await s.findByRole("button", "Delete cluster", { within: delCluster });
      assert.equal(await confirmDelete.enabled(), false, "Delete cluster is enabled before typing the name");
      await (await s.findByRole("textbox", new RegExp(`Type .${CLUSTER}. to confirm`), { within: delCluster })).type(CLUSTER);
      await waitFor(() => confirmDelete.enabled(), { message: "Delete cluster to be enabled" });
      await confirmDelete.click();
      await s.waitGoneByRole("link", CLUSTER, { timeoutMs: 30_000 });
      const left = await sandbox.clusters();
      assert.ok(!left.some((c) => c.name === CLUSTER), "the sandbox still has the cluster");

      const counters = await sandbox.counters();
      assert.equal(counters.admin_secret_misuse, 0);
      assert.equal(counters.token_misuse, 0);
    });
  } finally {
    await sandbox.stop();
  }
});
