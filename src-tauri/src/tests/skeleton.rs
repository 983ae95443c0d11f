//! The walking skeleton: with nothing saved, the Sandbox is active and `list_clusters` makes a
//! real token request and `GET /clusters` over loopback HTTP.

use std::time::Duration;

use serde_json::{json, Value};

use super::*;

#[test]
fn first_start_lists_the_sandbox_clusters_over_http() {
    let h = Harness::new("skeleton");
    let state: Value = h.ok("list_organizations", json!({}));
    assert_eq!(state["activeId"], "sandbox");
    assert_eq!(state["organizations"][0]["kind"], "sandbox");
    assert_eq!(state["organizations"][0]["name"], "Sandbox");

    let list: Value = h.ok("list_clusters", json!({}));
    assert_eq!(list["organizationId"], "sandbox");
    let names = cluster_names(&list);
    for expected in [
        "orders-prod",
        "payments-staging",
        "analytics-dev",
        "legacy-batch",
        "fraud-detection",
    ] {
        assert!(names.contains(&expected.to_string()), "{names:?}");
    }
    let orders = list["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "orders-prod")
        .unwrap();
    assert_eq!(orders["state"], "Healthy");
    assert_eq!(orders["channel"], "Stable");
    assert!(list["fetchedAt"].as_str().unwrap().ends_with('Z'));

    let counters = h.builtin_sandbox(|s| s.counters());
    assert_eq!(counters.token_requests, 1);
    assert_eq!(counters.routes.get("GET /clusters"), Some(&1));

    // The token is cached: a second listing makes no new token request.
    let _: Value = h.ok("list_clusters", json!({}));
    let counters = h.builtin_sandbox(|s| s.counters());
    assert_eq!(counters.token_requests, 1);
    assert_eq!(counters.routes.get("GET /clusters"), Some(&2));
    assert_eq!(counters.admin_secret_misuse, 0);
    assert_eq!(counters.token_misuse, 0);

    // Once started, the Sandbox organization shows where it listens.
    let state: Value = h.ok("list_organizations", json!({}));
    let url = state["organizations"][0]["apiBaseUrl"].as_str().unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
}

#[test]
fn sandbox_errors_reach_the_ui_as_app_errors() {
    let h = Harness::new("skeleton-errors");
    let _: Value = h.ok("list_clusters", json!({}));
    h.builtin_sandbox(|s| {
        s.inject(console_sandbox::Fault {
            route: "GET /clusters".into(),
            times: 1,
            kind: console_sandbox::FaultKind::Status {
                status: 500,
                body: "{\"message\":\"maintenance\"}".into(),
                content_type: "application/json".into(),
                retry_after: None,
            },
        })
    });
    let e = h.err("list_clusters", json!({}));
    assert_eq!(e.kind, crate::error::ErrorKind::Server);
    assert_eq!(e.status, Some(500));
    // The fault was used once: the next call works again.
    let list: Value = h.ok("list_clusters", json!({}));
    assert!(!cluster_names(&list).is_empty());
}

#[test]
fn window_close_is_prevented_while_a_secret_is_pending() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tauri::Listener;
    let h = Harness::new("close");
    let seen = std::sync::Arc::new(AtomicUsize::new(0));
    let seen2 = seen.clone();
    h.app.listen_any(
        <crate::commands::secret::PendingSecretCloseRequested as tauri_specta::Event>::NAME,
        move |_| {
            seen2.fetch_add(1, Ordering::SeqCst);
        },
    );
    let list: Value = h.ok("list_clusters", json!({}));
    let cluster = cluster_id_named(&list, "orders-prod");
    let _: Value = h.ok(
        "create_client",
        json!({ "clusterId": cluster, "input": { "name": "closer", "permissions": [] } }),
    );
    let e = h.err("close_window", json!({}));
    assert_eq!(e.kind, crate::error::ErrorKind::InvalidInput);

    let window = h.webview.as_ref().window();
    assert!(crate::guard_close(&window), "close must be prevented");
    wait_until(|| seen.load(Ordering::SeqCst) == 1);

    let _: Value = h.ok("acknowledge_pending_secret", json!({}));
    assert!(!crate::guard_close(&window));
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    let _: Value = h.ok("close_window", json!({}));
}

pub fn wait_until(cond: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "condition not met in 10 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn concurrent_first_calls_share_one_token_request() {
    let h = Harness::new("concurrent");
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let wv = h.webview.clone();
            std::thread::spawn(move || ipc(&wv, "list_clusters", json!({})).is_ok())
        })
        .collect();
    for t in threads {
        assert!(t.join().unwrap());
    }
    let counters = h.builtin_sandbox(|s| s.counters());
    assert_eq!(counters.token_requests, 1);
    assert_eq!(counters.routes.get("GET /clusters"), Some(&4));
}

/// At launch the app fetches the active organization's clusters while the webview loads; the
/// first `list_clusters` takes that answer (no second request), later ones fetch afresh. The list
/// carries what the table shows, not the links and description (the detail has those).
#[test]
fn launch_prefetch_serves_the_first_list_once_and_only_for_its_organization() {
    let h = Harness::new("prefetch");
    h.state().prefetch_clusters(h.app.handle());
    let list: Value = h.ok("list_clusters", json!({}));
    assert_eq!(list["organizationId"], "sandbox");
    assert!(cluster_names(&list).contains(&"orders-prod".to_string()));
    let first = &list["clusters"][0];
    assert!(first["state"].is_string() && first["components"].is_array());
    assert!(
        first.get("links").is_none() && first.get("description").is_none(),
        "{first}"
    );
    let counters = h.builtin_sandbox(|s| s.counters());
    assert_eq!(counters.routes.get("GET /clusters"), Some(&1));
    assert_eq!(counters.token_requests, 1);
    let _: Value = h.ok("list_clusters", json!({}));
    let counters = h.builtin_sandbox(|s| s.counters());
    assert_eq!(counters.routes.get("GET /clusters"), Some(&2));

    // A prefetch of another organization is not shown after a switch.
    let remote = external_sandbox();
    let org = add_org(&h, "Remote", &remote);
    let _: Value = h.ok("set_active_organization", json!({ "id": "sandbox" }));
    h.state().prefetch_clusters(h.app.handle());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while h
        .builtin_sandbox(|s| s.counters())
        .routes
        .get("GET /clusters")
        != Some(&3)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the prefetch did not run"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let _: Value = h.ok("set_active_organization", json!({ "id": org }));
    let list: Value = h.ok("list_clusters", json!({}));
    assert_eq!(list["organizationId"], org.as_str());
    assert_eq!(remote.counters().routes.get("GET /clusters"), Some(&1));
    let counters = h.builtin_sandbox(|s| s.counters());
    assert_eq!(counters.routes.get("GET /clusters"), Some(&3));
}
