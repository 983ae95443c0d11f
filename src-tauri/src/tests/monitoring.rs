//! External monitoring commands on the built-in Sandbox: activate, clients, and a password
//! (new or rotated) held for the copy-once dialog like a client secret.

use serde_json::{json, Value};

use super::*;
use crate::error::ErrorKind;

#[test]
fn activate_create_rotate_through_the_copy_once_dialog_and_deactivate() {
    let h = Harness::new("monitoring");
    let list: Value = h.ok("list_clusters", json!({}));
    let id = cluster_id_named(&list, "orders-prod");

    let off: Value = h.ok("get_monitoring", json!({ "clusterId": id }));
    assert_eq!(off["active"], false);
    assert_eq!(off["metricsUrl"], Value::Null);
    let e = h.err("deactivate_monitoring", json!({ "clusterId": id }));
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("not active"), "{}", e.message);

    let _: Value = h.ok("activate_monitoring", json!({ "clusterId": id }));
    let on: Value = h.ok("get_monitoring", json!({ "clusterId": id }));
    assert_eq!(on["active"], true);
    let url = on["metricsUrl"].as_str().unwrap().to_string();
    assert!(url.starts_with("https://") && url.contains(&id), "{url}");
    let e = h.err("activate_monitoring", json!({ "clusterId": id }));
    assert!(e.message.contains("already active"), "{}", e.message);

    let made: Value = h.ok(
        "create_monitoring_client",
        json!({ "clusterId": id, "username": " grafana " }),
    );
    assert_eq!(made["username"], "grafana");
    assert_eq!(made["rotated"], false);
    assert_eq!(made["metricsUrl"], url.as_str());
    assert_eq!(made["saveFormats"], json!(["env", "json", "prometheus"]));
    let first = made["password"].as_str().unwrap().to_string();
    assert!(first.len() >= 16);
    let client_id = made["clientId"].as_str().unwrap().to_string();

    let listed: Value = h.ok("get_monitoring", json!({ "clusterId": id }));
    assert_eq!(listed["clients"][0]["username"], "grafana");
    assert_eq!(listed["clients"][0]["id"], client_id.as_str());
    assert!(
        !listed.to_string().contains(&first),
        "a list never holds a password"
    );

    let e = h.err(
        "create_monitoring_client",
        json!({ "clusterId": id, "username": "grafana" }),
    );
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(
        e.message.contains("\u{201c}grafana\u{201d}"),
        "{}",
        e.message
    );
    for (name, words) in [
        ("  ", "Enter a user name"),
        ("a:b", "without spaces or colons"),
        ("two words", "without spaces or colons"),
    ] {
        let e = h.err(
            "create_monitoring_client",
            json!({ "clusterId": id, "username": name }),
        );
        assert_eq!(e.kind, ErrorKind::InvalidInput, "{name:?}");
        assert!(e.message.contains(words), "{name:?}: {}", e.message);
    }

    // The rotated password replaces the pending one: copied and saved from Rust.
    let rotated: Value = h.ok(
        "rotate_monitoring_password",
        json!({ "clusterId": id, "clientId": client_id }),
    );
    assert_eq!(rotated["rotated"], true);
    let second = rotated["password"].as_str().unwrap().to_string();
    assert_ne!(second, first);
    let _: Value = h.ok("copy_pending_secret", json!({ "field": "secret" }));
    assert_eq!(
        h.platform.read_clipboard_now().as_deref(),
        Some(second.as_str())
    );
    let _: Value = h.ok("copy_pending_secret", json!({ "field": "id" }));
    assert_eq!(h.platform.read_clipboard_now().as_deref(), Some("grafana"));
    let target = h.dir.join("prometheus.yml");
    *h.platform.save_path.lock() = Some(target.clone());
    let saved: Option<String> = h.ok("save_pending_secret", json!({ "format": "prometheus" }));
    assert_eq!(saved.as_deref(), Some(target.to_str().unwrap()));
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains(&format!("password: '{second}'")), "{text}");
    assert!(text.contains("username: 'grafana'"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let e = h.err("save_pending_secret", json!({ "format": "properties" }));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    let e = h.err("close_window", json!({}));
    assert!(e.message.contains("still pending"), "{}", e.message);
    let _: Value = h.ok("acknowledge_pending_secret", json!({}));
    assert!(h.state().pending.lock().is_none());

    let _: Value = h.ok(
        "delete_monitoring_client",
        json!({ "clusterId": id, "clientId": client_id }),
    );
    let e = h.err(
        "rotate_monitoring_password",
        json!({ "clusterId": id, "clientId": client_id }),
    );
    assert_eq!(e.kind, ErrorKind::NotFound);
    let _: Value = h.ok("deactivate_monitoring", json!({ "clusterId": id }));
    let off: Value = h.ok("get_monitoring", json!({ "clusterId": id }));
    assert_eq!(off["active"], false);
}
