//! SECURITY.md names, for every promise, the test that proves it. These tests keep those names
//! true: every cited test exists in the file it is cited with, and is a test.
//!
//! The citation forms (SECURITY.md says so at its top):
//! - a backticked `path/to/file.rs::test_name` (module segments allowed:
//!   `file.rs::tests::test_name`), path from the repository root;
//! - a backticked `::test_name`: in the `.rs` file cited (or named) just before it (`::1` and
//!   other non-identifiers are no citation);
//! - end-to-end and UI tests: the backticked `.mjs` (or `.test.ts`/`.test.tsx`) file, then `›`
//!   and the test's title in double quotes; a title ending in `…` stands for the titles starting with what precedes it. A `›`
//!   title belongs to the `.mjs` file named last.
//!
//! A backticked module path with a `tests` segment but no file (`a::b::tests::name`) is refused:
//! it cannot be checked, so it must be cited with its file. Every backticked repository path
//! (`dir/file.ext`) must exist.

use std::path::{Path, PathBuf};

const SECURITY_MD: &str = include_str!("../../../SECURITY.md");

/// The repository root (`src-tauri/..`): the only tree read.
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("src-tauri has a parent")
        .to_path_buf()
}

#[derive(Debug, PartialEq, Eq)]
enum Citation {
    /// A Rust test: its file, and the module segments then the function name.
    Rust { file: String, path: Vec<String> },
    /// An end-to-end test: its file and title (`…` at the end: a prefix).
    E2e { file: String, title: String },
    /// A repository file named in the text.
    File(String),
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn split_segments(s: &str) -> Option<Vec<String>> {
    let segments: Vec<String> = s.split("::").map(str::to_string).collect();
    segments.iter().all(|p| is_ident(p)).then_some(segments)
}

/// Extensions of the repository files a span may name.
const FILE_EXTENSIONS: &[&str] = &[
    ".rs", ".mjs", ".js", ".ts", ".tsx", ".sh", ".json", ".toml", ".md", ".yml",
];

fn looks_like_repo_path(span: &str) -> bool {
    span.contains('/')
        && !span.contains(|c: char| c.is_whitespace() || "*<>{}:'\"".contains(c))
        && FILE_EXTENSIONS.iter().any(|e| span.ends_with(e))
}

/// Every citation of `doc`, in order, and the spans that look like citations but cannot be
/// checked.
fn citations(doc: &str) -> (Vec<Citation>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut last_rs: Option<String> = None;
    let mut last_mjs: Option<String> = None;
    let mut rest = doc;
    loop {
        let tick = rest.find('`');
        let arrow = rest.find('›');
        match (tick, arrow) {
            (Some(t), a) if a.is_none_or(|a| t < a) => {
                let after = &rest[t + 1..];
                let Some(end) = after.find('`') else { break };
                let span = &after[..end];
                rest = &after[end + 1..];
                if span.contains('\n') {
                    continue;
                }
                if let Some(tail) = span.strip_prefix("::") {
                    match (split_segments(tail), &last_rs) {
                        (Some(path), Some(file)) => found.push(Citation::Rust {
                            file: file.clone(),
                            path,
                        }),
                        (Some(_), None) => {
                            problems.push(format!("`{span}`: no .rs file is named before it"))
                        }
                        // Not an identifier (`::1`, the IPv6 loopback): no citation.
                        (None, _) => {}
                    }
                } else if let Some((file, tail)) = span.split_once(".rs::") {
                    let file = format!("{file}.rs");
                    match split_segments(tail) {
                        Some(path) => found.push(Citation::Rust {
                            file: file.clone(),
                            path,
                        }),
                        None => problems.push(format!("`{span}`: not a test name")),
                    }
                    last_rs = Some(file);
                } else if split_segments(span).is_some_and(|s| s.iter().any(|p| p == "tests")) {
                    problems.push(format!(
                        "`{span}`: a test cited by module path; cite it as `path/file.rs::…`"
                    ));
                } else if looks_like_repo_path(span) {
                    if span.ends_with(".rs") {
                        last_rs = Some(span.to_string());
                    }
                    if [".mjs", ".test.ts", ".test.tsx"]
                        .iter()
                        .any(|ext| span.ends_with(ext))
                    {
                        last_mjs = Some(span.to_string());
                    }
                    found.push(Citation::File(span.to_string()));
                }
            }
            (_, Some(a)) => {
                rest = rest[a + '›'.len_utf8()..].trim_start();
                let Some(quoted) = rest.strip_prefix('"') else {
                    continue;
                };
                let Some(end) = quoted.find('"') else { break };
                let title = quoted[..end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                rest = &quoted[end + 1..];
                match &last_mjs {
                    Some(file) => found.push(Citation::E2e {
                        file: file.clone(),
                        title,
                    }),
                    None => problems.push(format!("› \"{title}\": no .mjs file named before it")),
                }
            }
            (None, None) => break,
            (Some(_), None) => unreachable!("matched above"),
        }
    }
    (found, problems)
}

/// Whether `source` has a test function `name` (`#[test]`, `#[tokio::test]`, … among the
/// attributes right above it).
fn has_test_fn(source: &str, name: &str) -> bool {
    let lines: Vec<&str> = source.lines().collect();
    lines.iter().enumerate().any(|(i, line)| {
        let line = line.trim_start();
        let line = line.strip_prefix("pub ").unwrap_or(line);
        let line = line.strip_prefix("async ").unwrap_or(line);
        let Some(after) = line.strip_prefix("fn ") else {
            return false;
        };
        if !after
            .strip_prefix(name)
            .is_some_and(|r| r.starts_with('(') || r.starts_with('<'))
        {
            return false;
        }
        lines[..i]
            .iter()
            .rev()
            .map(|l| l.trim())
            .take_while(|l| l.starts_with("#[") || l.starts_with("//") || l.ends_with(")]"))
            .any(|l| l.starts_with("#[") && (l.contains("test]") || l.contains("::test")))
    })
}

/// The titles of the `test(…)` and `it(…)` calls in an end-to-end or Vitest file (string or
/// template literal).
fn e2e_titles(source: &str) -> Vec<String> {
    let mut titles = calls_titled(source, "test(");
    titles.extend(calls_titled(source, "it("));
    titles
}

fn calls_titled(source: &str, call: &str) -> Vec<String> {
    let mut titles = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(call) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + call.len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let body = rest.trim_start();
        let Some(quote) = body.chars().next().filter(|c| "\"'`".contains(*c)) else {
            continue;
        };
        if let Some(end) = body[1..].find(quote) {
            titles.push(
                body[1..1 + end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    titles
}

fn title_matches(cited: &str, actual: &str) -> bool {
    match cited.strip_suffix('…') {
        Some(prefix) => actual.starts_with(prefix.trim_end()),
        None => actual == cited,
    }
}

/// Everything wrong with the citations of `doc`, checked against the files under `root`.
fn problems(doc: &str, root: &Path) -> Vec<String> {
    let (found, mut problems) = citations(doc);
    let read = |file: &str| std::fs::read_to_string(root.join(file)).ok();
    for citation in &found {
        match citation {
            Citation::File(file) => {
                if !root.join(file).exists() {
                    problems.push(format!("`{file}` does not exist"));
                }
            }
            Citation::Rust { file, path } => {
                let Some(source) = read(file) else {
                    problems.push(format!("`{file}` (cited for {path:?}) does not exist"));
                    continue;
                };
                let (name, modules) = path.split_last().expect("at least one segment");
                for module in modules {
                    if !source.contains(&format!("mod {module}")) {
                        problems.push(format!("`{file}` has no module `{module}`"));
                    }
                }
                if !has_test_fn(&source, name) {
                    problems.push(format!("`{file}::{}` is not a test", path.join("::")));
                }
            }
            Citation::E2e { file, title } => {
                let Some(source) = read(file) else {
                    problems.push(format!("`{file}` (cited for \"{title}\") does not exist"));
                    continue;
                };
                if !e2e_titles(&source).iter().any(|t| title_matches(title, t)) {
                    problems.push(format!("`{file}` has no test \"{title}\""));
                }
            }
        }
    }
    problems
}

#[test]
fn every_test_security_md_cites_exists() {
    let (found, _) = citations(SECURITY_MD);
    let rust = found
        .iter()
        .filter(|c| matches!(c, Citation::Rust { .. }))
        .count();
    let e2e = found
        .iter()
        .filter(|c| matches!(c, Citation::E2e { .. }))
        .count();
    // The parser sees SECURITY.md's citations (a format change would otherwise check nothing).
    assert!(rust >= 30, "only {rust} Rust test citations found");
    assert!(e2e >= 10, "only {e2e} end-to-end test citations found");
    let problems = problems(SECURITY_MD, &repo_root());
    assert!(
        problems.is_empty(),
        "SECURITY.md cites what is not there:\n{}",
        problems.join("\n")
    );
}

/// The checker itself: each kind of bad citation is reported, good ones are not.
#[test]
fn the_security_md_checker_reports_bad_citations() {
    let doc = "Proven by `src-tauri/src/tests/acl.rs::another_window_gets_no_command_at_all`, \
        `::build_rs_and_capability_grant_exactly_the_commands` and `::with_real_context` (not a \
        test). `src-tauri/src/tests/nowhere.rs::a_test`; \
        `secrets::keyring_store::tests::real_keychain_round_trip`; \
        `src-tauri/src/secrets/keyring_store.rs::tests::real_keychain_round_trip`, \
        `::real_keychain_unavailable_is_reported`, `::no_such_test`, `crates/gone/src/lib.rs`. \
        `tests/e2e/security.test.mjs` › \"webview lock-down: …\", › \"no such e2e test\", \
        › \"the pending client secret is reachable from JS only while its dialog is open\". \
        The error kind `keychain_unavailable` and `console_api::Error` are no citations.";
    let problems = problems(doc, &repo_root());
    let expected = [
        "build_rs_and_capability_grant_exactly_the_commands",
        "with_real_context",
        "nowhere.rs",
        "secrets::keyring_store::tests::real_keychain_round_trip`: a test cited by module path",
        "keyring_store.rs::no_such_test",
        "crates/gone/src/lib.rs",
        "no such e2e test",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p.contains(e)),
            "not reported: {e}\n{problems:#?}"
        );
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
}
