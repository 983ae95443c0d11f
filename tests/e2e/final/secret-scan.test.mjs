// Secret hygiene over the whole e2e suite. tests/e2e/run.sh runs this after every other
// test file, inside the same session:
// - every sandbox of the run (the standalone ones and the app's built-in one) appended each secret
//   it handed out to $CONSOLE_SANDBOX_RECORD_SECRETS: Administration API client secrets, created
//   client secrets, access tokens;
// - the scan reads everything Skep could have written: the session dir (HOME, XDG data/config/
//   cache of every test incl. settings files and WebKit's storage, and TMPDIR, which run.sh points
//   into it) and the captured stdout/stderr of every app launch (tests/e2e/out/*.app.log, and the
//   driver logs) of this run;
// - each exact secret (as UTF-8, UTF-16LE and base64) and anything shaped like a JWT: zero hits.
// The keyring's own files (encrypted, written by gnome-keyring) are not Skep's and are skipped. A
// file a test had the app save on the user's explicit request ("Save as .env", listed through
// allowShownOnceSecretIn) may hold that secret shown once - and nothing else.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { OUT_DIR } from "../lib/harness.mjs";
import { filesBelow, JWT_RE, scanForSecrets } from "../lib/security.mjs";

const KINDS = {
  api_client_secret: "Administration API client secret",
  client_secret: "created client secret",
  access_token: "access token",
  connector_secret: "connector secret value",
  monitoring_password: "monitoring client password",
};

function recordedSecrets(file) {
  const needles = new Map();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    const [kind, value] = line.split("\t");
    // A connector secret's value is the user's (any length); short ones would match by chance.
    if (kind === "connector_secret" && value && value.length < 16) continue;
    assert.ok(KINDS[kind] && value && value.length >= 16, `bad record line (kind ${kind})`);
    needles.set(value, KINDS[kind]);
  }
  return [...needles].map(([value, label]) => ({ label, value }));
}

/** tests/e2e/out logs of this run: the apps' own output and the WebDriver logs. */
function capturedOutput(sinceMs) {
  let names = [];
  try {
    names = readdirSync(OUT_DIR);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".app.log") || n.endsWith(".driver.log"))
    .map((n) => path.join(OUT_DIR, n))
    .filter((f) => statSync(f).mtimeMs >= sinceMs);
}

test("no secret the sandboxes issued during the e2e run is anywhere Skep could have written", { timeout: 600_000 }, () => {
  const record = process.env.CONSOLE_SANDBOX_RECORD_SECRETS;
  const session = process.env.SKEP_SESSION_DIR;
  const started = Number(process.env.SKEP_E2E_RUN_STARTED_MS);
  assert.ok(record && session && started > 0, "run this through tests/e2e/run.sh");

  const needles = recordedSecrets(record);
  const count = (label) => needles.filter((n) => n.label === label).length;
  // Something was issued, or the scan would prove nothing.
  assert.ok(count(KINDS.api_client_secret) >= 1, "no Administration API secret was recorded");
  assert.ok(count(KINDS.access_token) >= 1, "no access token was recorded");

  const written = filesBelow(session).filter((f) => !f.split(path.sep).includes("keyrings"));
  const logs = capturedOutput(started);
  assert.ok(written.length > 0, "nothing below the session dir (the scan would be vacuous)");
  // Every app's log file (tauri's app_log_dir: <XDG data>/dev.skep.app/logs) is below it too.
  const logFiles = written.filter((f) => /[/\\]dev\.skep\.app[/\\]logs[/\\]skep\.log(\.\d+)?$/.test(f));
  assert.ok(logFiles.length > 0, "no Skep log file below the session dir (the log file would go unscanned)");
  const appLogs = logs.filter((f) => f.endsWith(".app.log"));
  assert.ok(appLogs.length > 0, "no app output was captured (SKEP_E2E_CAPTURE_APP_OUTPUT)");
  assert.ok(appLogs.some((f) => statSync(f).size > 0), "every captured app log is empty");

  const allowFile = path.join(session, "secret-scan-allow.txt");
  const allowed = new Set(existsSync(allowFile) ? readFileSync(allowFile, "utf8").split("\n").filter(Boolean) : []);
  const jwt = { label: "access token (JWT shape)", value: JWT_RE };
  const t0 = Date.now();
  const hits = [
    ...scanForSecrets({ files: [...written, ...logs].filter((f) => !allowed.has(f)), needles: [...needles, jwt] }),
    ...scanForSecrets({
      files: [...allowed].filter((f) => existsSync(f)),
      needles: [...needles.filter((n) => n.label !== KINDS.client_secret && n.label !== KINDS.monitoring_password), jwt],
    }),
  ];
  console.log(
    `secret scan: ${needles.length} secrets (${count(KINDS.api_client_secret)} API, ${count(KINDS.client_secret)} client, ` +
      `${count(KINDS.access_token)} tokens, ${count(KINDS.connector_secret)} connector, ${count(KINDS.monitoring_password)} monitoring) in ${written.length} files + ${logs.length} logs ` +
      `(${logFiles.length} of them Skep's log files; ${allowed.size} saved on request may hold a secret shown once), ${Date.now() - t0} ms`,
  );
  assert.deepEqual(hits, [], `secrets found:\n${hits.join("\n")}`);
});
