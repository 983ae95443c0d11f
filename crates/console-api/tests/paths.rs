//! Hostile ids never change the request path: the sandbox's per-route counters show every
//! request landed on the route the operation means, with the id as one segment.

mod common;

use common::*;
use console_api::{ClientPermission, CreateClientRequest, Error, UpdateClusterRequest};
use proptest::prelude::*;

const HOSTILE: &[&str] = &[
    "a/b",
    "x/clients",
    "?x=1",
    "a?b",
    "#frag",
    "a#b",
    "%2F",
    "%2e%2e",
    "../clusters",
    "../../clusters",
    "./x",
    "...",
    "a b",
    "a\\b",
    "ü/..",
    "parameters/../x",
    "%00",
    "\n",
];

#[tokio::test]
async fn hostile_cluster_ids_stay_one_segment() {
    let sb = sandbox().await;
    let api = client(&sb);
    api.ensure_token().await.expect("token");
    for id in HOSTILE {
        sb.reset_counters();
        assert_eq!(
            api.get_cluster(id).await.map(|_| ()),
            Err(Error::NotFound),
            "{id:?}"
        );
        assert_eq!(
            api.list_clients(id).await.map(|_| ()),
            Err(Error::NotFound),
            "{id:?}"
        );
        assert_eq!(api.delete_cluster(id).await, Err(Error::NotFound), "{id:?}");
        assert_eq!(api.wake_cluster(id).await, Err(Error::NotFound), "{id:?}");
        assert_eq!(
            api.update_cluster(id, &UpdateClusterRequest::default())
                .await,
            Err(Error::NotFound),
            "{id:?}"
        );
        let req = CreateClientRequest {
            client_name: "n".into(),
            permissions: Some(vec![ClientPermission::Zeebe]),
        };
        assert_eq!(
            api.create_client(id, &req).await.map(|_| ()),
            Err(Error::NotFound),
            "{id:?}"
        );
        let routes = sb.counters().routes;
        let expected: std::collections::BTreeMap<String, u64> = [
            "GET /clusters/{id}",
            "GET /clusters/{id}/clients",
            "DELETE /clusters/{id}",
            "PUT /clusters/{id}/wake",
            "PATCH /clusters/{id}",
            "POST /clusters/{id}/clients",
        ]
        .into_iter()
        .map(|r| (r.to_string(), 1))
        .collect();
        assert_eq!(routes, expected, "id {id:?}");
    }
    assert_eq!(
        api.list_clusters().await.expect("list").len(),
        5,
        "nothing was deleted"
    );
}

#[tokio::test]
async fn a_client_id_cannot_reach_another_cluster() {
    let sb = sandbox().await;
    let api = client(&sb);
    let clusters = api.list_clusters().await.expect("list");
    let a = &clusters[0].uuid;
    let b = &clusters[1].uuid;
    // Without encoding these would be DELETE /clusters/{b} or GET /clusters/{b}/clients.
    for client_id in [
        format!("../../{b}"),
        format!("../{b}/clients"),
        format!("..%2F..%2F{b}"),
        format!("x/../../{b}"),
    ] {
        sb.reset_counters();
        assert_eq!(
            api.delete_client(a, &client_id).await,
            Err(Error::NotFound),
            "{client_id}"
        );
        assert_eq!(
            api.get_client(a, &client_id).await.map(|_| ()),
            Err(Error::NotFound),
            "{client_id}"
        );
        let routes = sb.counters().routes;
        assert_eq!(
            routes.get("DELETE /clusters/{id}/clients/{clientId}"),
            Some(&1),
            "{routes:?}"
        );
        assert_eq!(
            routes.get("GET /clusters/{id}/clients/{clientId}"),
            Some(&1),
            "{routes:?}"
        );
        assert_eq!(routes.len(), 2, "{routes:?}");
    }
    assert_eq!(api.list_clusters().await.expect("list").len(), 5);
    assert!(api.get_cluster(b).await.is_ok());
}

#[tokio::test]
async fn dot_segments_are_refused_without_a_request() {
    let sb = sandbox().await;
    let api = client(&sb);
    api.ensure_token().await.expect("token");
    sb.reset_counters();
    for id in [".", ".."] {
        assert!(matches!(
            api.delete_cluster(id).await,
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            api.get_client("x", id).await,
            Err(Error::InvalidInput(_))
        ));
    }
    assert!(sb.counters().routes.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any id, sent for real: the request lands on `GET /clusters/{id}` and nowhere else.
    #[test]
    fn any_cluster_id_hits_only_the_get_cluster_route(id in "[a-z/?#%.\\\\ ]{1,12}|\\PC{1,6}") {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let sb = sandbox().await;
            let api = client(&sb);
            api.ensure_token().await.expect("token");
            sb.reset_counters();
            let res = api.get_cluster(&id).await.map(|_| ());
            let routes = sb.counters().routes;
            if id == "." || id == ".." {
                prop_assert!(matches!(res, Err(Error::InvalidInput(_))));
                prop_assert!(routes.is_empty());
            } else if id == "parameters" {
                // The one literal sibling route: not a path change, just an unlucky id.
                prop_assert_eq!(routes.get("GET /clusters/parameters"), Some(&1));
            } else {
                prop_assert_eq!(res, Err(Error::NotFound));
                prop_assert_eq!(routes.len(), 1);
                prop_assert_eq!(routes.get("GET /clusters/{id}"), Some(&1));
            }
            Ok(())
        })?;
    }
}
