//! External monitoring against the sandbox over real HTTP: activate, clients with a password
//! shown once (create, rotate), delete, deactivate, and the refusals.

mod common;

use common::*;
use console_api::{Client, Error, Permission};
use console_sandbox::ApiPermission;

#[tokio::test]
async fn activate_create_rotate_delete_deactivate() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    let off = api.monitoring(&id).await.expect("status");
    assert!(off.clients.is_empty());
    assert_eq!(off.metrics_endpoint, None, "not active: status {{}}");
    assert_eq!(api.deactivate_monitoring(&id).await, Err(Error::Conflict));
    assert_eq!(
        api.create_monitoring_client(&id, "grafana").await.err(),
        Some(Error::Conflict),
        "no clients before it is active"
    );

    api.activate_monitoring(&id).await.expect("activate");
    assert_eq!(api.activate_monitoring(&id).await, Err(Error::Conflict));
    let on = api.monitoring(&id).await.expect("status");
    let endpoint = on.metrics_endpoint.expect("an endpoint once active");
    assert_eq!(endpoint.scheme, "https");
    assert!(endpoint.path.contains(&id));

    let made = api
        .create_monitoring_client(&id, "grafana")
        .await
        .expect("create");
    assert_eq!(made.client.username, "grafana");
    let first = made.password.expose().to_string();
    assert!(first.len() >= 16);
    assert!(
        !format!("{made:?}").contains(&first),
        "Debug redacts the password"
    );
    let rotated = api
        .rotate_monitoring_password(&id, &made.client.uuid)
        .await
        .expect("rotate");
    assert_ne!(rotated.password.expose(), first, "a new password");
    let listed = api.monitoring(&id).await.unwrap().clients;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].uuid, made.client.uuid);

    api.delete_monitoring_client(&id, &made.client.uuid)
        .await
        .expect("delete");
    assert_eq!(
        api.rotate_monitoring_password(&id, &made.client.uuid)
            .await
            .err(),
        Some(Error::NotFound)
    );
    api.deactivate_monitoring(&id).await.expect("deactivate");
    assert_eq!(api.monitoring(&id).await.unwrap().metrics_endpoint, None);
    assert!(matches!(
        api.create_monitoring_client(&id, "  ").await,
        Err(Error::InvalidInput(_))
    ));
}

#[tokio::test]
async fn changes_need_the_create_clusters_permission() {
    let sb = sandbox().await;
    let limited = Client::new(config_for(
        &sb,
        &sb.add_api_client(&[ApiPermission::GetClusters]),
    ))
    .unwrap();
    let id = cluster_id(&limited, "orders-prod").await;
    assert!(
        limited.monitoring(&id).await.is_ok(),
        "reading needs Get clusters only"
    );
    match limited.activate_monitoring(&id).await {
        Err(Error::Forbidden { permission }) => assert_eq!(permission, Permission::CreateClusters),
        other => panic!("{other:?}"),
    }
}
