//! `console_api` models → UI views.

use console_api::{ClientPermission, Cluster, ClusterState as ApiState, Parameters};

use crate::dto::{
    ApiPermission, BackupRegionOption, ChannelOption, ClusterLinks, ClusterParameters,
    ClusterState, ClusterSummary, ClusterView, ComponentStatus, EncryptionView, IpAllowlistEntry,
    Named, RegionOption,
};
use crate::error::{AppError, AppResult};

/// A 403's permission, as the app records it and the UI sees it.
impl From<console_api::Permission> for ApiPermission {
    fn from(p: console_api::Permission) -> Self {
        use console_api::Permission as P;
        match p {
            P::GetClusters => ApiPermission::GetClusters,
            P::CreateClusters => ApiPermission::CreateClusters,
            P::DeleteClusters => ApiPermission::DeleteClusters,
            P::GetClients => ApiPermission::GetClients,
            P::CreateClients => ApiPermission::CreateClients,
            P::DeleteClients => ApiPermission::DeleteClients,
            P::IpAllowlist => ApiPermission::IpAllowlist,
            P::ConnectorSecrets => ApiPermission::ConnectorSecrets,
            P::Backups => ApiPermission::Backups,
            P::Members => ApiPermission::Members,
            P::WebModelerApi => ApiPermission::WebModelerApi,
        }
    }
}

impl From<ApiPermission> for console_api::Permission {
    fn from(p: ApiPermission) -> Self {
        use console_api::Permission as P;
        match p {
            ApiPermission::GetClusters => P::GetClusters,
            ApiPermission::CreateClusters => P::CreateClusters,
            ApiPermission::DeleteClusters => P::DeleteClusters,
            ApiPermission::GetClients => P::GetClients,
            ApiPermission::CreateClients => P::CreateClients,
            ApiPermission::DeleteClients => P::DeleteClients,
            ApiPermission::IpAllowlist => P::IpAllowlist,
            ApiPermission::ConnectorSecrets => P::ConnectorSecrets,
            ApiPermission::Backups => P::Backups,
            ApiPermission::Members => P::Members,
            ApiPermission::WebModelerApi => P::WebModelerApi,
        }
    }
}

fn named(n: &console_api::Named) -> Named {
    Named {
        id: n.uuid.clone(),
        name: n.name.clone(),
    }
}

fn state_text(s: &ApiState) -> String {
    s.to_string()
}

/// The cluster's overall state and the state of each component it reports.
fn states(c: &Cluster) -> (ClusterState, Vec<ComponentStatus>) {
    let st = &c.status;
    let components = [
        ("Zeebe", &st.zeebe_status),
        ("Operate", &st.operate_status),
        ("Tasklist", &st.tasklist_status),
        ("Optimize", &st.optimize_status),
        ("Connectors", &st.connectors_status),
    ]
    .into_iter()
    .filter_map(|(component, s)| {
        s.as_ref().map(|s| ComponentStatus {
            component: component.to_string(),
            status: state_text(s),
        })
    })
    .collect();
    (ClusterState(state_text(&st.ready)), components)
}

/// What the clusters table shows of a cluster.
pub fn cluster_summary(c: &Cluster) -> ClusterSummary {
    let (state, components) = states(c);
    ClusterSummary {
        id: c.uuid.clone(),
        name: c.name.clone(),
        state,
        components,
        generation: c.generation.as_ref().map(|n| n.name.clone()),
        channel: c.channel.as_ref().map(|n| n.name.clone()),
        region: c.region.as_ref().map(|n| n.name.clone()),
        plan_type: c.plan_type.as_ref().map(|n| n.name.clone()),
        created: c.created.clone().filter(|s| !s.is_empty()),
        stage_label: c.stage_label.clone(),
    }
}

/// Everything the detail shows of a cluster.
pub fn cluster_view(c: &Cluster) -> ClusterView {
    ClusterView {
        summary: cluster_summary(c),
        description: c.description.clone(),
        auto_update: c.auto_update,
        links: ClusterLinks {
            zeebe: c.links.zeebe.clone(),
            operate: c.links.operate.clone(),
            tasklist: c.links.tasklist.clone(),
            optimize: c.links.optimize.clone(),
            connectors: c.links.connectors.clone(),
            console: c.links.console.clone(),
        },
        ip_allowlist: c
            .ip_allowlist()
            .iter()
            .map(|e| IpAllowlistEntry {
                ip: e.ip.clone(),
                description: e.description.clone(),
            })
            .collect(),
        encryption: c.encryption.as_ref().map(|e| EncryptionView {
            kind: e.kind.clone(),
            status: e.status.clone(),
            primary_key_arn: e.primary_key_arn.clone(),
            secondary_key_arn: e.secondary_key_arn.clone(),
        }),
        hardware_packages: c.hardware_packages,
    }
}

pub fn parameters_view(p: &Parameters) -> ClusterParameters {
    ClusterParameters {
        channels: p
            .channels
            .iter()
            .map(|c| ChannelOption {
                id: c.uuid.clone(),
                name: c.name.clone(),
                default_generation: c.default_generation.as_ref().map(named),
                allowed_generations: c.allowed_generations.iter().map(named).collect(),
            })
            .collect(),
        plan_types: p.cluster_plan_types.iter().map(named).collect(),
        regions: p
            .regions
            .iter()
            .map(|r| RegionOption {
                id: r.uuid.clone(),
                name: r.name.clone(),
                provider: r.provider.clone(),
                backup_regions: r
                    .backups
                    .iter()
                    .flat_map(|b| &b.regions)
                    .map(|b| BackupRegionOption {
                        id: b.id.clone(),
                        label: b.label.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn client_permission(p: &ClientPermission) -> String {
    match p {
        ClientPermission::Zeebe => "Zeebe".into(),
        ClientPermission::Operate => "Operate".into(),
        ClientPermission::Tasklist => "Tasklist".into(),
        ClientPermission::Optimize => "Optimize".into(),
        ClientPermission::Secrets => "Secrets".into(),
        ClientPermission::Other(s) => s.clone(),
    }
}

pub fn parse_client_permission(p: &str) -> AppResult<ClientPermission> {
    match p.trim().to_ascii_lowercase().as_str() {
        "zeebe" => Ok(ClientPermission::Zeebe),
        "operate" => Ok(ClientPermission::Operate),
        "tasklist" => Ok(ClientPermission::Tasklist),
        "optimize" => Ok(ClientPermission::Optimize),
        "secrets" => Ok(ClientPermission::Secrets),
        _ => Err(AppError::invalid_input(format!(
            "Unknown client permission \u{201c}{}\u{201d} (expected Zeebe, Operate, Tasklist, Optimize or Secrets).",
            p.chars().take(40).collect::<String>()
        ))),
    }
}

/// `<clusterId>.<region>.zeebe.camunda.io:443` → `<region>`.
pub fn region_from_address(address: &str, cluster_id: &str) -> Option<String> {
    let rest = address.strip_prefix(cluster_id)?.strip_prefix('.')?;
    let region = rest.split('.').next()?;
    (!region.is_empty() && !region.contains(':')).then(|| region.to_string())
}

/// Now as RFC 3339 UTC, whole seconds, e.g. `2026-11-27T10:42:00Z`.
/// Milliseconds since the epoch as RFC 3339, UTC; `None` when out of range.
pub fn rfc3339_of_millis(ms: u64) -> Option<String> {
    let nanos = i128::from(ms).checked_mul(1_000_000)?;
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .map(rfc3339)
}

pub fn rfc3339_now() -> String {
    rfc3339(time::OffsetDateTime::now_utc())
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every console-api permission maps to its own `ApiPermission`, with the JSON name the
    /// UI and the settings file know.
    #[test]
    fn permissions_keep_their_json_names() {
        let names: Vec<serde_json::Value> = console_api::Permission::ALL
            .into_iter()
            .map(|p| serde_json::to_value(ApiPermission::from(p)).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "get_clusters",
                "create_clusters",
                "delete_clusters",
                "get_clients",
                "create_clients",
                "delete_clients",
                "ip_allowlist",
                "connector_secrets",
                "backups",
                "members",
                "web_modeler_api",
            ]
        );
    }

    #[test]
    fn rfc3339_known_dates() {
        let at = |secs: i64| rfc3339(time::OffsetDateTime::from_unix_timestamp(secs).unwrap());
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_795_775_400), "2026-11-27T10:30:00Z");
        let now = rfc3339_now();
        assert!(
            now.ends_with('Z') && !now.contains('.') && now.len() == 20,
            "{now}"
        );
    }

    #[test]
    fn region_parsing() {
        assert_eq!(
            region_from_address("c-1.bru-2.zeebe.camunda.io:443", "c-1").as_deref(),
            Some("bru-2")
        );
        assert_eq!(region_from_address("other:443", "c-1"), None);
    }

    #[test]
    fn permissions() {
        assert_eq!(
            client_permission(&parse_client_permission(" operate ").unwrap()),
            "Operate"
        );
        assert!(parse_client_permission("root").is_err());
    }
}
