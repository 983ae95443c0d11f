//! Upgrading a cluster against the sandbox over real HTTP: the offer from the creation
//! parameters, the upgrade, Updating -> Healthy, and the 400 / 412 refusals.

mod common;

use std::time::Duration;

use common::*;
use console_api::{upgrade_target, ClusterState, Error};

#[tokio::test]
async fn offer_upgrade_follow_and_refusals() {
    let sb = sandbox().await;
    let api = client(&sb);
    let params = api.cluster_parameters().await.expect("parameters");

    // orders-prod runs its channel's latest generation: nothing to offer.
    assert_eq!(
        upgrade_target(&seeded_cluster(&api, "orders-prod").await, &params),
        None
    );

    let staging = seeded_cluster(&api, "payments-staging").await;
    let target = upgrade_target(&staging, &params).expect("a newer generation of Stable");
    assert_eq!(target.name, "Camunda 8.7.6");
    let old = staging.generation.clone().expect("generation");

    let done = api.upgrade_cluster(&staging.uuid).await.expect("upgrade");
    assert_eq!(done.old_generation.map(|g| g.name), Some(old.name.clone()));
    assert_eq!(done.new_generation.map(|g| g.id), Some(target.uuid.clone()));
    let now = api.get_cluster(&staging.uuid).await.expect("get");
    assert_eq!(now.status.ready, ClusterState::Updating);
    assert_eq!(now.generation.map(|g| g.uuid), Some(target.uuid.clone()));

    // While Updating: 412, not ready.
    assert_eq!(
        api.upgrade_cluster(&staging.uuid).await,
        Err(Error::NotReady)
    );
    sb.advance_clock(Duration::from_secs(3600));
    let healthy = api.get_cluster(&staging.uuid).await.expect("get");
    assert_eq!(healthy.status.ready, ClusterState::Healthy);
    // Upgraded: no more offer, and the API answers 400 "no upgrade available".
    assert_eq!(upgrade_target(&healthy, &params), None);
    match api.upgrade_cluster(&staging.uuid).await {
        Err(Error::Validation(msg)) => assert!(msg.contains("No upgrade available"), "{msg}"),
        other => panic!("{other:?}"),
    }

    // A Suspended cluster is not ready either; an unknown one is 404.
    let legacy = seeded_cluster(&api, "legacy-batch").await;
    assert_eq!(
        api.upgrade_cluster(&legacy.uuid).await,
        Err(Error::NotReady)
    );
    assert_eq!(
        api.upgrade_cluster("nope").await.err(),
        Some(Error::NotFound)
    );
    assert_eq!(route_count(&sb, "PUT /clusters/{id}/upgrade"), 5);
}
