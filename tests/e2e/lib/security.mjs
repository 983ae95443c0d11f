// Helpers of tests/e2e/security.test.mjs: probes run inside the app's webview, and a scan of
// everything the app could have written for secrets. Additive only; the shared harness is unchanged.

import { appendFileSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { controlHeaders } from "./harness.mjs";

/** A compact JWT (what the sandbox and Camunda's login service issue as access tokens). */
export const JWT_RE = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;

/**
 * Invoke each command from inside the webview through Tauri's IPC and report, per command,
 * "ALLOWED" or the rejection text.
 */
export async function invokeEach(session, calls) {
  return session.executeAsync(
    `const done = arguments[arguments.length - 1];
     const calls = arguments[0];
     (async () => {
       const out = {};
       for (const [cmd, args] of calls) {
         try {
           const value = await window.__TAURI_INTERNALS__.invoke(cmd, args);
           out[cmd] = { allowed: true, value };
         } catch (e) {
           out[cmd] = { allowed: false, error: typeof e === "string" ? e : JSON.stringify(e) ?? String(e) };
         }
       }
       return out;
     })().then(done, (e) => done({ harness_error: String(e) }));`,
    calls,
  );
}

/**
 * Try to reach `url` from the page in several ways (fetch, XHR, WebSocket, image); resolves to
 * what happened to each and the CSP violations the page reported.
 */
export async function tryToReach(session, url) {
  return session.executeAsync(
    `const done = arguments[arguments.length - 1];
     const url = arguments[0];
     const violations = [];
     document.addEventListener("securitypolicyviolation", (e) =>
       violations.push(e.violatedDirective + " " + e.blockedURI));
     const withTimeout = (p, ms) => Promise.race([p, new Promise((r) => setTimeout(() => r("timeout"), ms))]);
     (async () => {
       const out = {};
       out.fetch = await withTimeout(
         fetch(url, { mode: "no-cors" }).then(() => "ALLOWED", (e) => "rejected: " + e), 5000);
       out.xhr = await withTimeout(new Promise((resolve) => {
         try {
           const x = new XMLHttpRequest();
           x.open("GET", url);
           x.onload = () => resolve("ALLOWED");
           x.onerror = () => resolve("rejected");
           x.send();
         } catch (e) { resolve("rejected: " + e); }
       }), 5000);
       out.websocket = await withTimeout(new Promise((resolve) => {
         try {
           const ws = new WebSocket(url.replace(/^http/, "ws"));
           ws.onopen = () => resolve("ALLOWED");
           ws.onerror = () => resolve("rejected");
         } catch (e) { resolve("rejected: " + e); }
       }), 5000);
       out.image = await withTimeout(new Promise((resolve) => {
         const img = new Image();
         img.onload = () => resolve("ALLOWED");
         img.onerror = () => resolve("rejected");
         img.src = url + "?img";
       }), 5000);
       await new Promise((r) => setTimeout(r, 300));
       out.violations = violations;
       return out;
     })().then(done, (e) => done({ harness_error: String(e) }));`,
    url,
  );
}

/** Everything JS can see without IPC: storage, cookies, the DOM, own globals. */
export async function pageVisibleText(session) {
  return session.execute(`
    const parts = [];
    const dump = (s) => { for (let i = 0; i < s.length; i++) { const k = s.key(i); parts.push(k + "=" + s.getItem(k)); } };
    try { dump(window.localStorage); } catch (e) { parts.push("localStorage: " + e); }
    try { dump(window.sessionStorage); } catch (e) { parts.push("sessionStorage: " + e); }
    parts.push(document.cookie);
    parts.push(document.documentElement.outerHTML);
    for (const k of Object.getOwnPropertyNames(window)) {
      try {
        const v = window[k];
        if (typeof v === "string") parts.push(k + "=" + v);
        else if (v && typeof v === "object" && k !== "window" && k !== "self" && k !== "top"
                 && k !== "parent" && k !== "frames" && k !== "globalThis" && k !== "document") {
          parts.push(k + "=" + JSON.stringify(v).slice(0, 100000));
        }
      } catch { /* cyclic or not serializable */ }
    }
    return parts.join("\\n");
  `);
}

/** Every regular file below `root` (symlinks are not followed). */
export function filesBelow(root) {
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(root);
  return out;
}

/**
 * Search files (and extra named texts) for each needle (string or RegExp), also as UTF-16LE
 * (WebKit's storage uses it) and base64. Returns "file: label" for every hit.
 */
export function scanForSecrets({ files = [], texts = {}, needles }) {
  const hits = [];
  const variants = (needle) => {
    if (needle.value instanceof RegExp) return [needle.value];
    const s = needle.value;
    return [Buffer.from(s, "utf8"), Buffer.from(s, "utf16le"), Buffer.from(Buffer.from(s).toString("base64").slice(0, -4))];
  };
  const check = (where, buf) => {
    for (const needle of needles) {
      for (const v of variants(needle)) {
        const hit = v instanceof RegExp ? v.test(buf.toString("latin1")) || v.test(buf.toString("utf16le")) : buf.includes(v);
        if (hit) {
          hits.push(`${where}: ${needle.label}`);
          break;
        }
      }
    }
  };
  for (const f of files) {
    let buf;
    try {
      if (statSync(f).size > 64 * 1024 * 1024) continue;
      buf = readFileSync(f);
    } catch {
      continue;
    }
    check(f, buf);
  }
  for (const [label, text] of Object.entries(texts)) check(label, Buffer.from(String(text)));
  return hits;
}

/** The sandbox's fault/token control routes (loopback HTTP), for a SandboxClient's base URL. */
export function sandboxControl(base) {
  const call = async (method, p, json) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: controlHeaders(json === undefined ? {} : { "content-type": "application/json" }),
      body: json === undefined ? undefined : JSON.stringify(json),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${p} -> ${res.status} ${await res.text()}`);
  };
  return {
    /** kind: {type:"status",status,body,contentType,retryAfter} | {type:"delay",ms} | {type:"drop"} | {type:"not_json"} */
    inject: (route, kind, times = 1) => call("POST", "/__sandbox/faults", { route, times, kind }),
    clearFaults: () => call("DELETE", "/__sandbox/faults"),
    revokeTokens: () => call("POST", "/__sandbox/revoke-tokens"),
  };
}

/**
 * The suite-wide scan (tests/e2e/final/) allows a secret shown once — a created client's secret,
 * a monitoring password — in `file`: a file the test had the app save on the user's explicit
 * request ("Save as .env"). Everything else (the Administration API secret, tokens, connector
 * secrets) is still searched for there.
 */
export function allowShownOnceSecretIn(file) {
  const session = process.env.SKEP_SESSION_DIR;
  if (session) appendFileSync(`${session}/secret-scan-allow.txt`, `${file}\n`, { mode: 0o600 });
}

/**
 * How many items the session's Secret Service (the keychain the app uses) holds for Skep's
 * keychain `account` (its attributes: service dev.skep.app, username = account).
 */
export async function keychainItemCount(account) {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const { stdout } = await promisify(execFile)(
    "dbus-send",
    ["--session", "--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets",
     "org.freedesktop.Secret.Service.SearchItems",
     `dict:string:string:service,dev.skep.app,username,${account}`],
    { timeout: 10_000 },
  );
  return (stdout.match(/object path "/g) ?? []).length;
}
