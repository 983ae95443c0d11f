//! Backup and restore commands on the built-in Sandbox.

use serde_json::{json, Value};

use super::*;
use crate::error::ErrorKind;

#[test]
fn backups_are_listed_created_once_per_fifteen_minutes_restored_and_deleted() {
    let h = Harness::new("backups");
    let list: Value = h.ok("list_clusters", json!({}));
    let id = cluster_id_named(&list, "orders-prod");
    let backups: Value = h.ok("list_backups", json!({ "clusterId": id }));
    assert_eq!(
        backups["nextBackupAt"],
        Value::Null,
        "the seeded one is two days old"
    );
    let seeded = backups["backups"][0].clone();
    assert_eq!(seeded["status"], "Complete");
    assert_eq!(seeded["components"].as_array().map(Vec::len), Some(4));
    let seeded_id = seeded["id"].as_str().unwrap().to_string();

    let made: Value = h.ok("create_backup", json!({ "clusterId": id }));
    assert_eq!(made["status"], "In progress");
    let backups: Value = h.ok("list_backups", json!({ "clusterId": id }));
    assert_eq!(backups["backups"][0]["id"], made["id"], "newest first");
    assert!(backups["nextBackupAt"].is_string(), "{backups}");
    let e = h.err("create_backup", json!({ "clusterId": id }));
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(
        e.message.contains("one backup every 15 minutes"),
        "{}",
        e.message
    );

    let none: Value = h.ok(
        "get_restore",
        json!({ "clusterId": id, "backupId": seeded_id }),
    );
    assert_eq!(none, Value::Null);
    let restore: Value = h.ok(
        "restore_backup",
        json!({ "clusterId": id, "backupId": seeded_id }),
    );
    assert_eq!(restore["state"], "PENDING");
    assert_eq!(restore["finished"], false);
    let again: Value = h.ok(
        "get_restore",
        json!({ "clusterId": id, "backupId": seeded_id }),
    );
    assert_eq!(again["id"], restore["id"]);
    let e = h.err(
        "restore_backup",
        json!({ "clusterId": id, "backupId": seeded_id }),
    );
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(
        e.message.contains("another restore is still running"),
        "{}",
        e.message
    );

    let _: Value = h.ok(
        "delete_backup",
        json!({ "clusterId": id, "backupId": made["id"] }),
    );
    let backups: Value = h.ok("list_backups", json!({ "clusterId": id }));
    assert_eq!(backups["backups"].as_array().map(Vec::len), Some(1));
}

#[test]
fn outside_the_enterprise_plan_it_says_so() {
    let mut setup = Setup::new("backups-not-enterprise");
    setup.sandbox_config = Some(SandboxConfig {
        enterprise: false,
        ..quiet_config()
    });
    let h = setup.start();
    let list: Value = h.ok("list_clusters", json!({}));
    let id = cluster_id_named(&list, "orders-prod");
    let e = h.err("list_backups", json!({ "clusterId": id }));
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert_eq!(e.permission, None);
    assert!(e.message.contains("Enterprise plan"), "{}", e.message);
}
