//! The overview of every organization's clusters: each listed with its own credentials, one
//! failing organization isolated.

use serde_json::{json, Value};

use super::*;

#[test]
fn overview_lists_every_organization_and_isolates_one_that_is_offline() {
    let remote = external_sandbox();
    let h = Harness::new("overview");
    let acme = add_org(&h, "Acme", &remote);
    // An organization whose Console does not answer (nothing listens on the discard port).
    let creds = remote.default_credentials();
    let mut input = org_input("Gone", &remote, &creds.client_id, &creds.client_secret);
    input["tokenUrl"] = json!("http://127.0.0.1:9/oauth/token");
    input["apiBaseUrl"] = json!("http://127.0.0.1:9");
    input["production"] = json!(true);
    let gone: Value = h.ok("add_organization", json!({ "input": input }));
    let gone = gone["id"].as_str().unwrap().to_string();
    // Acme is active again: the overview must not change that.
    h.ok::<Value>("set_active_organization", json!({ "id": acme }));

    let overview: Value = h.ok("list_all_organizations_clusters", json!({}));
    let orgs = overview["organizations"].as_array().unwrap();
    let ids: Vec<&str> = orgs
        .iter()
        .map(|o| o["organizationId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["sandbox", acme.as_str(), gone.as_str()], "{overview}");

    // The Sandbox and Acme (two different Consoles) each list their own clusters.
    let names = |o: &Value| -> Vec<String> {
        o["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(orgs[0]["error"].is_null(), "{}", orgs[0]);
    assert!(!names(&orgs[0]).is_empty());
    assert!(orgs[1]["error"].is_null(), "{}", orgs[1]);
    assert!(names(&orgs[1]).contains(&"orders-prod".to_string()));
    assert_eq!(orgs[1]["organizationName"], "Acme");
    assert_eq!(orgs[1]["color"], "blue");
    // Gone: its error, no clusters, its marks; the others are not hidden by it.
    assert_eq!(orgs[2]["error"]["kind"], "network", "{}", orgs[2]);
    assert_eq!(orgs[2]["clusters"], json!([]));
    assert_eq!(orgs[2]["production"], true);
    assert_eq!(orgs[2]["color"], "teal");
    assert!(overview["fetchedAt"].as_str().unwrap().ends_with('Z'));

    let state: Value = h.ok("list_organizations", json!({}));
    assert_eq!(state["activeId"], acme.as_str());

    // Every client of every organization: Acme's with their clusters; one of Acme's clusters
    // failing is named without hiding the rest; Gone's error; the Sandbox's own clients.
    let list: Value = h.ok("list_clusters", json!({}));
    let acme_clusters = list["clusters"].as_array().unwrap().len();
    let orders = cluster_id_named(&list, "orders-prod");
    let orders_clients: Value = h.ok("list_clients", json!({ "clusterId": orders }));
    let orders_ids: Vec<&str> = orders_clients
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["clientId"].as_str().unwrap())
        .collect();
    assert!(!orders_ids.is_empty());
    let all: Value = h.ok("list_all_organizations_clients", json!({}));
    let by_org = all["organizations"].as_array().unwrap();
    let ids: Vec<&str> = by_org
        .iter()
        .map(|o| o["organizationId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["sandbox", acme.as_str(), gone.as_str()], "{all}");
    assert!(by_org[0]["error"].is_null(), "{}", by_org[0]);
    assert!(!by_org[0]["clients"].as_array().unwrap().is_empty());
    assert!(by_org[1]["error"].is_null(), "{}", by_org[1]);
    assert_eq!(by_org[1]["clusterCount"], acme_clusters);
    assert_eq!(by_org[1]["failed"], json!([]));
    let acme_clients = by_org[1]["clients"].as_array().unwrap();
    for id in &orders_ids {
        let c = acme_clients
            .iter()
            .find(|c| c["clientId"] == *id)
            .unwrap_or_else(|| panic!("client {id} missing from {all}"));
        assert_eq!(c["clusterName"], "orders-prod");
        assert_eq!(c["clusterId"], orders.as_str());
    }
    assert_eq!(by_org[2]["error"]["kind"], "network", "{}", by_org[2]);
    assert_eq!(by_org[2]["clients"], json!([]));
    assert_eq!(by_org[2]["production"], true);
    assert!(all["fetchedAt"].as_str().unwrap().ends_with('Z'));

    remote.inject(console_sandbox::Fault {
        route: format!("GET /clusters/{orders}/clients"),
        times: 1,
        kind: console_sandbox::FaultKind::Status {
            status: 500,
            body: "<html>oops</html>".into(),
            content_type: "text/html".into(),
            retry_after: None,
        },
    });
    let all: Value = h.ok("list_all_organizations_clients", json!({}));
    let acme_part = &all["organizations"][1];
    let failed = acme_part["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{acme_part}");
    assert_eq!(failed[0]["clusterName"], "orders-prod");
    assert_eq!(failed[0]["error"]["kind"], "server");
    let shown = acme_part["clients"].as_array().unwrap();
    assert!(shown.iter().all(|c| c["clusterId"] != orders.as_str()));
    assert_eq!(shown.len(), acme_clients.len() - orders_ids.len());
    assert!(!all.to_string().contains(&creds.client_secret));

    // The inventory, as CSV with the clients: a row per client, Gone's error, owner-only.
    let csv_path = h.dir.join("inventory.csv");
    *h.platform.save_path.lock() = Some(csv_path.clone());
    let saved: Option<String> = h.ok(
        "save_inventory",
        json!({ "format": "csv", "withClients": true }),
    );
    assert_eq!(saved.as_deref(), Some(csv_path.to_str().unwrap()));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("taken_at,organization,organization_id,production,cluster"));
    assert!(lines[0].ends_with("client,client_id,client_permissions,error"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains(",Acme,") && l.contains(",orders-prod,")),
        "{csv}"
    );
    let gone_row = lines.iter().find(|l| l.contains(",Gone,")).unwrap();
    assert!(
        gone_row.contains(",yes,") && gone_row.contains("Could not reach"),
        "{gone_row}"
    );
    // The clients of Acme's orders-prod, by id, as the Console lists them (never a secret).
    let list: Value = h.ok("list_clusters", json!({}));
    let orders = cluster_id_named(&list, "orders-prod");
    let clients: Value = h.ok("list_clients", json!({ "clusterId": orders }));
    for c in clients.as_array().unwrap() {
        let id = c["clientId"].as_str().unwrap();
        assert!(
            csv.contains(&format!(",{id},")),
            "client {id} missing from {csv}"
        );
    }
    assert!(!csv.contains(&creds.client_secret));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&csv_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // As JSON, without clients.
    let json_path = h.dir.join("inventory.json");
    *h.platform.save_path.lock() = Some(json_path.clone());
    h.ok::<Option<String>>(
        "save_inventory",
        json!({ "format": "json", "withClients": false }),
    );
    let inv: Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert!(inv["takenAt"].as_str().unwrap().ends_with('Z'));
    assert_eq!(inv["organizations"].as_array().unwrap().len(), 3);
    assert_eq!(inv["organizations"][1]["name"], "Acme");
    assert!(inv["organizations"][1]["clusters"][0]
        .get("clients")
        .is_none());
    assert!(inv["organizations"][2]["error"].is_string());

    // Cancelled dialog: nothing written, null.
    *h.platform.save_path.lock() = None;
    let cancelled: Option<String> = h.ok(
        "save_inventory",
        json!({ "format": "csv", "withClients": false }),
    );
    assert_eq!(cancelled, None);
    // One token per organization that answered: Acme's came from its own Console.
    assert_eq!(remote.counters().token_requests, 1);
}
