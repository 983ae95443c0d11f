// A tiny W3C WebDriver client over fetch (Node 20+), enough to drive Skep through tauri-driver.
// Elements are found the way a person finds them: by role and accessible name, or visible text
// (see ./a11y.mjs, which runs inside the page).

import { FIND_SCRIPT } from "./a11y.mjs";

const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

export const Keys = Object.freeze({
  ENTER: "\uE007",
  ESCAPE: "\uE00C",
  TAB: "\uE004",
  BACKSPACE: "\uE003",
  CONTROL: "\uE009",
  HOME: "\uE011",
  END: "\uE010",
  ARROW_UP: "\uE013",
  ARROW_DOWN: "\uE015",
});

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    const detail = value && typeof value === "object" ? `${value.error}: ${value.message}` : String(value);
    super(`WebDriver ${method} ${path} -> ${status} ${detail}`);
    this.status = status;
    this.error = value?.error;
  }
}

async function request(base, method, path, body, timeoutMs = 120_000) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(method, path, res.status, text.slice(0, 300));
  }
  if (!res.ok) throw new WebDriverError(method, path, res.status, json.value);
  return json.value;
}

/** Poll `fn` until it returns a truthy value; returns it. Throws with `message` after `timeoutMs`. */
export async function waitFor(fn, { timeoutMs = 20_000, intervalMs = 150, message = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function encodeName(name) {
  if (name instanceof RegExp) return { regex: name.source, flags: name.flags };
  return name === undefined || name === null ? null : { exact: String(name) };
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }
  get ref() {
    return { [ELEMENT_KEY]: this.id };
  }
  #path(suffix) {
    return `/element/${encodeURIComponent(this.id)}${suffix}`;
  }
  async click() {
    // A dialog's opening animation can briefly cover the target: retry such clicks for a moment.
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        await this.session.cmd("POST", this.#path("/click"), {});
        return;
      } catch (err) {
        if (err.error === "element not interactable") {
          // A visually hidden native checkbox/radio (styled label in front): click its label, like a person.
          const label = await this.session.execute(
            "const l = arguments[0].labels; return l && l.length ? l[0] : null;",
            this,
          );
          if (label) return label.click();
        }
        const transient = err.error === "element click intercepted" || err.error === "element not interactable";
        if (!transient || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  }
  async type(text) {
    // WebKitWebDriver drops a bare "\n": send the Enter key for line breaks.
    await this.session.cmd("POST", this.#path("/value"), { text: text.replace(/\r?\n/g, Keys.ENTER) });
  }
  async clear() {
    await this.session.cmd("POST", this.#path("/clear"), {});
  }
  async text() {
    return this.session.cmd("GET", this.#path("/text"));
  }
  async attribute(name) {
    return this.session.cmd("GET", this.#path(`/attribute/${encodeURIComponent(name)}`));
  }
  async property(name) {
    return this.session.cmd("GET", this.#path(`/property/${encodeURIComponent(name)}`));
  }
  async enabled() {
    return this.session.cmd("GET", this.#path("/enabled"));
  }
  async displayed() {
    return this.session.cmd("GET", this.#path("/displayed"));
  }
  async screenshot() {
    return Buffer.from(await this.session.cmd("GET", this.#path("/screenshot")), "base64");
  }
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const value = await request(base, "POST", "/session", { capabilities }, 180_000);
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body, timeoutMs) {
    return request(this.base, method, `/session/${this.id}${path}`, body, timeoutMs);
  }

  async delete() {
    await request(this.base, "DELETE", `/session/${this.id}`, undefined, 30_000);
  }

  #wrap(value) {
    if (value && typeof value === "object" && ELEMENT_KEY in value) return new Element(this, value[ELEMENT_KEY]);
    if (Array.isArray(value)) return value.map((v) => this.#wrap(v));
    return value;
  }

  #unwrap(arg) {
    if (arg instanceof Element) return arg.ref;
    if (Array.isArray(arg)) return arg.map((a) => this.#unwrap(a));
    return arg;
  }

  /** Run JS in the page (sync); Element arguments/results are converted both ways. */
  async execute(script, ...args) {
    const value = await this.cmd("POST", "/execute/sync", { script, args: args.map((a) => this.#unwrap(a)) });
    return this.#wrap(value);
  }

  /** Run async JS in the page: the last argument is the callback. */
  async executeAsync(script, ...args) {
    const value = await this.cmd("POST", "/execute/async", { script, args: args.map((a) => this.#unwrap(a)) });
    return this.#wrap(value);
  }

  /**
   * Reload the page and wait until the new document is the one answering: `location.reload()`
   * returns before the old document goes, and an element found in it is stale a moment later.
   */
  async reload({ timeoutMs = 60_000 } = {}) {
    await this.execute("window.__skepBeforeReload = true; location.reload();");
    await waitFor(
      async () => (await this.execute("return !window.__skepBeforeReload && document.readyState === 'complete';")) === true,
      { timeoutMs, message: "the reloaded page" },
    );
  }

  /**
   * Find an element by role and name and click it; if the page re-renders it between the find and
   * the click (a stale element), find it again.
   */
  async clickByRole(role, name, { timeoutMs = 20_000, within } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const el = await this.findByRole(role, name, { timeoutMs: Math.max(1_000, deadline - Date.now()), within });
      try {
        await el.click();
        return el;
      } catch (err) {
        if (err.error !== "stale element reference" || Date.now() > deadline) throw err;
      }
    }
  }

  async title() {
    return this.cmd("GET", "/title");
  }

  async source() {
    return this.cmd("GET", "/source");
  }

  async screenshot({ timeoutMs = 30_000 } = {}) {
    return Buffer.from(await this.cmd("GET", "/screenshot", undefined, timeoutMs), "base64");
  }

  /** Send keys to the focused element (W3C actions). */
  async keys(...keys) {
    const actions = [];
    for (const k of keys) {
      for (const ch of [...k]) actions.push({ type: "keyDown", value: ch });
      for (const ch of [...k].reverse()) actions.push({ type: "keyUp", value: ch });
    }
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /**
   * All visible elements with `role` (ARIA role, explicit or implicit) whose accessible name
   * equals `name` (string, whitespace-normalised) or matches it (RegExp). `within` limits the search.
   */
  async queryAllByRole(role, name, { within, hidden = false } = {}) {
    return this.execute(FIND_SCRIPT, "role", role, encodeName(name), within ? within.ref : null, hidden);
  }

  /** Visible elements whose own visible text equals / matches `text` (innermost matches only). */
  async queryAllByText(text, { within, hidden = false } = {}) {
    return this.execute(FIND_SCRIPT, "text", null, encodeName(text), within ? within.ref : null, hidden);
  }

  /** Wait until exactly one (the first if several) element with role/name appears; return it. */
  async findByRole(role, name, { timeoutMs = 20_000, within } = {}) {
    return waitFor(async () => (await this.queryAllByRole(role, name, { within }))[0], {
      timeoutMs,
      message: `role=${role} name=${name ?? "(any)"}`,
    });
  }

  async findByText(text, { timeoutMs = 20_000, within } = {}) {
    return waitFor(async () => (await this.queryAllByText(text, { within }))[0], {
      timeoutMs,
      message: `text ${text}`,
    });
  }

  /** Wait until no element with role/name is visible any more. */
  async waitGoneByRole(role, name, { timeoutMs = 20_000 } = {}) {
    await waitFor(async () => (await this.queryAllByRole(role, name)).length === 0, {
      timeoutMs,
      message: `role=${role} name=${name} to disappear`,
    });
  }

  /** The visible elements with a role, as indented "role: name" lines (for debugging/artifacts). */
  async a11yTree(within) {
    return this.execute(FIND_SCRIPT, "snapshot", null, null, within ? within.ref : null, false);
  }

  /** Visible text of the whole page (or of `within`). */
  async visibleText(within) {
    return this.execute(
      "const el = arguments[0] || document.body; return el.innerText || '';",
      within ? within.ref : null,
    );
  }
}

/** Start a session against a tauri-driver at `base` for the given app binary. */
export async function newAppSession(base, application, args = []) {
  // Only tauri:options: tauri-driver maps it to webkitgtk:browserOptions. No browserName: the driver reports "wry", and any other name fails to match.
  return Session.create(base, { alwaysMatch: { "tauri:options": { application, args } } });
}

export async function driverReady(base) {
  try {
    const value = await request(base, "GET", "/status", undefined, 2_000);
    return value?.ready === true;
  } catch {
    return false;
  }
}
