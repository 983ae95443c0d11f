//! Hostile ids and names in the commands that reach the Console API (clusters and clients): an
//! id never alters the request path, a name is checked or sent as data.

use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde_json::json;

use super::*;

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
    let params: Value = w.app.ok("cluster_parameters", json!({}));
    let valid = create_input(&params, "x");
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
                let view: Value = w.app.ok("get_cluster", json!({ "clusterId": id }));
                prop_assert_eq!(view["name"].as_str(), Some(name.trim()));
                let _: Value = w.app.ok("delete_cluster", json!({ "clusterId": id }));
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
                let _: Value = w.app.ok("acknowledge_pending_secret", json!({}));
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Put the name back for assert_intact.
    let _: Value = w.app.ok(
        "update_cluster",
        json!({ "clusterId": w.healthy, "input": { "name": "orders-prod", "description": null, "stageLabel": null } }),
    );
    assert_intact(&w);
}
