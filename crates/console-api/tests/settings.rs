//! A cluster's encryption keys (BYOK) and secure connectivity (AWS PrivateLink) against the
//! sandbox over real HTTP: the happy paths, 409s, the plan's 403 and input checked before sending.

mod common;

use common::*;
use console_api::{check_kms_key_arn, CreateClusterRequest, Error};

const FRA_KEY: &str =
    "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const IAD_KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-12ab-34cd-56ef-1234567890ab";

#[tokio::test]
async fn encryption_keys_on_a_byok_cluster_only() {
    let sb = sandbox().await;
    let api = client(&sb);
    let byok = seeded_cluster(&api, "fraud-detection").await;
    let enc = byok.encryption.clone().expect("encryption sent");
    assert_eq!(enc.kind, "External");
    assert_eq!(
        enc.status.as_deref(),
        Some("ExternalEncryptionKeyNotSupplied")
    );
    assert_eq!(enc.primary_key_arn, None);

    // A key of another region: the Console's 400, in its words.
    match api.set_encryption_keys(&byok.uuid, FRA_KEY, None).await {
        Err(Error::Validation(m)) => assert!(m.contains("us-east-1"), "{m}"),
        other => panic!("{other:?}"),
    }
    // A secondary key on a single-region cluster.
    assert!(matches!(
        api.set_encryption_keys(&byok.uuid, IAD_KEY, Some(IAD_KEY))
            .await,
        Err(Error::Validation(_))
    ));
    api.set_encryption_keys(&byok.uuid, IAD_KEY, None)
        .await
        .expect("set");
    let enc = seeded_cluster(&api, "fraud-detection")
        .await
        .encryption
        .unwrap();
    assert_eq!(enc.primary_key_arn.as_deref(), Some(IAD_KEY));
    assert_eq!(enc.status.as_deref(), Some("Ready"));

    // Not a BYOK cluster (AWS, Software): 409. Not AWS: the plan's 403.
    let software = cluster_id(&api, "payments-staging").await;
    assert_eq!(
        api.set_encryption_keys(&software, FRA_KEY, None).await,
        Err(Error::Conflict)
    );
    let gcp = cluster_id(&api, "orders-prod").await;
    assert!(matches!(
        api.set_encryption_keys(&gcp, FRA_KEY, None).await,
        Err(Error::Refused(m)) if m.contains("Enterprise plan")
    ));

    // Not an ARN: refused before sending.
    let before = route_count(&sb, "PUT /clusters/{id}/encryption");
    assert!(matches!(
        api.set_encryption_keys(&byok.uuid, "my-key", None).await,
        Err(Error::InvalidInput(m)) if m.contains("not an AWS KMS key ARN")
    ));
    assert_eq!(route_count(&sb, "PUT /clusters/{id}/encryption"), before);
    assert!(check_kms_key_arn("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/k").is_ok());
    assert!(check_kms_key_arn("arn:aws:kms:eu-central-1:123:key/k").is_err());
}

#[tokio::test]
async fn secure_connectivity_activate_read_deactivate() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "payments-staging").await;
    let off = api.secure_connectivity(&id).await.expect("status");
    assert!(!off.active);
    assert_eq!(
        api.deactivate_secure_connectivity(&id).await,
        Err(Error::Conflict)
    );

    let principals = vec!["arn:aws:iam::123456789012:root".to_string()];
    let regions = vec!["eu-central-1".to_string()];
    api.activate_secure_connectivity(&id, &principals, &regions)
        .await
        .expect("activate");
    let on = api.secure_connectivity(&id).await.expect("status");
    assert!(on.active);
    assert_eq!(on.allowed_principals, principals);
    assert_eq!(on.allowed_regions, regions);
    assert!(
        on.service_name
            .as_deref()
            .is_some_and(|s| s.starts_with("com.amazonaws.vpce.eu-central-1.")),
        "{on:?}"
    );
    assert_eq!(on.connection_count, Some(0));
    assert!(
        on.conditions[0].starts_with("Ready: "),
        "{:?}",
        on.conditions
    );
    assert_eq!(
        api.activate_secure_connectivity(&id, &principals, &regions)
            .await,
        Err(Error::Conflict)
    );
    api.deactivate_secure_connectivity(&id)
        .await
        .expect("deactivate");
    assert!(!api.secure_connectivity(&id).await.unwrap().active);

    // Not in AWS: the plan's 403, not a missing permission.
    let gcp = cluster_id(&api, "orders-prod").await;
    assert!(matches!(
        api.secure_connectivity(&gcp).await,
        Err(Error::Refused(m)) if m.contains("AWS")
    ));
    // Checked before sending.
    for (p, r) in [
        (vec![], vec![]),
        (vec!["123456789012".to_string()], vec![]),
        (principals.clone(), vec!["Frankfurt".to_string()]),
    ] {
        assert!(
            matches!(
                api.activate_secure_connectivity(&id, &p, &r).await,
                Err(Error::InvalidInput(_))
            ),
            "{p:?} {r:?}"
        );
    }
}

#[tokio::test]
async fn customer_managed_keys_are_chosen_at_creation_in_aws_regions() {
    let sb = sandbox().await;
    let api = client(&sb);
    let params = api.cluster_parameters().await.expect("parameters");
    let channel = &params.channels[0];
    let req = |region: &str| CreateClusterRequest {
        name: format!("byok-{region}"),
        plan_type_id: params.cluster_plan_types[0].uuid.clone(),
        channel_id: channel.uuid.clone(),
        generation_id: channel.allowed_generations[0].uuid.clone(),
        region_id: params
            .regions
            .iter()
            .find(|r| r.provider.as_deref() == Some(region))
            .map(|r| r.uuid.clone())
            .expect("a region of that cloud"),
        encryption: Some("External".into()),
        ..Default::default()
    };
    let made = api.create_cluster(&req("aws")).await.expect("created");
    let c = api.get_cluster(&made.cluster_id).await.expect("cluster");
    assert_eq!(c.encryption.map(|e| e.kind).as_deref(), Some("External"));
    assert!(matches!(
        api.create_cluster(&req("gcp")).await,
        Err(Error::Refused(m)) if m.contains("AWS")
    ));
}

#[tokio::test]
async fn hardware_packages_change_on_advanced_plans_only() {
    let sb = sandbox().await;
    let api = client(&sb);
    let advanced = seeded_cluster(&api, "fraud-detection").await;
    assert_eq!(advanced.hardware_packages, Some(1));
    let more = console_api::UpdateClusterRequest {
        number_of_allocated_hw_packages: Some(3),
        ..Default::default()
    };
    api.update_cluster(&advanced.uuid, &more)
        .await
        .expect("changed");
    assert_eq!(
        seeded_cluster(&api, "fraud-detection")
            .await
            .hardware_packages,
        Some(3)
    );
    let other = cluster_id(&api, "orders-prod").await;
    match api.update_cluster(&other, &more).await {
        Err(Error::Validation(m)) => assert!(m.contains("Advanced plans"), "{m}"),
        r => panic!("{r:?}"),
    }
    // A count sent as a double, and one that is not a count.
    let c: console_api::Cluster =
        serde_json::from_str(r#"{"uuid":"u","hardwarePackages":2.0}"#).unwrap();
    assert_eq!(c.hardware_packages, Some(2));
    let c: console_api::Cluster =
        serde_json::from_str(r#"{"uuid":"u","hardwarePackages":"many"}"#).unwrap();
    assert_eq!(c.hardware_packages, None);
}
