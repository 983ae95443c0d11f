//! Hostile input from the server side: answers with unknown fields, unknown enum values,
//! missing optional fields, wrong shapes, absurd nesting, an echoed secret, and 5,000 clusters.
//! Each decodes (and the UI gets sensible values) or fails with a clear `decode` error; never a
//! panic, never the secret in what the UI gets.
//!
//! The answers are served by the sandbox over HTTP (a `200` status fault with the given body),
//! so the real client, decoder and view conversion are exercised.

use std::time::{Duration, Instant};

use console_sandbox::{Fault, FaultKind, Sandbox, Seed};
use serde_json::{json, Value};

use super::*;

fn serve(sandbox: &Sandbox, route: &str, body: &str) {
    sandbox.clear_faults();
    sandbox.inject(Fault {
        route: route.into(),
        times: 1000,
        kind: FaultKind::Status {
            status: 200,
            body: body.into(),
            content_type: "application/json".into(),
            retry_after: None,
        },
    });
}

fn world(tag: &str) -> (Harness, Sandbox, String) {
    let sandbox = external_sandbox();
    let app = Harness::with_short_timeout(tag);
    app.add_active_org("Odd server", &sandbox);
    let list: Value = app.ok("list_clusters", json!({}));
    let id = cluster_id_named(&list, "orders-prod");
    (app, sandbox, id)
}

fn assert_clear_decode_error(e: &Value, secret: &str) {
    assert_eq!(e["kind"], "decode", "{e}");
    let m = e["message"].as_str().unwrap_or_default();
    assert!(m.len() > 20 && m.chars().count() <= 600, "{m}");
    assert!(!m.contains(secret), "the secret reached the UI: {m}");
}

#[test]
fn unknown_fields_unknown_states_and_missing_optionals_decode() {
    let (app, sandbox, _) = world("odd-clusters");
    let clusters = json!([
        { "uuid": "c-full", "name": "future", "created": "2026-01-01T00:00:00Z",
          "status": { "ready": "Hibernating", "zeebeStatus": "Healthy", "quantumStatus": "Entangled" },
          "links": { "zeebe": "c-full.bru-2.zeebe.camunda.io:443", "teleport": "https://x" },
          "generation": { "uuid": "g", "name": "9.9", "extra": [1, 2] },
          "somethingNew": { "deeply": { "nested": true } }, "labels": ["x"] },
        { "uuid": "c-bare" },
        { "uuid": "c-nulls", "name": null, "status": null, "links": null, "channel": null,
          "region": null, "planType": null, "stageLabel": null, "description": null }
    ]);
    serve(&sandbox, "GET /clusters", &clusters.to_string());
    let list: Value = app.ok("list_clusters", json!({}));
    let views = list["clusters"].as_array().expect("clusters");
    assert_eq!(views.len(), 3, "{list}");
    assert_eq!(
        views[0]["state"], "Hibernating",
        "unknown state kept as text"
    );
    assert_eq!(views[0]["generation"], "9.9");
    assert!(views[1]["state"].is_string(), "{}", views[1]);
    assert!(views[2]["generation"].is_null());

    // The same for a single cluster.
    serve(&sandbox, "GET /clusters/*", &clusters[0].to_string());
    let view: Value = app.ok("get_cluster", json!({ "clusterId": "c-full" }));
    assert_eq!(view["state"], "Hibernating");

    // Parameters with nothing in them, and with extras.
    serve(&sandbox, "GET /clusters/parameters", "{}");
    let p: Value = app.ok("cluster_parameters", json!({}));
    assert_eq!(p["channels"], json!([]), "{p}");
    serve(
        &sandbox,
        "GET /clusters/parameters",
        r#"{"channels":[{"uuid":"c","name":"Alpha","allowedGenerations":[],"beta":true}],
            "clusterPlanTypes":[{"uuid":"p","name":"Free","price":0}],
            "regions":[{"uuid":"r","name":"Moon"}],"newThing":1}"#,
    );
    let p: Value = app.ok("cluster_parameters", json!({}));
    assert_eq!(p["regions"][0]["name"], "Moon");
    assert!(p["channels"][0]["defaultGeneration"].is_null());

    // Clients with unknown permissions and extra fields.
    serve(
        &sandbox,
        "GET /clusters/*/clients",
        r#"[{"name":"w","clientId":"cid","permissions":["Zeebe","Identity","TimeTravel"],"x":1},
            {"clientId":"bare"}]"#,
    );
    let clients: Value = app.ok("list_clients", json!({ "clusterId": "c-full" }));
    assert_eq!(clients[0]["permissions"].as_array().map(Vec::len), Some(3));
    assert_eq!(clients[1]["clientId"], "bare");
}

#[test]
fn wrong_shapes_fail_with_a_clear_decode_error() {
    let (app, sandbox, healthy) = world("odd-shapes");
    let secret = sandbox.default_credentials().client_secret;
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let echoing =
        json!({ "clusters": "nope", "debug": { "client_secret": secret, "echo": secret } })
            .to_string();
    for body in [
        "",
        "null",
        "{\"not\":\"a list\"}",
        "[1, 2, 3]",
        "[{\"name\": \"no uuid\"}]",
        "[{\"uuid\": 42}]",
        "\u{feff}[",
        deep.as_str(),
        echoing.as_str(),
    ] {
        serve(&sandbox, "GET /clusters", body);
        let started = Instant::now();
        let outcome = app.call_within(Duration::from_secs(20), "list_clusters", json!({}));
        let e = outcome.result.expect_err("a wrong shape is an error");
        assert_clear_decode_error(&e, &secret);
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    // A created client without its secret: an error, and no pending secret left behind.
    serve(
        &sandbox,
        "POST /clusters/*/clients",
        r#"{"clientId":"x","name":"x","uuid":"u"}"#,
    );
    let e = app.err_value(
        "create_client",
        json!({ "clusterId": healthy, "input": { "name": "no-secret", "permissions": [] } }),
    );
    assert_clear_decode_error(&e, &secret);
    let e = app.err_value("copy_pending_secret", json!({ "field": "secret" }));
    assert_ne!(e["kind"], "internal", "{e}");

    // A created cluster without an id.
    serve(&sandbox, "POST /clusters", r#"{"id":"wrong-field"}"#);
    let params = {
        sandbox.clear_faults();
        app.ok::<Value>("cluster_parameters", json!({}))
    };
    serve(&sandbox, "POST /clusters", r#"{"id":"wrong-field"}"#);
    let e = app.err_value(
        "create_cluster",
        json!({ "input": create_input(&params, "no-id") }),
    );
    assert_clear_decode_error(&e, &secret);
    assert_eq!(sandbox.counters().routes.get("POST /clusters"), Some(&1));

    // Recovers once the server behaves.
    sandbox.clear_faults();
    let list: Value = app.ok("list_clusters", json!({}));
    assert!(!list["clusters"].as_array().expect("clusters").is_empty());
}

#[test]
fn five_thousand_clusters_decode_and_list_in_time() {
    let sandbox = seeded_sandbox(Seed::Generated {
        clusters: 5_000,
        clients_per_cluster: 1,
    });
    let app = Harness::with_short_timeout("many-clusters");
    app.add_active_org("Big", &sandbox);
    let started = Instant::now();
    let outcome = app.call_within(Duration::from_secs(30), "list_clusters", json!({}));
    let list = outcome.result.expect("5,000 clusters list");
    let clusters = list["clusters"].as_array().expect("clusters");
    assert_eq!(clusters.len(), 5_000);
    let mut ids: Vec<&str> = clusters.iter().filter_map(|c| c["id"].as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 5_000, "ids are distinct");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    // A cluster from the end of the list works like any other.
    let last = clusters[4_999]["id"].as_str().expect("id");
    let view: Value = app.ok("get_cluster", json!({ "clusterId": last }));
    assert_eq!(view["id"], last);
}
