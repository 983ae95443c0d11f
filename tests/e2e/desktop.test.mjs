// The desktop around the window: a second launch hands over to the running Skep (no second
// process writing the same settings), and the clipboard: a copied client secret is cleared when
// the secret dialog is confirmed, and - with the app's real 60 s, no override - when left there.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { APP_BIN, OUT_DIR, readClipboard, skepIsRunning, withApp } from "./lib/harness.mjs";
import { waitFor } from "./lib/webdriver.mjs";

test("a second launch shows the running window and exits", { timeout: 180_000 }, async () => {
  await withApp("single-instance", {}, async (app) => {
    const s = app.session;
    await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    assert.ok(await skepIsRunning(app.env), "the running Skep holds the single-instance name");

    // A person starts Skep again (same user, same desktop session).
    const second = spawn(APP_BIN, [], { env: app.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    second.stdout.on("data", (d) => (output += d));
    second.stderr.on("data", (d) => (output += d));
    const code = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        second.kill("SIGKILL");
        reject(new Error(`the second launch is still running after 30 s (a second Skep):\n${output}`));
      }, 30_000);
      second.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0, `the second launch exited with ${code}:\n${output}`);

    // The first one heard of it and is still there, working.
    const log = path.join(OUT_DIR, "single-instance.app.log");
    await waitFor(() => readFileSync(log, "utf8").includes("Skep was launched again: showing the running window"), {
      timeoutMs: 10_000,
      message: `the running Skep to be told of the second launch (${log})`,
    });
    await s.findByRole("table", "Clusters", { timeoutMs: 10_000 });
    assert.equal(await s.title(), "Skep");
  });
});

/** Create a client on the Sandbox's orders-prod; returns the open secret dialog and the secret. */
async function createClient(s, name) {
  await (await s.findByRole("link", "orders-prod", { timeoutMs: 60_000 })).click();
  await s.findByRole("heading", "orders-prod", { timeoutMs: 30_000 });
  await (await s.findByRole("tab", "API clients")).click();
  await (await s.findByRole("button", "Create client", { timeoutMs: 30_000 })).click();
  const form = await s.findByRole("dialog", "Create client");
  await (await s.findByRole("textbox", "Client name", { within: form })).type(name);
  await (await s.findByRole("button", "Create client", { within: form })).click();
  const dialog = await s.findByRole("dialog", /Client secret|copy its secret/, { timeoutMs: 30_000 });
  await (await s.findByRole("button", "Reveal secret", { within: dialog })).click();
  const secret = await waitFor(
    async () => s.execute("const e = arguments[0].querySelector('.skep-secret'); return e ? e.innerText.trim() : ''", dialog),
    { message: "the revealed secret" },
  );
  await (await s.findByRole("button", "Hide secret", { within: dialog })).click();
  return { dialog, secret };
}

async function confirmAndClose(s, dialog) {
  await (await s.findByRole("checkbox", "I have copied or downloaded the secret", { within: dialog })).click();
  const done = await s.findByRole("button", "Done", { within: dialog });
  await waitFor(() => done.enabled(), { message: "Done to be enabled" });
  await done.click();
  await s.waitGoneByRole("dialog", /Client secret|copy its secret/);
}

test("the copied secret leaves the clipboard after the real 60 s, and at once on confirming", { timeout: 300_000 }, async () => {
  await withApp("clipboard", {}, async (app) => {
    const s = app.session;
    await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });

    // Left on the clipboard: still there well before 60 s, gone soon after (the real timer).
    const { dialog, secret } = await createClient(s, "clipboard-timer");
    await (await s.findByRole("button", "Copy client secret", { within: dialog })).click();
    await waitFor(async () => (await readClipboard()) === secret, { message: "the secret on the clipboard" });
    const copiedAt = Date.now();
    await new Promise((r) => setTimeout(r, 50_000));
    assert.equal(await readClipboard(), secret, "cleared before 60 s");
    await waitFor(async () => (await readClipboard()) !== secret, {
      timeoutMs: 25_000,
      intervalMs: 250,
      message: "the clipboard to be cleared about 60 s after the copy",
    });
    const clearedAfter = Date.now() - copiedAt;
    assert.ok(clearedAfter >= 59_000 && clearedAfter <= 70_000, `cleared after ${clearedAfter} ms`);
    assert.equal(await readClipboard(), "", "something other than nothing replaced the secret");

    // Copied again, then the dialog confirmed: cleared at once.
    await (await s.findByRole("button", "Copy client secret", { within: dialog })).click();
    await waitFor(async () => (await readClipboard()) === secret, { message: "the secret on the clipboard again" });
    const confirmedAt = Date.now();
    await confirmAndClose(s, dialog);
    await waitFor(async () => (await readClipboard()) === "", { timeoutMs: 10_000, message: "the clipboard cleared on confirming" });
    assert.ok(Date.now() - confirmedAt < 20_000, "cleared by the confirmation, not the timer");
  });
});
