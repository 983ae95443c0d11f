//! The operations of the fault matrix: the command each one is, the route it reaches, and
//! the ids it works on.

use serde_json::{json, Value};

use crate::tests::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
    ListClusters,
    GetCluster,
    Parameters,
    CreateCluster,
    DeleteCluster,
    Wake,
    ListClients,
    ClientDetails,
    CreateClient,
    DeleteClient,
    Upgrade,
    SetIpAllowlist,
    ListSecrets,
    CreateSecret,
    ListBackups,
    GetMonitoring,
    UpdateCluster,
    RotateMonitoring,
    SetEncryption,
}

pub(super) const OPS: [Op; 19] = [
    Op::ListClusters,
    Op::GetCluster,
    Op::Parameters,
    Op::CreateCluster,
    Op::DeleteCluster,
    Op::Wake,
    Op::ListClients,
    Op::ClientDetails,
    Op::CreateClient,
    Op::DeleteClient,
    Op::Upgrade,
    Op::SetIpAllowlist,
    Op::ListSecrets,
    Op::CreateSecret,
    Op::ListBackups,
    Op::GetMonitoring,
    Op::UpdateCluster,
    Op::RotateMonitoring,
    Op::SetEncryption,
];

impl Op {
    /// The sandbox route pattern the fault is put on.
    pub(super) fn route(self) -> &'static str {
        match self {
            Op::ListClusters => "GET /clusters",
            Op::GetCluster => "GET /clusters/*",
            Op::Parameters => "GET /clusters/parameters",
            Op::CreateCluster => "POST /clusters",
            Op::DeleteCluster => "DELETE /clusters/*",
            Op::Wake => "PUT /clusters/*/wake",
            Op::ListClients => "GET /clusters/*/clients",
            Op::ClientDetails => "GET /clusters/*/clients/*",
            Op::CreateClient => "POST /clusters/*/clients",
            Op::DeleteClient => "DELETE /clusters/*/clients/*",
            Op::Upgrade => "PUT /clusters/*/upgrade",
            Op::SetIpAllowlist => "PUT /clusters/*/ipallowlist",
            Op::ListSecrets => "GET /clusters/*/secrets",
            Op::CreateSecret => "POST /clusters/*/secrets",
            Op::ListBackups => "GET /clusters/*/backups",
            Op::GetMonitoring => "GET /clusters/*/monitoring/clients",
            Op::UpdateCluster => "PATCH /clusters/*",
            Op::RotateMonitoring => "POST /clusters/*/monitoring/clients/*/rotate",
            Op::SetEncryption => "PUT /clusters/*/encryption",
        }
    }

    /// The sandbox's counter for that route.
    pub(super) fn counter(self) -> &'static str {
        match self {
            Op::ListClusters => "GET /clusters",
            Op::GetCluster => "GET /clusters/{id}",
            Op::Parameters => "GET /clusters/parameters",
            Op::CreateCluster => "POST /clusters",
            Op::DeleteCluster => "DELETE /clusters/{id}",
            Op::Wake => "PUT /clusters/{id}/wake",
            Op::ListClients => "GET /clusters/{id}/clients",
            Op::ClientDetails => "GET /clusters/{id}/clients/{clientId}",
            Op::CreateClient => "POST /clusters/{id}/clients",
            Op::DeleteClient => "DELETE /clusters/{id}/clients/{clientId}",
            Op::Upgrade => "PUT /clusters/{id}/upgrade",
            Op::SetIpAllowlist => "PUT /clusters/{id}/ipallowlist",
            Op::ListSecrets => "GET /clusters/{id}/secrets",
            Op::CreateSecret => "POST /clusters/{id}/secrets",
            Op::ListBackups => "GET /clusters/{id}/backups",
            Op::GetMonitoring => "GET /clusters/{id}/monitoring/clients",
            Op::UpdateCluster => "PATCH /clusters/{id}",
            Op::RotateMonitoring => "POST /clusters/{id}/monitoring/clients/{clientUuid}/rotate",
            Op::SetEncryption => "PUT /clusters/{id}/encryption",
        }
    }

    /// Not a GET: may change something, so never repeated by the client.
    pub(super) fn changes(self) -> bool {
        matches!(
            self,
            Op::CreateCluster
                | Op::DeleteCluster
                | Op::Wake
                | Op::CreateClient
                | Op::DeleteClient
                | Op::Upgrade
                | Op::SetIpAllowlist
                | Op::CreateSecret
                | Op::UpdateCluster
                | Op::RotateMonitoring
                | Op::SetEncryption
        )
    }

    /// The permission a 403 names (console-api's labels, shown by the UI).
    pub(super) fn permission(self) -> &'static str {
        match self {
            Op::ListClusters | Op::GetCluster | Op::Parameters => "get_clusters",
            Op::CreateCluster | Op::Wake | Op::Upgrade => "create_clusters",
            Op::SetIpAllowlist => "ip_allowlist",
            Op::ListSecrets | Op::CreateSecret => "connector_secrets",
            Op::ListBackups => "backups",
            Op::GetMonitoring => "get_clusters",
            Op::UpdateCluster | Op::RotateMonitoring | Op::SetEncryption => "create_clusters",
            Op::DeleteCluster => "delete_clusters",
            Op::ListClients | Op::ClientDetails => "get_clients",
            Op::CreateClient => "create_clients",
            Op::DeleteClient => "delete_clients",
        }
    }

    pub(super) fn invocation(self, ctx: &Ctx) -> (&'static str, Value) {
        match self {
            Op::ListClusters => ("list_clusters", json!({})),
            Op::GetCluster => ("get_cluster", json!({ "clusterId": ctx.healthy })),
            Op::Parameters => ("cluster_parameters", json!({})),
            Op::CreateCluster => (
                "create_cluster",
                json!({ "input": create_input(&ctx.params, NEW_CLUSTER) }),
            ),
            Op::DeleteCluster => ("delete_cluster", json!({ "clusterId": ctx.doomed })),
            Op::Wake => ("wake_cluster", json!({ "clusterId": ctx.suspended })),
            Op::ListClients => ("list_clients", json!({ "clusterId": ctx.healthy })),
            Op::ClientDetails => (
                "get_client",
                json!({ "clusterId": ctx.healthy, "clientId": ctx.client }),
            ),
            Op::CreateClient => (
                "create_client",
                json!({ "clusterId": ctx.healthy, "input": { "name": "fm-client", "permissions": [] } }),
            ),
            Op::DeleteClient => (
                "delete_client",
                json!({ "clusterId": ctx.healthy, "clientId": ctx.client }),
            ),
            // payments-staging runs an older generation of its channel.
            Op::Upgrade => ("upgrade_cluster", json!({ "clusterId": ctx.doomed })),
            Op::SetIpAllowlist => (
                "set_ip_allowlist",
                json!({ "clusterId": ctx.healthy, "entries": [{ "ip": "203.0.113.0/24", "description": "fm" }] }),
            ),
            Op::ListSecrets => (
                "list_connector_secrets",
                json!({ "clusterId": ctx.healthy }),
            ),
            Op::CreateSecret => (
                "create_connector_secret",
                json!({ "clusterId": ctx.healthy, "name": "FM_SECRET", "value": "fm-value" }),
            ),
            Op::ListBackups => ("list_backups", json!({ "clusterId": ctx.healthy })),
            Op::GetMonitoring => ("get_monitoring", json!({ "clusterId": ctx.healthy })),
            Op::UpdateCluster => (
                "update_cluster",
                json!({ "clusterId": ctx.healthy, "input": { "name": null, "description": "fault matrix", "stageLabel": null } }),
            ),
            Op::RotateMonitoring => (
                "rotate_monitoring_password",
                json!({ "clusterId": ctx.healthy, "clientId": ctx.monitoring_client }),
            ),
            Op::SetEncryption => (
                "set_encryption_keys",
                json!({ "clusterId": ctx.byok, "primaryKeyArn": BYOK_KEY, "secondaryKeyArn": null }),
            ),
        }
    }
}

pub(super) const NEW_CLUSTER: &str = "fault-matrix-new";

/// A key in the BYOK cluster's region (fraud-detection, us-east-1).
const BYOK_KEY: &str =
    "arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-12ab-34cd-56ef-1234567890ab";

/// Ids the operations work on (from the Demo seed).
pub(super) struct Ctx {
    pub(super) org: String,
    pub(super) healthy: String,
    pub(super) doomed: String,
    pub(super) suspended: String,
    pub(super) client: String,
    pub(super) params: Value,
    /// A monitoring client of `healthy` (monitoring activated for the matrix).
    pub(super) monitoring_client: String,
    /// The BYOK cluster.
    pub(super) byok: String,
}

pub(super) fn setup(app: &Harness, sandbox: &Sandbox) -> Ctx {
    let org = app.add_active_org("Faulty", sandbox);
    let list: Value = app.ok("list_clusters", json!({}));
    let healthy = cluster_id_named(&list, "orders-prod");
    let clients: Value = app.ok("list_clients", json!({ "clusterId": healthy }));
    let client = clients[0]["clientId"]
        .as_str()
        .expect("orders-prod has clients")
        .to_string();
    let _: Value = app.ok("activate_monitoring", json!({ "clusterId": healthy }));
    let made: Value = app.ok(
        "create_monitoring_client",
        json!({ "clusterId": healthy, "username": "fault-matrix" }),
    );
    let _: Value = app.ok("acknowledge_pending_secret", json!({}));
    Ctx {
        org,
        monitoring_client: made["clientId"]
            .as_str()
            .expect("a monitoring client")
            .to_string(),
        byok: cluster_id_named(&list, "fraud-detection"),
        doomed: cluster_id_named(&list, "payments-staging"),
        suspended: cluster_id_named(&list, "legacy-batch"),
        healthy,
        client,
        params: app.ok("cluster_parameters", json!({})),
    }
}
