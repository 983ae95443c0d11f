//! Backups and restores against the sandbox over real HTTP.

mod common;

use std::time::Duration;

use common::*;
use console_api::{Client, ClusterState, Error, Permission};
use console_sandbox::{ApiPermission, SandboxConfig};

#[tokio::test]
async fn create_follow_restore_and_delete() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    let seeded = api.list_backups(&id).await.expect("list");
    assert_eq!(seeded.len(), 1);
    assert_eq!(seeded[0].status.as_deref(), Some("Complete"));
    assert_eq!(seeded[0].zeebe_status.as_deref(), Some("Complete"));
    assert!(seeded[0].generation_name.is_some());
    assert_eq!(
        api.get_restore(&id, &seeded[0].uuid).await,
        Ok(None),
        "never restored"
    );

    let made = api.create_backup(&id).await.expect("create");
    assert_eq!(made.status.as_deref(), Some("In progress"));
    // One per 15 minutes.
    match api.create_backup(&id).await {
        Err(Error::Validation(msg)) => assert!(msg.contains("15 minutes"), "{msg}"),
        other => panic!("{other:?}"),
    }
    // Not restorable before it is complete.
    assert_eq!(
        api.restore_backup(&id, &made.uuid).await,
        Err(Error::Conflict)
    );
    sb.advance_clock(Duration::from_secs(3600));
    let listed = api.list_backups(&id).await.expect("list");
    let done = listed.iter().find(|b| b.uuid == made.uuid).expect("listed");
    assert_eq!(done.status.as_deref(), Some("Complete"));
    assert!(done.completed.is_some());

    let restore = api
        .restore_backup(&id, &seeded[0].uuid)
        .await
        .expect("restore");
    assert_eq!(restore.state, "PENDING");
    assert_eq!(restore.backup_id, seeded[0].uuid);
    assert_eq!(
        api.get_cluster(&id).await.unwrap().status.ready,
        ClusterState::Resuming,
        "the cluster is suspended for the restore and comes back"
    );
    assert_eq!(
        api.restore_backup(&id, &made.uuid).await,
        Err(Error::Conflict),
        "one restore at a time"
    );
    sb.advance_clock(Duration::from_secs(3600));
    let finished = api
        .get_restore(&id, &seeded[0].uuid)
        .await
        .unwrap()
        .expect("restore record");
    assert_eq!(finished.state, "COMPLETED");
    assert!(finished.completion_timestamp.is_some());
    assert_eq!(
        api.get_cluster(&id).await.unwrap().status.ready,
        ClusterState::Healthy
    );

    api.delete_backup(&id, &made.uuid).await.expect("delete");
    assert!(api
        .list_backups(&id)
        .await
        .unwrap()
        .iter()
        .all(|b| b.uuid != made.uuid));
    assert_eq!(
        api.delete_backup(&id, &made.uuid).await,
        Err(Error::NotFound)
    );
}

#[tokio::test]
async fn enterprise_only_and_permission() {
    let sb = sandbox_with(SandboxConfig {
        enterprise: false,
        ..SandboxConfig::default()
    })
    .await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    match api.list_backups(&id).await {
        Err(Error::Refused(msg)) => assert!(msg.contains("Enterprise plan"), "{msg}"),
        other => panic!("{other:?}"),
    }

    let sb = sandbox().await;
    let limited = Client::new(config_for(
        &sb,
        &sb.add_api_client(&[ApiPermission::GetClusters]),
    ))
    .unwrap();
    let id = cluster_id(&limited, "orders-prod").await;
    match limited.create_backup(&id).await {
        Err(Error::Forbidden { permission }) => assert_eq!(permission, Permission::Backups),
        other => panic!("{other:?}"),
    }
}
