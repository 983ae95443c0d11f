// The remembered window (issue 18): Skep opens as it was left — size and position — after File →
// Quit; a position on a screen that is no longer there is not restored (the window opens where
// the OS puts it, on a screen), the size still is.

import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { App, freePort, pressOnWindow, saveFailureArtifacts, skepIsRunning } from "./lib/harness.mjs";
import { waitFor } from "./lib/webdriver.mjs";

// Xvfb's screen (tests/e2e/run.sh).
const SCREEN = { width: 1280, height: 1024 };

async function rect(s) {
  return s.cmd("GET", "/window/rect");
}

async function quit(app) {
  await pressOnWindow("ctrl+q");
  await waitFor(async () => !(await skepIsRunning(app.env)), { timeoutMs: 30_000, message: "Skep to quit" });
  await app.close();
}

test("the window opens as it was left, and on a screen", { timeout: 240_000 }, async () => {
  const port = await freePort();
  const app = new App("window-state", { env: { SKEP_SANDBOX_ADDR: `127.0.0.1:${port}` } });
  try {
    let s = await app.launch();
    await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    const first = await rect(s);
    assert.ok(first.width >= 1000 && first.height >= 700, `the default window: ${JSON.stringify(first)}`);

    // Smaller and elsewhere; then File → Quit.
    await s.cmd("POST", "/window/rect", { x: 60, y: 40, width: 1000, height: 720 });
    const moved = await waitFor(async () => {
      const r = await rect(s);
      return r.width === 1000 && r.height === 720 ? r : null;
    }, { timeoutMs: 10_000, message: "the window resized" });
    await quit(app);
    const stateFile = path.join(app.dirs.XDG_CONFIG_HOME, "dev.skep.app", ".window-state.json");
    assert.ok(existsSync(stateFile), "no window state written at quit");

    s = await app.launch();
    await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    const back = await rect(s);
    assert.equal(back.width, 1000, `width restored: ${JSON.stringify(back)}`);
    assert.equal(back.height, 720, `height restored: ${JSON.stringify(back)}`);
    assert.ok(Math.abs(back.x - moved.x) <= 2 && Math.abs(back.y - moved.y) <= 2, `position restored: ${JSON.stringify({ moved, back })}`);
    await quit(app);

    // The screen it was on is gone: a position far off every screen is not restored.
    const saved = JSON.parse(readFileSync(stateFile, "utf8"));
    const label = Object.keys(saved)[0];
    assert.ok(label, `a window in the state file: ${JSON.stringify(saved)}`);
    Object.assign(saved[label], { x: 5000, y: 4000, prev_x: 5000, prev_y: 4000 });
    writeFileSync(stateFile, JSON.stringify(saved));
    s = await app.launch();
    await s.findByRole("table", "Clusters", { timeoutMs: 60_000 });
    const onScreen = await rect(s);
    assert.ok(onScreen.x >= 0 && onScreen.y >= 0 && onScreen.x < SCREEN.width && onScreen.y < SCREEN.height,
      `the window is on the screen: ${JSON.stringify(onScreen)}`);
    assert.equal(onScreen.width, 1000, "the size is still restored");
  } catch (err) {
    if (app.session) {
      const stem = await saveFailureArtifacts(app.session, "window-state");
      err.message += `\n  screenshot: ${stem}.png  page source: ${stem}.html`;
    }
    throw err;
  } finally {
    await app.dispose();
  }
});
