//! A cluster's settings commands on the built-in Sandbox: encryption keys on the BYOK cluster,
//! secure connectivity on an AWS cluster, and where the Console does not offer them.

use serde_json::{json, Value};

use super::*;
use crate::error::ErrorKind;

const IAD_KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-12ab-34cd-56ef-1234567890ab";

#[test]
fn encryption_keys_are_set_on_the_byok_cluster_and_refusals_are_plain() {
    let h = Harness::new("settings-encryption");
    let list: Value = h.ok("list_clusters", json!({}));
    let byok = cluster_id_named(&list, "fraud-detection");
    let before: Value = h.ok("get_cluster", json!({ "clusterId": byok }));
    assert_eq!(before["encryption"]["kind"], "External");
    assert_eq!(
        before["encryption"]["status"],
        "ExternalEncryptionKeyNotSupplied"
    );

    let e = h.err(
        "set_encryption_keys",
        json!({ "clusterId": byok, "primaryKeyArn": "arn:aws:kms:eu-central-1:123456789012:key/x", "secondaryKeyArn": null }),
    );
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(
        e.message.starts_with("Camunda did not accept the keys"),
        "{}",
        e.message
    );
    let e = h.err(
        "set_encryption_keys",
        json!({ "clusterId": byok, "primaryKeyArn": "not-an-arn", "secondaryKeyArn": null }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);

    let _: Value = h.ok(
        "set_encryption_keys",
        json!({ "clusterId": byok, "primaryKeyArn": format!(" {IAD_KEY} "), "secondaryKeyArn": "  " }),
    );
    let after: Value = h.ok("get_cluster", json!({ "clusterId": byok }));
    assert_eq!(after["encryption"]["primaryKeyArn"], IAD_KEY);
    assert_eq!(after["encryption"]["status"], "Ready");

    let software = cluster_id_named(&list, "payments-staging");
    let e = h.err(
        "set_encryption_keys",
        json!({ "clusterId": software, "primaryKeyArn": IAD_KEY, "secondaryKeyArn": null }),
    );
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(
        e.message
            .contains("not created with customer-managed encryption"),
        "{}",
        e.message
    );
}

#[test]
fn secure_connectivity_is_activated_shown_and_deactivated_where_offered() {
    let h = Harness::new("settings-privatelink");
    let list: Value = h.ok("list_clusters", json!({}));
    let aws = cluster_id_named(&list, "payments-staging");
    let off: Value = h.ok("get_secure_connectivity", json!({ "clusterId": aws }));
    assert_eq!(off["available"], true);
    assert_eq!(off["active"], false);

    let e = h.err(
        "activate_secure_connectivity",
        json!({ "clusterId": aws, "allowedPrincipals": ["", " "], "allowedRegions": [] }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert!(
        e.message.contains("at least one AWS principal"),
        "{}",
        e.message
    );
    let _: Value = h.ok(
        "activate_secure_connectivity",
        json!({
            "clusterId": aws,
            "allowedPrincipals": ["arn:aws:iam::123456789012:root\narn:aws:iam::210987654321:role/ops", ""],
            "allowedRegions": ["eu-central-1, eu-west-1"],
        }),
    );
    let on: Value = h.ok("get_secure_connectivity", json!({ "clusterId": aws }));
    assert_eq!(on["active"], true);
    assert_eq!(
        on["allowedPrincipals"],
        json!([
            "arn:aws:iam::123456789012:root",
            "arn:aws:iam::210987654321:role/ops"
        ])
    );
    assert_eq!(on["allowedRegions"], json!(["eu-central-1", "eu-west-1"]));
    assert!(on["serviceName"]
        .as_str()
        .unwrap()
        .starts_with("com.amazonaws.vpce."));
    let e = h.err(
        "activate_secure_connectivity",
        json!({ "clusterId": aws, "allowedPrincipals": ["arn:aws:iam::123456789012:root"], "allowedRegions": [] }),
    );
    assert!(e.message.contains("already active"), "{}", e.message);
    let _: Value = h.ok(
        "deactivate_secure_connectivity",
        json!({ "clusterId": aws }),
    );
    let e = h.err(
        "deactivate_secure_connectivity",
        json!({ "clusterId": aws }),
    );
    assert!(e.message.contains("not active"), "{}", e.message);

    // On a GCP cluster the Console does not offer it: said, not an error, no permission lost.
    let gcp = cluster_id_named(&list, "orders-prod");
    let none: Value = h.ok("get_secure_connectivity", json!({ "clusterId": gcp }));
    assert_eq!(none["available"], false);
    assert!(
        none["unavailable"].as_str().unwrap().contains("AWS"),
        "{none}"
    );
    let orgs: Value = h.ok("list_organizations", json!({}));
    assert!(!orgs.to_string().contains("\"get_clusters\""), "{orgs}");
}
