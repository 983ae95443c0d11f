//! Hostile input from the user: every command argument under proptest (Unicode, control
//! characters, 10,000-character strings, ids with `/ ? # %2F ..`), the credentials-file parser
//! (empty, huge, garbage), and non-loopback `http://` URLs. Each call must return (no panic, no
//! hang) with success or a clear, bounded error, and the sandbox's per-route counters must show
//! that no request went anywhere but the operation's own route.

mod api_commands;
mod organization_forms;

use std::collections::BTreeMap;
use std::time::Duration;

use console_sandbox::Sandbox;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};
use serde_json::{json, Value};

use super::*;

/// Every error kind the UI knows (`ErrorKind` in `src/error/mod.rs`).
const KINDS: &[&str] = &[
    "validation",
    "invalid_credentials",
    "unauthorized",
    "forbidden",
    "not_found",
    "conflict",
    "not_ready",
    "rate_limited",
    "server",
    "timeout",
    "outcome_unknown",
    "network",
    "decode",
    "keychain_unavailable",
    "no_organization",
    "invalid_input",
    "io",
    "internal",
];

const LIMIT: Duration = Duration::from_secs(20);

fn cases(n: u32) -> Config {
    Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Strings an attacker or a clumsy paste could produce.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        "[\\x00-\\x1f\\x7f\\u{85}\\u{2028}]{1,6}",
        "[a-z0-9/?#%.\\\\ ]{0,16}",
        "(\\.\\.|/|\\?|#|%2F|%2f|%2E|%00|;|&|=){1,6}",
        Just("..".to_string()),
        Just("../../clusters".to_string()),
        Just("%2F..%2F..%2Fclusters".to_string()),
        Just("x?force=true#frag".to_string()),
        Just("\u{202e}gnp.exe\u{0}\u{feff}".to_string()),
        Just("x".repeat(10_000)),
        Just("\u{1F600}".repeat(10_000)),
        Just("a\nb\r\nc\td".to_string()),
    ]
}

/// A hostile id, half of the time glued to a real one (an attempt to reach past it).
fn hostile_id(real: String) -> impl Strategy<Value = String> {
    prop_oneof![
        hostile().prop_filter("not the real id", {
            let real = real.clone();
            move |s| *s != real
        }),
        hostile()
            .prop_filter("a suffix", |s| !s.is_empty())
            .prop_map(move |s| format!("{real}{s}")),
    ]
}

fn api_routes(sandbox: &Sandbox) -> BTreeMap<String, u64> {
    sandbox
        .counters()
        .routes
        .into_iter()
        .filter(|(k, _)| k != "POST /oauth/token")
        .collect()
}

/// Call, and check the outcome is success or a clear error, and that the API requests made
/// went only to `allowed` routes (at most `max` each).
fn check(
    app: &Harness,
    sandbox: &Sandbox,
    cmd: &str,
    args: Value,
    allowed: &[&str],
    max: u64,
) -> Result<Result<Value, Value>, TestCaseError> {
    sandbox.reset_counters();
    let outcome = app.call_within(LIMIT, cmd, args.clone());
    if let Err(e) = &outcome.result {
        let kind = e["kind"].as_str().unwrap_or_default();
        prop_assert!(KINDS.contains(&kind), "{cmd}: unknown kind in {e}");
        prop_assert!(kind != "internal", "{cmd}: internal error for {args}: {e}");
        let message = e["message"].as_str().unwrap_or_default();
        prop_assert!(!message.trim().is_empty(), "{cmd}: empty message");
        // Unknown organization ids are echoed in full: see
        // `an_unknown_organization_id_is_not_echoed_in_full` (kept separate, it fails today).
        prop_assert!(
            kind == "no_organization" || message.chars().count() <= 600,
            "{cmd}: unbounded message ({} chars)",
            message.chars().count()
        );
    }
    for (route, n) in api_routes(sandbox) {
        prop_assert!(
            allowed.contains(&route.as_str()),
            "{cmd}({args}) reached {route}"
        );
        prop_assert!(n <= max, "{cmd}: {n} requests to {route}");
    }
    let c = sandbox.counters();
    prop_assert_eq!(c.admin_secret_misuse, 0);
    prop_assert_eq!(c.token_misuse, 0);
    Ok(outcome.result)
}

struct World {
    app: Harness,
    sandbox: Sandbox,
    healthy: String,
    client: String,
    names: Vec<String>,
}

fn world(tag: &str) -> World {
    let sandbox = external_sandbox();
    let app = Harness::with_short_timeout(tag);
    app.add_active_org("Hostile", &sandbox);
    let list: Value = app.ok("list_clusters", json!({}));
    let healthy = cluster_id_named(&list, "orders-prod");
    let clients: Value = app.ok("list_clients", json!({ "clusterId": healthy }));
    let client = clients[0]["clientId"].as_str().expect("client").to_string();
    let names = sorted_cluster_names(&app);
    World {
        app,
        sandbox,
        healthy,
        client,
        names,
    }
}

fn sorted_cluster_names(app: &Harness) -> Vec<String> {
    let list: Value = app.ok("list_clusters", json!({}));
    let mut names: Vec<String> = list["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .map(|c| c["name"].as_str().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names
}

/// Nothing was deleted by a hostile id.
fn assert_intact(w: &World) {
    assert_eq!(
        sorted_cluster_names(&w.app),
        w.names,
        "a cluster disappeared"
    );
    let clients: Value = w.app.ok("list_clients", json!({ "clusterId": w.healthy }));
    assert!(
        clients
            .as_array()
            .expect("clients")
            .iter()
            .any(|c| c["clientId"] == w.client.as_str()),
        "a client disappeared"
    );
}
