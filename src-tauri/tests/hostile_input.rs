//! Issue 8, hostile input: every command argument under proptest (Unicode, control characters,
//! 10,000-character strings, ids with `/ ? # %2F ..`), the credentials-file parser (empty, huge,
//! garbage), and non-loopback `http://` URLs. Each call must return (no panic, no hang) with
//! success or a clear, bounded error, and the sandbox's per-route counters must show that no
//! request went anywhere but the operation's own route.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{id_of, org_input, start_sandbox, App};
use console_sandbox::{Sandbox, Seed};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Value};

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
    app: &App,
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
    app: App,
    sandbox: Sandbox,
    healthy: String,
    client: String,
    names: Vec<String>,
}

fn world(tag: &str) -> World {
    let sandbox = start_sandbox(Seed::Demo);
    let app = App::start(tag);
    app.add_org("Hostile", &sandbox);
    let list = app.ok("list_clusters", json!({}));
    let healthy = id_of(&list, "orders-prod");
    let clients = app.ok("list_clients", json!({ "clusterId": healthy }));
    let client = clients[0]["clientId"].as_str().expect("client").to_string();
    let names = cluster_names(&app);
    World {
        app,
        sandbox,
        healthy,
        client,
        names,
    }
}

fn cluster_names(app: &App) -> Vec<String> {
    let list = app.ok("list_clusters", json!({}));
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
    assert_eq!(cluster_names(&w.app), w.names, "a cluster disappeared");
    let clients = w.app.ok("list_clients", json!({ "clusterId": w.healthy }));
    assert!(
        clients
            .as_array()
            .expect("clients")
            .iter()
            .any(|c| c["clientId"] == w.client.as_str()),
        "a client disappeared"
    );
}

#[test]
fn cluster_ids_never_alter_the_request_path() {
    let w = world("hostile-cluster-ids");
    let mut runner = TestRunner::new(cases(48));
    runner
        .run(&hostile_id(w.healthy.clone()), |id| {
            let id_arg = json!({ "clusterId": id });
            let _ = check(
                &w.app,
                &w.sandbox,
                "get_cluster",
                id_arg.clone(),
                &["GET /clusters/{id}"],
                1,
            )?;
            let _ = check(
                &w.app,
                &w.sandbox,
                "list_clients",
                id_arg.clone(),
                &["GET /clusters/{id}/clients"],
                1,
            )?;
            let _ = check(
                &w.app,
                &w.sandbox,
                "delete_cluster",
                id_arg.clone(),
                &["DELETE /clusters/{id}"],
                1,
            )?;
            let _ = check(
                &w.app,
                &w.sandbox,
                "wake_cluster",
                id_arg,
                &["PUT /clusters/{id}/wake"],
                1,
            )?;
            let _ = check(
                &w.app,
                &w.sandbox,
                "update_cluster",
                json!({ "clusterId": id, "input": { "name": "renamed", "description": null, "stageLabel": null } }),
                &["PATCH /clusters/{id}"],
                1,
            )?;
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_intact(&w);
}

#[test]
fn client_ids_never_alter_the_request_path() {
    let w = world("hostile-client-ids");
    let healthy = w.healthy.clone();
    let strategy = (
        prop_oneof![Just(healthy.clone()), hostile_id(healthy)],
        hostile_id(w.client.clone()),
    );
    let mut runner = TestRunner::new(cases(48));
    runner
        .run(&strategy, |(cluster, client)| {
            let args = json!({ "clusterId": cluster, "clientId": client });
            let _ = check(
                &w.app,
                &w.sandbox,
                "get_client",
                args.clone(),
                &["GET /clusters/{id}/clients/{clientId}"],
                1,
            )?;
            let _ = check(
                &w.app,
                &w.sandbox,
                "delete_client",
                args,
                &["DELETE /clusters/{id}/clients/{clientId}"],
                1,
            )?;
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_intact(&w);
}

#[test]
fn names_and_form_fields_are_checked_or_sent_as_data() {
    let w = world("hostile-names");
    let params = w.app.ok("cluster_parameters", json!({}));
    let valid = common::create_input(&params, "x");
    let strategy = (hostile(), hostile(), any::<bool>());
    let mut runner = TestRunner::new(cases(40));
    runner
        .run(&strategy, |(name, other, hostile_ids)| {
            let mut input = valid.clone();
            input["name"] = json!(name);
            if hostile_ids {
                input["regionId"] = json!(other);
                input["stageLabel"] = json!(other);
            }
            let created = check(
                &w.app,
                &w.sandbox,
                "create_cluster",
                json!({ "input": input }),
                &["POST /clusters"],
                1,
            )?;
            if let Ok(id) = created {
                // Sent as data: the cluster has exactly the (trimmed) name typed.
                let view = w.app.ok("get_cluster", json!({ "clusterId": id }));
                prop_assert_eq!(view["name"].as_str(), Some(name.trim()));
                w.app.ok("delete_cluster", json!({ "clusterId": id }));
            }
            let _ = check(
                &w.app,
                &w.sandbox,
                "update_cluster",
                json!({ "clusterId": w.healthy, "input": { "name": name, "description": name, "stageLabel": null } }),
                &["PATCH /clusters/{id}"],
                1,
            )?;
            let perms = if hostile_ids {
                json!([other])
            } else {
                json!([])
            };
            let created = check(
                &w.app,
                &w.sandbox,
                "create_client",
                json!({ "clusterId": w.healthy, "input": { "name": name, "permissions": perms } }),
                &[
                    "GET /clusters/{id}",
                    "POST /clusters/{id}/clients",
                    "GET /clusters/{id}/clients/{clientId}",
                ],
                1,
            )?;
            if created.is_ok() {
                w.app.ok("acknowledge_pending_secret", json!({}));
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Put the name back for assert_intact.
    w.app.ok(
        "update_cluster",
        json!({ "clusterId": w.healthy, "input": { "name": "orders-prod", "description": null, "stageLabel": null } }),
    );
    assert_intact(&w);
}

#[test]
fn organization_commands_take_any_text_without_corrupting_settings() {
    let w = world("hostile-orgs");
    let creds = w.sandbox.default_credentials();
    let strategy = (hostile(), hostile(), 0usize..4);
    let mut runner = TestRunner::new(cases(40));
    runner
        .run(&strategy, |(a, b, field)| {
            let mut input = org_input("ok", &w.sandbox, &creds.client_id, &creds.client_secret);
            let key = ["name", "clientId", "tokenUrl", "audience"][field];
            input[key] = json!(a);
            if let Ok(org) = check(
                &w.app,
                &w.sandbox,
                "add_organization",
                json!({ "input": input }),
                &[],
                0,
            )? {
                let id = org["id"].as_str().unwrap_or_default().to_string();
                let _ = check(
                    &w.app,
                    &w.sandbox,
                    "rename_organization",
                    json!({ "id": id, "name": b }),
                    &[],
                    0,
                )?;
                let _ = check(
                    &w.app,
                    &w.sandbox,
                    "remove_organization",
                    json!({ "id": id }),
                    &[],
                    0,
                )?;
            }
            for cmd in [
                "set_active_organization",
                "remove_organization",
                "test_organization",
            ] {
                let _ = check(&w.app, &w.sandbox, cmd, json!({ "id": b }), &[], 0)?;
            }
            let _ = check(
                &w.app,
                &w.sandbox,
                "rename_organization",
                json!({ "id": a, "name": b }),
                &[],
                0,
            )?;
            let _ = check(&w.app, &w.sandbox, "open_link", json!({ "url": a }), &[], 0)?;
            // The settings file stays valid JSON and never holds the secret.
            for (path, bytes) in w.app.data_files() {
                let text = String::from_utf8_lossy(&bytes);
                prop_assert!(
                    !text.contains(&creds.client_secret),
                    "secret in {}",
                    path.display()
                );
                if path.extension().is_some_and(|e| e == "json") {
                    prop_assert!(
                        serde_json::from_slice::<Value>(&bytes).is_ok(),
                        "{} is not JSON",
                        path.display()
                    );
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Only https links ever reached the desktop.
    let opened = w.app.platform.opened_urls.lock().clone();
    assert!(
        opened.iter().all(|u| u.starts_with("https://")),
        "{opened:?}"
    );
    // The original organization is still there and works.
    let state = w.app.ok("list_organizations", json!({}));
    assert!(state["organizations"]
        .as_array()
        .expect("orgs")
        .iter()
        .any(|o| o["name"] == "Hostile"));
}

/// Credentials files: garbage, empty, huge, with a secret next to the garbage.
#[test]
fn credentials_files_parse_or_fail_clearly_and_never_echo_the_secret() {
    let w = world("hostile-credentials");
    let secret = "s3cr3t-Never-Echo-ME-0123456789";
    let line = prop_oneof![
        hostile(),
        Just(format!("CAMUNDA_CONSOLE_CLIENT_SECRET={secret}")),
        Just(format!("export CAMUNDA_CONSOLE_CLIENT_SECRET='{secret}")),
        Just(format!("CAMUNDA_CONSOLE_CLIENT_SECRET=\"{secret}\"\u{0}")),
        Just("CAMUNDA_OAUTH_URL=http://evil.example.com/oauth/token".to_string()),
        Just("CAMUNDA_CONSOLE_BASE_URL=javascript:alert(1)".to_string()),
        Just("=".to_string()),
        Just("export".to_string()),
    ];
    let strategy = proptest::collection::vec(line, 0..12).prop_map(|l| l.join("\n"));
    let mut runner = TestRunner::new(cases(64));
    runner
        .run(&strategy, |text| {
            for (cmd, args) in [
                ("preview_credentials", json!({ "text": text })),
                (
                    "import_organization",
                    json!({ "name": null, "text": text, "sessionOnly": true }),
                ),
                // Tests the connection: aimed at the sandbox (never at Camunda) unless the
                // hostile lines override the URLs, which are then refused.
                (
                    "test_credentials",
                    json!({ "text": format!(
                        "CAMUNDA_OAUTH_URL={}\nCAMUNDA_CONSOLE_BASE_URL={}\n{text}",
                        w.sandbox.token_url(),
                        w.sandbox.base_url()
                    ) }),
                ),
            ] {
                let result = check(&w.app, &w.sandbox, cmd, args, &[], 0)?;
                let shown = match &result {
                    Ok(v) | Err(v) => v.to_string(),
                };
                prop_assert!(!shown.contains(secret), "{cmd} echoed the secret: {shown}");
                if let Ok(org) = result {
                    let id = org["id"].as_str().unwrap_or_default().to_string();
                    if cmd == "import_organization" {
                        let _ = check(
                            &w.app,
                            &w.sandbox,
                            "remove_organization",
                            json!({ "id": id }),
                            &[],
                            0,
                        )?;
                    }
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));

    // Empty and huge files.
    for text in [
        String::new(),
        "\n".repeat(100_000),
        format!(
            "CAMUNDA_CONSOLE_CLIENT_ID=a\nCAMUNDA_CONSOLE_CLIENT_SECRET={}\n",
            "y".repeat(5_000_000)
        ),
        "z".repeat(20_000_000),
    ] {
        for cmd in ["preview_credentials", "import_organization"] {
            let args = json!({ "text": text, "name": "big", "sessionOnly": true });
            let started = std::time::Instant::now();
            let outcome = w.app.call_within(LIMIT, cmd, args);
            match (cmd, outcome.result) {
                // A preview of an empty file lists what is missing.
                ("preview_credentials", Ok(preview)) => {
                    assert!(
                        !preview["missing"].as_array().expect("missing").is_empty(),
                        "{preview}"
                    );
                }
                (_, Ok(v)) => panic!("{cmd} accepted an empty or huge file: {v}"),
                (_, Err(e)) => {
                    assert_eq!(e["kind"], "invalid_input", "{cmd}: {e}");
                    assert!(e["message"].as_str().unwrap_or_default().len() < 600);
                }
            }
            assert!(started.elapsed() < Duration::from_secs(10));
        }
    }
}

#[test]
fn non_loopback_http_urls_are_refused_with_a_clear_message() {
    let w = world("hostile-http");
    let creds = w.sandbox.default_credentials();
    let port = w.sandbox.addr().port();
    for url in [
        "http://login.cloud.camunda.io/oauth/token".to_string(),
        format!("http://127.0.0.1.nip.io:{port}/oauth/token"),
        format!("http://localhost.evil.example:{port}/oauth/token"),
        format!("http://evil.example#@127.0.0.1:{port}/"),
        format!("http://10.0.0.1:{port}/"),
        format!("http://[::ffff:10.0.0.1]:{port}/"),
        format!("http://0.0.0.0:{port}/"),
    ] {
        for field in ["tokenUrl", "apiBaseUrl"] {
            let mut input = org_input("Plain", &w.sandbox, &creds.client_id, &creds.client_secret);
            input[field] = json!(url);
            for (cmd, args) in [
                ("add_organization", json!({ "input": input })),
                ("test_connection", json!({ "input": input })),
            ] {
                w.sandbox.reset_counters();
                let e = w.app.err(cmd, args);
                assert_eq!(e["kind"], "invalid_input", "{cmd} {field}={url}: {e}");
                let message = e["message"].as_str().unwrap_or_default();
                assert!(
                    message.contains("https://"),
                    "{cmd} {field}={url}: unclear message {message}"
                );
                assert_eq!(w.sandbox.counters().token_requests, 0, "{url}");
            }
        }
    }
    // Imported from a credentials file: the same rule.
    let text = format!(
        "CAMUNDA_CONSOLE_CLIENT_ID={}\nCAMUNDA_CONSOLE_CLIENT_SECRET={}\n\
         CAMUNDA_OAUTH_URL=http://login.cloud.camunda.io/oauth/token\n\
         CAMUNDA_CONSOLE_BASE_URL=https://api.cloud.camunda.io\nCAMUNDA_CONSOLE_OAUTH_AUDIENCE=api.cloud.camunda.io\n",
        creds.client_id, creds.client_secret
    );
    let e = w.app.err(
        "import_organization",
        json!({ "name": "Plain", "text": text, "sessionOnly": false }),
    );
    assert_eq!(e["kind"], "invalid_input", "{e}");
    assert!(e["message"]
        .as_str()
        .unwrap_or_default()
        .contains("https://"));
    // Refused organizations left nothing behind: one organization, one secret (the first one's).
    let state = w.app.ok("list_organizations", json!({}));
    let saved: Vec<&Value> = state["organizations"]
        .as_array()
        .expect("orgs")
        .iter()
        .filter(|o| o["kind"] == "saved")
        .collect();
    assert_eq!(saved.len(), 1, "{state}");
    // Loopback http stays allowed (the sandbox itself).
    let mut input = org_input("Loop", &w.sandbox, &creds.client_id, &creds.client_secret);
    input["tokenUrl"] = json!(format!("http://localhost:{port}/oauth/token"));
    w.app.ok("add_organization", json!({ "input": input }));
}

/// An id the UI sends for an organization that does not exist must not come back in full:
/// 10,000 characters or control characters in the message the UI shows.
#[test]
fn an_unknown_organization_id_is_not_echoed_in_full() {
    let w = world("hostile-org-id");
    for id in ["x".repeat(10_000), "evil\u{202e}\n\u{0}id".to_string()] {
        for cmd in [
            "set_active_organization",
            "remove_organization",
            "test_organization",
        ] {
            let e = w.app.err(cmd, json!({ "id": id }));
            assert_eq!(e["kind"], "no_organization", "{cmd}: {e}");
            let message = e["message"].as_str().unwrap_or_default();
            assert!(
                message.chars().count() <= 600,
                "{cmd}: the unknown id is echoed in full ({} chars)",
                message.chars().count()
            );
            assert!(
                !message.chars().any(|c| c.is_control()),
                "{cmd}: control characters in the message: {message:?}"
            );
        }
    }
}
