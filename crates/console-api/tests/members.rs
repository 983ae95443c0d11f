//! Members and the activity log against the sandbox over real HTTP: list, invite, change roles,
//! remove; the refusals in the Console's codes; every change shows in the activity log, as JSON
//! and as CSV.

mod common;

use common::*;
use console_api::{check_member_email, Client, Error, Permission};
use console_sandbox::ApiPermission;

fn roles(r: &[&str]) -> Vec<String> {
    r.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn invite_change_and_remove_members() {
    let sb = sandbox().await;
    let api = client(&sb);
    let before = api.members().await.expect("members");
    assert!(before
        .iter()
        .any(|m| m.roles == ["owner"] && !m.invite_pending));
    assert!(before.iter().any(|m| m.invite_pending && m.name.is_empty()));

    api.set_member_roles("grace@example.com", &roles(&["developer", "analyst"]))
        .await
        .expect("invite");
    let invited = api.members().await.unwrap();
    let grace = invited
        .iter()
        .find(|m| m.email == "grace@example.com")
        .expect("listed");
    assert!(grace.invite_pending);
    assert_eq!(grace.roles, ["developer", "analyst"]);

    api.set_member_roles("grace@example.com", &roles(&["admin"]))
        .await
        .expect("change");
    let changed = api.members().await.unwrap();
    assert_eq!(
        changed.len(),
        invited.len(),
        "a change is not another invitation"
    );
    assert_eq!(
        changed
            .iter()
            .find(|m| m.email == "grace@example.com")
            .unwrap()
            .roles,
        ["admin"]
    );

    api.remove_member("grace@example.com")
        .await
        .expect("remove");
    assert_eq!(api.members().await.unwrap().len(), before.len());
    assert_eq!(
        api.remove_member("grace@example.com").await,
        Err(Error::NotFound)
    );
}

#[tokio::test]
async fn refusals_before_sending_and_from_the_console() {
    let sb = sandbox().await;
    let api = client(&sb);
    // Checked before sending: nothing reaches the sandbox.
    for (email, r) in [
        ("not-an-email", roles(&["admin"])),
        ("a@b.c", vec![]),
        ("a@b.c", roles(&["owner"])),
    ] {
        assert!(
            matches!(
                api.set_member_roles(email, &r).await,
                Err(Error::InvalidInput(_))
            ),
            "{email} {r:?}"
        );
    }
    assert_eq!(route_count(&sb, "POST /members/{email}"), 0);
    assert!(check_member_email(" someone@example.org ").is_ok());
    assert!(check_member_email("two@@example.org").is_err());

    // No seat left: the plan's 403, not a missing permission.
    let mut n = api.members().await.unwrap().len();
    while n < console_sandbox::members::SEATS {
        api.set_member_roles(&format!("seat{n}@example.com"), &roles(&["visitor"]))
            .await
            .expect("a seat");
        n += 1;
    }
    match api
        .set_member_roles("one-more@example.com", &roles(&["visitor"]))
        .await
    {
        Err(Error::Refused(m)) => assert!(m.contains("seats"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn every_change_is_in_the_activity_log_as_json_and_csv() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    api.update_cluster(
        &id,
        &console_api::UpdateClusterRequest {
            description: Some("with, a comma".into()),
            ..Default::default()
        },
    )
    .await
    .expect("update");
    api.set_member_roles("audit@example.com", &roles(&["visitor"]))
        .await
        .expect("invite");
    let log = api.activity().await.expect("activity");
    assert_eq!(log.len(), 2, "reads are not logged: {log:?}");
    assert_eq!(log[0].entity.as_deref(), Some("member"), "newest first");
    assert_eq!(log[1].entity_id.as_deref(), Some(id.as_str()));
    assert_eq!(log[1].audit_type.as_deref(), Some("u"));
    assert!(log[1].timestamp.is_some_and(|t| t > 1_700_000_000_000));
    let csv = api.activity_csv().await.expect("csv");
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("timestamp,service,auditType,entity"));
    assert_eq!(lines.count(), 2);
    assert!(csv.contains(&id));
}

#[tokio::test]
async fn members_and_activity_need_the_members_permission() {
    let sb = sandbox().await;
    let limited = Client::new(config_for(
        &sb,
        &sb.add_api_client(&[ApiPermission::GetClusters]),
    ))
    .unwrap();
    for result in [
        limited.members().await.map(|_| ()),
        limited.activity().await.map(|_| ()),
        limited.activity_csv().await.map(|_| ()),
        limited.remove_member("ada@sandbox.example").await,
    ] {
        assert_eq!(
            result,
            Err(Error::Forbidden {
                permission: Permission::Members
            })
        );
    }
}
