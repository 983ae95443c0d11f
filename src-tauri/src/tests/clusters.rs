//! Cluster commands on the built-in Sandbox.

use std::time::Duration;

use serde_json::{json, Value};

use super::*;
use crate::error::ErrorKind;

#[test]
fn create_follow_rename_wake_and_delete() {
    let h = Harness::new("clusters");
    let params: Value = h.ok("cluster_parameters", json!({}));
    let channel = &params["channels"][0];
    let generation = channel["defaultGeneration"]["id"]
        .as_str()
        .or_else(|| channel["allowedGenerations"][0]["id"].as_str())
        .unwrap()
        .to_string();
    let input = json!({
        "name": "from-skep",
        "channelId": channel["id"],
        "generationId": generation,
        "regionId": params["regions"][0]["id"],
        "planTypeId": params["planTypes"][0]["id"],
        "stageLabel": "dev",
        "description": "  Orders, created from Skep  ",
        "autoUpdate": true,
    });
    assert_eq!(
        channel["name"], "Stable",
        "auto-update is the Stable channel's"
    );
    let id: String = h.ok("create_cluster", json!({ "input": input }));
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(view["name"], "from-skep");
    assert_eq!(view["description"], "Orders, created from Skep");
    assert_eq!(view["autoUpdate"], true);
    assert_eq!(view["stageLabel"], "dev");
    assert_eq!(view["state"], "Creating");
    assert!(h.platform.notifications.lock().is_empty());

    // Healthy after the sandbox's ready_after: one notification, once.
    h.builtin_sandbox(|s| s.advance_clock(Duration::from_secs(3600)));
    let list: Value = h.ok("list_clusters", json!({}));
    let created = list["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap();
    assert_eq!(created["state"], "Healthy");
    let notes = h.platform.notifications.lock().clone();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].1.contains("from-skep"));
    let _: Value = h.ok("list_clusters", json!({}));
    assert_eq!(h.platform.notifications.lock().len(), 1);

    let _: Value = h.ok(
        "update_cluster",
        json!({ "clusterId": id, "input": { "name": "renamed", "description": "Orders of the EU shop",
                                            "stageLabel": "prod" } }),
    );
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(view["name"], "renamed");
    assert_eq!(view["description"], "Orders of the EU shop");
    assert_eq!(view["stageLabel"], "prod");
    // A field left null stays as it was.
    let _: Value = h.ok(
        "update_cluster",
        json!({ "clusterId": id, "input": { "name": null, "description": null, "stageLabel": "dev" } }),
    );
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(
        (&view["name"], &view["stageLabel"]),
        (&json!("renamed"), &json!("dev"))
    );

    let list: Value = h.ok("list_clusters", json!({}));
    let suspended = cluster_id_named(&list, "legacy-batch");
    let _: Value = h.ok("wake_cluster", json!({ "clusterId": suspended }));
    let view: Value = h.ok("get_cluster", json!({ "clusterId": suspended }));
    assert_ne!(view["state"], "Suspended");

    let _: Value = h.ok("delete_cluster", json!({ "clusterId": id }));
    let e = h.err("get_cluster", json!({ "clusterId": id }));
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert_eq!(e.status, Some(404));
}

#[test]
fn bad_input_and_unknown_outcomes() {
    let h = Harness::new("clusters-bad");
    let e = h.err(
        "create_cluster",
        json!({ "input": { "name": "  ", "channelId": "c", "generationId": "g", "regionId": "r",
                           "planTypeId": "p", "stageLabel": null } }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    let e = h.err("get_cluster", json!({ "clusterId": "a/b" }));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    let e = h.err(
        "update_cluster",
        json!({ "clusterId": "x", "input": { "name": "", "description": null, "stageLabel": null } }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    // The Console's labels only.
    let e = h.invoke_raw(
        "update_cluster",
        json!({ "clusterId": "x", "input": { "name": null, "description": null, "stageLabel": "qa" } }),
    );
    assert!(e.is_err(), "{e:?}");

    // Unknown ids in a create request: the Console's 400 comes through as validation.
    let e = h.err(
        "create_cluster",
        json!({ "input": { "name": "n", "channelId": "nope", "generationId": "nope",
                           "regionId": "nope", "planTypeId": "nope", "stageLabel": null } }),
    );
    assert_eq!(e.kind, ErrorKind::Validation);

    // A create whose answer never comes: outcome unknown, never retried blindly.
    let params: Value = h.ok("cluster_parameters", json!({}));
    let posts_before = h.builtin_sandbox(|s| s.counters().routes.get("POST /clusters").copied());
    h.builtin_sandbox(|s| {
        s.inject(console_sandbox::Fault {
            route: "POST /clusters".into(),
            times: 5,
            kind: console_sandbox::FaultKind::Drop,
        })
    });
    let channel = &params["channels"][0];
    let input = json!({
        "name": "lost",
        "channelId": channel["id"],
        "generationId": channel["allowedGenerations"][0]["id"],
        "regionId": params["regions"][0]["id"],
        "planTypeId": params["planTypes"][0]["id"],
        "stageLabel": null,
    });
    let e = h.err("create_cluster", json!({ "input": input }));
    assert_eq!(e.kind, ErrorKind::OutcomeUnknown);
    let posts = h.builtin_sandbox(|s| s.counters().routes.get("POST /clusters").copied());
    assert!(
        posts.unwrap_or(0) <= posts_before.unwrap_or(0) + 1,
        "a create is never sent twice: {posts_before:?} -> {posts:?}"
    );

    h.builtin_sandbox(|s| {
        s.clear_faults();
        s.inject(console_sandbox::Fault {
            route: "GET /clusters".into(),
            times: 1,
            kind: console_sandbox::FaultKind::NotJson,
        })
    });
    let e = h.err("list_clusters", json!({}));
    assert_eq!(e.kind, ErrorKind::Decode);

    h.builtin_sandbox(|s| s.revoke_tokens());
    // A revoked token is renewed once, transparently.
    let list: Value = h.ok("list_clusters", json!({}));
    assert!(!cluster_names(&list).is_empty());
}

#[test]
fn ip_allowlist_is_set_read_back_and_bad_entries_are_never_sent() {
    let h = Harness::new("clusters-allowlist");
    let list: Value = h.ok("list_clusters", json!({}));
    let id = cluster_id_named(&list, "orders-prod");
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(view["ipAllowlist"], json!([]));

    let entries = json!([
        { "ip": " 203.0.113.0/24, 198.51.100.7 ", "description": " office " },
        { "ip": "2001:db8::/32", "description": "" },
    ]);
    let _: Value = h.ok(
        "set_ip_allowlist",
        json!({ "clusterId": id, "entries": entries }),
    );
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(
        view["ipAllowlist"],
        json!([
            { "ip": "203.0.113.0/24, 198.51.100.7", "description": "office" },
            { "ip": "2001:db8::/32", "description": "" },
        ])
    );

    let puts = || {
        h.builtin_sandbox(|s| {
            s.counters()
                .routes
                .get("PUT /clusters/{id}/ipallowlist")
                .copied()
                .unwrap_or(0)
        })
    };
    let before = puts();
    let e = h.err(
        "set_ip_allowlist",
        json!({ "clusterId": id, "entries": [{ "ip": "10.0.0.0/33", "description": "" }] }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert!(e.message.contains("10.0.0.0/33"), "{}", e.message);
    assert_eq!(puts(), before, "a bad entry is never sent");
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(view["ipAllowlist"].as_array().map(Vec::len), Some(2));

    let ranges: Value = h.ok("ip_ranges", json!({}));
    assert!(!ranges["webModeler"].as_array().unwrap().is_empty());

    let _: Value = h.ok(
        "set_ip_allowlist",
        json!({ "clusterId": id, "entries": [] }),
    );
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(view["ipAllowlist"], json!([]));
}

#[test]
fn check_ip_allowlist_names_bad_entries_and_blocked_web_modeler_ranges() {
    let h = Harness::new("clusters-allowlist-check");
    let ranges: Value = h.ok("ip_ranges", json!({}));
    let required = ranges["webModeler"].clone();
    let first = required[0].as_str().expect("a range").to_string();

    let check: Value = h.ok(
        "check_ip_allowlist",
        json!({
            "entries": [
                { "ip": " 10.0.0.0/8 ", "description": "office" },
                { "ip": "10.0.0.0/33", "description": "" },
                { "ip": "192.0.2.1,,192.0.2.2", "description": "" }
            ],
            "required": required,
        }),
    );
    let problems = check["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 3);
    assert!(problems[0].is_null(), "{check}");
    assert!(
        problems[1].as_str().unwrap().contains("10.0.0.0/33"),
        "{check}"
    );
    assert!(
        problems[2].as_str().unwrap().contains("empty part"),
        "{check}"
    );
    assert_eq!(
        check["missingRanges"], required,
        "10/8 lets none of Web Modeler's through"
    );

    // With Web Modeler's ranges added nothing is missing; an empty list blocks nothing either.
    let mut entries = vec![json!({ "ip": "10.0.0.0/8", "description": "office" })];
    for r in required.as_array().unwrap() {
        entries.push(json!({ "ip": r, "description": "Web Modeler" }));
    }
    let check: Value = h.ok(
        "check_ip_allowlist",
        json!({ "entries": entries, "required": required }),
    );
    assert_eq!(check["missingRanges"], json!([]), "{check}");
    let check: Value = h.ok(
        "check_ip_allowlist",
        json!({ "entries": [], "required": [first] }),
    );
    assert_eq!(check, json!({ "problems": [], "missingRanges": [] }));
}

#[test]
fn a_feature_outside_the_plan_is_said_so_and_is_not_recorded_as_a_missing_permission() {
    let mut setup = Setup::new("clusters-not-enterprise");
    setup.sandbox_config = Some(SandboxConfig {
        enterprise: false,
        ..quiet_config()
    });
    let h = setup.start();
    let list: Value = h.ok("list_clusters", json!({}));
    let id = cluster_id_named(&list, "orders-prod");
    let e = h.err(
        "set_ip_allowlist",
        json!({ "clusterId": id, "entries": [{ "ip": "10.0.0.0/8", "description": "" }] }),
    );
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert_eq!(e.permission, None, "{e:?}");
    assert!(
        e.message.starts_with("Camunda refused this: ") && e.message.contains("Enterprise plan"),
        "{}",
        e.message
    );
    let state: Value = h.ok("list_organizations", json!({}));
    let sandbox = &state["organizations"][0];
    assert_eq!(sandbox["deniedPermissions"], json!([]), "{state}");
}

#[test]
fn upgrade_is_offered_followed_to_healthy_with_a_notification_and_refusals_are_plain() {
    let h = Harness::new("clusters-upgrade");
    let list: Value = h.ok("list_clusters", json!({}));
    let current = cluster_id_named(&list, "orders-prod");
    let offer: Value = h.ok("upgrade_offer", json!({ "clusterId": current }));
    assert_eq!(offer, Value::Null, "orders-prod runs the latest generation");

    let id = cluster_id_named(&list, "payments-staging");
    let offer: Value = h.ok("upgrade_offer", json!({ "clusterId": id }));
    assert_eq!(
        offer,
        json!({ "from": "Camunda 8.6.14", "to": "Camunda 8.7.6" })
    );
    let done: Value = h.ok("upgrade_cluster", json!({ "clusterId": id }));
    assert_eq!(done, offer);
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(view["state"], "Updating");
    assert_eq!(view["generation"], "Camunda 8.7.6");

    let e = h.err("upgrade_cluster", json!({ "clusterId": id }));
    assert_eq!(e.kind, ErrorKind::NotReady);
    assert!(e.message.contains("must be Healthy"), "{}", e.message);
    assert!(h.platform.notifications.lock().is_empty());

    h.builtin_sandbox(|s| s.advance_clock(Duration::from_secs(3600)));
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(view["state"], "Healthy");
    let notes = h.platform.notifications.lock().clone();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].0, "Cluster upgraded");
    assert!(notes[0].1.contains("payments-staging"), "{notes:?}");

    let offer: Value = h.ok("upgrade_offer", json!({ "clusterId": id }));
    assert_eq!(offer, Value::Null);
    let e = h.err("upgrade_cluster", json!({ "clusterId": id }));
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(e.message.contains("no newer generation"), "{}", e.message);
}

#[test]
fn a_backup_region_offered_by_the_parameters_can_be_chosen_at_creation() {
    let h = Harness::new("clusters-backup-region");
    let params: Value = h.ok("cluster_parameters", json!({}));
    let offered = params["regions"][0]["backupRegions"].clone();
    assert!(offered.as_array().is_some_and(|b| b.len() >= 2), "{params}");
    let mut input = create_input(&params, "with-backup-region");
    input["backupRegionId"] = json!("mars-1");
    let e = h.err("create_cluster", json!({ "input": input }));
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(e.message.contains("mars-1"), "{}", e.message);
    input["backupRegionId"] = offered[1]["id"].clone();
    let id: String = h.ok("create_cluster", json!({ "input": input }));
    let view: Value = h.ok("get_cluster", json!({ "clusterId": id }));
    assert_eq!(view["name"], "with-backup-region");
}
