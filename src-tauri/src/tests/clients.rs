//! Cluster clients and the copy-once secret dialog.

use std::time::Duration;

use serde_json::{json, Value};

use super::skeleton::wait_until;
use super::*;
use crate::error::ErrorKind;

fn healthy_cluster(h: &Harness) -> String {
    let list: Value = h.ok("list_clusters", json!({}));
    cluster_id_named(&list, "orders-prod")
}

#[test]
fn list_details_create_and_delete_clients() {
    let h = Harness::new("clients");
    let cluster = healthy_cluster(&h);
    let clients: Vec<Value> = h.ok("list_clients", json!({ "clusterId": cluster }));
    assert!(clients.len() >= 2, "{clients:?}");
    let first = clients[0]["clientId"].as_str().unwrap().to_string();
    let details: Value = h.ok(
        "get_client",
        json!({ "clusterId": cluster, "clientId": first }),
    );
    assert_eq!(details["clientId"], first.as_str());
    let file = details["credentialsFile"].as_str().unwrap();
    assert!(file.contains("ZEEBE_ADDRESS="), "{file}");
    assert!(!file.contains("ZEEBE_CLIENT_SECRET="), "{file}");

    let created: Value = h.ok(
        "create_client",
        json!({ "clusterId": cluster, "input": { "name": "worker-9", "permissions": ["Zeebe", "Operate"] } }),
    );
    let secret = created["clientSecret"].as_str().unwrap().to_string();
    assert!(!secret.is_empty());
    assert_eq!(created["permissions"], json!(["Zeebe", "Operate"]));
    // The environment lines (secret included) never cross to the UI: copied by Rust on request.
    assert!(created.get("envText").is_none(), "{created}");
    let _: Value = h.ok("copy_pending_secret", json!({ "field": "env" }));
    let env = h.platform.read_clipboard_now().unwrap();
    let env = env.as_str();
    assert!(
        env.contains(&format!("export ZEEBE_CLIENT_SECRET='{secret}'")),
        "{env}"
    );
    assert!(
        env.contains("CAMUNDA_CREDENTIALS_SCOPES='Zeebe,Operate'"),
        "{env}"
    );
    let _: Value = h.ok("acknowledge_pending_secret", json!({}));

    let e = h.err(
        "create_client",
        json!({ "clusterId": cluster, "input": { "name": "worker-9", "permissions": [] } }),
    );
    assert_eq!(e.kind, ErrorKind::Validation, "names must be unique: {e:?}");
    let e = h.err(
        "create_client",
        json!({ "clusterId": cluster, "input": { "name": "w", "permissions": ["Root"] } }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);

    let client_id = created["clientId"].as_str().unwrap();
    let _: Value = h.ok(
        "delete_client",
        json!({ "clusterId": cluster, "clientId": client_id }),
    );
    let e = h.err(
        "get_client",
        json!({ "clusterId": cluster, "clientId": client_id }),
    );
    assert_eq!(e.kind, ErrorKind::NotFound);

    // Client details of a cluster that is still being created: 412.
    let list: Value = h.ok("list_clusters", json!({}));
    let creating = cluster_id_named(&list, "analytics-dev");
    let e = h.err(
        "get_client",
        json!({ "clusterId": creating, "clientId": "whatever" }),
    );
    assert!(
        matches!(e.kind, ErrorKind::NotReady | ErrorKind::NotFound),
        "{e:?}"
    );
}

/// Confirming the secret dialog clears a copy of the secret still on the clipboard at once (not
/// 60 s later); what the user copied since stays.
#[test]
fn acknowledging_the_secret_clears_its_copy_from_the_clipboard() {
    let h = Setup::new("ack-clear").start();
    let cluster = healthy_cluster(&h);
    let create = |name: &str| -> String {
        let created: Value = h.ok(
            "create_client",
            json!({ "clusterId": cluster, "input": { "name": name, "permissions": [] } }),
        );
        created["clientSecret"].as_str().unwrap().to_string()
    };
    let secret = create("ack 1");
    let _: Value = h.ok("copy_pending_secret", json!({ "field": "secret" }));
    assert_eq!(
        h.platform.read_clipboard_now().as_deref(),
        Some(secret.as_str())
    );
    let _: Value = h.ok("acknowledge_pending_secret", json!({}));
    assert_eq!(
        h.platform.read_clipboard_now(),
        None,
        "still on the clipboard"
    );

    let _secret = create("ack 2");
    let _: Value = h.ok("copy_pending_secret", json!({ "field": "env" }));
    *h.platform.clipboard.lock() = Some("user text".into());
    let _: Value = h.ok("acknowledge_pending_secret", json!({}));
    assert_eq!(
        h.platform.read_clipboard_now().as_deref(),
        Some("user text")
    );
}

#[test]
fn pending_secret_copy_clears_the_clipboard_and_save_writes_owner_only_files() {
    let mut setup = Setup::new("secret");
    setup.clipboard_clear_after = Duration::from_millis(300);
    let h = setup.start();
    let cluster = healthy_cluster(&h);
    let created: Value = h.ok(
        "create_client",
        json!({ "clusterId": cluster, "input": { "name": "app 1", "permissions": [] } }),
    );
    let secret = created["clientSecret"].as_str().unwrap().to_string();

    let _: Value = h.ok("copy_pending_secret", json!({ "field": "secret" }));
    assert_eq!(
        h.platform.read_clipboard_now().as_deref(),
        Some(secret.as_str())
    );
    wait_until(|| h.platform.read_clipboard_now().is_none());

    // If the user copied something else meanwhile, it is left alone.
    let _: Value = h.ok("copy_pending_secret", json!({ "field": "env" }));
    assert!(h.platform.read_clipboard_now().unwrap().contains(&secret));
    *h.platform.clipboard.lock() = Some("user text".into());
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(
        h.platform.read_clipboard_now().as_deref(),
        Some("user text")
    );

    for (format, needle) in [
        ("env", format!("ZEEBE_CLIENT_SECRET='{secret}'")),
        (
            "properties",
            format!("camunda.client.auth.client-secret={secret}"),
        ),
        ("json", format!("\"ZEEBE_CLIENT_SECRET\": \"{secret}\"")),
    ] {
        let target = h.dir.join(format!("out.{format}"));
        *h.platform.save_path.lock() = Some(target.clone());
        let saved: Option<String> = h.ok("save_pending_secret", json!({ "format": format }));
        assert_eq!(saved.as_deref(), Some(target.to_str().unwrap()));
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.contains(&needle), "{format}: {text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{format}");
        }
    }
    *h.platform.save_path.lock() = None;
    let cancelled: Option<String> = h.ok("save_pending_secret", json!({ "format": "env" }));
    assert_eq!(cancelled, None);

    let _: Value = h.ok("acknowledge_pending_secret", json!({}));
    let e = h.err("copy_pending_secret", json!({ "field": "secret" }));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    let e = h.err("save_pending_secret", json!({ "format": "json" }));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert!(h.state().pending.lock().is_none());
}

#[test]
fn open_link_allows_https_only() {
    let h = Harness::new("links");
    let _: Value = h.ok("open_link", json!({ "url": "https://docs.camunda.io/" }));
    assert_eq!(
        *h.platform.opened_urls.lock(),
        vec!["https://docs.camunda.io/".to_string()]
    );
    for bad in [
        "http://example.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://user:pw@example.com/",
        "not a url",
    ] {
        let e = h.err("open_link", json!({ "url": bad }));
        assert_eq!(e.kind, ErrorKind::InvalidInput, "{bad}");
    }
    assert_eq!(h.platform.opened_urls.lock().len(), 1);
}

fn status_fault(route: &str, times: u32, status: u16) -> console_sandbox::Fault {
    console_sandbox::Fault {
        route: route.into(),
        times,
        kind: console_sandbox::FaultKind::Status {
            status,
            body: "{\"message\":\"injected\"}".into(),
            content_type: "application/json".into(),
            retry_after: None,
        },
    }
}

#[test]
fn unauthorized_conflict_and_io_errors() {
    let h = Harness::new("more-errors");
    let cluster = healthy_cluster(&h);

    // 401 even after one refresh: unauthorized (and exactly one new token request).
    let before = h.builtin_sandbox(|s| s.counters().token_requests);
    h.builtin_sandbox(|s| s.inject(status_fault("GET /clusters/*/clients", 10, 401)));
    let e = h.err("list_clients", json!({ "clusterId": cluster }));
    assert_eq!(e.kind, ErrorKind::Unauthorized);
    let after = h.builtin_sandbox(|s| s.counters().token_requests);
    assert_eq!(after, before + 1, "one refresh, no loop");
    h.builtin_sandbox(|s| s.clear_faults());

    h.builtin_sandbox(|s| s.inject(status_fault("DELETE /clusters/*", 1, 409)));
    let e = h.err("delete_cluster", json!({ "clusterId": cluster }));
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert_eq!(e.status, Some(409));

    // Saving into a folder that does not exist: a plain io error, no secret in it.
    let created: Value = h.ok(
        "create_client",
        json!({ "clusterId": cluster, "input": { "name": "io-test", "permissions": ["Zeebe"] } }),
    );
    let secret = created["clientSecret"].as_str().unwrap().to_string();
    *h.platform.save_path.lock() = Some(h.dir.join("missing-dir").join("x.env"));
    let e = h.err("save_pending_secret", json!({ "format": "env" }));
    assert_eq!(e.kind, ErrorKind::Io);
    assert!(
        e.message.starts_with("Could not save the file"),
        "{}",
        e.message
    );
    assert!(!e.message.contains(&secret));
    let _: Value = h.ok("acknowledge_pending_secret", json!({}));
}

/// The organization-wide client list: every cluster's clients, tagged with their cluster; one
/// failing cluster is reported beside the others' clients; all failing is the error itself.
#[test]
fn all_clients_of_the_organization_with_failures_reported() {
    let h = Harness::new("all-clients");
    let list: Value = h.ok("list_clusters", json!({}));
    let clusters = list["clusters"].as_array().unwrap();
    let mut expected = std::collections::BTreeSet::new();
    for c in clusters {
        let clients: Vec<Value> = h.ok("list_clients", json!({ "clusterId": c["id"] }));
        for client in clients {
            expected.insert((
                c["id"].as_str().unwrap().to_string(),
                c["name"].as_str().unwrap().to_string(),
                client["clientId"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert!(expected.len() >= 2, "{expected:?}");
    let all: Value = h.ok("list_all_clients", json!({}));
    assert_eq!(all["organizationId"], "sandbox");
    assert_eq!(all["clusterCount"], clusters.len());
    assert_eq!(all["failed"], json!([]));
    let got: std::collections::BTreeSet<_> = all["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["clusterId"].as_str().unwrap().to_string(),
                c["clusterName"].as_str().unwrap().to_string(),
                c["clientId"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected);

    // One cluster's client list fails: its name and error, the others' clients still shown.
    let orders = cluster_id_named(&list, "orders-prod");
    h.builtin_sandbox(|s| {
        s.inject(console_sandbox::Fault {
            route: format!("GET /clusters/{orders}/clients"),
            times: 1,
            kind: console_sandbox::FaultKind::Status {
                status: 500,
                body: "<html>oops</html>".into(),
                content_type: "text/html".into(),
                retry_after: None,
            },
        })
    });
    let all: Value = h.ok("list_all_clients", json!({}));
    let failed = all["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0]["clusterName"], "orders-prod");
    assert_eq!(failed[0]["error"]["kind"], "server");
    let shown = all["clients"].as_array().unwrap();
    assert!(shown.iter().all(|c| c["clusterId"] != orders.as_str()));
    let orders_clients = expected.iter().filter(|e| e.0 == orders).count();
    assert!(orders_clients > 0);
    assert_eq!(shown.len(), expected.len() - orders_clients);

    // Every cluster fails alike: that is the command's error.
    h.builtin_sandbox(|s| {
        s.inject(console_sandbox::Fault {
            route: "GET /clusters/*/clients".into(),
            times: 1000,
            kind: console_sandbox::FaultKind::Status {
                status: 500,
                body: "{}".into(),
                content_type: "application/json".into(),
                retry_after: None,
            },
        })
    });
    let e = h.err("list_all_clients", json!({}));
    assert_eq!(e.kind, ErrorKind::Server);
    h.builtin_sandbox(|s| s.clear_faults());
    let all: Value = h.ok("list_all_clients", json!({}));
    assert_eq!(all["clients"].as_array().unwrap().len(), expected.len());
}
