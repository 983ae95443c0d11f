//! Organizations: add/import/edit/remove, keychain and settings file, restart, environment.

use serde_json::{json, Value};

use super::*;
use crate::dto::ApiPermission;
use crate::error::ErrorKind;

fn token_in_keychain(store: &MemoryStore) -> String {
    cached_token(store).expect("a cached token in the keychain")
}

#[test]
fn saved_organization_keeps_secrets_in_the_keychain_and_survives_a_restart() {
    let remote = external_sandbox();
    let creds = remote.default_credentials();
    let mut setup = Setup::new("org-restart");
    setup.keep_dir = true;
    let (dir, store) = (setup.dir.clone(), setup.store.clone());
    let h = setup.start();
    let id = add_org(&h, "Acme", &remote);

    let state: Value = h.ok("list_organizations", json!({}));
    assert_eq!(state["activeId"], id.as_str());
    let org = &state["organizations"][1];
    assert_eq!(org["kind"], "saved");
    assert_eq!(org["secretStorage"], "keychain");

    let list: Value = h.ok("list_clusters", json!({}));
    assert_eq!(list["organizationId"], id.as_str());
    assert!(cluster_names(&list).contains(&"orders-prod".to_string()));
    assert_eq!(remote.counters().token_requests, 1);

    // Secret and token are in the keychain, one entry per purpose ...
    let accounts = h.store.accounts();
    assert!(
        accounts.contains(&format!("organization/{id}/client-secret")),
        "{accounts:?}"
    );
    assert!(
        accounts.contains(&format!("organization/{id}/access-token")),
        "{accounts:?}"
    );
    let token = token_in_keychain(&h.store);
    // ... and in no file of the data dir.
    for (path, bytes) in h.data_files() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&creds.client_secret), "secret in {path:?}");
        assert!(!text.contains(&token), "token in {path:?}");
    }
    assert!(h.settings_text().contains("Acme"));
    drop(h);

    // Restart: same data dir and keychain. Still there, still active, and no token request.
    let mut again = Setup::new("unused");
    let _ = std::fs::remove_dir_all(&again.dir);
    again.dir = dir;
    again.store = store;
    let h2 = again.start();
    let state: Value = h2.ok("list_organizations", json!({}));
    assert_eq!(state["activeId"], id.as_str());
    let list: Value = h2.ok("list_clusters", json!({}));
    assert!(!cluster_names(&list).is_empty());
    assert_eq!(
        remote.counters().token_requests,
        1,
        "token reused from the keychain"
    );
    assert_eq!(remote.counters().routes.get("GET /clusters"), Some(&2));
}

#[test]
fn keychain_unavailable_is_reported_and_session_only_is_offered() {
    let remote = external_sandbox();
    let creds = remote.default_credentials();
    let h = Harness::new("org-locked");
    h.store.set_unavailable(Some("the keychain is locked"));

    let state: Value = h.ok("list_organizations", json!({}));
    assert_eq!(state["keychainAvailable"], false);
    assert!(state["keychainMessage"]
        .as_str()
        .unwrap()
        .contains("locked"));

    let input = org_input("Locked", &remote, &creds.client_id, &creds.client_secret);
    let e = h.err("add_organization", json!({ "input": input }));
    assert_eq!(e.kind, ErrorKind::KeychainUnavailable);
    assert!(e.message.contains("session"), "{}", e.message);
    assert!(!e.message.contains(&creds.client_secret));
    // Nothing was saved, no file fallback.
    let state: Value = h.ok("list_organizations", json!({}));
    assert_eq!(state["organizations"].as_array().unwrap().len(), 1);

    let mut input = org_input("Session", &remote, &creds.client_id, &creds.client_secret);
    input["sessionOnly"] = json!(true);
    let org: Value = h.ok("add_organization", json!({ "input": input }));
    assert_eq!(org["secretStorage"], "session");
    let list: Value = h.ok("list_clusters", json!({}));
    assert!(!cluster_names(&list).is_empty());
    h.store.set_unavailable(None);
    assert!(h.store.accounts().is_empty());
    for (path, bytes) in h.data_files() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&creds.client_secret),
            "secret in {path:?}"
        );
    }
}

#[test]
fn wrong_secret_and_missing_permission_in_plain_words() {
    let remote = external_sandbox();
    let creds = remote.default_credentials();
    let h = Harness::new("org-errors");
    let input = org_input("Wrong", &remote, &creds.client_id, "not-the-secret");
    let report: Value = h.ok("test_connection", json!({ "input": input.clone() }));
    assert_eq!(report["ok"], false);
    assert_eq!(report["error"]["kind"], "invalid_credentials");
    assert!(report["message"].as_str().unwrap().contains("wrong"));

    let org: Value = h.ok("add_organization", json!({ "input": input }));
    let id = org["id"].as_str().unwrap().to_string();
    let e = h.err("list_clusters", json!({}));
    assert_eq!(e.kind, ErrorKind::InvalidCredentials);

    // A client that may only read clusters.
    let limited = remote.add_api_client(&[console_sandbox::ApiPermission::GetClusters]);
    let mut edit = org_input(
        "Limited",
        &remote,
        &limited.client_id,
        &limited.client_secret,
    );
    edit["sessionOnly"] = json!(false);
    let _: Value = h.ok("update_organization", json!({ "id": id, "input": edit }));
    let report: Value = h.ok("test_organization", json!({ "id": id }));
    assert_eq!(report["ok"], true, "{report}");
    assert!(report["clusterCount"].as_u64().unwrap() >= 5, "{report}");

    let e = h.err(
        "create_cluster",
        json!({ "input": { "name": "x", "channelId": "c", "generationId": "g", "regionId": "r",
                           "planTypeId": "p", "stageLabel": null } }),
    );
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert_eq!(e.permission, Some(ApiPermission::CreateClusters));
    let state: Value = h.ok("list_organizations", json!({}));
    assert_eq!(
        state["organizations"][1]["deniedPermissions"],
        json!(["create_clusters"])
    );
    assert!(h.settings_text().contains("create_clusters"));

    // New credentials: the permissions seen are forgotten.
    let full = org_input("Full", &remote, &creds.client_id, &creds.client_secret);
    let org: Value = h.ok("update_organization", json!({ "id": id, "input": full }));
    assert_eq!(org["deniedPermissions"], json!([]));
    assert_eq!(org["name"], "Full");

    // Without permission to list clusters, the connection test says which one is missing.
    let none = remote.add_api_client(&[]);
    let input = org_input("None", &remote, &none.client_id, &none.client_secret);
    let report: Value = h.ok("test_connection", json!({ "input": input }));
    assert_eq!(report["ok"], false);
    assert_eq!(report["error"]["kind"], "forbidden");
    assert!(report["message"].as_str().unwrap().contains("Get clusters"));
}

#[test]
fn rate_limit_network_and_url_errors() {
    let remote = external_sandbox();
    let creds = remote.default_credentials();
    let h = Harness::new("org-net");
    remote.inject(console_sandbox::Fault {
        route: "POST /oauth/token".into(),
        times: 1,
        kind: console_sandbox::FaultKind::Status {
            status: 429,
            body: String::new(),
            content_type: "text/plain".into(),
            retry_after: Some("7".into()),
        },
    });
    let input = org_input("Acme", &remote, &creds.client_id, &creds.client_secret);
    let report: Value = h.ok("test_connection", json!({ "input": input }));
    assert_eq!(report["ok"], false);
    assert_eq!(report["error"]["kind"], "rate_limited");
    assert_eq!(report["error"]["retryAfterSecs"], 7);
    // The wait is `retryAfterSecs` (the UI counts it down); the words name who limits.
    assert!(report["message"]
        .as_str()
        .unwrap()
        .contains("login service is rate limiting"));

    // Nothing listens on port 9 of loopback.
    let mut input = org_input("Off", &remote, &creds.client_id, &creds.client_secret);
    input["tokenUrl"] = json!("http://127.0.0.1:9/oauth/token");
    let report: Value = h.ok("test_connection", json!({ "input": input }));
    assert_eq!(report["error"]["kind"], "network");

    let mut input = org_input("Plain", &remote, &creds.client_id, &creds.client_secret);
    input["apiBaseUrl"] = json!("http://api.example.com");
    let e = h.err("add_organization", json!({ "input": input.clone() }));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert!(e.message.contains("http://"), "{}", e.message);
    let e = h.err("test_connection", json!({ "input": input }));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
}

#[test]
fn import_preview_rename_set_active_and_remove() {
    let remote = external_sandbox();
    let creds = remote.default_credentials();
    let h = Harness::new("org-import");
    let text = format!(
        "# from the Console\r\nexport CAMUNDA_CONSOLE_CLIENT_ID='{}'\r\nexport CAMUNDA_CONSOLE_CLIENT_SECRET='{}'\r\n\
         export CAMUNDA_OAUTH_URL='{}'\r\nexport CAMUNDA_CONSOLE_BASE_URL='{}'\r\nexport CAMUNDA_CONSOLE_OAUTH_AUDIENCE='{}'\r\n",
        creds.client_id,
        creds.client_secret,
        remote.token_url(),
        remote.base_url(),
        remote.audience()
    );
    let preview: Value = h.ok("preview_credentials", json!({ "text": text }));
    assert_eq!(preview["clientId"], creds.client_id.as_str());
    assert_eq!(preview["hasSecret"], true);
    assert_eq!(preview["missing"], json!([]));
    assert!(!preview.to_string().contains(&creds.client_secret));

    let partial: Value = h.ok(
        "preview_credentials",
        json!({ "text": "CAMUNDA_CONSOLE_CLIENT_ID=x\n" }),
    );
    assert_eq!(partial["missing"], json!(["CAMUNDA_CONSOLE_CLIENT_SECRET"]));
    let e = h.err(
        "import_organization",
        json!({ "name": "X", "text": "CAMUNDA_CONSOLE_CLIENT_ID=x\n", "sessionOnly": false }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert!(e.message.contains("CAMUNDA_CONSOLE_CLIENT_SECRET"));
    let e = h.err("preview_credentials", json!({ "text": "hello world\n" }));
    assert!(e.message.contains("Line 1"));

    // Test connection on the pasted text, before saving: parsed in Rust, nothing saved.
    let report: Value = h.ok("test_credentials", json!({ "text": text }));
    assert_eq!(report["ok"], true, "{report}");
    assert!(report["clusterCount"].as_u64().unwrap() >= 5, "{report}");
    let wrong = text.replace(&creds.client_secret, "not-the-secret");
    let report: Value = h.ok("test_credentials", json!({ "text": wrong }));
    assert_eq!(report["ok"], false);
    assert_eq!(report["error"]["kind"], "invalid_credentials");
    assert!(!report.to_string().contains("not-the-secret"));
    let e = h.err(
        "test_credentials",
        json!({ "text": "CAMUNDA_CONSOLE_CLIENT_ID=x\n" }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert!(e.message.contains("CAMUNDA_CONSOLE_CLIENT_SECRET"));
    let state: Value = h.ok("list_organizations", json!({}));
    assert_eq!(
        state["organizations"].as_array().unwrap().len(),
        1,
        "{state}"
    );

    let org: Value = h.ok(
        "import_organization",
        json!({ "name": "Imported", "text": text, "sessionOnly": false }),
    );
    let id = org["id"].as_str().unwrap().to_string();
    assert_eq!(org["tokenUrl"], remote.token_url().as_str());
    // No marks chosen: the first colour, not production.
    assert_eq!(
        (&org["color"], &org["production"]),
        (&json!("blue"), &json!(false))
    );
    let list: Value = h.ok("list_clusters", json!({}));
    assert_eq!(list["organizationId"], id.as_str());

    // Import from a file chosen in the (fake) open dialog.
    let file = h.dir.join("creds.txt");
    std::fs::write(&file, text.as_bytes()).unwrap();
    *h.platform.open_path.lock() = Some(file);
    let second: Value = h.ok(
        "import_organization",
        json!({ "name": null, "text": null, "sessionOnly": true,
                "marks": { "color": "red", "production": true } }),
    );
    assert_eq!(second["name"], "Camunda organization");
    assert_eq!(
        (&second["color"], &second["production"]),
        (&json!("red"), &json!(true))
    );
    assert_eq!(second["secretStorage"], "session");
    *h.platform.open_path.lock() = None;
    let e = h.err(
        "import_organization",
        json!({ "name": null, "text": null, "sessionOnly": false }),
    );
    assert_eq!(e.message, "No file was chosen.");

    let renamed: Value = h.ok(
        "rename_organization",
        json!({ "id": id, "name": "  Renamed " }),
    );
    assert_eq!(renamed["name"], "Renamed");
    let e = h.err(
        "rename_organization",
        json!({ "id": "sandbox", "name": "x" }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    let e = h.err("set_active_organization", json!({ "id": "nope" }));
    assert_eq!(e.kind, ErrorKind::NoOrganization);

    let state: Value = h.ok("set_active_organization", json!({ "id": id }));
    assert_eq!(state["activeId"], id.as_str());
    assert!(h
        .store
        .accounts()
        .contains(&format!("organization/{id}/client-secret")));

    let state: Value = h.ok("remove_organization", json!({ "id": id }));
    assert_eq!(state["activeId"], "sandbox");
    assert!(
        !h.store.accounts().iter().any(|a| a.contains(&id)),
        "keychain entries removed: {:?}",
        h.store.accounts()
    );
    assert!(!h.settings_text().contains("Renamed"));
    let e = h.err("remove_organization", json!({ "id": id }));
    assert_eq!(e.kind, ErrorKind::NoOrganization);
}

#[test]
fn environment_organization_is_active_and_unsaved() {
    let remote = external_sandbox();
    let creds = remote.default_credentials();
    let mut setup = Setup::new("org-env");
    let (token_url, base_url, audience) =
        (remote.token_url(), remote.base_url(), remote.audience());
    setup.environment = Some(ParsedCredentials::from_lookup(|k| match k {
        "CAMUNDA_CONSOLE_CLIENT_ID" => Some(creds.client_id.clone()),
        "CAMUNDA_CONSOLE_CLIENT_SECRET" => Some(creds.client_secret.clone()),
        "CAMUNDA_OAUTH_URL" => Some(token_url.clone()),
        "CAMUNDA_CONSOLE_BASE_URL" => Some(base_url.clone()),
        "CAMUNDA_CONSOLE_OAUTH_AUDIENCE" => Some(audience.clone()),
        _ => None,
    }));
    let h = setup.start();
    let state: Value = h.ok("list_organizations", json!({}));
    assert_eq!(state["activeId"], "environment");
    assert_eq!(state["organizations"][1]["kind"], "environment");
    let list: Value = h.ok("list_clusters", json!({}));
    assert_eq!(list["organizationId"], "environment");
    assert_eq!(remote.counters().token_requests, 1);
    let report: Value = h.ok("test_organization", json!({ "id": "environment" }));
    assert_eq!(report["ok"], true);
    assert!(!h.dir.join("settings.json").exists() || !h.settings_text().contains("environment"));
    assert!(
        h.store.accounts().is_empty(),
        "nothing of the environment goes to the keychain"
    );
    let e = h.err("remove_organization", json!({ "id": "environment" }));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    // Switching away and back works for the run.
    let state: Value = h.ok("set_active_organization", json!({ "id": "sandbox" }));
    assert_eq!(state["activeId"], "sandbox");
    let state: Value = h.ok("set_active_organization", json!({ "id": "environment" }));
    assert_eq!(state["activeId"], "environment");
}

#[test]
fn a_token_fetched_by_test_connection_is_persisted_for_the_saved_organization() {
    let remote = external_sandbox();
    let creds = remote.default_credentials();
    let h = Harness::new("org-probe-token");
    let input = org_input("Probe", &remote, &creds.client_id, &creds.client_secret);
    let report: Value = h.ok("test_connection", json!({ "input": input.clone() }));
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(remote.counters().token_requests, 1);
    let org: Value = h.ok("add_organization", json!({ "input": input }));
    let id = org["id"].as_str().unwrap();
    let _: Value = h.ok("list_clusters", json!({}));
    // The token came from the process-wide cache (no second request) and is in the keychain.
    assert_eq!(remote.counters().token_requests, 1);
    assert!(h
        .store
        .accounts()
        .contains(&format!("organization/{id}/access-token")));
    token_in_keychain(&h.store);
}
