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
