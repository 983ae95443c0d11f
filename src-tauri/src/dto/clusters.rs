use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A cluster's overall state: the known values, or whatever new text the API sends.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
pub struct ClusterState(
    #[ts(
        type = "\"Creating\" | \"Healthy\" | \"Unhealthy\" | \"Updating\" | \"Resuming\" | \"Suspended\" | string"
    )]
    pub String,
);

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComponentStatus {
    /// "Zeebe", "Operate", "Tasklist", "Optimize", "Connectors".
    pub component: String,
    pub status: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClusterLinks {
    pub zeebe: Option<String>,
    pub operate: Option<String>,
    pub tasklist: Option<String>,
    pub optimize: Option<String>,
    pub connectors: Option<String>,
    pub console: Option<String>,
}

/// Everything the detail shows of a cluster: its [`ClusterSummary`] plus description and links
/// (one flat JSON object).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClusterView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: ClusterSummary,
    pub description: Option<String>,
    pub links: ClusterLinks,
}

/// A cluster as the list shows it: [`ClusterView`] without the description and the links
/// (the detail fetches those). Half the bytes per cluster through the IPC: a list of 2,000
/// clusters is what the table waits for.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSummary {
    pub id: String,
    pub name: String,
    pub state: ClusterState,
    pub components: Vec<ComponentStatus>,
    pub generation: Option<String>,
    pub channel: Option<String>,
    pub region: Option<String>,
    pub plan_type: Option<String>,
    pub created: Option<String>,
    pub stage_label: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClusterList {
    pub organization_id: String,
    pub clusters: Vec<ClusterSummary>,
    /// RFC 3339, UTC.
    pub fetched_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChannelOption {
    pub id: String,
    pub name: String,
    pub default_generation: Option<Named>,
    pub allowed_generations: Vec<Named>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegionOption {
    pub id: String,
    pub name: String,
    pub provider: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClusterParameters {
    pub channels: Vec<ChannelOption>,
    pub plan_types: Vec<Named>,
    pub regions: Vec<RegionOption>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreateClusterInput {
    pub name: String,
    pub channel_id: String,
    pub generation_id: String,
    pub region_id: String,
    pub plan_type_id: String,
    pub stage_label: Option<String>,
}
