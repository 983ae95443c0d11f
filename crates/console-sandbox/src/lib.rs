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

#![warn(unreachable_pub)]

// Modules, bottom up; each imports only modules of the layers below it.
// - leaves: http (request, reply, body and header helpers), jwt, faults, record, model
// - data: seed (model), config (seed), state (model, seed, config, faults, record)
// - routes: the route table (http)
// - handlers: token, control, api -> clusters, clients; counters (traffic and misuse)
// - router: one request's dispatch to the above
// - server: accept loop and connection control (router); only this file imports it
mod api;
pub mod backups;
mod clients;
mod clusters;
mod config;
mod control;
mod counters;
mod faults;
mod http;
mod ipallowlist;
mod jwt;
pub mod members;
mod model;
mod monitoring;
mod record;
mod router;
mod routes;
pub mod secrets;
mod seed;
mod server;
mod settings;
mod state;
mod token;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

pub use config::{
    ApiCredentials, ApiPermission, ControlAccess, RateLimit, SandboxConfig, AUDIENCE,
};
pub use faults::{Fault, FaultKind};
pub use record::RECORD_ENV;
pub use router::CONTROL_TOKEN_HEADER;
pub use seed::Seed;
pub use state::Counters;

use crate::state::Shared;

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

    /// The API client created at start; it holds every permission.
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
