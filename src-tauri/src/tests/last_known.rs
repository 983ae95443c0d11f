//! Last-known data through the commands: a fetched cluster list is kept for the next start, given
//! back while the Console cannot be reached, bound to the organization, removed with it.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::*;

/// `last_known_clusters` once the background write has landed (it does not block the list).
fn kept(h: &Harness, want: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got: Value = h.ok("last_known_clusters", json!({}));
        if want(&got) {
            return got;
        }
        assert!(Instant::now() < deadline, "last-known clusters: {got}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_fetched_list_is_kept_given_back_offline_and_removed_with_its_organization() {
    let remote = external_sandbox();
    let h = Harness::new("last-known");
    // The Sandbox lives in the app: nothing is kept for it.
    let sandbox_list: Value = h.ok("list_clusters", json!({}));
    assert!(!cluster_names(&sandbox_list).is_empty());
    assert_eq!(h.ok::<Value>("last_known_clusters", json!({})), Value::Null);

    let acme = h.add_active_org("Acme", &remote);
    assert_eq!(
        h.ok::<Value>("last_known_clusters", json!({})),
        Value::Null,
        "nothing fetched yet"
    );
    let list: Value = h.ok("list_clusters", json!({}));
    assert_eq!(list["organizationId"], acme.as_str());
    let back = kept(&h, |v| !v.is_null());
    assert_eq!(back, list, "the list as it was fetched, with its time");

    // The file: owner-only, in the cache folder, no secret or token in it.
    let files: Vec<_> = h
        .data_files()
        .into_iter()
        .filter(|(p, _)| p.components().any(|c| c.as_os_str() == "last-known"))
        .collect();
    assert_eq!(
        files.len(),
        1,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0].0).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = String::from_utf8_lossy(&files[0].1).into_owned();
    let creds = remote.default_credentials();
    assert!(leaked_part(&text, &creds.client_secret).is_none());
    assert!(!text.contains("eyJ"), "a token in the last-known file");

    // A new cluster, fetched: the kept list follows.
    let params: Value = h.ok("cluster_parameters", json!({}));
    let _: Value = h.ok(
        "create_cluster",
        json!({ "input": create_input(&params, "kept-later") }),
    );
    let _: Value = h.ok("list_clusters", json!({}));
    kept(&h, |v| cluster_names(v).contains(&"kept-later".to_string()));

    // The Console goes away: the list fails, the last-known list is still there.
    let before: Value = h.ok("last_known_clusters", json!({}));
    drop(remote);
    let err = h.err_value("list_clusters", json!({}));
    assert_eq!(err["kind"], "network", "{err}");
    assert_eq!(h.ok::<Value>("last_known_clusters", json!({})), before);

    // Removing the organization removes its last-known data.
    let _: Value = h.ok("remove_organization", json!({ "id": acme }));
    assert!(
        !h.data_files().iter().any(
            |(p, _)| p.components().any(|c| c.as_os_str() == "last-known")
                && p.extension().is_some_and(|e| e == "json")
        ),
        "the removed organization's last-known file is still there"
    );
}

/// `cmd` until it answers something other than `null` (the background write has landed).
fn kept_of(h: &Harness, cmd: &str, args: Value) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got: Value = h.ok(cmd, args.clone());
        if !got.is_null() {
            return got;
        }
        assert!(Instant::now() < deadline, "{cmd}: nothing kept");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn org_part<'a>(overview: &'a Value, id: &str) -> &'a Value {
    overview["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["organizationId"] == id)
        .unwrap_or_else(|| panic!("{id} not in {overview}"))
}

#[test]
fn clients_lists_and_the_overview_are_kept_given_back_offline_and_removed() {
    let remote = external_sandbox();
    let h = Harness::new("last-known-clients");
    let acme = h.add_active_org("Acme", &remote);
    let list: Value = h.ok("list_clusters", json!({}));
    let cluster = list["clusters"][0]["id"].as_str().unwrap().to_string();
    let other = list["clusters"][1]["id"].as_str().unwrap().to_string();
    assert_eq!(
        h.ok::<Value>("last_known_clients", json!({ "clusterId": cluster })),
        Value::Null
    );

    let clients: Value = h.ok("list_clients", json!({ "clusterId": cluster }));
    assert!(clients.as_array().unwrap().len() >= 2, "{clients}");
    let kept = kept_of(&h, "last_known_clients", json!({ "clusterId": cluster }));
    assert_eq!(kept["clusterId"], cluster.as_str());
    assert_eq!(kept["clients"], clients);
    assert!(kept["fetchedAt"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(
        h.ok::<Value>("last_known_clients", json!({ "clusterId": other })),
        Value::Null,
        "another cluster's clients were not fetched"
    );

    let all: Value = h.ok("list_all_clients", json!({}));
    assert_eq!(kept_of(&h, "last_known_all_clients", json!({})), all);

    let overview: Value = h.ok("list_all_organizations_clusters", json!({}));
    let kept_overview = kept_of(&h, "last_known_overview", json!({}));
    assert_eq!(
        kept_overview["organizations"].as_array().unwrap().len(),
        1,
        "only Acme: nothing is kept for the Sandbox: {kept_overview}"
    );
    let part = org_part(&kept_overview, &acme);
    assert_eq!(part["clusters"], org_part(&overview, &acme)["clusters"]);
    assert_eq!(part["organizationName"], "Acme");
    assert_eq!(part["error"], Value::Null);

    let overview_clients: Value = h.ok("list_all_organizations_clients", json!({}));
    let kept_clients = kept_of(&h, "last_known_overview_clients", json!({}));
    let fresh = org_part(&overview_clients, &acme);
    let part = org_part(&kept_clients, &acme);
    for field in ["clients", "failed", "clusterCount"] {
        assert_eq!(part[field], fresh[field], "{field}");
    }

    // No secret in any kept file.
    let creds = remote.default_credentials();
    for (path, bytes) in h.data_files() {
        if path.components().any(|c| c.as_os_str() == "last-known") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                leaked_part(&text, &creds.client_secret).is_none(),
                "{path:?}"
            );
            assert!(!text.contains("eyJ"), "a token in {path:?}");
        }
    }

    // Offline: the fresh lists fail, the kept ones are still given.
    let kept_all = h.ok::<Value>("last_known_all_clients", json!({}));
    drop(remote);
    let err = h.err_value("list_clients", json!({ "clusterId": cluster }));
    assert_eq!(err["kind"], "network", "{err}");
    assert_eq!(
        h.ok::<Value>("last_known_clients", json!({ "clusterId": cluster })),
        kept
    );
    assert_eq!(h.ok::<Value>("last_known_all_clients", json!({})), kept_all);
    assert_eq!(
        h.ok::<Value>("last_known_overview", json!({})),
        kept_overview
    );
    // The overview lists every organization now: Acme fails and shows its kept lists, dated.
    let now: Value = h.ok("list_all_organizations_clusters", json!({}));
    let part = org_part(&now, &acme);
    assert_eq!(part["error"]["kind"], "network", "{part}");
    assert_eq!(
        part["clusters"],
        org_part(&kept_overview, &acme)["clusters"]
    );
    assert_eq!(part["keptAt"], org_part(&kept_overview, &acme)["keptAt"]);
    let now: Value = h.ok("list_all_organizations_clients", json!({}));
    let part = org_part(&now, &acme);
    assert_eq!(part["error"]["kind"], "network", "{part}");
    assert!(part["keptAt"].is_string(), "{part}");
    for field in ["clients", "failed", "clusterCount"] {
        assert_eq!(part[field], fresh[field], "{field}");
    }

    // Removing the organization removes all of it.
    let _: Value = h.ok("remove_organization", json!({ "id": acme }));
    assert!(
        !h.data_files()
            .iter()
            .any(|(p, _)| p.components().any(|c| c.as_os_str() == "last-known")),
        "last-known data of the removed organization is still there"
    );
    assert_eq!(h.ok::<Value>("last_known_overview", json!({})), Value::Null);
    let e = h.err_value("last_known_clients", json!({ "clusterId": "a/b" }));
    assert_eq!(e["kind"], "invalid_input", "{e}");
}
