//! A local emulator of Camunda's Console (Administration) API and its OAuth token endpoint.
//!
//! Written from Camunda's published OpenAPI document and observed behaviour, independently of
//! the `console-api` client, so that the two catch each other's mistakes. It only ever listens on
//! a loopback address.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use console_sandbox::{Sandbox, SandboxConfig};
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! let creds = sandbox.default_credentials();
//! println!("{} {} {}", sandbox.base_url(), sandbox.token_url(), creds.client_id);
//! sandbox.stop().await;
//! # Ok(()) }
//! ```

mod api;
mod clients;
mod clusters;
mod control;
mod faults;
mod http;
mod jwt;
mod model;
mod record;
mod seed;
mod server;
mod state;
mod token;

use std::collections::BTreeMap;
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use record::RECORD_ENV;

use crate::state::Shared;

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
    /// Token requests per source IP; `None` turns the limit off.
    pub token_rate_limit: Option<RateLimit>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            seed: Seed::Demo,
            ready_after: Duration::from_secs(20),
            token_ttl: Duration::from_secs(24 * 3600),
            latency: Duration::ZERO,
            token_rate_limit: Some(RateLimit::default()),
        }
    }
}

/// Initial data of a sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seed {
    /// Five clusters in different states ("orders-prod", "payments-staging", "analytics-dev",
    /// "legacy-batch", "fraud-detection"), each with a few clients.
    Demo,
    /// No clusters.
    Empty,
    /// `clusters` clusters named `cluster-0001`…, mostly Healthy, each with
    /// `clients_per_cluster` clients (for benchmarks).
    Generated {
        clusters: usize,
        clients_per_cluster: usize,
    },
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

/// The six permissions an Administration API client can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiPermission {
    GetClusters,
    CreateClusters,
    DeleteClusters,
    GetClients,
    CreateClients,
    DeleteClients,
}

impl ApiPermission {
    pub const ALL: [ApiPermission; 6] = [
        ApiPermission::GetClusters,
        ApiPermission::CreateClusters,
        ApiPermission::DeleteClusters,
        ApiPermission::GetClients,
        ApiPermission::CreateClients,
        ApiPermission::DeleteClients,
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
        }
    }

    fn scope(self) -> &'static str {
        match self {
            ApiPermission::GetClusters => "get:clusters",
            ApiPermission::CreateClusters => "create:clusters",
            ApiPermission::DeleteClusters => "delete:clusters",
            ApiPermission::GetClients => "get:clients",
            ApiPermission::CreateClients => "create:clients",
            ApiPermission::DeleteClients => "delete:clients",
        }
    }
}

/// Make the next `times` requests matching `route` misbehave.
///
/// `route` is `"METHOD /path/pattern"`: `*` matches one path segment, a trailing `**` any rest
/// (zero or more segments); the method may be `*`; `"*"` alone matches every request except the
/// sandbox's own `/__sandbox/` control routes. Paths are matched without a trailing slash.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub route: String,
    pub times: u32,
    pub kind: FaultKind,
}

/// What a fault does to a matching request.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// Answer with this status, body, content type and optional `Retry-After` header.
    Status {
        status: u16,
        body: String,
        content_type: String,
        retry_after: Option<String>,
    },
    /// Respond normally after this delay (other requests are not held up).
    Delay(Duration),
    /// Close the connection without any response.
    Drop,
    /// 200 with a body that is not JSON.
    NotJson,
}

/// Request counters, also served as JSON by `GET /__sandbox/counters`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Every POST to the token endpoint, failed and rate-limited ones included.
    pub token_requests: u64,
    pub tokens_issued: u64,
    /// Per route, e.g. "GET /clusters", "GET /clusters/{id}", "POST /clusters/{id}/clients".
    pub routes: BTreeMap<String, u64>,
    /// An Administration API client secret seen anywhere except in a token-endpoint body.
    pub admin_secret_misuse: u64,
    /// An issued access token sent to the token endpoint, or anywhere but the API's
    /// `Authorization` header.
    pub token_misuse: u64,
}

/// A running sandbox. Dropping it stops the server (best effort); prefer [`Sandbox::stop`].
pub struct Sandbox {
    shared: Arc<Shared>,
    server: Option<server::ServerHandle>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.shared.addr)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Start on an ephemeral port of 127.0.0.1.
    pub async fn start(config: SandboxConfig) -> std::io::Result<Sandbox> {
        Self::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), config).await
    }

    /// Start on `addr`, which must be a loopback address (else `ErrorKind::InvalidInput`).
    pub async fn start_on(addr: SocketAddr, config: SandboxConfig) -> std::io::Result<Sandbox> {
        if !addr.ip().is_loopback() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "refusing to listen on {addr}: the sandbox only binds loopback addresses \
                     (127.0.0.1 or ::1)"
                ),
            ));
        }
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        let shared = Arc::new(Shared::new(local, config));
        let server = server::spawn(listener, shared.clone());
        tracing::info!(addr = %local, "console sandbox listening");
        Ok(Sandbox {
            shared,
            server: Some(server),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// API base URL, e.g. `http://127.0.0.1:PORT` (clusters are at `{base}/clusters`).
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// `http://127.0.0.1:PORT/oauth/token`
    pub fn token_url(&self) -> String {
        self.shared.token_url()
    }

    pub fn audience(&self) -> String {
        AUDIENCE.to_string()
    }

    /// The API client created at start; it holds all six permissions.
    pub fn default_credentials(&self) -> ApiCredentials {
        self.shared.default_credentials()
    }

    /// Create another Administration API client holding exactly `permissions`.
    pub fn add_api_client(&self, permissions: &[ApiPermission]) -> ApiCredentials {
        self.shared.add_api_client(permissions)
    }

    /// Every token issued so far now gets 401 from the API (and is no longer re-issued).
    pub fn revoke_tokens(&self) {
        self.shared.revoke_tokens()
    }

    pub fn inject(&self, fault: Fault) {
        self.shared.inject(fault)
    }

    pub fn clear_faults(&self) {
        self.shared.clear_faults()
    }

    /// Move the sandbox clock forward (token expiry, cluster transitions).
    pub fn advance_clock(&self, by: Duration) {
        self.shared.advance_clock(by)
    }

    pub fn set_token_rate_limit(&self, limit: Option<RateLimit>) {
        self.shared.set_rate_limit(limit)
    }

    pub fn counters(&self) -> Counters {
        self.shared.counters()
    }

    pub fn reset_counters(&self) {
        self.shared.reset_counters()
    }

    /// Stop accepting, close open connections and wait for the server task to end.
    pub async fn stop(mut self) {
        if let Some(server) = self.server.take() {
            server.stop().await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}
