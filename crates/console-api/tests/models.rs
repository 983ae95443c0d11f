//! Tolerant decoding of what the real API sends, and the request bodies' wire form.

use console_api::{
    ClientConnectionDetails, ClientPermission, Cluster, ClusterClient, ClusterState,
    CreateClientRequest, CreateClusterRequest, CreatedClient, CreatedCluster, Parameters,
    UpdateClusterRequest,
};
use serde_json::json;

const LIVE_CLUSTER: &str = r#"{ "uuid": "1b0d1e0d-aaaa", "name": "test-cluster", "ownerId": "owner-1",
  "created": "2026-01-15T10:00:00.000Z", "autoUpdate": true,
  "channel": {"uuid": "ch-1", "name": "Stable"},
  "generation": {"uuid": "gen-1", "name": "8.6.0"},
  "region": {"uuid": "reg-1", "name": "Europe West 1"},
  "planType": {"uuid": "plan-1", "name": "Professional"},
  "links": {"zeebe": "z:443", "operate": "https://o", "tasklist": "https://t",
            "optimize": "https://op", "connectors": "https://c", "console": "https://con", "brandNew": "x"},
  "status": {"ready": "Healthy", "zeebeStatus": "Healthy", "operateStatus": "Healthy",
             "tasklistStatus": "Healthy", "optimizeStatus": "Healthy", "connectorsStatus": "Healthy",
             "futureStatus": "Healthy"},
  "encryption": {"type": "Software", "status": "Ready"},
  "k8sContext": {"uuid": "k", "name": "n"}, "ipallowlist": [], "labels": ["a"] }"#;

#[test]
fn a_live_cluster_payload_decodes_ignoring_unknown_fields() {
    let c: Cluster = serde_json::from_str(LIVE_CLUSTER).expect("decode");
    assert_eq!(c.uuid, "1b0d1e0d-aaaa");
    assert_eq!(c.owner_id.as_deref(), Some("owner-1"));
    assert_eq!(c.auto_update, Some(true));
    assert_eq!(c.generation.map(|g| g.name), Some("8.6.0".into()));
    assert_eq!(c.plan_type.map(|p| p.uuid), Some("plan-1".into()));
    assert_eq!(c.links.console.as_deref(), Some("https://con"));
    assert_eq!(c.status.ready, ClusterState::Healthy);
    assert_eq!(c.status.connectors_status, Some(ClusterState::Healthy));
    assert_eq!(c.labels, ["a"]);
    assert_eq!(c.stage_label, None);
}

#[test]
fn all_six_states_are_known_and_others_kept_as_text() {
    for (wire, state) in [
        ("Creating", ClusterState::Creating),
        ("Healthy", ClusterState::Healthy),
        ("Unhealthy", ClusterState::Unhealthy),
        ("Updating", ClusterState::Updating),
        ("Resuming", ClusterState::Resuming),
        ("Suspended", ClusterState::Suspended),
        ("Maintenance", ClusterState::Other("Maintenance".into())),
        ("healthy", ClusterState::Other("healthy".into())),
    ] {
        let decoded: ClusterState = serde_json::from_value(json!(wire)).expect("decode");
        assert_eq!(decoded, state);
        assert_eq!(decoded.to_string(), wire);
        assert_eq!(serde_json::to_value(&decoded).expect("encode"), json!(wire));
    }
    assert!(ClusterState::Creating.is_transitional() && !ClusterState::Suspended.is_transitional());
}

/// The edges of the open enums' wire form: `null`, texts that look like a variant, and
/// values that are not text at all.
#[test]
fn open_enums_take_text_only_and_match_it_exactly() {
    // A bare `null` state is the default; a `null` permission is an error.
    let null: ClusterState = serde_json::from_value(json!(null)).expect("null state");
    assert_eq!(null, ClusterState::Other("Unknown".into()));
    assert_eq!(null, ClusterState::default());
    assert!(serde_json::from_value::<ClientPermission>(json!(null)).is_err());

    // Text is kept as sent, even when it names a variant of the Rust type.
    for wire in ["Other", "Unknown", "", " Healthy", "HEALTHY"] {
        let s: ClusterState = serde_json::from_value(json!(wire)).expect("state");
        assert_eq!(s, ClusterState::Other(wire.into()));
        assert_eq!(serde_json::to_value(&s).expect("encode"), json!(wire));
    }
    // `Other` holding a known value's text is written as that text (and so reads back known).
    let spelled_out = ClusterState::Other("Healthy".into());
    assert_eq!(
        serde_json::to_value(&spelled_out).expect("encode"),
        json!("Healthy")
    );
    let spelled_out = ClientPermission::Other("Zeebe".into());
    assert_eq!(
        serde_json::to_value(&spelled_out).expect("encode"),
        json!("Zeebe")
    );

    // Anything but text is rejected, with serde's own "expected a string" message; the
    // externally tagged form of a variant (`{"Healthy": null}`) is not text either.
    for not_text in [
        json!(5),
        json!(true),
        json!(["Healthy"]),
        json!({"Healthy": null}),
    ] {
        let e = serde_json::from_value::<ClusterState>(not_text.clone()).expect_err("state");
        assert!(e.to_string().contains("expected a string"), "{e}");
        let e = serde_json::from_value::<ClientPermission>(not_text).expect_err("permission");
        assert!(e.to_string().contains("expected a string"), "{e}");
    }
}

#[test]
fn every_permission_round_trips_and_others_are_kept_as_text() {
    for (wire, permission) in [
        ("Zeebe", ClientPermission::Zeebe),
        ("Operate", ClientPermission::Operate),
        ("Tasklist", ClientPermission::Tasklist),
        ("Optimize", ClientPermission::Optimize),
        ("Secrets", ClientPermission::Secrets),
        ("Identity", ClientPermission::Other("Identity".into())),
        ("Other", ClientPermission::Other("Other".into())),
        ("zeebe", ClientPermission::Other("zeebe".into())),
        ("SECRETS", ClientPermission::Other("SECRETS".into())),
    ] {
        let decoded: ClientPermission = serde_json::from_value(json!(wire)).expect("decode");
        assert_eq!(decoded, permission);
        assert_eq!(decoded.as_str(), wire);
        assert_eq!(decoded.to_string(), wire);
        assert_eq!(ClientPermission::from(wire), permission);
        assert_eq!(serde_json::to_value(&decoded).expect("encode"), json!(wire));
    }
}

#[test]
fn a_minimal_cluster_with_nulls_decodes() {
    let c: Cluster = serde_json::from_value(json!({
        "uuid": "u", "name": null, "links": null, "status": {"ready": null, "zeebeStatus": "WaitingForInput"},
        "channel": null, "labels": null, "stageLabel": "qa"
    }))
    .expect("decode");
    assert_eq!(c.name, "");
    assert_eq!(c.links, Default::default());
    assert_eq!(c.status.ready, ClusterState::Other("Unknown".into()));
    assert_eq!(
        c.status.zeebe_status,
        Some(ClusterState::Other("WaitingForInput".into()))
    );
    assert_eq!(c.stage_label.as_deref(), Some("qa"));
    let c: Cluster = serde_json::from_value(json!({"uuid": "u"})).expect("no status at all");
    assert_eq!(c.status.ready.as_str(), "Unknown");
    assert!(serde_json::from_value::<Cluster>(json!({"name": "no id"})).is_err());
}

#[test]
fn parameters_with_extra_fields_decode() {
    let p: Parameters = serde_json::from_value(json!({
        "channels": [{"uuid": "c1", "name": "Stable", "defaultGeneration": {"uuid": "g2", "name": "8.7"},
                      "allowedGenerations": [{"uuid": "g1", "name": "8.6"}, {"uuid": "g2", "name": "8.7"}], "x": 1}],
        "clusterPlanTypes": [{"uuid": "p", "name": "Basic", "free": true}],
        "regions": [{"uuid": "r", "name": "Belgium", "provider": "gcp",
                     "backups": [{"uuid": "b", "regions": [{"id": "i", "label": "l"}]}]},
                    {"uuid": "r2", "name": "Nowhere"}],
        "somethingNew": {}
    }))
    .expect("decode");
    assert_eq!(
        p.channels[0]
            .default_generation
            .as_ref()
            .map(|g| g.uuid.as_str()),
        Some("g2")
    );
    assert_eq!(p.channels[0].allowed_generations.len(), 2);
    assert_eq!(p.cluster_plan_types[0].name, "Basic");
    assert_eq!(p.regions[0].provider.as_deref(), Some("gcp"));
    assert_eq!(p.regions[1].provider, None);
    let empty: Parameters = serde_json::from_value(json!({})).expect("empty");
    assert!(empty.channels.is_empty());
}

#[test]
fn clients_and_permissions() {
    let c: ClusterClient = serde_json::from_value(json!({
        "name": "w", "clientId": "id", "permissions": ["Zeebe", "Operate", "Tasklist", "Optimize", "Secrets", "Identity"],
        "uuid": "extra", "createdAt": "2026-01-01T00:00:00Z"
    }))
    .expect("decode");
    assert_eq!(
        c.permissions,
        [
            ClientPermission::Zeebe,
            ClientPermission::Operate,
            ClientPermission::Tasklist,
            ClientPermission::Optimize,
            ClientPermission::Secrets,
            ClientPermission::Other("Identity".into())
        ]
    );
    assert_eq!(c.permissions[5].to_string(), "Identity");

    let created: CreatedClient = serde_json::from_value(json!({
        "uuid": "b80e", "name": "worker-1", "clientId": "RpH9~", "clientSecret": "OsutXDCP-secret",
        "permissions": ["Zeebe"], "audience": "zeebe.camunda.io",
        "links": {"zeebe": "z", "oauth": "https://login"}, "clusterId": "extra"
    }))
    .expect("decode");
    assert_eq!(created.client_secret.expose(), "OsutXDCP-secret");
    assert_eq!(created.links.oauth.as_deref(), Some("https://login"));
    assert!(!format!("{created:?}").contains("OsutXDCP"));

    let d: ClientConnectionDetails = serde_json::from_value(json!({
        "name": "w", "ZEEBE_ADDRESS": "a:443", "ZEEBE_CLIENT_ID": "id",
        "ZEEBE_AUTHORIZATION_SERVER_URL": "https://login", "ZEEBE_TOKEN_AUDIENCE": "extra"
    }))
    .expect("decode");
    assert_eq!(d.zeebe_address, "a:443");
    assert_eq!(d.zeebe_authorization_server_url, "https://login");
}

#[test]
fn request_bodies_have_the_wire_shape() {
    let all = CreateClientRequest {
        client_name: "w".into(),
        permissions: None,
    };
    assert_eq!(
        serde_json::to_value(&all).expect("encode"),
        json!({"clientName": "w"})
    );
    let all = CreateClientRequest {
        client_name: "w".into(),
        permissions: Some(vec![]),
    };
    assert_eq!(
        serde_json::to_value(&all).expect("encode"),
        json!({"clientName": "w"})
    );
    let some = CreateClientRequest {
        client_name: "w".into(),
        permissions: Some(vec![
            ClientPermission::Zeebe,
            ClientPermission::Other("Custom".into()),
        ]),
    };
    assert_eq!(
        serde_json::to_value(&some).expect("encode"),
        json!({"clientName": "w", "permissions": ["Zeebe", "Custom"]})
    );

    let req = CreateClusterRequest {
        name: "n".into(),
        plan_type_id: "p".into(),
        channel_id: "c".into(),
        generation_id: "g".into(),
        region_id: "r".into(),
        stage_label: Some("dev".into()),
        description: None,
        auto_update: Some(false),
        backup_region_id: None,
        encryption: None,
    };
    assert_eq!(
        serde_json::to_value(&req).expect("encode"),
        json!({"name": "n", "planTypeId": "p", "channelId": "c", "generationId": "g", "regionId": "r",
               "stageLabel": "dev", "autoUpdate": false})
    );
    let upd = UpdateClusterRequest {
        name: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&upd).expect("encode"),
        json!({"name": "x"})
    );
    let created: CreatedCluster =
        serde_json::from_value(json!({"clusterId": "u", "clusterName": "n"})).expect("decode");
    assert_eq!(created.cluster_id, "u");
}
