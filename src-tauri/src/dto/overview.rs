use serde::{Deserialize, Serialize};
use specta::Type;

use super::{ClusterFailure, ClusterSummary, OrgClient, OrgColor};
use crate::error::AppError;

/// One organization's part of the overview: its clusters, or why they could not be listed.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct OrgClusters {
    pub organization_id: String,
    pub organization_name: String,
    pub color: OrgColor,
    pub production: bool,
    pub clusters: Vec<ClusterSummary>,
    /// Set when this organization could not be listed (offline, 401, 403, …); its clusters are
    /// then empty — or its last-known ones, see `kept_at` — and the other organizations are
    /// unaffected.
    pub error: Option<AppError>,
    /// RFC 3339, UTC: set when `clusters` are the organization's last-known ones (kept on disk
    /// from a fetch at that time), not a fresh answer.
    pub kept_at: Option<String>,
}

/// Every cluster of every organization (`list_all_organizations_clusters`), each organization
/// listed with its own credentials, in the organizations' order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub organizations: Vec<OrgClusters>,
    /// RFC 3339, UTC: when the lists were asked for.
    pub fetched_at: String,
}

/// One organization's part of the clients overview: every client of its clusters, the clusters
/// whose clients could not be listed, or why the organization itself could not be.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct OrgClients {
    pub organization_id: String,
    pub organization_name: String,
    pub color: OrgColor,
    pub production: bool,
    /// Clusters asked.
    pub cluster_count: u32,
    pub clients: Vec<OrgClient>,
    pub failed: Vec<ClusterFailure>,
    /// Set when the organization's clusters could not be listed; `clients` is then empty — or
    /// its last-known ones, see `kept_at`.
    pub error: Option<AppError>,
    /// RFC 3339, UTC: set when `clients` are the organization's last-known ones (kept on disk from
    /// a fetch at that time), not a fresh answer.
    pub kept_at: Option<String>,
}

/// Every API client of every organization (`list_all_organizations_clients`), in the
/// organizations' order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct OverviewClients {
    pub organizations: Vec<OrgClients>,
    /// RFC 3339, UTC: when the lists were asked for.
    pub fetched_at: String,
}
