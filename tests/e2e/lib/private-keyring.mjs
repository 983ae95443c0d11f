// A private Secret Service for one test: its own D-Bus session bus and its own gnome-keyring
// (unlocked with a throwaway password), so a test can lock it without touching the keyring the
// rest of the e2e run shares (scripts/keyring-session.sh). The bus inherits DISPLAY, so the
// keyring's unlock prompt (gcr-prompter, D-Bus activated) shows up on the test's Xvfb screen.

import { execFile as execFileCb, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { waitFor } from "./webdriver.mjs";

const execFile = promisify(execFileCb);

const SCRIPT = `
set -eu
printf '%s' "$SKEP_PK_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
unset SKEP_PK_PASSWORD
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
      org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets >/dev/null 2>&1; then
    printf '%s' "$DBUS_SESSION_BUS_ADDRESS" > "$SKEP_PK_DIR/bus.tmp" && mv "$SKEP_PK_DIR/bus.tmp" "$SKEP_PK_DIR/bus"
    exec sleep 100000
  fi
  sleep 0.1
done
echo "private keyring: gnome-keyring-daemon did not register org.freedesktop.secrets" >&2
exit 1
`;

const LOGIN = "/org/freedesktop/secrets/collection/login";

/** Start the private bus + keyring below `dir`; resolves once the Secret Service answers. */
export async function startPrivateKeyring(dir) {
  for (const d of ["data", "runtime", "home"]) mkdirSync(path.join(dir, d), { recursive: true, mode: 0o700 });
  const env = {
    ...process.env,
    HOME: path.join(dir, "home"),
    XDG_DATA_HOME: path.join(dir, "data"),
    XDG_RUNTIME_DIR: path.join(dir, "runtime"),
    SKEP_PK_DIR: dir,
    SKEP_PK_PASSWORD: `skep-pk-${Math.random().toString(36).slice(2)}`,
  };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.GNOME_KEYRING_CONTROL;
  const child = spawn("dbus-run-session", ["--", "sh", "-c", SCRIPT], { env, detached: true, stdio: "ignore" });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const busFile = path.join(dir, "bus");
  await waitFor(
    () => {
      if (exited) throw Object.assign(new Error("private keyring: dbus-run-session exited"), { fatal: true });
      return existsSync(busFile);
    },
    { timeoutMs: 20_000, message: "the private Secret Service" },
  );
  const address = readFileSync(busFile, "utf8").trim();
  const busEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address };
  // dbus-send (package dbus, which the suite needs anyway), not gdbus (not always installed).
  const send = async (dest, objectPath, method, ...args) => {
    const { stdout } = await execFile(
      "dbus-send",
      ["--session", "--print-reply", `--dest=${dest}`, objectPath, method, ...args],
      { env: busEnv, timeout: 10_000 },
    );
    return stdout.trim();
  };
  const secrets = (objectPath, method, ...args) => send("org.freedesktop.secrets", objectPath, method, ...args);
  const daemonPid = async () => {
    try {
      const out = await send("org.freedesktop.DBus", "/org/freedesktop/DBus",
        "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.secrets");
      const m = /uint32 (\d+)/.exec(out);
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  };
  const keyringPid = await daemonPid();
  return {
    /** Environment for a process that should use this Secret Service. */
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    address,
    async isLocked() {
      const out = await secrets(LOGIN, "org.freedesktop.DBus.Properties.Get",
        "string:org.freedesktop.Secret.Collection", "string:Locked");
      return /boolean true/.test(out);
    },
    /** Lock the login (default) collection, as the desktop does after a timeout or by hand. */
    async lock() {
      await secrets("/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock", `array:objpath:${LOGIN}`);
    },
    /** How many items the login collection holds (readable while locked). */
    async itemCount() {
      const out = await secrets(LOGIN, "org.freedesktop.DBus.Properties.Get",
        "string:org.freedesktop.Secret.Collection", "string:Items");
      return (out.match(/object path "/g) ?? []).length;
    },
    async stop() {
      if (keyringPid) {
        try {
          process.kill(keyringPid, "SIGTERM");
        } catch {
          /* gone */
        }
      }
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* gone */
      }
    },
  };
}

// ---- the keyring's prompt window on the test's X display --------------------------------------

async function xdotool(...args) {
  const { stdout } = await execFile("xdotool", args, { timeout: 10_000 });
  return stdout.trim();
}

/** Visible top-level windows on $DISPLAY: Map id -> title. */
export async function visibleWindows() {
  let ids = [];
  try {
    ids = (await xdotool("search", "--onlyvisible", "--name", ".*")).split("\n").filter(Boolean);
  } catch {
    return new Map(); // xdotool exits 1 when nothing matches
  }
  const out = new Map();
  for (const id of ids) {
    let name = "";
    try {
      name = await xdotool("getwindowname", id);
    } catch {
      /* gone meanwhile */
    }
    out.set(id, name);
  }
  return out;
}

/** Pids of running gcr-prompter processes (the GNOME keyring's password prompt). */
export async function prompterPids() {
  try {
    const { stdout } = await execFile("pgrep", ["-f", "gcr-prompter"], { timeout: 5_000 });
    return stdout.split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Dismiss window `id` the way a person would: focus it and press Escape. */
export async function dismissWindow(id) {
  await xdotool("windowactivate", "--sync", id).catch(() => xdotool("windowfocus", "--sync", id));
  await xdotool("key", "--clearmodifiers", "Escape");
}
