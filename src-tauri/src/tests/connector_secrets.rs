//! Connector secret commands on the built-in Sandbox: names in lists, one value on request, the
//! API's lag after a delete kept from the user, refusals in plain words.

use serde_json::{json, Value};

use super::*;
use crate::error::ErrorKind;

const VALUE: &str = "xoxb-connector-value-0451";

#[test]
fn create_list_reveal_update_and_delete() {
    let h = Harness::new("connector-secrets");
    let list: Value = h.ok("list_clusters", json!({}));
    let id = cluster_id_named(&list, "orders-prod");
    let names: Vec<String> = h.ok("list_connector_secrets", json!({ "clusterId": id }));
    assert!(names.is_empty());

    let _: Value = h.ok(
        "create_connector_secret",
        json!({ "clusterId": id, "name": " SLACK_TOKEN ", "value": VALUE }),
    );
    let _: Value = h.ok(
        "create_connector_secret",
        json!({ "clusterId": id, "name": "DB_PASSWORD", "value": "pw-1" }),
    );
    let names: Vec<String> = h.ok("list_connector_secrets", json!({ "clusterId": id }));
    assert_eq!(
        names,
        ["DB_PASSWORD", "SLACK_TOKEN"],
        "names only, trimmed, sorted"
    );
    let value: String = h.ok(
        "reveal_connector_secret",
        json!({ "clusterId": id, "name": "SLACK_TOKEN" }),
    );
    assert_eq!(value, VALUE);

    let _: Value = h.ok(
        "update_connector_secret",
        json!({ "clusterId": id, "name": "DB_PASSWORD", "value": "pw-2" }),
    );
    let value: String = h.ok(
        "reveal_connector_secret",
        json!({ "clusterId": id, "name": "DB_PASSWORD" }),
    );
    assert_eq!(value, "pw-2");

    // Deleted: the sandbox still lists it for a while (eventual consistency); Skep does not.
    let _: Value = h.ok(
        "delete_connector_secret",
        json!({ "clusterId": id, "name": "SLACK_TOKEN" }),
    );
    let names: Vec<String> = h.ok("list_connector_secrets", json!({ "clusterId": id }));
    assert_eq!(names, ["DB_PASSWORD"]);
    let e = h.err(
        "reveal_connector_secret",
        json!({ "clusterId": id, "name": "SLACK_TOKEN" }),
    );
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert!(!e.message.contains(VALUE));

    // The same name created again shows at once.
    let _: Value = h.ok(
        "create_connector_secret",
        json!({ "clusterId": id, "name": "SLACK_TOKEN", "value": "again-value" }),
    );
    let names: Vec<String> = h.ok("list_connector_secrets", json!({ "clusterId": id }));
    assert_eq!(names, ["DB_PASSWORD", "SLACK_TOKEN"]);

    // No file Skep wrote holds a value.
    let mut dirs = vec![h.dir.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    !text.contains(VALUE),
                    "{} holds a secret value",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn refusals_in_plain_words() {
    let h = Harness::new("connector-secrets-refusals");
    let list: Value = h.ok("list_clusters", json!({}));
    let id = cluster_id_named(&list, "orders-prod");
    let _: Value = h.ok(
        "create_connector_secret",
        json!({ "clusterId": id, "name": "TAKEN", "value": VALUE }),
    );
    let e = h.err(
        "create_connector_secret",
        json!({ "clusterId": id, "name": "TAKEN", "value": "second-value-77" }),
    );
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(
        e.message.contains("\u{201c}TAKEN\u{201d} already exists"),
        "{}",
        e.message
    );
    assert!(!e.message.contains("second-value-77"));

    for (name, value, words) in [
        ("N".repeat(50), "v", "fewer than 50 characters"),
        ("two words".into(), "v", "without spaces"),
        ("   ".into(), "v", "Enter a name"),
        ("OK".into(), "", "Enter a value"),
    ] {
        let e = h.err(
            "create_connector_secret",
            json!({ "clusterId": id, "name": name, "value": value }),
        );
        assert_eq!(e.kind, ErrorKind::InvalidInput, "{name:?}");
        assert!(e.message.contains(words), "{name:?}: {}", e.message);
    }

    // The maximum number of secrets: named, and not recorded as a missing permission.
    for i in 1..console_sandbox::secrets::MAX_SECRETS {
        let _: Value = h.ok(
            "create_connector_secret",
            json!({ "clusterId": id, "name": format!("S{i}"), "value": "v" }),
        );
    }
    let e = h.err(
        "create_connector_secret",
        json!({ "clusterId": id, "name": "ONE_MORE", "value": "v" }),
    );
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert_eq!(e.permission, None);
    assert!(
        e.message.contains("Maximum number of secrets"),
        "{}",
        e.message
    );
    let state: Value = h.ok("list_organizations", json!({}));
    assert_eq!(state["organizations"][0]["deniedPermissions"], json!([]));
}
