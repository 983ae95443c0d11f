//! Every operation against the sandbox over real HTTP.

mod common;

use common::*;
use console_api::{
    ClientPermission, ClusterState, CreateClientRequest, CreateClusterRequest, Error,
    UpdateClusterRequest,
};
use std::time::Duration;

#[tokio::test]
async fn list_and_get_clusters_of_the_demo_seed() {
    let sb = sandbox().await;
    let api = client(&sb);
    let clusters = api.list_clusters().await.expect("list");
    let mut names: Vec<&str> = clusters.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "analytics-dev",
            "fraud-detection",
            "legacy-batch",
            "orders-prod",
            "payments-staging"
        ]
    );
    let state = |name: &str| {
        clusters
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.status.ready.clone())
            .expect("cluster present")
    };
    assert_eq!(state("orders-prod"), ClusterState::Healthy);
    assert_eq!(state("analytics-dev"), ClusterState::Creating);
    assert_eq!(state("legacy-batch"), ClusterState::Suspended);
    assert_eq!(state("fraud-detection"), ClusterState::Unhealthy);

    let orders = clusters
        .iter()
        .find(|c| c.name == "orders-prod")
        .expect("orders");
    assert_eq!(
        orders.channel.as_ref().map(|n| n.name.as_str()),
        Some("Stable")
    );
    assert!(orders
        .generation
        .as_ref()
        .is_some_and(|g| g.name.contains("8.7")));
    assert!(orders.region.is_some() && orders.plan_type.is_some());
    assert_eq!(orders.stage_label.as_deref(), Some("prod"));
    assert!(orders.created.is_some());
    assert!(orders.links.zeebe.is_some());
    assert_eq!(orders.status.zeebe_status, Some(ClusterState::Healthy));

    let one = api.get_cluster(&orders.uuid).await.expect("get");
    assert_eq!(&one, orders);
    assert_eq!(route_count(&sb, "GET /clusters"), 1);
    assert_eq!(route_count(&sb, "GET /clusters/{id}"), 1);
    assert_eq!(sb.counters().token_requests, 1);
    assert_no_misuse(&sb);
}

#[tokio::test]
async fn parameters_then_create_update_wake_delete_a_cluster() {
    let sb = sandbox().await;
    let api = client(&sb);
    let params = api.cluster_parameters().await.expect("parameters");
    assert!(
        !params.channels.is_empty()
            && !params.regions.is_empty()
            && !params.cluster_plan_types.is_empty()
    );
    let channel = &params.channels[0];
    let generation = channel
        .default_generation
        .clone()
        .or_else(|| channel.allowed_generations.first().cloned())
        .expect("a generation");
    assert!(channel
        .allowed_generations
        .iter()
        .any(|g| g.uuid == generation.uuid));

    let req = CreateClusterRequest {
        name: "new-one".into(),
        plan_type_id: params.cluster_plan_types[0].uuid.clone(),
        channel_id: channel.uuid.clone(),
        generation_id: generation.uuid.clone(),
        region_id: params.regions[0].uuid.clone(),
        stage_label: Some("dev".into()),
        description: Some("made by a test".into()),
        auto_update: None,
        backup_region_id: None,
        encryption: None,
    };
    let created = api.create_cluster(&req).await.expect("create");
    let cluster = api.get_cluster(&created.cluster_id).await.expect("get new");
    assert_eq!(cluster.name, "new-one");
    assert_eq!(cluster.status.ready, ClusterState::Creating);
    assert_eq!(cluster.description.as_deref(), Some("made by a test"));

    api.update_cluster(
        &created.cluster_id,
        &UpdateClusterRequest {
            name: Some("renamed".into()),
            description: None,
            stage_label: Some("prod".into()),
            number_of_allocated_hw_packages: None,
        },
    )
    .await
    .expect("update");
    let cluster = api
        .get_cluster(&created.cluster_id)
        .await
        .expect("get renamed");
    assert_eq!(cluster.name, "renamed");
    assert_eq!(cluster.stage_label.as_deref(), Some("prod"));
    assert_eq!(cluster.description.as_deref(), Some("made by a test"));

    // Wake the suspended demo cluster.
    let clusters = api.list_clusters().await.expect("list");
    let legacy = clusters
        .iter()
        .find(|c| c.name == "legacy-batch")
        .expect("legacy");
    api.wake_cluster(&legacy.uuid).await.expect("wake");
    assert_eq!(
        api.get_cluster(&legacy.uuid)
            .await
            .expect("get")
            .status
            .ready,
        ClusterState::Resuming
    );
    sb.advance_clock(Duration::from_secs(3600));
    assert_eq!(
        api.get_cluster(&legacy.uuid)
            .await
            .expect("get")
            .status
            .ready,
        ClusterState::Healthy
    );

    api.delete_cluster(&created.cluster_id)
        .await
        .expect("delete");
    assert_eq!(
        api.get_cluster(&created.cluster_id).await,
        Err(Error::NotFound)
    );
    assert_eq!(
        api.delete_cluster(&created.cluster_id).await,
        Err(Error::NotFound)
    );
    assert_eq!(route_count(&sb, "POST /clusters"), 1);
    assert_eq!(route_count(&sb, "PATCH /clusters/{id}"), 1);
    assert_eq!(route_count(&sb, "PUT /clusters/{id}/wake"), 1);
    assert_eq!(route_count(&sb, "DELETE /clusters/{id}"), 2);
    assert_eq!(sb.counters().token_requests, 1);
    assert_no_misuse(&sb);
}

#[tokio::test]
async fn client_lifecycle() {
    let sb = sandbox().await;
    let api = client(&sb);
    let clusters = api.list_clusters().await.expect("list");
    let orders = clusters
        .iter()
        .find(|c| c.name == "orders-prod")
        .expect("orders");

    let clients = api.list_clients(&orders.uuid).await.expect("clients");
    assert!(clients
        .iter()
        .any(|c| c.name == "worker-1" && c.permissions == [ClientPermission::Zeebe]));

    let created = api
        .create_client(
            &orders.uuid,
            &CreateClientRequest {
                client_name: "from-test".into(),
                permissions: Some(vec![ClientPermission::Zeebe, ClientPermission::Operate]),
            },
        )
        .await
        .expect("create client");
    assert_eq!(created.name, "from-test");
    assert_eq!(
        created.permissions,
        [ClientPermission::Zeebe, ClientPermission::Operate]
    );
    assert!(created.client_secret.expose().len() >= 16);
    assert_eq!(created.audience.as_deref(), Some("zeebe.camunda.io"));
    assert!(!format!("{created:?}").contains(created.client_secret.expose()));

    // None and empty both mean "all permissions".
    for (name, perms) in [("all-1", None), ("all-2", Some(vec![]))] {
        let c = api
            .create_client(
                &orders.uuid,
                &CreateClientRequest {
                    client_name: name.into(),
                    permissions: perms,
                },
            )
            .await
            .expect("create all");
        assert_eq!(c.permissions.len(), 5, "{name}: {:?}", c.permissions);
    }

    let details = api
        .get_client(&orders.uuid, &created.client_id)
        .await
        .expect("details");
    assert_eq!(details.name, "from-test");
    assert_eq!(details.zeebe_client_id, created.client_id);
    assert!(!details.zeebe_address.is_empty());
    assert_eq!(details.zeebe_authorization_server_url, sb.token_url());

    // Names are unique: 400 with the server's text.
    let dup = api
        .create_client(
            &orders.uuid,
            &CreateClientRequest {
                client_name: "from-test".into(),
                permissions: None,
            },
        )
        .await;
    match dup {
        Err(Error::Validation(msg)) => assert!(msg.contains("unique"), "{msg}"),
        other => panic!("expected Validation, got {other:?}"),
    }

    api.delete_client(&orders.uuid, &created.client_id)
        .await
        .expect("delete client");
    assert_eq!(
        api.get_client(&orders.uuid, &created.client_id)
            .await
            .map(|_| ()),
        Err(Error::NotFound)
    );
    let names: Vec<String> = api
        .list_clients(&orders.uuid)
        .await
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert!(!names.contains(&"from-test".to_string()));
    assert_eq!(sb.counters().token_requests, 1);
    assert_no_misuse(&sb);
}

#[tokio::test]
async fn client_details_of_a_cluster_not_ready_is_not_ready() {
    let sb = sandbox().await;
    let api = client(&sb);
    let clusters = api.list_clusters().await.expect("list");
    let creating = clusters
        .iter()
        .find(|c| c.name == "analytics-dev")
        .expect("analytics");
    let clients = api.list_clients(&creating.uuid).await.expect("clients");
    let first = clients.first().expect("a client");
    assert_eq!(
        api.get_client(&creating.uuid, &first.client_id)
            .await
            .map(|_| ()),
        Err(Error::NotReady)
    );
}

#[tokio::test]
async fn create_cluster_validation_errors_carry_the_server_text() {
    let sb = sandbox().await;
    let api = client(&sb);
    let req = CreateClusterRequest {
        name: "x".repeat(80),
        plan_type_id: "nope".into(),
        channel_id: "nope".into(),
        generation_id: "nope".into(),
        region_id: "nope".into(),
        ..Default::default()
    };
    match api.create_cluster(&req).await {
        Err(Error::Validation(msg)) => assert!(msg.to_lowercase().contains("too long"), "{msg}"),
        other => panic!("expected Validation, got {other:?}"),
    }
    assert_eq!(
        api.list_clusters().await.expect("list").len(),
        5,
        "nothing was created"
    );
}

/// The clients of many clusters: one result per cluster in the order asked, a failing cluster
/// (unknown id → 404) does not fail the others, one token for the whole fan-out, one request
/// per cluster.
#[tokio::test]
async fn clients_of_many_clusters_in_order_with_failures_kept_apart() {
    let sb = sandbox_with(console_sandbox::SandboxConfig {
        seed: console_sandbox::Seed::Generated {
            clusters: 30,
            clients_per_cluster: 3,
        },
        token_rate_limit: None,
        ..Default::default()
    })
    .await;
    let api = client(&sb);
    let clusters = api.list_clusters().await.expect("list");
    let mut ids: Vec<String> = clusters.iter().map(|c| c.uuid.clone()).collect();
    ids.insert(7, "no-such-cluster".to_string());
    let results = api.list_clients_of(&ids, 4).await;
    let mut seen = std::collections::HashSet::new();
    assert_eq!(results.len(), 31);
    for (i, (id, r)) in ids.iter().zip(&results).enumerate() {
        if i == 7 {
            assert!(matches!(r, Err(Error::NotFound)), "{r:?}");
            continue;
        }
        let clients = r.as_ref().expect("clients");
        assert_eq!(clients.len(), 3, "cluster {id}");
        seen.extend(clients.iter().map(|c| c.client_id.clone()));
    }
    // Each cluster's own clients (the generated seed gives every client its own id).
    assert_eq!(seen.len(), 30 * 3);
    assert_eq!(route_count(&sb, "GET /clusters/{id}/clients"), 31);
    assert_eq!(sb.counters().token_requests, 1);
    // 0 means 1 at a time, not "none".
    assert_eq!(api.list_clients_of(&ids[..2], 0).await.len(), 2);
    assert_no_misuse(&sb);
}

#[tokio::test]
async fn a_backup_region_is_offered_per_region_and_checked_on_create() {
    let sb = sandbox().await;
    let api = client(&sb);
    let params = api.cluster_parameters().await.expect("parameters");
    let region = params
        .regions
        .iter()
        .find(|r| !r.backups.is_empty())
        .expect("a region offering backup regions");
    let backup = region.backups[0].regions[1].clone();
    assert!(!backup.label.is_empty());
    let channel = &params.channels[0];
    let req = |backup_region_id: Option<String>| CreateClusterRequest {
        name: "with-backups".into(),
        plan_type_id: params.cluster_plan_types[0].uuid.clone(),
        channel_id: channel.uuid.clone(),
        generation_id: channel.allowed_generations[0].uuid.clone(),
        region_id: region.uuid.clone(),
        backup_region_id,
        ..Default::default()
    };
    match api.create_cluster(&req(Some("mars-1".into()))).await {
        Err(Error::Validation(msg)) => assert!(msg.contains("backupRegionId"), "{msg}"),
        other => panic!("{other:?}"),
    }
    api.create_cluster(&req(Some(backup.id.clone())))
        .await
        .expect("created with a backup region");

    let plain = sandbox_with(console_sandbox::SandboxConfig {
        enterprise: false,
        ..Default::default()
    })
    .await;
    match client(&plain).create_cluster(&req(Some(backup.id))).await {
        Err(Error::Refused(msg)) => assert!(msg.contains("Enterprise plan"), "{msg}"),
        other => panic!("{other:?}"),
    }
}
