// `make bench`: what users feel, each figure beside a baseline measured in the same run.
// Run through bench/run.sh (private D-Bus + throwaway keyring + Xvfb). Prints one table, writes
// bench/results.json, exits 0 even when a budget is missed (the row is marked MISS).
//
// Env: BENCH_TARGET_DIR (cargo target dir holding release/{skep,console-sandbox,skep-bench}),
//      BENCH_RUNS (default 5), BENCH_IDLE_SECS (default 60 per run), BENCH_ONLY (comma list of
//      figure numbers to run, e.g. "1,2"), BENCH_DEB (path of the .deb, if bundled).

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..");
const TARGET = path.resolve(REPO, process.env.BENCH_TARGET_DIR || process.env.CARGO_TARGET_DIR || "target");
const APP_BIN = path.join(TARGET, "release/skep");
const BENCH_BIN = path.join(TARGET, "release/skep-bench");
process.env.SKEP_APP_BIN = APP_BIN;
process.env.SKEP_SANDBOX_BIN = path.join(TARGET, "release/console-sandbox");

// The e2e harness (tauri-driver in its own process group, isolated dirs, sandbox client).
const { App, isolatedDirs, startDriver, startStandaloneSandbox } = await import("../tests/e2e/lib/harness.mjs");
const { Keys, waitFor } = await import("../tests/e2e/lib/webdriver.mjs");

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 5));
const IDLE_SECS = Math.max(5, Number(process.env.BENCH_IDLE_SECS || 60));
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => s.trim())) : null;
const want = (n) => !ONLY || ONLY.has(String(n));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error("bench:", ...a);

// ---- statistics -------------------------------------------------------------------------------

function stats(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { median: NaN, min: NaN, max: NaN, n: 0, values };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length, values };
}

// ---- processes: the app and everything it spawned (WebKit web/network processes) -------------

function readProc(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}

function allPids() {
  return readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
}

function parentOf(pid) {
  const stat = readProc(pid, "stat");
  if (!stat) return null;
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

/** The app process started with SKEP_BENCH_TAG=tag, plus all its descendants. */
function appTree(tag) {
  const pids = allPids();
  const appReal = realpathSync(APP_BIN);
  const root = pids.find((pid) => {
    let exe;
    try {
      exe = realpathSync(`/proc/${pid}/exe`);
    } catch {
      return false;
    }
    return exe === appReal && (readProc(pid, "environ") || "").split("\0").includes(`SKEP_BENCH_TAG=${tag}`);
  });
  if (!root) return [];
  const children = new Map();
  for (const pid of pids) {
    const ppid = parentOf(pid);
    if (ppid !== null) children.set(ppid, [...(children.get(ppid) || []), pid]);
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(children.get(pid) || []));
  }
  return out;
}

function comm(pid) {
  return (readProc(pid, "comm") || "?").trim();
}

/** Sum of PSS (KiB) over the app tree, from /proc/PID/smaps_rollup. */
function pssKiB(tag) {
  const tree = appTree(tag);
  let total = 0;
  let uss = 0;
  const parts = {};
  for (const pid of tree) {
    const rollup = readProc(pid, "smaps_rollup") || "";
    const m = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (!m) continue;
    total += Number(m[1]);
    parts[comm(pid)] = (parts[comm(pid)] || 0) + Number(m[1]);
    // USS (private pages): unlike PSS, independent of other processes mapping the same libraries.
    for (const k of ["Private_Clean", "Private_Dirty"]) uss += Number((new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(rollup) || [0, 0])[1]);
  }
  return { total, uss, parts, processes: tree.length };
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime+stime (seconds) per process of the app tree. */
function cpuTimes(tag) {
  const out = new Map();
  for (const pid of appTree(tag)) {
    const stat = readProc(pid, "stat");
    if (!stat) continue;
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    out.set(pid, (Number(f[11]) + Number(f[12])) / CLK_TCK);
  }
  return out;
}

/** CPU seconds the app tree used during `secs` of wall time (processes present at the end). */
async function idleCpu(tag, secs) {
  const before = cpuTimes(tag);
  const t0 = performance.now();
  await sleep(secs * 1000);
  const after = cpuTimes(tag);
  const wall = (performance.now() - t0) / 1000;
  let used = 0;
  for (const [pid, t] of after) used += t - (before.get(pid) ?? 0);
  return { cpuSecs: used, wallSecs: wall, percentOfCore: (100 * used) / wall };
}

// ---- launching the app ------------------------------------------------------------------------

let launchSeq = 0;

function sandboxEnv(sandbox, creds) {
  return {
    CAMUNDA_CONSOLE_CLIENT_ID: creds.clientId,
    CAMUNDA_CONSOLE_CLIENT_SECRET: creds.clientSecret,
    CAMUNDA_OAUTH_URL: sandbox.tokenUrl,
    CAMUNDA_CONSOLE_BASE_URL: sandbox.base,
    CAMUNDA_CONSOLE_OAUTH_AUDIENCE: sandbox.audience,
  };
}

/**
 * Start tauri-driver first (not timed), then time the WebDriver new-session call that spawns the
 * app. Returns { app, t0 (epoch ms just before the spawn), tag }.
 */
async function launch(name, env, { empty = false, dirs } = {}) {
  launchSeq += 1;
  const tag = `${process.pid}-${launchSeq}`;
  const app = new App(`bench-${name}-${launchSeq}`, {
    env: { ...env, SKEP_BENCH_TAG: tag, ...(empty ? { SKEP_BENCH_EMPTY_PAGE: "1" } : {}) },
    dirs: dirs ?? isolatedDirs(`bench-${name}`),
    application: APP_BIN,
  });
  try {
    app.driver = await startDriver(app.name, app.env);
    const t0 = Date.now();
    await app.launch();
    // Page scripts below wait up to 60 s themselves (WebDriver's default script timeout is 30 s).
    await app.session.cmd("POST", "/timeouts", { script: 120_000 }).catch(() => null);
    return { app, t0, tag };
  } catch (err) {
    await app.dispose();
    throw err;
  }
}

async function relaunch(app) {
  const t0 = Date.now();
  await app.launch();
  return t0;
}

const MARK_AT = `
  const n = arguments[0], after = arguments[1] || 0;
  const e = performance.getEntriesByName('skep:clusters-table')
    .find((m) => m.detail && m.detail.rows >= n && performance.timeOrigin + m.startTime >= after);
  return e ? performance.timeOrigin + e.startTime : null;`;

/** Epoch ms at which the clusters table was first committed with >= n rows. */
async function tableShown(session, n, after = 0, timeoutMs = 90_000) {
  return waitFor(() => session.execute(MARK_AT, n, after), {
    timeoutMs,
    intervalMs: 25,
    message: `the clusters table with ${n} rows`,
  });
}

const EMPTY_LOADED = `
  const nav = performance.getEntriesByType('navigation')[0];
  if (!location.href.includes('bench-empty') || document.readyState !== 'complete' || !nav || !nav.loadEventEnd) return null;
  return performance.timeOrigin + nav.loadEventEnd;`;

async function emptyShown(session) {
  return waitFor(() => session.execute(EMPTY_LOADED), {
    timeoutMs: 60_000,
    intervalMs: 25,
    message: "the empty bench page",
  });
}

const INVOKE = `
  const done = arguments[arguments.length - 1];
  window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1] || {})
    .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: e }));`;

async function invoke(session, cmd, args) {
  const r = await session.executeAsync(INVOKE, cmd, args ?? {});
  if (r && "err" in r) throw new Error(`${cmd}: ${JSON.stringify(r.err).slice(0, 300)}`);
  return r.ok;
}

// 200 sequential list_clusters from the page, each timed with performance.now().
const INVOKE_LOOP = `
  const [n, cmd, args, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
  (async () => {
    const t = [];
    for (let i = 0; i < n + 10; i++) {
      const s = performance.now();
      const r = await window.__TAURI_INTERNALS__.invoke(cmd, args).catch((e) => ({ error: e }));
      if (i >= 10) t.push(performance.now() - s);
      if (r === undefined) throw new Error('no answer');
    }
    return t;
  })().then((t) => done({ ok: t }), (e) => done({ err: String(e) }));`;

// Data -> painted table: watch the IPC fetch of list_clusters (Tauri's ipc:// custom protocol),
// click `el`, then wait for the frame in which the table has `n` rows; "painted" = a task queued
// from that frame's requestAnimationFrame callback (runs after the frame is rendered).
const DATA_TO_PAINT = `
  const [el, n, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
  const origFetch = window.fetch;
  let tData = null;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    const p = origFetch.apply(this, arguments);
    if (url.includes('list_clusters')) p.then(() => { if (tData === null) tData = performance.now(); }, () => {});
    return p;
  };
  const rows = () => { const t = document.querySelector('table[aria-label="Clusters"]'); if (!t) return -1; const rc = t.getAttribute('aria-rowcount'); return rc ? Number(rc) - 1 : t.tBodies[0].rows.length; };
  const t0 = performance.now();
  el.click();
  const deadline = t0 + 60000;
  const frame = () => {
    if (performance.now() > deadline) { window.fetch = origFetch; done({ err: 'timeout, rows=' + rows() }); return; }
    if (tData !== null && rows() === n) {
      const tFrame = performance.now();
      setTimeout(() => {
        const tPaint = performance.now();
        window.fetch = origFetch;
        const marks = performance.getEntriesByName('skep:clusters-table').filter((m) => m.startTime >= tData && m.detail && m.detail.rows === n);
        done({ ok: { click: t0, data: tData, commit: marks.length ? marks[0].startTime : null, frame: tFrame, painted: tPaint } });
      }, 0);
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);`;

// One keystroke in the filter: set the input's value the way typing does and fire 'input'; wait
// for the frame in which the table's row count changed, then a task after that frame. Row count =
// the table's aria-rowcount minus the header row when set (a virtualized table), else <tbody> rows.
const KEYSTROKE = `
  const [input, value, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
  const rows = () => { const t = document.querySelector('table[aria-label="Clusters"]'); if (!t) return -1; const rc = t.getAttribute('aria-rowcount'); return rc ? Number(rc) - 1 : t.tBodies[0].rows.length; };
  const before = rows();
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const deadline = t0 + 10000;
  const frame = () => {
    if (performance.now() > deadline) { done({ err: 'no repaint, rows=' + rows() }); return; }
    if (rows() !== before) {
      const tFrame = performance.now();
      setTimeout(() => {
        const marks = performance.getEntriesByName('skep:clusters-table').filter((m) => m.startTime >= t0);
        done({ ok: { typed: t0, commit: marks.length ? marks[0].startTime : null, frame: tFrame, painted: performance.now(), before, after: rows() } });
      }, 0);
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);`;

// One keystroke in the command palette, measured as KEYSTROKE does: set the combobox's value and
// fire 'input'; wait for the frame in which the listbox it controls shows the results of that
// value (its data-query), then a task after that frame. The commit is the palette's own mark.
const PALETTE_KEYSTROKE = `
  const [input, value, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
  const list = () => document.getElementById(input.getAttribute('aria-controls'));
  const options = () => { const l = list(); return l ? l.querySelectorAll('[role="option"]').length : -1; };
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const deadline = t0 + 10000;
  const frame = () => {
    if (performance.now() > deadline) { done({ err: 'no repaint, query=' + (list() && list().dataset.query) }); return; }
    const l = list();
    if (l && l.dataset.query === value) {
      const tFrame = performance.now();
      setTimeout(() => {
        const marks = performance.getEntriesByName('skep:palette-results').filter((m) => m.startTime >= t0);
        done({ ok: { typed: t0, commit: marks.length ? marks[0].startTime : null, frame: tFrame, painted: performance.now(), shown: options() } });
      }, 0);
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);`;

async function pageScript(session, script, ...args) {
  const r = await session.executeAsync(script, ...args);
  if (r && "err" in r) throw new Error(`page script: ${r.err}`);
  return r.ok;
}

/** Open cluster `name`, then go back: one data -> painted measurement of the clusters table. */
// Plain DOM lookups (the a11y finder walks every node: slow on a 2,000-row page).
const LINK_IN_TABLE = `return [...document.querySelectorAll('table[aria-label="Clusters"] a')].find((a) => a.textContent === arguments[0]) || null;`;
const BACK_LINK = `return [...document.querySelectorAll('a, button')].find((e) => e.textContent.trim() === 'Back to clusters') || null;`;

async function backToClusters(session, name, n) {
  const link = await waitFor(() => session.execute(LINK_IN_TABLE, name), { timeoutMs: 30_000, message: `link ${name}` });
  await link.click();
  const back = await waitFor(() => session.execute(BACK_LINK), { timeoutMs: 30_000, message: "Back to clusters" });
  await waitFor(() => session.execute(`return !!document.querySelector('[aria-label="Component status"], [aria-label="Cluster"]')`), {
    timeoutMs: 30_000,
    message: "the cluster detail",
  }).catch(() => null);
  await sleep(300);
  const r = await pageScript(session, DATA_TO_PAINT, back, n);
  return { dataToPaint: r.painted - r.data, dataToCommit: r.commit === null ? NaN : r.commit - r.data, clickToPaint: r.painted - r.click };
}

async function filterInput(session) {
  return waitFor(() => session.execute(`return document.querySelector('input[role="searchbox"], input[type="search"], input[placeholder^="Filter clusters"]')`), {
    timeoutMs: 30_000,
    message: "the filter box",
  });
}

/** Keystroke "9" into the empty filter (narrow) and Backspace (widen back), n times each. */
async function keystrokes(session, reps) {
  const input = await filterInput(session);
  const narrow = [];
  const widen = [];
  for (let i = 0; i < reps; i++) {
    const a = await pageScript(session, KEYSTROKE, input, "9");
    narrow.push({ paint: a.painted - a.typed, commit: a.commit === null ? NaN : a.commit - a.typed, rows: a.after });
    await sleep(300);
    const b = await pageScript(session, KEYSTROKE, input, "");
    widen.push({ paint: b.painted - b.typed, commit: b.commit === null ? NaN : b.commit - b.typed, rows: b.after });
    await sleep(300);
  }
  return { narrow, widen };
}

const PALETTE_INPUT = `return document.querySelector('[role="dialog"][aria-label="Command palette"] input[role="combobox"]');`;
// The palette shows the active organization's clusters (all n loaded) once its Clusters group is there.
const PALETTE_READY = `const l = document.getElementById(arguments[0].getAttribute('aria-controls')); return !!(l && l.querySelector('[role="group"][aria-label="Clusters"]'));`;

/**
 * Figure 6c: Ctrl+K opens the palette (over the clusters screen, whose list it uses), then per
 * rep "9" into the empty field (narrow, as 6b), back to empty, and "c" (broad: every cluster and
 * its Open … actions match and are ranked), back to empty. Escape closes it at the end.
 */
async function paletteKeystrokes(session, reps) {
  await session.keys(`${Keys.CONTROL}k`);
  const input = await waitFor(() => session.execute(PALETTE_INPUT), { timeoutMs: 30_000, message: "the command palette" });
  await waitFor(() => session.execute(PALETTE_READY, input), { timeoutMs: 30_000, message: "the palette's clusters" });
  await sleep(300);
  const narrow = [];
  const broad = [];
  const entry = (a) => ({ paint: a.painted - a.typed, commit: a.commit === null ? NaN : a.commit - a.typed, shown: a.shown });
  for (let i = 0; i < reps; i++) {
    narrow.push(entry(await pageScript(session, PALETTE_KEYSTROKE, input, "9")));
    await sleep(300);
    await pageScript(session, PALETTE_KEYSTROKE, input, "");
    await sleep(300);
    broad.push(entry(await pageScript(session, PALETTE_KEYSTROKE, input, "c")));
    await sleep(300);
    await pageScript(session, PALETTE_KEYSTROKE, input, "");
    await sleep(300);
  }
  await session.keys(Keys.ESCAPE);
  return { narrow, broad };
}

async function withSandbox(name, args, fn) {
  const sandbox = await startStandaloneSandbox(`bench-${name}`, ["--no-rate-limit", ...args]);
  try {
    const creds = await sandbox.createApiClient();
    return await fn(sandbox, creds);
  } finally {
    await sandbox.stop();
  }
}

/**
 * The app's bench socket (SKEP_BENCH_SOCKET, src-tauri/src/bench.rs): one request line, one JSON
 * answer line, measured inside the app process.
 */
function benchSocket(socketPath, request) {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(socketPath);
    let buf = "";
    conn.setEncoding("utf8");
    conn.on("connect", () => conn.write(`${request}\n`));
    conn.on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl < 0) return;
      conn.end();
      const answer = JSON.parse(buf.slice(0, nl));
      if (answer.error) reject(new Error(`bench socket ${request}: ${answer.error}`));
      else resolve(answer);
    });
    conn.on("error", reject);
  });
}

function benchBin(args, env = {}) {
  const out = execFileSync(BENCH_BIN, args, { env: { ...process.env, ...env }, maxBuffer: 16 << 20 });
  return JSON.parse(out.toString());
}

// ---- the figures ------------------------------------------------------------------------------

const results = { machine: {}, figures: {} };
const F = results.figures;

function machine() {
  const cpu = (readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) || [])[1];
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  let webkit = null;
  try {
    webkit = execFileSync("dpkg-query", ["-W", "-f", "${Version}", "libwebkit2gtk-4.1-0"]).toString();
  } catch {
    /* not Debian */
  }
  return { date: new Date().toISOString(), cpu, cores: readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)?.length, loadavg_at_start: load, webkit2gtk: webkit, runs: RUNS };
}

async function figureFootprint() {
  // The app as it ships (bench/build.sh keeps it apart from the bench build).
  const shipped = path.join(TARGET, "release/skep-shipped");
  const bin = statSync(existsSync(shipped) ? shipped : APP_BIN).size;
  const sandboxBin = statSync(process.env.SKEP_SANDBOX_BIN).size;
  let deb = null;
  const debPath = process.env.BENCH_DEB;
  if (debPath && existsSync(debPath)) deb = { path: path.relative(REPO, debPath), bytes: statSync(debPath).size };
  let uiBytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else uiBytes += statSync(p).size;
    }
  };
  if (existsSync(path.join(REPO, "ui/dist"))) walk(path.join(REPO, "ui/dist"));
  F.footprint = { binary_bytes: bin, deb, ui_dist_bytes: uiBytes, console_sandbox_bytes: sandboxBin, deb_note: process.env.BENCH_DEB_NOTE || null };
}

/** 1 start-up, 2 memory, 7 idle, with the empty page as baseline; runs interleaved. */
async function figuresStartMemIdle() {
  const startUi = [], startEmpty = [], pssUi = [], pssEmpty = [], idleUi = [], idleEmpty = [];
  const pssParts = {}, emptyParts = {};
  const uiLoaded = [], uiData = [], ussUi = [], ussEmpty = [];
  const tokensAtStart = [];
  // Warm-up (not counted): the first WebKit start of a session fills caches (fonts, shaders).
  {
    const { app } = await launch("warmup", {}, { empty: true });
    await emptyShown(app.session).catch(() => null);
    await app.dispose();
  }
  for (let run = 1; run <= RUNS; run++) {
    // empty page: start-up floor, then its PSS and idle CPU
    if (want(1) || want(2) || want(7)) {
      const { app, t0, tag } = await launch("empty", {}, { empty: true });
      try {
        startEmpty.push((await emptyShown(app.session)) - t0);
        await sleep(3000);
        if (want(2)) {
          const p = pssKiB(tag);
          pssEmpty.push(p.total / 1024);
          ussEmpty.push(p.uss / 1024);
          for (const [k, v] of Object.entries(p.parts)) (emptyParts[k] ||= []).push(v / 1024);
        }
        if (want(7)) idleEmpty.push((await idleCpu(tag, IDLE_SECS)).percentOfCore);
      } finally {
        await app.dispose();
      }
      log(`run ${run}: empty start ${startEmpty.at(-1)?.toFixed(0)} ms, PSS ${pssEmpty.at(-1)?.toFixed(1)} MiB, idle ${idleEmpty.at(-1)?.toFixed(2)} %`);
    }
    // 1: 50 clusters
    if (want(1)) {
      await withSandbox("start", ["--seed", "generated:50:2"], async (sandbox, creds) => {
        const { app, t0 } = await launch("start50", sandboxEnv(sandbox, creds));
        try {
          startUi.push((await tableShown(app.session, 50)) - t0);
          uiLoaded.push((await app.session.execute(`const n = performance.getEntriesByType('navigation')[0]; return n ? performance.timeOrigin + n.loadEventEnd : null;`)) - t0);
          // When the first cluster list reached the page (useClusterList's mark).
          uiData.push((await app.session.execute(`const m = performance.getEntriesByName('skep:clusters-data')[0]; return m ? performance.timeOrigin + m.startTime : null;`)) - t0);
          tokensAtStart.push((await sandbox.counters()).token_requests);
        } finally {
          await app.dispose();
        }
      });
      log(`run ${run}: start-up to 50 clusters ${startUi.at(-1)?.toFixed(0)} ms`);
    }
    // 2: 100 clusters, open one with 20 clients
    if (want(2)) {
      await withSandbox("memory", ["--seed", "generated:100:20"], async (sandbox, creds) => {
        const { app, tag } = await launch("mem100", sandboxEnv(sandbox, creds));
        try {
          await tableShown(app.session, 100);
          await (await app.session.findByRole("link", "cluster-0001", { timeoutMs: 30_000 })).click();
          // The clients are on the cluster's API clients tab.
          await (await app.session.findByRole("tab", "API clients", { timeoutMs: 30_000 })).click();
          const clients = await app.session.findByRole("table", "Clients", { timeoutMs: 30_000 });
          await waitFor(async () => (await app.session.execute("return arguments[0].tBodies[0].rows.length", clients)) >= 20, {
            message: "20 clients",
          });
          await sleep(3000);
          const p = pssKiB(tag);
          pssUi.push(p.total / 1024);
          ussUi.push(p.uss / 1024);
          for (const [k, v] of Object.entries(p.parts)) (pssParts[k] ||= []).push(v / 1024);
        } finally {
          await app.dispose();
        }
      });
      log(`run ${run}: PSS with 100 clusters + 20 clients ${pssUi.at(-1)?.toFixed(1)} MiB`);
    }
    // 7: every cluster settled (generated:10 = all Healthy): polling must stop
    if (want(7)) {
      await withSandbox("idle", ["--seed", "generated:10:2"], async (sandbox, creds) => {
        const { app, tag } = await launch("idle10", sandboxEnv(sandbox, creds));
        try {
          await tableShown(app.session, 10);
          // The first seconds after the table shows are still start-up work (style, fonts, JIT):
          // measured separately, then the idle window.
          (F.settle_percent ||= []).push((await idleCpu(tag, 10)).percentOfCore);
          const before = await sandbox.counters();
          idleUi.push((await idleCpu(tag, IDLE_SECS)).percentOfCore);
          const after = await sandbox.counters();
          const calls = (c) => Object.values(c.routes).reduce((a, b) => a + b, 0);
          (F.idle_requests ||= []).push(calls(after) - calls(before));
        } finally {
          await app.dispose();
        }
      });
      log(`run ${run}: idle CPU ${idleUi.at(-1)?.toFixed(2)} % of a core`);
    }
  }
  if (want(1)) F.startup = { ui_ms: stats(startUi), empty_ms: stats(startEmpty), ui_page_loaded_ms: stats(uiLoaded), ui_data_in_page_ms: stats(uiData), token_requests_at_start: tokensAtStart };
  if (want(2)) F.memory = { ui_mib: stats(pssUi), empty_mib: stats(pssEmpty), uss_ui_mib: stats(ussUi), uss_empty_mib: stats(ussEmpty), ui_parts_mib: Object.fromEntries(Object.entries(pssParts).map(([k, v]) => [k, stats(v).median])), empty_parts_mib: Object.fromEntries(Object.entries(emptyParts).map(([k, v]) => [k, stats(v).median])) };
  if (want(7)) F.idle = { ui_percent: stats(idleUi), empty_percent: stats(idleEmpty), window_secs: IDLE_SECS, api_requests_in_window: F.idle_requests, first_10s_after_table_percent: stats(F.settle_percent || []) };
  delete F.idle_requests;
  delete F.settle_percent;
}

/**
 * 1b start-up on a real network: 150 ms on the token endpoint and on every API request (a laptop
 * is 50–300 ms from Camunda SaaS). Warm: a saved organization (secret and token in the keychain,
 * its last-known list on disk) started again — spawn → table painted, beside the empty page
 * launched in the same loop. Cold: a new API client in fresh dirs (no token, no cache) — against
 * its physical limit, the empty page plus one token round trip and one list round trip.
 */
async function figureStartNetwork() {
  const latencyMs = 150;
  const empty = [], warm = [], warmFresh = [], cold = [], coldTokens = [];
  const keptList = (dirs) => {
    const root = path.join(dirs.XDG_CACHE_HOME, "dev.skep.app", "last-known");
    try {
      return readdirSync(root).some((org) => existsSync(path.join(root, org, "clusters.json")));
    } catch {
      return false;
    }
  };
  const FRESH_AT = `
    const after = arguments[0];
    const e = performance.getEntriesByName('skep:clusters-data').find((m) => performance.timeOrigin + m.startTime >= after);
    return e ? performance.timeOrigin + e.startTime : null;`;
  const args = ["--seed", "generated:50:2", "--latency", `${latencyMs}ms`, "--token-latency", `${latencyMs}ms`];
  await withSandbox("net", args, async (sandbox, creds) => {
    const dirs = isolatedDirs("bench-net-warm");
    const { app } = await launch("net-warm", {}, { dirs });
    try {
      const s = app.session;
      await waitFor(() => s.execute("return !!window.__TAURI_INTERNALS__ && document.readyState === 'complete'"), { message: "the UI" });
      const org = await invoke(s, "add_organization", {
        input: { name: "Far away", clientId: creds.clientId, clientSecret: creds.clientSecret, tokenUrl: sandbox.tokenUrl, apiBaseUrl: sandbox.base, audience: sandbox.audience, sessionOnly: false },
      });
      await invoke(s, "set_active_organization", { id: org.id });
      await invoke(s, "list_clusters");
      await waitFor(() => keptList(dirs), { timeoutMs: 30_000, message: "the last-known list on disk" });
      for (let run = 1; run <= RUNS; run++) {
        // One Skep at a time (single instance): quit it, the empty page, then it again.
        await app.close();
        const e = await launch("net-empty", {}, { empty: true });
        try {
          empty.push((await emptyShown(e.app.session)) - e.t0);
        } finally {
          await e.app.dispose();
        }
        const t0 = await relaunch(app);
        warm.push((await tableShown(app.session, 50, t0)) - t0);
        warmFresh.push((await waitFor(() => app.session.execute(FRESH_AT, t0), { timeoutMs: 60_000, message: "the fresh list" })) - t0);
        log(`1b run ${run}: empty ${empty.at(-1).toFixed(0)} ms, warm start to the table ${warm.at(-1).toFixed(0)} ms (fresh list ${warmFresh.at(-1).toFixed(0)} ms)`);
      }
    } finally {
      await app.dispose();
    }
    for (let run = 1; run <= RUNS; run++) {
      // A client of its own each time: no token of it in the keychain.
      const fresh = await sandbox.createApiClient();
      const before = (await sandbox.counters()).token_requests;
      const { app: c, t0 } = await launch("net-cold", sandboxEnv(sandbox, fresh));
      try {
        cold.push((await tableShown(c.session, 50, t0)) - t0);
        coldTokens.push((await sandbox.counters()).token_requests - before);
      } finally {
        await c.dispose();
      }
      log(`1b run ${run}: cold start to the table ${cold.at(-1).toFixed(0)} ms`);
    }
  });
  const e = stats(empty);
  F.startup_network = {
    latency_ms: latencyMs,
    warm_ms: stats(warm),
    warm_fresh_list_ms: stats(warmFresh),
    empty_ms: e,
    cold_ms: stats(cold),
    cold_token_requests: coldTokens,
    cold_floor_ms: e.median + 2 * latencyMs,
  };
}

/** 3 command overhead (100 clusters), 6 UI scale at 50 (baseline) and 2,000 clusters. */
async function figuresCommandAndScale() {
  if (want(3)) {
    await withSandbox("cmd", ["--seed", "generated:100:2"], async (sandbox, creds) => {
      // The baseline runs inside the app process: a private socket the app serves (bench.rs).
      const sockDir = mkdtempSync(path.join(os.tmpdir(), "skep-bench-sock-"));
      const socketPath = path.join(sockDir, "bench.sock");
      const { app } = await launch("cmd100", { ...sandboxEnv(sandbox, creds), SKEP_BENCH_SOCKET: socketPath });
      try {
        await tableShown(app.session, 100);
        const ipc = [], ipcMean = [], floor = [], get = [], getMean = [], cmd = [], cmdMean = [];
        let bodyBytes = null, payloadBytes = null;
        const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
        for (let run = 1; run <= RUNS; run++) {
          const t = await pageScript(app.session, INVOKE_LOOP, 200, "list_clusters", {});
          ipc.push(stats(t).median);
          ipcMean.push(mean(t));
          // IPC floor: a command with no I/O (parses a one-line text).
          floor.push(mean(await pageScript(app.session, INVOKE_LOOP, 200, "preview_credentials", { text: "CAMUNDA_CONSOLE_CLIENT_ID=bench" })));
          const g = await benchSocket(socketPath, "plain-get 200");
          get.push(stats(g.plain_get_ms).median);
          getMean.push(mean(g.plain_get_ms));
          bodyBytes = g.body_bytes;
          const c = await benchSocket(socketPath, "command 200");
          cmd.push(stats(c.command_ms).median);
          cmdMean.push(mean(c.command_ms));
          payloadBytes = c.payload_bytes;
          log(`run ${run}: list_clusters from the UI ${ipc.at(-1).toFixed(2)} ms (mean ${ipcMean.at(-1).toFixed(2)}, IPC floor ${floor.at(-1).toFixed(2)}), in-process plain GET ${get.at(-1).toFixed(2)} ms, command without IPC ${cmd.at(-1).toFixed(2)} ms`);
        }
        F.command = {
          invoke_ms: stats(ipc),
          invoke_mean_ms: stats(ipcMean),
          ipc_floor_mean_ms: stats(floor),
          plain_get_ms: stats(get),
          plain_get_mean_ms: stats(getMean),
          command_without_ipc_ms: stats(cmd),
          command_without_ipc_mean_ms: stats(cmdMean),
          api_body_bytes: bodyBytes,
          ipc_payload_bytes: payloadBytes,
          calls_per_run: 200,
          baseline: "plain reqwest GET of the same sandbox endpoint, in the app process (SKEP_BENCH_SOCKET)",
          note: "performance.now() in WebKit has 1 ms resolution: per-call medians from the page are whole ms; means are exact",
        };
      } finally {
        await app.dispose();
        rmSync(sockDir, { recursive: true, force: true });
      }
    });
  }
  if (want(6)) {
    const scale = {};
    for (const n of [50, 2000]) {
      await withSandbox(`scale${n}`, ["--seed", `generated:${n}:0`], async (sandbox, creds) => {
        const { app } = await launch(`scale${n}`, sandboxEnv(sandbox, creds));
        try {
          await tableShown(app.session, n, 0, 180_000);
          await sleep(1000);
          const d = [];
          for (let run = 1; run <= RUNS; run++) d.push(await backToClusters(app.session, "cluster-0001", n));
          const k = await keystrokes(app.session, RUNS);
          const p = await paletteKeystrokes(app.session, RUNS);
          scale[n] = {
            data_to_paint_ms: stats(d.map((x) => x.dataToPaint)),
            data_to_commit_ms: stats(d.map((x) => x.dataToCommit)),
            keystroke_narrow_paint_ms: stats(k.narrow.map((x) => x.paint)),
            keystroke_narrow_commit_ms: stats(k.narrow.map((x) => x.commit)),
            keystroke_widen_paint_ms: stats(k.widen.map((x) => x.paint)),
            keystroke_widen_commit_ms: stats(k.widen.map((x) => x.commit)),
            rows_after_narrow: k.narrow[0]?.rows,
            palette_narrow_paint_ms: stats(p.narrow.map((x) => x.paint)),
            palette_narrow_commit_ms: stats(p.narrow.map((x) => x.commit)),
            palette_broad_paint_ms: stats(p.broad.map((x) => x.paint)),
            palette_broad_commit_ms: stats(p.broad.map((x) => x.commit)),
            palette_options_after_narrow: p.narrow[0]?.shown,
            palette_options_after_broad: p.broad[0]?.shown,
          };
          log(`scale ${n}: data->paint ${scale[n].data_to_paint_ms.median.toFixed(1)} ms, keystroke ${scale[n].keystroke_narrow_paint_ms.median.toFixed(1)} ms, palette keystroke ${scale[n].palette_narrow_paint_ms.median.toFixed(1)} ms (broad ${scale[n].palette_broad_paint_ms.median.toFixed(1)} ms)`);
        } finally {
          await app.dispose();
        }
      });
    }
    F.scale = scale;
  }
}

/** 4 token economy: cold-cache concurrency (Rust), restart, one whole session (the app). */
async function figureTokens() {
  const cold = benchBin(["tokens", "--calls", "100", "--runs", String(RUNS)]);
  const restart = [], envRestart = [], session = [], startCounts = [];
  const sessionRuns = Math.min(RUNS, 3);
  for (let run = 1; run <= sessionRuns; run++) {
    await withSandbox("tokens", ["--seed", "generated:10:2", "--ready-after", "2s"], async (sandbox, creds) => {
      const dirs = isolatedDirs("bench-tokens");
      const { app } = await launch("tokens", sandboxEnv(sandbox, creds), { dirs });
      try {
        const s = app.session;
        await tableShown(s, 10);
        // One e2e-style session through the app's commands: list, create a cluster, wait for
        // Healthy, create a client, delete both.
        await invoke(s, "list_clusters");
        const params = await invoke(s, "cluster_parameters");
        const ch = params.channels[0];
        const gen = ch.defaultGeneration ?? ch.allowedGenerations[0];
        const id = await invoke(s, "create_cluster", {
          input: { name: `bench-${run}`, channelId: ch.id, generationId: gen.id, regionId: params.regions[0].id, planTypeId: params.planTypes[0].id, stageLabel: null },
        });
        await waitFor(async () => (await invoke(s, "get_cluster", { clusterId: id })).state === "Healthy", {
          timeoutMs: 60_000,
          intervalMs: 500,
          message: "the new cluster to be Healthy",
        });
        const client = await invoke(s, "create_client", { clusterId: id, input: { name: "bench-worker", permissions: [] } });
        await invoke(s, "acknowledge_pending_secret");
        await invoke(s, "delete_client", { clusterId: id, clientId: client.clientId });
        await invoke(s, "delete_cluster", { clusterId: id });
        const c = await sandbox.counters();
        session.push(c.token_requests);
        startCounts.push(Object.values(c.routes).reduce((a, b) => a + b, 0));
        envRestart.push(await restartCount(app, sandbox, 10));
      } finally {
        await app.dispose();
      }
    });
    // Restart within the token's lifetime, with a saved organization (secret and cached token in
    // the keychain): add it through the app, list once, quit, start again.
    await withSandbox("tokens-saved", ["--seed", "generated:10:2"], async (sandbox, creds) => {
      const { app } = await launch("tokens-saved", {});
      try {
        const s = app.session;
        await waitFor(() => s.execute("return !!window.__TAURI_INTERNALS__ && document.readyState === 'complete'"), { message: "the UI" });
        const org = await invoke(s, "add_organization", {
          input: { name: "Bench", clientId: creds.clientId, clientSecret: creds.clientSecret, tokenUrl: sandbox.tokenUrl, apiBaseUrl: sandbox.base, audience: sandbox.audience, sessionOnly: false },
        });
        await invoke(s, "set_active_organization", { id: org.id });
        await invoke(s, "list_clusters");
        restart.push(await restartCount(app, sandbox, 10));
      } finally {
        await app.dispose();
      }
    });
    log(`tokens run ${run}: session ${session.at(-1)}, restart (saved org) ${restart.at(-1)}, restart (Environment org) ${envRestart.at(-1)}`);
  }
  F.tokens = {
    cold_100_concurrent: cold.runs.map((r) => r.token_requests),
    cold_detail: cold.runs,
    restart: restart,
    restart_environment_org: envRestart,
    whole_session: session,
    whole_session_api_requests: startCounts,
  };
}

/** Quit the app, start it again (same dirs, same keyring): token requests until the table shows. */
async function restartCount(app, sandbox, n) {
  await app.close();
  const before = (await sandbox.counters()).token_requests;
  const t0 = await relaunch(app);
  await tableShown(app.session, n, t0);
  await sleep(500);
  return (await sandbox.counters()).token_requests - before;
}

/**
 * 5 fan-out: the app's organization-wide client list (`list_all_clients`: one GET /clusters, then
 * the clients of 100 clusters with at most 20 in flight, console_api::DEFAULT_FAN_OUT) invoked from the web UI, with 50 ms of
 * sandbox latency per request, against one request's latency (`list_clients` of one cluster,
 * invoked the same way). The console-api fan-out alone (bench/rust) is kept for reference.
 */
async function figureFanout() {
  const latencyMs = 50;
  await withSandbox("fanout", ["--seed", "generated:100:20", "--latency", `${latencyMs}ms`], async (sandbox, creds) => {
    const { app } = await launch("fanout", sandboxEnv(sandbox, creds));
    try {
      const s = app.session;
      await tableShown(s, 100, 0, 120_000);
      const list = await invoke(s, "list_clusters");
      const one = list.clusters[0].id;
      const timed = `
        const [cmd, args, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
        const t0 = performance.now();
        window.__TAURI_INTERNALS__.invoke(cmd, args).then(
          (v) => done({ ok: { ms: performance.now() - t0, clients: v && v.clients ? v.clients.length : Array.isArray(v) ? v.length : null, failed: v && v.failed ? v.failed.length : 0 } }),
          (e) => done({ err: JSON.stringify(e) }));`;
      const single = [], wall = [], ratio = [];
      let found = null, failed = null;
      await pageScript(s, timed, "list_all_clients", {}); // warm-up (connections, token)
      for (let run = 1; run <= RUNS; run++) {
        const before = await sandbox.counters();
        const a = await pageScript(s, timed, "list_all_clients", {});
        const after = await sandbox.counters();
        const b = await pageScript(s, timed, "list_clients", { clusterId: one });
        wall.push(a.ms);
        single.push(b.ms);
        ratio.push(a.ms / b.ms);
        found = a.clients;
        failed = a.failed;
        const calls = (c) => Object.values(c.routes).reduce((x, y) => x + y, 0);
        (F.fanout_requests ||= []).push(calls(after) - calls(before));
        log(`fan-out run ${run}: all clients ${a.ms.toFixed(0)} ms (${a.clients} clients), one list_clients ${b.ms.toFixed(0)} ms`);
      }
      F.fanout = {
        clusters: list.clusters.length,
        clients_found: found,
        clusters_failed: failed,
        clients_expected: list.clusters.length * 20,
        latency_ms: latencyMs,
        concurrency: 20,
        fanout_ms: stats(wall),
        single_ms: stats(single),
        ratio: stats(ratio),
        sequential_ms: list.clusters.length * stats(single).median,
        requests_per_fanout: F.fanout_requests,
        console_api_only: benchBin(["fanout", "--clusters", "100", "--clients", "20", "--latency-ms", String(latencyMs), "--concurrency", "20", "--runs", String(RUNS)]),
      };
      delete F.fanout_requests;
    } finally {
      await app.dispose();
    }
  });
}

/**
 * 9: All organizations, 5 organizations × 100 clusters, each Console 50 ms away: the overview
 * command from the UI against one organization's list_clusters (same run, alternating), and the
 * overview screen from click to its table painted.
 */
async function figureOverview() {
  const latencyMs = 50;
  const extra = [];
  try {
    for (let i = 0; i < 4; i++) {
      extra.push(await startStandaloneSandbox(`bench-overview-${i}`, ["--no-rate-limit", "--seed", "generated:100:0", "--latency", `${latencyMs}ms`]));
    }
    await withSandbox("overview", ["--seed", "generated:100:0", "--latency", `${latencyMs}ms`], async (sandbox, creds) => {
      const { app } = await launch("overview", sandboxEnv(sandbox, creds));
      try {
        const s = app.session;
        await tableShown(s, 100, 0, 120_000);
        for (const [i, other] of extra.entries()) {
          const c = await other.createApiClient();
          await invoke(s, "add_organization", { input: {
            name: `Org ${i + 2}`, clientId: c.clientId, clientSecret: c.clientSecret, tokenUrl: other.tokenUrl,
            apiBaseUrl: other.base, audience: other.audience, sessionOnly: true,
          } });
        }
        // The sandbox's organization is active again (each add made the new one active).
        const state = await invoke(s, "list_organizations");
        const env = state.organizations.find((o) => o.kind === "environment");
        await invoke(s, "set_active_organization", { id: env.id });
        const timed = `
          const [cmd, done] = [arguments[0], arguments[arguments.length - 1]];
          const t0 = performance.now();
          window.__TAURI_INTERNALS__.invoke(cmd, {}).then(
            (v) => done({ ok: { ms: performance.now() - t0, clusters: v.organizations ? v.organizations.reduce((n, o) => n + o.clusters.length, 0) : v.clusters.length, failed: v.organizations ? v.organizations.filter((o) => o.error).length : 0 } }),
            (e) => done({ err: JSON.stringify(e) }));`;
        await pageScript(s, timed, "list_all_organizations_clusters"); // warm-up: tokens, connections
        const all = [], one = [], ratio = [];
        let clusters = null, failed = null;
        for (let run = 1; run <= RUNS; run++) {
          const a = await pageScript(s, timed, "list_all_organizations_clusters");
          const b = await pageScript(s, timed, "list_clusters");
          all.push(a.ms);
          one.push(b.ms);
          ratio.push(a.ms / b.ms);
          clusters = a.clusters;
          failed = a.failed;
          log(`overview run ${run}: all organizations ${a.ms.toFixed(0)} ms (${a.clusters} clusters, ${a.failed} failed), one list_clusters ${b.ms.toFixed(0)} ms`);
        }
        // The screen: click → the table with every organization's rows (aria-rowcount).
        const painted = [];
        for (let run = 1; run <= RUNS; run++) {
          const r = await pageScript(s, `
            const done = arguments[arguments.length - 1];
            const link = [...document.querySelectorAll('header a')].find((a) => a.textContent.trim() === 'All organizations');
            const back = [...document.querySelectorAll('header a')].find((a) => a.textContent.trim() === 'Clusters');
            back.click();
            setTimeout(() => {
              const t0 = performance.now();
              link.click();
              const poll = () => {
                const t = document.querySelector('table[aria-label="Clusters of every organization"]');
                if (t && Number(t.getAttribute('aria-rowcount')) > 500) {
                  requestAnimationFrame(() => done({ ok: { ms: performance.now() - t0, rows: Number(t.getAttribute('aria-rowcount')) - 1 } }));
                } else setTimeout(poll, 2);
              };
              poll();
            }, 300);`);
          painted.push(r.ms);
          log(`overview run ${run}: click → painted ${r.ms.toFixed(0)} ms (${r.rows} rows)`);
        }
        F.overview = {
          organizations: 6,
          latency_ms: latencyMs,
          clusters,
          failed,
          all_ms: stats(all),
          one_ms: stats(one),
          ratio: stats(ratio),
          screen_painted_ms: stats(painted),
        };
      } finally {
        await app.dispose();
      }
    });
  } finally {
    for (const x of extra) await x.stop();
  }
}

// ---- table ------------------------------------------------------------------------------------

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
const range = (s, d = 1) => `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`;

function table() {
  const rows = [];
  const row = (figure, measured, baseline, ratio, budget, ok) =>
    rows.push({ figure, measured, baseline, ratio, budget, verdict: ok === null ? "—" : ok ? "ok" : "MISS" });
  const ratioOf = (a, b) => a.median / b.median;
  if (F.startup) {
    const r = ratioOf(F.startup.ui_ms, F.startup.empty_ms);
    row("1 Start-up: spawn → table with 50 clusters", `${range(F.startup.ui_ms, 0)} ms`, `empty page ${range(F.startup.empty_ms, 0)} ms`, `${fmt(r, 2)}×`, "≤ 1.3×", r <= 1.3);
  }
  if (F.startup_network) {
    const n = F.startup_network;
    const r = ratioOf(n.warm_ms, n.empty_ms);
    row(`1b Start-up, ${n.latency_ms} ms to the token endpoint and the API, warm (token in the keychain, last-known list on disk): spawn → table`, `${range(n.warm_ms, 0)} ms (fresh list ${range(n.warm_fresh_list_ms, 0)} ms)`, `empty page ${range(n.empty_ms, 0)} ms`, `${fmt(r, 2)}×`, "≤ 1.2×", r <= 1.2);
    const c = n.cold_ms.median / n.cold_floor_ms;
    row(`1b′ the same, cold (no token, no cache): spawn → table`, `${range(n.cold_ms, 0)} ms (token requests ${n.cold_token_requests.join(", ")})`, `empty page + token + list round trips ${fmt(n.cold_floor_ms, 0)} ms`, `${fmt(c, 2)}×`, "(for reference)", null);
  }
  if (F.memory) {
    const r = ratioOf(F.memory.ui_mib, F.memory.empty_mib);
    row("2 Memory (PSS): 100 clusters + one with 20 clients", `${range(F.memory.ui_mib)} MiB`, `empty page ${range(F.memory.empty_mib)} MiB`, `${fmt(r, 2)}×`, "≤ 1.2×", r <= 1.2);
    if (F.memory.uss_ui_mib?.n) {
      const u = ratioOf(F.memory.uss_ui_mib, F.memory.uss_empty_mib);
      row("2′ Memory, private pages only (USS), same moments", `${range(F.memory.uss_ui_mib)} MiB`, `empty page ${range(F.memory.uss_empty_mib)} MiB`, `${fmt(u, 2)}×`, "(for reference)", null);
    }
  }
  if (F.command) {
    const r = ratioOf(F.command.invoke_ms, F.command.plain_get_ms);
    row("3 Command overhead: list_clusters (100) from the UI", `${range(F.command.invoke_ms, 2)} ms`, `plain GET from Rust, same process ${range(F.command.plain_get_ms, 2)} ms`, `${fmt(r, 2)}×`, "≤ 1.5×", r <= 1.5);
    if (F.command.invoke_mean_ms && F.command.plain_get_mean_ms) {
      const m = ratioOf(F.command.invoke_mean_ms, F.command.plain_get_mean_ms);
      row("3′ the same, means (exact; page medians are whole ms)", `${range(F.command.invoke_mean_ms, 2)} ms; without IPC ${range(F.command.command_without_ipc_mean_ms, 2)} ms; IPC floor ${range(F.command.ipc_floor_mean_ms, 2)} ms`, `${range(F.command.plain_get_mean_ms, 2)} ms`, `${fmt(m, 2)}×`, "(for reference)", null);
    }
  }
  if (F.tokens) {
    const all = (a, v) => a.length > 0 && a.every((x) => x === v);
    row("4a Tokens: 100 concurrent calls, cold cache", `${F.tokens.cold_100_concurrent.join(", ")}`, "naive: 100", "—", "= 1", all(F.tokens.cold_100_concurrent, 1));
    row("4b Tokens: restart within the token's lifetime", `${F.tokens.restart.join(", ")}`, "naive: 1", "—", "= 0", all(F.tokens.restart, 0));
    row("4c Tokens: whole session (list…delete)", `${F.tokens.whole_session.join(", ")}`, `naive: ${F.tokens.whole_session_api_requests[0] ?? "?"} (one per API call)`, "—", "= 1", all(F.tokens.whole_session, 1));
  }
  if (F.fanout) {
    const f = F.fanout;
    row(`5 Fan-out: "All clients" of ${f.clusters} clusters from the UI, ${f.latency_ms} ms latency, ≤ ${f.concurrency} in flight`, `${range(f.fanout_ms, 0)} ms`, `one list_clients from the UI ${range(f.single_ms, 0)} ms; sequential ≈ ${fmt(f.sequential_ms, 0)} ms`, `${fmt(f.ratio.median, 1)}×`, "≤ 8×", f.ratio.median <= 8 && f.clients_found === f.clients_expected);
    if (f.console_api_only) {
      const c = f.console_api_only;
      row("5′ the same fan-out in console-api alone (bench/rust)", `${range(c.fanout_ms, 0)} ms`, `one request ${range(c.single_ms, 0)} ms`, `${fmt(c.ratio.median, 1)}×`, "(for reference)", null);
    }
  }
  if (F.overview) {
    const o = F.overview;
    row(`9 All organizations: ${o.organizations} organizations (5 × 100 clusters at ${o.latency_ms} ms, the Sandbox), from the UI`, `${range(o.all_ms, 0)} ms (${o.clusters} clusters, ${o.failed} failed)`, `one organization's list_clusters ${range(o.one_ms, 0)} ms`, `${fmt(o.ratio.median, 2)}×`, "≤ 2×", o.ratio.median <= 2 && o.failed === 0 && o.clusters >= 500);
    row("9′ the All organizations screen: click → table painted (cached data)", `${range(o.screen_painted_ms, 0)} ms`, "—", "—", "(for reference)", null);
  }
  if (F.scale) {
    const big = F.scale[2000], small = F.scale[50];
    if (big) {
      row("6a UI scale: 2,000 clusters, data → painted table", `${range(big.data_to_paint_ms)} ms`, small ? `50 clusters ${range(small.data_to_paint_ms)} ms` : "—", small ? `${fmt(ratioOf(big.data_to_paint_ms, small.data_to_paint_ms), 1)}×` : "—", "≤ 100 ms", big.data_to_paint_ms.median <= 100);
      row("6b UI scale: 2,000 clusters, keystroke in filter → repaint", `${range(big.keystroke_narrow_paint_ms)} ms`, small ? `50 clusters ${range(small.keystroke_narrow_paint_ms)} ms` : "—", small ? `${fmt(ratioOf(big.keystroke_narrow_paint_ms, small.keystroke_narrow_paint_ms), 1)}×` : "—", "≤ 16 ms", big.keystroke_narrow_paint_ms.median <= 16);
      if (big.palette_narrow_paint_ms) {
        row("6c UI scale: 2,000 clusters, keystroke in the command palette → repaint", `${range(big.palette_narrow_paint_ms)} ms`, small?.palette_narrow_paint_ms ? `50 clusters ${range(small.palette_narrow_paint_ms)} ms` : "—", small?.palette_narrow_paint_ms ? `${fmt(ratioOf(big.palette_narrow_paint_ms, small.palette_narrow_paint_ms), 1)}×` : "—", "≤ 16 ms", big.palette_narrow_paint_ms.median <= 16);
        row("6c′ the same, a first letter every cluster matches (\"c\": all ranked)", `${range(big.palette_broad_paint_ms)} ms`, small?.palette_broad_paint_ms ? `50 clusters ${range(small.palette_broad_paint_ms)} ms` : "—", small?.palette_broad_paint_ms ? `${fmt(ratioOf(big.palette_broad_paint_ms, small.palette_broad_paint_ms), 1)}×` : "—", "(for reference)", null);
      }
    }
  }
  if (F.idle) {
    if (F.idle.first_10s_after_table_percent?.n) row("7′ Settling: CPU in the 10 s after the table shows (before the idle window)", `${range(F.idle.first_10s_after_table_percent, 1)} % of a core`, "—", "—", "(for reference)", null);
    row(`7 Idle: CPU of all Skep processes (${F.idle.window_secs} s × ${F.idle.ui_percent.n}, after 10 s settling)`, `${range(F.idle.ui_percent, 2)} % of a core`, `empty page ${range(F.idle.empty_percent, 2)} %`, "—", "< 1 %", F.idle.ui_percent.median < 1);
  }
  if (F.footprint) {
    const mb = (b) => (b / 1e6).toFixed(1);
    row("8a Footprint: release binary", `${mb(F.footprint.binary_bytes)} MB`, `ui/dist ${mb(F.footprint.ui_dist_bytes)} MB (embedded)`, "—", "≤ 15 MB", F.footprint.binary_bytes <= 15e6);
    if (F.footprint.deb) row("8b Footprint: .deb", `${mb(F.footprint.deb.bytes)} MB`, "—", "—", "≤ 8 MB", F.footprint.deb.bytes <= 8e6);
    else row("8b Footprint: .deb", "not built", F.footprint.deb_note || "—", "—", "≤ 8 MB", null);
  }
  return rows;
}

function render(rows) {
  const cols = ["figure", "measured: median (min–max)", "baseline (same run)", "ratio", "budget", "verdict"];
  const keys = ["figure", "measured", "baseline", "ratio", "budget", "verdict"];
  const lines = [`| ${cols.join(" | ")} |`, `|${cols.map(() => "---").join("|")}|`];
  for (const r of rows) lines.push(`| ${keys.map((k) => String(r[k]).replaceAll("|", "/")).join(" | ")} |`);
  return lines.join("\n");
}

// ---- main -------------------------------------------------------------------------------------

for (const bin of [APP_BIN, BENCH_BIN, process.env.SKEP_SANDBOX_BIN]) {
  if (!existsSync(bin)) {
    console.error(`bench: ${bin} is missing (make bench builds it)`);
    process.exit(1);
  }
}
results.machine = machine();
// BENCH_MERGE=1 with BENCH_ONLY: keep the other figures of the last bench/results.json.
if (ONLY && process.env.BENCH_MERGE === "1" && existsSync(path.join(HERE, "results.json"))) {
  const last = JSON.parse(readFileSync(path.join(HERE, "results.json"), "utf8"));
  Object.assign(results.figures, last.figures || {});
  results.merged_from = last.machine?.date;
  const rerun = (g) => String(g).split(",").some((n) => want(n));
  const kept = (last.errors || []).filter((e) => !rerun(e.figures));
  if (kept.length) results.errors = kept;
}
const steps = [
  [8, figureFootprint],
  [4, figureTokens],
  [5, figureFanout],
  [9, figureOverview],
  ["1,2,7", figuresStartMemIdle],
  ["1b", figureStartNetwork],
  ["3,6", figuresCommandAndScale],
];
for (const [nums, fn] of steps) {
  if (!String(nums).split(",").some((n) => want(n))) continue;
  try {
    await fn();
  } catch (err) {
    log(`figure(s) ${nums} failed: ${err.stack || err}`);
    (results.errors ||= []).push({ figures: String(nums), error: String(err.message || err).slice(0, 2000) });
  }
}
results.table = table();
for (const e of results.errors || []) {
  results.table.push({ figure: `figure(s) ${e.figures}`, measured: "FAILED", baseline: e.error.split("\n")[0].slice(0, 120), ratio: "—", budget: "—", verdict: "MISS" });
}
results.machine.loadavg_at_end = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const md = render(results.table);
writeFileSync(path.join(HERE, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(md);
if (results.errors) console.log(`\n${results.errors.length} figure group(s) failed: see bench/results.json`);
process.exit(0);
