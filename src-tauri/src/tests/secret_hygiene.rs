//! Secret hygiene at the command level: where each secret lives, and where it never is.
//!
//! - the Administration API secret and the cached access token of a saved organization are in
//!   the keychain (here: the in-memory `SecretStore`), never in the app's data files, never in
//!   a command's answer;
//! - a session-only organization's secret and tokens are in memory only (not even the keychain);
//! - a created client's secret is answered once (the copy-once dialog), is held in memory until
//!   acknowledged, is never written to the keychain or the data files, and is gone afterwards;
//! - the sandbox saw the API secret only at the token endpoint and tokens only at the API.

use serde_json::{json, Value};

use super::*;

/// Every answer the UI got, as text, for searching.
struct Transcript(Vec<String>);

impl Transcript {
    fn call(&mut self, app: &Harness, cmd: &str, args: Value) -> Result<Value, Value> {
        let result = app.call(cmd, args).result;
        self.0.push(match &result {
            Ok(v) | Err(v) => format!("{cmd}: {v}"),
        });
        result
    }
    fn ok(&mut self, app: &Harness, cmd: &str, args: Value) -> Value {
        self.call(app, cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
    fn holds(&self, needle: &str) -> Option<&String> {
        self.0.iter().find(|t| t.contains(needle))
    }
}

fn assert_not_in_files(app: &Harness, needle: &str, what: &str) {
    let files = app.data_files();
    assert!(
        files.iter().any(|(p, _)| p.ends_with("settings.json")),
        "settings.json was written (else this check is vacuous): {:?}",
        files.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for (path, bytes) in files {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(needle),
            "{what} found in {}",
            path.display()
        );
    }
}

#[test]
fn api_secret_and_tokens_live_in_the_keychain_only() {
    let sandbox = external_sandbox();
    let app = Harness::with_short_timeout("hygiene-keychain");
    let creds = sandbox.default_credentials();
    let mut t = Transcript(Vec::new());
    let org = t.ok(
        &app,
        "add_organization",
        json!({ "input": org_input("Kept", &sandbox, &creds.client_id, &creds.client_secret) }),
    );
    let id = org["id"].as_str().expect("id").to_string();
    assert_eq!(org["secretStorage"], "keychain");
    t.ok(&app, "set_active_organization", json!({ "id": id }));
    let list = t.ok(&app, "list_clusters", json!({}));
    let healthy = cluster_id_named(&list, "orders-prod");
    t.ok(&app, "get_cluster", json!({ "clusterId": healthy }));
    t.ok(&app, "cluster_parameters", json!({}));
    let clients = t.ok(&app, "list_clients", json!({ "clusterId": healthy }));
    let client_id = clients[0]["clientId"].as_str().expect("client id");
    t.ok(
        &app,
        "get_client",
        json!({ "clusterId": healthy, "clientId": client_id }),
    );
    t.ok(&app, "list_organizations", json!({}));
    t.ok(&app, "test_organization", json!({ "id": id }));

    // The keychain holds the secret and the token, under this organization's accounts.
    let accounts = app.store.accounts();
    assert!(
        accounts.contains(&format!("organization/{id}/client-secret")),
        "{accounts:?}"
    );
    assert!(
        accounts.contains(&format!("organization/{id}/access-token")),
        "{accounts:?}"
    );
    let values = app.store.values();
    assert!(values.iter().any(|v| v == &creds.client_secret));
    let token_entry = values
        .iter()
        .find(|v| v.contains("accessToken"))
        .expect("a token entry");
    let token: Value = serde_json::from_str(token_entry).expect("token entry is JSON");
    let token = token["accessToken"].as_str().expect("token").to_string();
    assert!(token.len() > 20);

    // Neither is on disk or in any answer the UI got.
    assert_not_in_files(&app, &creds.client_secret, "the API secret");
    assert_not_in_files(&app, &token, "an access token");
    assert_eq!(
        t.holds(&creds.client_secret),
        None,
        "API secret answered to the UI"
    );
    assert_eq!(t.holds(&token), None, "token answered to the UI");

    let c = sandbox.counters();
    assert!(c.token_requests >= 1);
    assert_eq!(
        c.admin_secret_misuse, 0,
        "API secret sent outside a token request"
    );
    assert_eq!(c.token_misuse, 0, "token sent outside the API");

    // Removing the organization removes both keychain entries.
    t.ok(&app, "remove_organization", json!({ "id": id }));
    let accounts = app.store.accounts();
    assert!(
        !accounts.iter().any(|a| a.contains(&id)),
        "left in the keychain: {accounts:?}"
    );
}

#[test]
fn a_session_only_secret_is_never_stored() {
    let sandbox = external_sandbox();
    let app = Harness::with_short_timeout("hygiene-session");
    let creds = sandbox.default_credentials();
    let mut input = org_input("Session", &sandbox, &creds.client_id, &creds.client_secret);
    input["sessionOnly"] = json!(true);
    let org: Value = app.ok("add_organization", json!({ "input": input }));
    assert_eq!(org["secretStorage"], "session");
    let id = org["id"].as_str().expect("id").to_string();
    let _: Value = app.ok("set_active_organization", json!({ "id": id }));
    let _: Value = app.ok("list_clusters", json!({}));
    assert!(
        app.store.values().is_empty(),
        "session-only secret or token in the keychain: {:?}",
        app.store.accounts()
    );
    assert_not_in_files(&app, &creds.client_secret, "a session-only secret");
}

#[test]
fn a_created_client_secret_is_answered_once_and_kept_only_until_acknowledged() {
    let sandbox = external_sandbox();
    let app = Harness::with_short_timeout("hygiene-client");
    app.add_active_org("Kept", &sandbox);
    let mut t = Transcript(Vec::new());
    let list = t.ok(&app, "list_clusters", json!({}));
    let healthy = cluster_id_named(&list, "orders-prod");
    let created: Value = app.ok(
        "create_client",
        json!({ "clusterId": healthy, "input": { "name": "hygiene", "permissions": [] } }),
    );
    let secret = created["clientSecret"]
        .as_str()
        .expect("secret")
        .to_string();
    let client_id = created["clientId"].as_str().expect("client id").to_string();
    assert!(secret.len() >= 16);
    // The secret crosses once, as `clientSecret`; no second copy (environment lines, files) does.
    assert_eq!(
        created.to_string().matches(secret.as_str()).count(),
        1,
        "the secret crosses more than once"
    );

    // While pending: can be copied (to the clipboard, by Rust), never stored.
    t.ok(&app, "copy_pending_secret", json!({ "field": "secret" }));
    assert_eq!(
        app.platform.read_clipboard_now().as_deref(),
        Some(secret.as_str())
    );
    assert!(
        !app.store.values().iter().any(|v| v.contains(&secret)),
        "client secret in the keychain"
    );
    assert_not_in_files(&app, &secret, "the client secret");

    // Other answers never repeat it: details, lists.
    t.ok(
        &app,
        "get_client",
        json!({ "clusterId": healthy, "clientId": client_id }),
    );
    t.ok(&app, "list_clients", json!({ "clusterId": healthy }));
    t.ok(&app, "list_organizations", json!({}));
    assert_eq!(t.holds(&secret), None, "client secret answered again");

    // Acknowledged: gone from the app.
    t.ok(&app, "acknowledge_pending_secret", json!({}));
    for field in ["secret", "id", "env"] {
        let e = t
            .call(&app, "copy_pending_secret", json!({ "field": field }))
            .expect_err("nothing pending");
        assert!(!e.to_string().contains(&secret));
    }
    let e = t
        .call(&app, "save_pending_secret", json!({ "format": "env" }))
        .expect_err("nothing pending");
    assert_ne!(e["kind"], "internal", "{e}");
    assert_not_in_files(&app, &secret, "the client secret");
    let c = sandbox.counters();
    assert_eq!(c.admin_secret_misuse, 0);
    assert_eq!(c.token_misuse, 0);
}
