//! Typed request and response bodies of the Console API.
//!
//! Decoding is tolerant, as the API adds fields without changing its version: unknown
//! fields are ignored, unknown enum values are kept as text ([`ClusterState::Other`],
//! [`ClientPermission::Other`]), optional and nullable fields are `Option` or default to
//! empty.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::Secret;

/// Decodes `null` like a missing field (the type's default).
fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A named reference: channel, generation, region, plan type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// The id to use in requests.
    pub uuid: String,
    /// Display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
}

/// A cluster's (or one component's) state. Values the crate does not know are kept as text.
///
/// On the wire it is the text of [`ClusterState::as_str`]; matching is exact
/// (case-sensitive), and `null` decodes as [`ClusterState::default`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "Option<String>", into = "String")]
pub enum ClusterState {
    /// Being created.
    Creating,
    /// Running and healthy.
    Healthy,
    /// Running but unhealthy.
    Unhealthy,
    /// Being updated.
    Updating,
    /// Waking up from `Suspended`.
    Resuming,
    /// Suspended (e.g. an idle trial cluster); wake it with `Client::wake_cluster`.
    Suspended,
    /// Any other value, as sent by the server.
    Other(String),
}

impl ClusterState {
    /// The wire text.
    pub fn as_str(&self) -> &str {
        match self {
            ClusterState::Creating => "Creating",
            ClusterState::Healthy => "Healthy",
            ClusterState::Unhealthy => "Unhealthy",
            ClusterState::Updating => "Updating",
            ClusterState::Resuming => "Resuming",
            ClusterState::Suspended => "Suspended",
            ClusterState::Other(s) => s,
        }
    }

    /// `true` while the state is expected to change on its own (Creating, Updating, Resuming).
    pub fn is_transitional(&self) -> bool {
        matches!(
            self,
            ClusterState::Creating | ClusterState::Updating | ClusterState::Resuming
        )
    }
}

impl From<&str> for ClusterState {
    fn from(s: &str) -> Self {
        match s {
            "Creating" => ClusterState::Creating,
            "Healthy" => ClusterState::Healthy,
            "Unhealthy" => ClusterState::Unhealthy,
            "Updating" => ClusterState::Updating,
            "Resuming" => ClusterState::Resuming,
            "Suspended" => ClusterState::Suspended,
            other => ClusterState::Other(other.to_owned()),
        }
    }
}

impl Default for ClusterState {
    /// `Other("Unknown")`: what a missing or `null` state decodes to.
    fn default() -> Self {
        ClusterState::Other("Unknown".to_owned())
    }
}

impl fmt::Display for ClusterState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Option<String>> for ClusterState {
    /// `None` (a `null` on the wire) is the default, `Other("Unknown")`.
    fn from(s: Option<String>) -> Self {
        s.map_or_else(ClusterState::default, |s| ClusterState::from(s.as_str()))
    }
}

impl From<ClusterState> for String {
    fn from(s: ClusterState) -> Self {
        match s {
            ClusterState::Other(s) => s,
            known => known.as_str().to_owned(),
        }
    }
}

/// A permission of a cluster client. Values the crate does not know are kept as text.
///
/// On the wire it is the text of [`ClientPermission::as_str`]; matching is exact
/// (case-sensitive), and `null` is rejected.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum ClientPermission {
    /// Zeebe (the workflow engine).
    Zeebe,
    /// Operate.
    Operate,
    /// Tasklist.
    Tasklist,
    /// Optimize.
    Optimize,
    /// Connector secrets.
    Secrets,
    /// Any other value, as sent by the server.
    Other(String),
}

impl ClientPermission {
    /// The wire text.
    pub fn as_str(&self) -> &str {
        match self {
            ClientPermission::Zeebe => "Zeebe",
            ClientPermission::Operate => "Operate",
            ClientPermission::Tasklist => "Tasklist",
            ClientPermission::Optimize => "Optimize",
            ClientPermission::Secrets => "Secrets",
            ClientPermission::Other(s) => s,
        }
    }
}

impl From<&str> for ClientPermission {
    fn from(s: &str) -> Self {
        match s {
            "Zeebe" => ClientPermission::Zeebe,
            "Operate" => ClientPermission::Operate,
            "Tasklist" => ClientPermission::Tasklist,
            "Optimize" => ClientPermission::Optimize,
            "Secrets" => ClientPermission::Secrets,
            other => ClientPermission::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for ClientPermission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for ClientPermission {
    fn from(s: String) -> Self {
        ClientPermission::from(s.as_str())
    }
}

impl From<ClientPermission> for String {
    fn from(p: ClientPermission) -> Self {
        match p {
            ClientPermission::Other(s) => s,
            known => known.as_str().to_owned(),
        }
    }
}

/// Links to a cluster's components. Every key is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterLinks {
    /// Zeebe gRPC address.
    pub zeebe: Option<String>,
    /// Operate URL.
    pub operate: Option<String>,
    /// Tasklist URL.
    pub tasklist: Option<String>,
    /// Optimize URL.
    pub optimize: Option<String>,
    /// Connectors URL.
    pub connectors: Option<String>,
    /// Console URL of the cluster.
    pub console: Option<String>,
    /// Identity URL.
    pub identity: Option<String>,
    /// OAuth token URL for the cluster's clients.
    pub oauth: Option<String>,
}

/// Overall state (`ready`) and per-component states of a cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterStatus {
    /// The cluster's overall state (`Other("Unknown")` when absent).
    #[serde(default)]
    pub ready: ClusterState,
    /// Zeebe's state.
    pub zeebe_status: Option<ClusterState>,
    /// Operate's state.
    pub operate_status: Option<ClusterState>,
    /// Tasklist's state.
    pub tasklist_status: Option<ClusterState>,
    /// Optimize's state.
    pub optimize_status: Option<ClusterState>,
    /// Connectors' state.
    pub connectors_status: Option<ClusterState>,
}

/// A Camunda cluster of the organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cluster {
    /// The id used in every further call about this cluster.
    pub uuid: String,
    /// Display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Owner's id.
    #[serde(default)]
    pub owner_id: Option<String>,
    /// Creation time (RFC 3339 text, as sent).
    #[serde(default)]
    pub created: Option<String>,
    /// Whether Camunda updates the cluster automatically.
    #[serde(default)]
    pub auto_update: Option<bool>,
    /// Release channel.
    #[serde(default)]
    pub channel: Option<Named>,
    /// Generation (Camunda version).
    #[serde(default)]
    pub generation: Option<Named>,
    /// Region.
    #[serde(default)]
    pub region: Option<Named>,
    /// Plan type (hardware).
    #[serde(default)]
    pub plan_type: Option<Named>,
    /// Component links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: ClusterLinks,
    /// States.
    #[serde(default, deserialize_with = "null_default")]
    pub status: ClusterStatus,
    /// Stage label (`dev`, `test`, `stage`, `prod`, or anything else the server sends).
    #[serde(default)]
    pub stage_label: Option<String>,
    /// Free-text description.
    #[serde(default)]
    pub description: Option<String>,
    /// Labels.
    #[serde(default, deserialize_with = "null_default")]
    pub labels: Vec<String>,
    /// The IP allowlist under its current name (read it with [`Cluster::ip_allowlist`]).
    #[serde(default, rename = "ipallowlist")]
    pub ipallowlist: Option<Vec<IpAllowlistEntry>>,
    /// The same list under its older name, which some payloads carry alone.
    #[serde(default, rename = "ipwhitelist")]
    pub ipwhitelist: Option<Vec<IpAllowlistEntry>>,
    /// How its data is encrypted (the live API sends it; the spec's list omits it).
    #[serde(default)]
    pub encryption: Option<ClusterEncryption>,
    /// Hardware packages allocated (sent by the live API; changed on Advanced plans only).
    /// A number that is not a count (negative, not finite, not a number) is `None`.
    #[serde(default, deserialize_with = "count")]
    pub hardware_packages: Option<u32>,
}

/// A count sent as any JSON number (the spec types hardware packages as `double`).
fn count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let v = <Option<serde_json::Value> as Deserialize>::deserialize(d)?;
    Ok(v.as_ref()
        .and_then(serde_json::Value::as_f64)
        .filter(|n| n.is_finite() && *n >= 0.0 && *n <= f64::from(u32::MAX))
        .map(|n| n.round() as u32))
}

/// A cluster's encryption: the kind chosen at creation (`Software`, `Hardware`, `Provider`,
/// `External` = customer-managed keys) and, for `External`, its keys and their state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterEncryption {
    /// `Software`, `Hardware`, `Provider`, `External` (or a newer word).
    #[serde(default, rename = "type", deserialize_with = "null_default")]
    pub kind: String,
    /// `Ready`, `ExternalEncryptionKeyNotSupplied`, … (`External` only).
    #[serde(default)]
    pub status: Option<String>,
    /// The primary AWS KMS key ARN, once set.
    #[serde(default)]
    pub primary_key_arn: Option<String>,
    /// The secondary one (dual-region clusters).
    #[serde(default)]
    pub secondary_key_arn: Option<String>,
}

/// A cluster's secure connectivity (AWS PrivateLink): `None` fields while not active.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecureConnectivity {
    /// Whether it is activated (the answer's `status` is not empty).
    pub active: bool,
    /// The AWS principals (IAM ARNs) allowed to connect.
    pub allowed_principals: Vec<String>,
    /// The AWS regions allowed to connect from.
    pub allowed_regions: Vec<String>,
    /// The VPC endpoint service to create an endpoint for.
    pub service_name: Option<String>,
    /// The endpoint's private DNS name.
    pub private_dns_name: Option<String>,
    /// How many endpoints are connected.
    pub connection_count: Option<u64>,
    /// Conditions as `type: reason — message`.
    pub conditions: Vec<String>,
}

/// The secure connectivity in a `GET …/secure-connectivity` answer's `status` (tolerant: what
/// is missing or of another type is left empty).
pub(crate) fn secure_connectivity_of(status: Option<&serde_json::Value>) -> SecureConnectivity {
    use serde_json::Value;
    let Some(Value::Object(top)) = status else {
        return SecureConnectivity::default();
    };
    if top.is_empty() {
        return SecureConnectivity::default();
    }
    let at =
        |path: &[&str]| -> Option<&Value> { path.iter().try_fold(status?, |v, key| v.get(*key)) };
    let texts = |path: &[&str]| -> Vec<String> {
        at(path)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let text = |path: &[&str]| {
        at(path)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let conditions = at(&["status", "conditions"])
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|c| {
                    let part = |k: &str| {
                        c.get(k)
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .trim()
                            .to_string()
                    };
                    let (kind, reason, message) = (part("type"), part("reason"), part("message"));
                    let head = [kind, reason]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(": ");
                    match (head.is_empty(), message.is_empty()) {
                        (true, true) => None,
                        (false, true) => Some(head),
                        (true, false) => Some(message),
                        (false, false) => Some(format!("{head} \u{2014} {message}")),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    SecureConnectivity {
        active: true,
        allowed_principals: texts(&["spec", "allowedPrincipals"]),
        allowed_regions: texts(&["spec", "allowedRegions"]),
        service_name: text(&["status", "endpoint", "serviceName"]),
        private_dns_name: text(&["status", "endpoint", "privateDnsName"]),
        connection_count: at(&["status", "endpointConnectionCount"])
            .and_then(Value::as_f64)
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| n as u64),
        conditions,
    }
}

/// The principals and regions of a secure connectivity before they are sent.
pub fn check_secure_connectivity(principals: &[String], regions: &[String]) -> Result<(), String> {
    if principals.iter().all(|p| p.trim().is_empty()) {
        return Err("Enter at least one AWS principal (an IAM ARN such as arn:aws:iam::123456789012:root) allowed to connect.".into());
    }
    if let Some(p) = principals.iter().find(|p| !p.trim().starts_with("arn:aws")) {
        return Err(format!(
            "\u{201c}{}\u{201d} is not an AWS principal ARN (arn:aws:iam::<12-digit account>:root, :role/…, :user/…).",
            p.trim()
        ));
    }
    let region_like = |r: &str| {
        !r.is_empty()
            && r.contains('-')
            && r.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if let Some(r) = regions.iter().find(|r| !region_like(r.trim())) {
        return Err(format!(
            "\u{201c}{}\u{201d} is not an AWS region name (such as eu-central-1).",
            r.trim()
        ));
    }
    Ok(())
}

/// Whether `arn` is shaped like an AWS KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<id>`)
/// before it is sent; the Console checks the region against the cluster's.
pub fn check_kms_key_arn(arn: &str) -> Result<(), String> {
    let parts: Vec<&str> = arn.trim().splitn(6, ':').collect();
    let ok = matches!(
        parts.as_slice(),
        ["arn", partition, "kms", region, account, resource]
            if partition.starts_with("aws")
                && !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && resource.strip_prefix("key/").is_some_and(|id| !id.is_empty())
    );
    if ok {
        Ok(())
    } else {
        Err(format!(
            "\u{201c}{}\u{201d} is not an AWS KMS key ARN (arn:aws:kms:<region>:<12-digit account>:key/<key id>).",
            arn.trim()
        ))
    }
}

impl Cluster {
    /// The cluster's IP allowlist (empty: every address may connect), from `ipallowlist`, or
    /// from the older `ipwhitelist` when only that is sent.
    pub fn ip_allowlist(&self) -> &[IpAllowlistEntry] {
        self.ipallowlist
            .as_deref()
            .or(self.ipwhitelist.as_deref())
            .unwrap_or_default()
    }
}

/// One rule of a cluster's IP allowlist.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpAllowlistEntry {
    /// One or more comma-separated IPv4/IPv6 addresses or CIDR ranges.
    #[serde(default, deserialize_with = "null_default")]
    pub ip: String,
    /// What the rule is for.
    #[serde(default, deserialize_with = "null_default")]
    pub description: String,
}

impl IpAllowlistEntry {
    /// Checks `ip` before it is sent: every comma-separated part must be an IPv4 or IPv6
    /// address or CIDR range (`10.0.0.0/8`, `2001:db8::/32`). The error names the part.
    pub fn check(&self) -> Result<(), String> {
        let parts: Vec<&str> = self.ip.split(',').map(str::trim).collect();
        if parts.iter().all(|p| p.is_empty()) {
            return Err("Enter an IP address or CIDR range.".into());
        }
        if parts.iter().any(|p| p.is_empty()) {
            return Err(format!(
                "\u{201c}{}\u{201d} has an empty part between commas: remove the extra comma.",
                self.ip.trim()
            ));
        }
        for part in parts {
            let ok =
                part.parse::<ipnet::IpNet>().is_ok() || part.parse::<std::net::IpAddr>().is_ok();
            if !ok {
                return Err(format!(
                    "\u{201c}{part}\u{201d} is not an IPv4 or IPv6 address or CIDR range \
                     (for example 203.0.113.7 or 203.0.113.0/24)."
                ));
            }
        }
        Ok(())
    }
}

/// The address or range a part of an allowlist entry names (an address is its own /32 or /128).
fn parse_net(part: &str) -> Option<ipnet::IpNet> {
    let part = part.trim();
    part.parse::<ipnet::IpNet>().ok().or_else(|| {
        part.parse::<std::net::IpAddr>()
            .ok()
            .map(ipnet::IpNet::from)
    })
}

/// The `ranges` (e.g. Web Modeler's egress ranges) that an allowlist of `entries` does not let
/// through, in their order: each must lie inside some address/CIDR part of some entry. An empty
/// allowlist lets every address through (nothing is missing). A range that is not an address or
/// CIDR itself counts as allowed only when an entry names it word for word.
pub fn ranges_not_allowed(entries: &[IpAllowlistEntry], ranges: &[String]) -> Vec<String> {
    if entries.is_empty() {
        return Vec::new();
    }
    let parts: Vec<&str> = entries
        .iter()
        .flat_map(|e| e.ip.split(','))
        .map(str::trim)
        .collect();
    let nets: Vec<ipnet::IpNet> = parts.iter().filter_map(|p| parse_net(p)).collect();
    ranges
        .iter()
        .filter(|range| match parse_net(range) {
            Some(r) => !nets.iter().any(|n| n.contains(&r)),
            None => !parts.contains(&range.trim()),
        })
        .cloned()
        .collect()
}

/// An external monitoring client of a cluster (`ByomClientDto`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringClient {
    /// Client id.
    pub uuid: String,
    /// Display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The user name the metrics endpoint takes.
    #[serde(default, deserialize_with = "null_default")]
    pub username: String,
    /// When it was created (RFC 3339).
    #[serde(default)]
    pub created: Option<String>,
    /// When it was last used.
    #[serde(default)]
    pub last_used: Option<String>,
    /// Who created it.
    #[serde(default)]
    pub created_by_name: Option<String>,
}

/// Where a cluster's metrics are scraped from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricsEndpoint {
    /// `https`.
    #[serde(default, deserialize_with = "null_default")]
    pub scheme: String,
    /// Host (and port).
    #[serde(default, deserialize_with = "null_default")]
    pub target: String,
    /// Path.
    #[serde(default, deserialize_with = "null_default")]
    pub path: String,
}

/// `GET …/monitoring/clients`: the clients, and the endpoint when monitoring is active.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Monitoring {
    /// The monitoring clients.
    pub clients: Vec<MonitoringClient>,
    /// The metrics endpoint; `None` while external monitoring is not active (`status: {}`).
    pub metrics_endpoint: Option<MetricsEndpoint>,
}

/// A monitoring client with its password (shown once: after create or rotate).
#[derive(Clone, Debug)]
pub struct MonitoringCredentials {
    /// The client.
    pub client: MonitoringClient,
    /// Its password (redacted in `Debug`).
    pub password: crate::Secret,
}

/// One backup of a cluster (`BackupDto`). Statuses are kept as the API's text ("In progress",
/// "Failed", "Complete", "-").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    /// Backup id.
    pub uuid: String,
    /// Display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// When it was started (RFC 3339).
    #[serde(default)]
    pub created: Option<String>,
    /// When it completed.
    #[serde(default)]
    pub completed: Option<String>,
    /// Overall status.
    #[serde(default)]
    pub status: Option<String>,
    /// Zeebe's part.
    #[serde(default)]
    pub zeebe_status: Option<String>,
    /// Operate's part.
    #[serde(default)]
    pub operate_status: Option<String>,
    /// Tasklist's part.
    #[serde(default)]
    pub tasklist_status: Option<String>,
    /// Optimize's part.
    #[serde(default)]
    pub optimize_status: Option<String>,
    /// The generation the cluster ran when it was taken.
    #[serde(default)]
    pub generation_name: Option<String>,
}

/// A restore of a backup (`RestoreDto`); `state` is PENDING, VALIDATING, IN_PROGRESS,
/// COMPLETED, FAILED or ABORTED (kept as text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Restore {
    /// Restore id.
    #[serde(default, deserialize_with = "null_default")]
    pub uuid: String,
    /// The backup restored.
    #[serde(default, deserialize_with = "null_default")]
    pub backup_id: String,
    /// Its state.
    #[serde(default, deserialize_with = "null_default")]
    pub state: String,
    /// Started at (RFC 3339).
    #[serde(default)]
    pub start_timestamp: Option<String>,
    /// Finished at.
    #[serde(default)]
    pub completion_timestamp: Option<String>,
}

/// A generation as the upgrade answer names it (`{id, name}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerationRef {
    /// Generation id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Display name, e.g. "Camunda 8.7.6".
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
}

/// The answer of `PUT /clusters/{id}/upgrade`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterUpgrade {
    /// What the cluster ran.
    #[serde(default)]
    pub old_generation: Option<GenerationRef>,
    /// What it is being upgraded to.
    #[serde(default)]
    pub new_generation: Option<GenerationRef>,
}

/// The generation an upgrade would move `cluster` to: the latest (default) generation of its
/// channel in `params`, when that is not what it runs. `None`: no upgrade (or the channel or
/// generation is not known).
pub fn upgrade_target(cluster: &Cluster, params: &Parameters) -> Option<Named> {
    let channel = cluster.channel.as_ref()?;
    let running = cluster.generation.as_ref()?;
    let latest = params
        .channels
        .iter()
        .find(|c| c.uuid == channel.uuid)?
        .default_generation
        .as_ref()?;
    (latest.uuid != running.uuid).then(|| latest.clone())
}

/// One connector secret: its name and (secret) value.
#[derive(Clone, Debug)]
pub struct ConnectorSecret {
    /// The key connectors reference it by (`{{secrets.NAME}}`).
    pub name: String,
    /// The value (redacted in `Debug`).
    pub value: crate::Secret,
}

/// A connector secret's name is shorter than this many characters (the API's 400).
pub const CONNECTOR_SECRET_NAME_LIMIT: usize = 50;

/// Checks a connector secret's name before it is sent: not empty, shorter than
/// [`CONNECTOR_SECRET_NAME_LIMIT`] characters, no spaces or control characters (connectors
/// reference it as `{{secrets.NAME}}`).
pub fn check_connector_secret_name(name: &str) -> Result<(), String> {
    let count = name.chars().count();
    if count == 0 {
        return Err("Enter a name for the secret.".into());
    }
    if count >= CONNECTOR_SECRET_NAME_LIMIT {
        return Err(format!(
            "Use fewer than {CONNECTOR_SECRET_NAME_LIMIT} characters for the name (now {count})."
        ));
    }
    if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(
            "Use a name without spaces: connectors refer to it as {{secrets.NAME}}.".into(),
        );
    }
    Ok(())
}

/// The longest monitoring user name Skep sends.
pub const MONITORING_USERNAME_LIMIT: usize = 64;

/// A monitoring client's user name, checked before it is sent: the metrics endpoint takes it
/// with HTTP basic authentication, where a `:` ends the user name, so it cannot hold one.
pub fn check_monitoring_username(username: &str) -> Result<(), String> {
    let count = username.chars().count();
    if username.trim().is_empty() {
        return Err("Enter a user name.".into());
    }
    if count > MONITORING_USERNAME_LIMIT {
        return Err(format!(
            "Use at most {MONITORING_USERNAME_LIMIT} characters for the user name (now {count})."
        ));
    }
    if username.contains(':')
        || username
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(
            "Use a user name without spaces or colons: scrapers send it with basic authentication."
                .into(),
        );
    }
    Ok(())
}

pub(crate) fn check_connector_secret_value(value: &crate::Secret) -> Result<(), crate::Error> {
    if value.is_empty() {
        return Err(crate::Error::InvalidInput(
            "Enter a value for the secret.".into(),
        ));
    }
    Ok(())
}

/// `GET /meta/ip-ranges`: the addresses Camunda's services connect from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpRanges {
    /// The ranges Web Modeler deploys from: an allowlist without them blocks deploying from
    /// Web Modeler.
    #[serde(default, rename = "web-modeler", deserialize_with = "null_default")]
    pub web_modeler: Vec<String>,
}

/// A release channel and the generations it offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Channel {
    /// Channel id.
    pub uuid: String,
    /// Display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The generation to preselect.
    #[serde(default)]
    pub default_generation: Option<Named>,
    /// The generations valid within this channel.
    #[serde(default, deserialize_with = "null_default")]
    pub allowed_generations: Vec<Named>,
}

/// A region a cluster can run in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// Region id.
    pub uuid: String,
    /// Display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Cloud provider, e.g. `gcp`.
    #[serde(default)]
    pub provider: Option<String>,
    /// Where its backups may be kept (Enterprise); empty: no choice offered.
    #[serde(default, deserialize_with = "null_default")]
    pub backups: Vec<BackupLocations>,
}

/// A group of backup regions a region offers (`regions[].backups[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupLocations {
    /// The group's id.
    #[serde(default, deserialize_with = "null_default")]
    pub uuid: String,
    /// The backup regions: `backupRegionId` takes an `id`.
    #[serde(default, deserialize_with = "null_default")]
    pub regions: Vec<BackupRegion>,
}

/// One backup region.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRegion {
    /// Its id (`backupRegionId`).
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Display label.
    #[serde(default, deserialize_with = "null_default")]
    pub label: String,
}

/// The options for creating a cluster (`GET /clusters/parameters`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameters {
    /// Channels, each with its generations.
    #[serde(default, deserialize_with = "null_default")]
    pub channels: Vec<Channel>,
    /// Plan types.
    #[serde(default, deserialize_with = "null_default")]
    pub cluster_plan_types: Vec<Named>,
    /// Regions.
    #[serde(default, deserialize_with = "null_default")]
    pub regions: Vec<Region>,
}

/// Body of `POST /clusters`. Ids come from [`Parameters`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateClusterRequest {
    /// Cluster name.
    pub name: String,
    /// Plan type id.
    pub plan_type_id: String,
    /// Channel id.
    pub channel_id: String,
    /// Generation id (must be one of the channel's allowed generations).
    pub generation_id: String,
    /// Region id.
    pub region_id: String,
    /// `dev`, `test`, `stage` or `prod`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_label: Option<String>,
    /// Description (max 150 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Automatic updates (ignored on non-stable channels).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_update: Option<bool>,
    /// Where backups are kept: one of the region's `backups[].regions[].id` (Enterprise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_region_id: Option<String>,
    /// `External`: customer-managed keys (AWS KMS; Enterprise, AWS regions), set afterwards
    /// with `PUT …/encryption`. `None`: Camunda's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<String>,
}

/// Answer to `POST /clusters`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedCluster {
    /// The new cluster's id.
    pub cluster_id: String,
}

/// Body of `PATCH /clusters/{id}`: only the fields that are `Some` change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateClusterRequest {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New stage label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_label: Option<String>,
    /// New number of hardware packages (Advanced plans only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_allocated_hw_packages: Option<u32>,
}

/// A client of a cluster (list item, no secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterClient {
    /// Display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The client id (used to get or delete it).
    pub client_id: String,
    /// Permissions.
    #[serde(default, deserialize_with = "null_default")]
    pub permissions: Vec<ClientPermission>,
}

fn none_or_empty(p: &Option<Vec<ClientPermission>>) -> bool {
    p.as_ref().is_none_or(|v| v.is_empty())
}

/// Body of `POST /clusters/{id}/clients`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateClientRequest {
    /// Name of the new client (unique within the cluster).
    pub client_name: String,
    /// Permissions; `None` or empty omits the field, which grants all permissions.
    #[serde(default, skip_serializing_if = "none_or_empty")]
    pub permissions: Option<Vec<ClientPermission>>,
}

/// Answer to `POST /clusters/{id}/clients`: the only response that carries the secret.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedClient {
    /// Internal id.
    #[serde(default, deserialize_with = "null_default")]
    pub uuid: String,
    /// Display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The client id.
    pub client_id: String,
    /// The client secret (shown to the user once; redacted in `Debug`).
    pub client_secret: Secret,
    /// Permissions granted.
    #[serde(default, deserialize_with = "null_default")]
    pub permissions: Vec<ClientPermission>,
    /// Token audience for this client (e.g. `zeebe.camunda.io`).
    #[serde(default)]
    pub audience: Option<String>,
    /// Links of the cluster's components.
    #[serde(default, deserialize_with = "null_default")]
    pub links: ClusterLinks,
}

/// Connection details of one client (`GET /clusters/{id}/clients/{clientId}`; no secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientConnectionDetails {
    /// Display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Zeebe gRPC address (`ZEEBE_ADDRESS`).
    #[serde(rename = "ZEEBE_ADDRESS")]
    pub zeebe_address: String,
    /// Client id (`ZEEBE_CLIENT_ID`).
    #[serde(rename = "ZEEBE_CLIENT_ID")]
    pub zeebe_client_id: String,
    /// Token URL for the client (`ZEEBE_AUTHORIZATION_SERVER_URL`).
    #[serde(rename = "ZEEBE_AUTHORIZATION_SERVER_URL")]
    pub zeebe_authorization_server_url: String,
}

/// A member of the organization, or a pending invitation (`Member`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    /// Email address (the member's id in the API).
    pub email: String,
    /// Display name (empty for a pending invitation).
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Organization roles (`owner`, `admin`, `member`, … as the API sends them).
    #[serde(default, deserialize_with = "null_default")]
    pub roles: Vec<String>,
    /// Invited, not yet accepted.
    #[serde(default, deserialize_with = "null_default")]
    pub invite_pending: bool,
}

/// The roles a member can be given (`AssignableOrganizationRoleType`), in the spec's order.
/// Since Camunda 8.8, `operationsengineer`, `taskuser`, `developer` and `visitor` are no longer
/// recommended (per-cluster permissions live in the Admin application).
pub const ASSIGNABLE_ROLES: [&str; 7] = [
    "admin",
    "operationsengineer",
    "taskuser",
    "analyst",
    "developer",
    "visitor",
    "modeler",
];

/// An email address as the members API takes it, checked before it is sent (one `@` with a
/// name before it and a domain with a dot after it; no spaces).
pub fn check_member_email(email: &str) -> Result<(), String> {
    let email = email.trim();
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("\u{201c}{email}\u{201d} is not an email address."))
    }
}

/// Roles to give a member, checked before they are sent: at least one, each assignable.
pub fn check_member_roles(roles: &[String]) -> Result<(), String> {
    if roles.is_empty() {
        return Err("Choose at least one role.".into());
    }
    if let Some(r) = roles
        .iter()
        .find(|r| !ASSIGNABLE_ROLES.contains(&r.as_str()))
    {
        return Err(format!(
            "\u{201c}{r}\u{201d} is not a role a member can be given (one of {}).",
            ASSIGNABLE_ROLES.join(", ")
        ));
    }
    Ok(())
}

/// One entry of the organization's activity log (`AuditDto`). Every field may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    /// The service that recorded it (e.g. `console`).
    #[serde(default)]
    pub service: Option<String>,
    /// The organization.
    #[serde(default)]
    pub org_id: Option<String>,
    /// What happened, in words.
    #[serde(default)]
    pub audit: Option<String>,
    /// `c`reate, `r`ead, `u`pdate, `d`elete.
    #[serde(default)]
    pub audit_type: Option<String>,
    /// The kind of thing (`cluster`, `client`, …).
    #[serde(default)]
    pub entity: Option<String>,
    /// Its id.
    #[serde(default)]
    pub entity_id: Option<String>,
    /// Who did it.
    #[serde(default)]
    pub user_id: Option<String>,
    /// When (milliseconds since the epoch); `None` when missing or not a number.
    #[serde(default, deserialize_with = "millis_count")]
    pub timestamp: Option<u64>,
    /// The thing it belongs to (e.g. the cluster of a client).
    #[serde(default)]
    pub parent_entity: Option<String>,
    /// Its id.
    #[serde(default)]
    pub parent_entity_id: Option<String>,
    /// The attribute changed.
    #[serde(default)]
    pub entity_attribute: Option<String>,
    /// Its value before.
    #[serde(default)]
    pub entity_attribute_value_from: Option<String>,
    /// Its value after.
    #[serde(default)]
    pub entity_attribute_value_to: Option<String>,
}

fn millis_count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let v = <Option<serde_json::Value> as Deserialize>::deserialize(d)?;
    Ok(v.as_ref()
        .and_then(serde_json::Value::as_f64)
        .filter(|n| n.is_finite() && *n >= 0.0 && *n < 1e16)
        .map(|n| n.round() as u64))
}
