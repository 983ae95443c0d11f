//! Connector secrets against the sandbox over real HTTP: create, list, update, delete (with
//! the API's eventual consistency), and every refusal in its own words.

mod common;

use std::time::Duration;

use common::*;
use console_api::{check_connector_secret_name, Client, Error, Permission, Secret};
use console_sandbox::secrets::{DELETE_LAG_MS, MAX_SECRETS};
use console_sandbox::{ApiPermission, SandboxConfig};

async fn listed(api: &Client, id: &str) -> Vec<(String, String)> {
    api.list_connector_secrets(id)
        .await
        .expect("list secrets")
        .into_iter()
        .map(|s| (s.name, s.value.expose().to_string()))
        .collect()
}

#[tokio::test]
async fn create_list_update_and_delete_with_the_apis_lag() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    assert!(listed(&api, &id).await.is_empty());

    api.create_connector_secret(&id, "SLACK_TOKEN", &Secret::new("xoxb-1"))
        .await
        .expect("create");
    // A name with a slash and a percent sign stays one path segment.
    api.create_connector_secret(&id, "db/pass%word", &Secret::new("pw-1"))
        .await
        .expect("create odd name");
    assert_eq!(
        listed(&api, &id).await,
        [
            ("SLACK_TOKEN".to_string(), "xoxb-1".to_string()),
            ("db/pass%word".to_string(), "pw-1".to_string())
        ]
    );
    api.update_connector_secret(&id, "db/pass%word", &Secret::new("pw-2"))
        .await
        .expect("update");
    assert!(listed(&api, &id)
        .await
        .contains(&("db/pass%word".to_string(), "pw-2".to_string())));

    api.delete_connector_secret(&id, "SLACK_TOKEN")
        .await
        .expect("delete");
    // Eventual consistency: still listed for a while, gone after.
    assert!(listed(&api, &id)
        .await
        .iter()
        .any(|(n, _)| n == "SLACK_TOKEN"));
    sb.advance_clock(Duration::from_millis(DELETE_LAG_MS + 1));
    assert_eq!(
        listed(&api, &id).await,
        [("db/pass%word".to_string(), "pw-2".to_string())]
    );
    assert_no_misuse(&sb);
}

#[tokio::test]
async fn refusals_are_named() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    api.create_connector_secret(&id, "TAKEN", &Secret::new("v"))
        .await
        .unwrap();
    assert_eq!(
        api.create_connector_secret(&id, "TAKEN", &Secret::new("w"))
            .await,
        Err(Error::Conflict)
    );
    assert_eq!(
        listed(&api, &id).await,
        [("TAKEN".to_string(), "v".to_string())]
    );

    // Checked before sending: a long name, spaces, an empty value.
    let before = route_count(&sb, "POST /clusters/{id}/secrets");
    for (name, value) in [
        (&"N".repeat(50)[..], "v"),
        ("has space", "v"),
        ("", "v"),
        ("OK", ""),
    ] {
        let e = api
            .create_connector_secret(&id, name, &Secret::new(value))
            .await
            .expect_err(name);
        assert!(matches!(e, Error::InvalidInput(_)), "{name:?}: {e:?}");
    }
    assert_eq!(
        route_count(&sb, "POST /clusters/{id}/secrets"),
        before,
        "nothing sent"
    );
    assert!(check_connector_secret_name(&"N".repeat(49)).is_ok());

    // Unknown cluster / secret: 404.
    assert_eq!(
        api.list_connector_secrets("nope").await.err(),
        Some(Error::NotFound)
    );
    assert_eq!(
        api.update_connector_secret(&id, "MISSING", &Secret::new("v"))
            .await,
        Err(Error::NotFound)
    );

    // The maximum number of secrets: a 403 that is not a missing permission.
    for i in 1..MAX_SECRETS {
        api.create_connector_secret(&id, &format!("S{i}"), &Secret::new("v"))
            .await
            .unwrap();
    }
    match api
        .create_connector_secret(&id, "ONE_MORE", &Secret::new("v"))
        .await
    {
        Err(Error::Refused(msg)) => assert!(msg.contains("Maximum number of secrets"), "{msg}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn without_the_permission_it_is_forbidden() {
    let sb = sandbox_with(SandboxConfig::default()).await;
    let limited = Client::new(config_for(
        &sb,
        &sb.add_api_client(&[ApiPermission::GetClusters]),
    ))
    .unwrap();
    let id = cluster_id(&limited, "orders-prod").await;
    match limited.list_connector_secrets(&id).await {
        Err(Error::Forbidden { permission }) => {
            assert_eq!(permission, Permission::ConnectorSecrets)
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_body_that_cannot_be_read_is_not_quoted() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    sb.inject(console_sandbox::Fault {
        route: "GET /clusters/*/secrets".into(),
        times: 1,
        kind: console_sandbox::FaultKind::Status {
            status: 200,
            body: r#"["leaked-value-123"]"#.into(),
            content_type: "application/json".into(),
            retry_after: None,
        },
    });
    let e = api
        .list_connector_secrets(&id)
        .await
        .expect_err("not an object");
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    assert!(!format!("{e:?} {e}").contains("leaked-value-123"));
}
