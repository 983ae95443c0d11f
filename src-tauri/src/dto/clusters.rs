use serde::{Deserialize, Serialize};
use specta::Type;

/// A cluster's overall state: the known values, or whatever new text the API sends.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
pub struct ClusterState(pub String);

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ComponentStatus {
    /// "Zeebe", "Operate", "Tasklist", "Optimize", "Connectors".
    pub component: String,
    pub status: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, Type)]
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
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClusterView {
    #[serde(flatten)]
    pub summary: ClusterSummary,
    pub description: Option<String>,
    /// Whether Camunda updates the cluster to new patch releases by itself (`null`: not said).
    pub auto_update: Option<bool>,
    pub links: ClusterLinks,
    /// The IP allowlist; empty: every address may connect.
    pub ip_allowlist: Vec<IpAllowlistEntry>,
    /// How its data is encrypted (`null`: the API did not say).
    pub encryption: Option<EncryptionView>,
    /// Hardware packages allocated (`null`: the API did not say).
    pub hardware_packages: Option<u32>,
}

/// A cluster's encryption: the kind chosen at creation and, for customer-managed keys
/// (`External`), the keys and their state.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct EncryptionView {
    /// `Software`, `Hardware`, `Provider`, `External` (or a newer word).
    pub kind: String,
    /// `Ready`, `ExternalEncryptionKeyNotSupplied`, … (`External` only).
    pub status: Option<String>,
    pub primary_key_arn: Option<String>,
    pub secondary_key_arn: Option<String>,
}

/// A cluster's secure connectivity (AWS PrivateLink).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct SecureConnectivityView {
    /// `false` where the Console does not offer it (plan, cloud): `unavailable` says why.
    pub available: bool,
    pub unavailable: Option<String>,
    pub active: bool,
    pub allowed_principals: Vec<String>,
    pub allowed_regions: Vec<String>,
    /// The VPC endpoint service to create an interface endpoint for.
    pub service_name: Option<String>,
    pub private_dns_name: Option<String>,
    pub connection_count: Option<u32>,
    pub conditions: Vec<String>,
}

/// One IP allowlist rule: `ip` holds one or more comma-separated addresses or CIDR ranges.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct IpAllowlistEntry {
    pub ip: String,
    pub description: String,
}

/// One backup of a cluster.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    pub id: String,
    pub name: String,
    /// When it was started (RFC 3339).
    pub created: Option<String>,
    pub completed: Option<String>,
    /// "In progress", "Failed", "Complete", "-" (or new text from the API).
    pub status: String,
    /// Per component (Zeebe, Operate, Tasklist, Optimize), as far as reported.
    pub components: Vec<ComponentStatus>,
    /// The generation the cluster ran when it was taken.
    pub generation: Option<String>,
}

/// A cluster's backups, newest first, and when the next manual one may be made.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupList {
    pub backups: Vec<BackupView>,
    /// The Console allows one manual backup per 15 minutes: when the next one may be made, or
    /// `null` when one may be made now.
    pub next_backup_at: Option<String>,
}

/// A restore of a backup.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct RestoreView {
    pub id: String,
    pub backup_id: String,
    /// PENDING, VALIDATING, IN_PROGRESS, COMPLETED, FAILED, ABORTED (or new text).
    pub state: String,
    pub started: Option<String>,
    pub completed: Option<String>,
    /// No more changes to come (COMPLETED, FAILED or ABORTED).
    pub finished: bool,
}

/// An upgrade of a cluster: from the generation it runs to the latest of its channel.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct UpgradeOffer {
    /// What it runs (`null` when the API does not say).
    pub from: Option<String>,
    /// What it would run (or, after `upgrade_cluster`, is being upgraded to).
    pub to: String,
}

/// What is wrong with an IP allowlist before it is saved (`check_ip_allowlist`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct IpAllowlistCheck {
    /// Per entry, in order: why its addresses cannot be sent, or `null` when they can.
    pub problems: Vec<Option<String>>,
    /// The required ranges (Web Modeler's) no entry lets through; empty for an empty list,
    /// which lets every address through.
    pub missing_ranges: Vec<String>,
}

/// The addresses Camunda's services connect from (`GET /meta/ip-ranges`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct IpRanges {
    /// Web Modeler deploys from these: an allowlist without them blocks deploying from it.
    pub web_modeler: Vec<String>,
}

/// A cluster as the list shows it: [`ClusterView`] without the description and the links
/// (the detail fetches those). Half the bytes per cluster through the IPC: a list of 2,000
/// clusters is what the table waits for.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
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

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClusterList {
    pub organization_id: String,
    pub clusters: Vec<ClusterSummary>,
    /// RFC 3339, UTC.
    pub fetched_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChannelOption {
    pub id: String,
    pub name: String,
    pub default_generation: Option<Named>,
    pub allowed_generations: Vec<Named>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct RegionOption {
    pub id: String,
    pub name: String,
    pub provider: Option<String>,
    /// Where the cluster's backups may be kept instead of the default (Enterprise); empty: no
    /// choice offered.
    pub backup_regions: Vec<BackupRegionOption>,
}

/// A backup region a region offers (`backupRegionId` takes its `id`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupRegionOption {
    pub id: String,
    pub label: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClusterParameters {
    pub channels: Vec<ChannelOption>,
    pub plan_types: Vec<Named>,
    pub regions: Vec<RegionOption>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct CreateClusterInput {
    pub name: String,
    pub channel_id: String,
    pub generation_id: String,
    pub region_id: String,
    pub plan_type_id: String,
    pub stage_label: Option<String>,
    /// At most 150 characters; empty or `null` = none.
    #[serde(default)]
    pub description: Option<String>,
    /// Let Camunda update the cluster to new patch releases of its generation; `null` = the
    /// Console's default.
    #[serde(default)]
    pub auto_update: Option<bool>,
    /// Where backups are kept: one of the region's `backupRegions` (Enterprise); `null` or
    /// empty: the Console's default.
    #[serde(default)]
    pub backup_region_id: Option<String>,
    /// Encrypt with the customer's own AWS KMS keys (Enterprise, AWS regions), set in the
    /// cluster's Settings afterwards; `false`: Camunda's keys.
    #[serde(default)]
    pub customer_managed_keys: bool,
}

/// The Console's stage labels.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "lowercase")]
pub enum StageLabel {
    Dev,
    Test,
    Stage,
    Prod,
}

impl StageLabel {
    /// As the API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dev => "dev",
            Self::Test => "test",
            Self::Stage => "stage",
            Self::Prod => "prod",
        }
    }
}

/// An edit of a cluster (`update_cluster`): each field `null` = unchanged.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdateClusterInput {
    pub name: Option<String>,
    /// At most 150 characters; `""` clears it.
    pub description: Option<String>,
    pub stage_label: Option<StageLabel>,
    /// Hardware packages (Advanced plans only; at least 1).
    #[serde(default)]
    pub hardware_packages: Option<u32>,
}
