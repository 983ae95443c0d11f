// Members and Activity on the real app, against the built-in Sandbox organization: invite a
// person with a role through the dialog (Enter sends it), see the invitation pending, change
// its roles, withdraw it after the confirmation that names the organization; then the Activity
// screen lists those changes, filters them, and saves the log as CSV through the native save
// dialog (content and mode 0600 checked). Each step is checked against the sandbox's own API.

import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { answerSaveDialog, freePort, SandboxClient, withApp } from "./lib/harness.mjs";
import { Keys, waitFor } from "./lib/webdriver.mjs";

const EMAIL = "grace-e2e@example.com";

test("members: invite, change roles, withdraw; activity lists it and saves as CSV", { timeout: 300_000 }, async () => {
  const port = await freePort();
  const sandbox = new SandboxClient(`http://127.0.0.1:${port}`);
  await withApp("members-activity", { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } }, async (app) => {
    const s = app.session;
    await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    const member = async () => (await sandbox.api("GET", "/members")).find((m) => m.email === EMAIL);

    await (await s.findByRole("link", "Members")).click();
    const table = await s.findByRole("table", "Members", { timeoutMs: 30_000 });
    await s.findByText("Ada Lovelace", { within: table });

    // Invite.
    await (await s.findByRole("button", "Invite member")).click();
    let dialog = await s.findByRole("dialog", "Invite member");
    const email = await s.findByRole("textbox", "Email", { within: dialog });
    await email.click();
    await email.type(EMAIL);
    await (await s.findByRole("checkbox", "Analyst", { within: dialog })).click();
    await email.click();
    await s.keys(Keys.ENTER);
    await s.waitGoneByRole("dialog", "Invite member", { timeoutMs: 30_000 });
    await s.findByText(`${EMAIL} was invited to Sandbox.`, { timeoutMs: 30_000 });
    assert.deepEqual(await member(), { email: EMAIL, name: "", roles: ["analyst"], invitePending: true });
    await s.findByText(EMAIL, { within: table, timeoutMs: 30_000 });

    // Change its roles.
    await (await s.findByRole("button", `Change roles of ${EMAIL}`, { within: table })).click();
    dialog = await s.findByRole("dialog", "Change roles");
    await (await s.findByRole("checkbox", "Admin", { within: dialog })).click();
    await (await s.findByRole("button", "Save roles", { within: dialog })).click();
    await s.waitGoneByRole("dialog", "Change roles", { timeoutMs: 30_000 });
    await waitFor(async () => (await member())?.roles.join() === "admin,analyst", { message: "the new roles in the sandbox" });

    // Withdraw the invitation.
    await (await s.findByRole("button", `Withdraw the invitation of ${EMAIL}`, { within: table })).click();
    dialog = await s.findByRole("dialog", `Withdraw the invitation of ${EMAIL}`);
    await s.findByText(`Withdraw the invitation of ${EMAIL} to “Sandbox”?`, { within: dialog });
    await (await s.findByRole("button", "Withdraw invitation", { within: dialog })).click();
    await s.waitGoneByRole("dialog", `Withdraw the invitation of ${EMAIL}`, { timeoutMs: 30_000 });
    await waitFor(async () => (await member()) === undefined, { message: "removed in the sandbox" });

    // Activity: the three changes, filtered, saved as CSV.
    await (await s.findByRole("link", "Activity")).click();
    const log = await s.findByRole("table", "Activity", { timeoutMs: 30_000 });
    await s.findByText(`Removed ${EMAIL}`, { within: log, timeoutMs: 30_000 });
    const filter = await s.findByRole("searchbox", "Filter activity");
    await filter.click();
    await filter.type(EMAIL);
    // Only those three (the count says how many of all the entries match).
    await s.findByText(/^3 (of \d+ )?entries$/, { timeoutMs: 10_000 });
    const file = path.join(app.dirs.HOME, "activity.csv");
    const save = await s.findByRole("button", "Save as CSV");
    await answerSaveDialog(() => save.click(), file);
    await s.findByText(/Saved to .*readable only by you/, { timeoutMs: 30_000 });
    const csv = readFileSync(file, "utf8");
    assert.match(csv.split("\n")[0], /^timestamp,service,auditType,entity,entityId/);
    assert.equal(csv.split("\n").filter((l) => l.includes(EMAIL)).length, 3, csv);
    assert.equal(statSync(file).mode & 0o777, 0o600, "the CSV is readable only by its owner");
  });
});
