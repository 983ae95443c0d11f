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
    // One token per organization that answered: Acme's came from its own Console.
    assert_eq!(remote.counters().token_requests, 1);
}
