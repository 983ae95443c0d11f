//! The public configuration vocabulary: how a sandbox starts ([`SandboxConfig`]), the token rate
//! limit, Administration API credentials and permissions, and the API's audience.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::seed::Seed;

/// The audience of the Administration API (the same as Camunda SaaS).
pub const AUDIENCE: &str = "api.cloud.camunda.io";

/// How the sandbox behaves. `Default` gives the demo data and SaaS-like timings.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Initial data.
    pub seed: Seed,
    /// Creating -> Healthy and Resuming -> Healthy take this long on the sandbox clock.
    pub ready_after: Duration,
    /// Lifetime of issued access tokens.
    pub token_ttl: Duration,
    /// Added to every API request (not token or control requests).
    pub latency: Duration,
    /// Added to every token request: the login service is as far away as the API (a laptop is
    /// 50–300 ms from Camunda SaaS).
    pub token_latency: Duration,
    /// Token requests per source IP; `None` turns the limit off.
    pub token_rate_limit: Option<RateLimit>,
    /// Who may use the `/__sandbox/*` control routes (faults, clock, counters, token
    /// revocation, new API clients). Off unless asked for.
    pub control: ControlAccess,
    /// Whether the organization is on the Enterprise plan. Enterprise-only features (backups,
    /// IP allowlist, encryption keys, secure connectivity) answer 403 when it is not.
    pub enterprise: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            seed: Seed::Demo,
            ready_after: Duration::from_secs(20),
            token_ttl: Duration::from_secs(24 * 3600),
            latency: Duration::ZERO,
            token_latency: Duration::ZERO,
            token_rate_limit: Some(RateLimit::default()),
            control: ControlAccess::Off,
            enterprise: true,
        }
    }
}

/// Access to the `/__sandbox/*` control routes over HTTP. The in-process API
/// ([`crate::Sandbox::inject`] and friends) is not affected.
///
/// Whatever the setting, the control routes answer loopback peers only, and every route (API,
/// token, control) refuses a `Host` that is not a loopback name with 421.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum ControlAccess {
    /// The control routes do not exist: `/__sandbox/*` gets the API's ordinary 404.
    #[default]
    Off,
    /// Any loopback caller may use them (the standalone dev tool, tests).
    Open,
    /// Only a request carrying `x-sandbox-control-token: <this value>` (compared in constant
    /// time); anything else gets 401. An empty token matches nothing. `Debug` does not show it.
    Token(String),
}

impl fmt::Debug for ControlAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ControlAccess::Off => f.write_str("Off"),
            ControlAccess::Open => f.write_str("Open"),
            ControlAccess::Token(_) => f.write_str("Token([redacted])"),
        }
    }
}

/// A token-bucket rate limit for the token endpoint, per source IP.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateLimit {
    pub per_second: f64,
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            per_second: 1.0,
            burst: 5,
        }
    }
}

/// Credentials of an Administration API client. `Debug` does not show the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiCredentials {
    pub client_id: String,
    pub client_secret: String,
}

impl fmt::Debug for ApiCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .finish()
    }
}

/// The permissions an Administration API client can hold: the six of the Cluster and Zeebe
/// Client groups, then one per newer permission group of the Console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiPermission {
    GetClusters,
    CreateClusters,
    DeleteClusters,
    GetClients,
    CreateClients,
    DeleteClients,
    IpAllowlist,
    ConnectorSecrets,
    Backups,
    Members,
    WebModelerApi,
}

impl ApiPermission {
    pub const ALL: [ApiPermission; 11] = [
        ApiPermission::GetClusters,
        ApiPermission::CreateClusters,
        ApiPermission::DeleteClusters,
        ApiPermission::GetClients,
        ApiPermission::CreateClients,
        ApiPermission::DeleteClients,
        ApiPermission::IpAllowlist,
        ApiPermission::ConnectorSecrets,
        ApiPermission::Backups,
        ApiPermission::Members,
        ApiPermission::WebModelerApi,
    ];

    /// The permission's name as Camunda's Console shows it.
    pub fn label(self) -> &'static str {
        match self {
            ApiPermission::GetClusters => "Get clusters",
            ApiPermission::CreateClusters => "Create clusters",
            ApiPermission::DeleteClusters => "Delete clusters",
            ApiPermission::GetClients => "Get Zeebe clients",
            ApiPermission::CreateClients => "Create Zeebe clients",
            ApiPermission::DeleteClients => "Delete Zeebe clients",
            ApiPermission::IpAllowlist => "IP allowlist",
            ApiPermission::ConnectorSecrets => "Connector Secrets",
            ApiPermission::Backups => "Backups",
            ApiPermission::Members => "Members",
            ApiPermission::WebModelerApi => "Web Modeler API",
        }
    }

    /// The OAuth scope granting the permission, as in an access token's `scope` claim.
    pub(crate) fn scope(self) -> &'static str {
        match self {
            ApiPermission::GetClusters => "get:clusters",
            ApiPermission::CreateClusters => "create:clusters",
            ApiPermission::DeleteClusters => "delete:clusters",
            ApiPermission::GetClients => "get:clients",
            ApiPermission::CreateClients => "create:clients",
            ApiPermission::DeleteClients => "delete:clients",
            ApiPermission::IpAllowlist => "ipallowlist",
            ApiPermission::ConnectorSecrets => "secrets",
            ApiPermission::Backups => "backups",
            ApiPermission::Members => "members",
            ApiPermission::WebModelerApi => "web-modeler",
        }
    }
}
