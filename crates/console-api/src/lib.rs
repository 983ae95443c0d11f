//! Typed client for Camunda's Console (Administration) API, with a frugal OAuth token cache.
//!
//! - [`Client`] offers every cluster and cluster-client operation of the Console API, typed
//!   with tolerant [models]: unknown fields are ignored and unknown enum
//!   values are kept as text.
//! - Tokens come from the login service with the client-credentials grant and are cached
//!   per (token URL, audience, client id), shared by every [`Client`] of the process:
//!   concurrent callers share one token request, a token is renewed shortly before it
//!   expires ([`Config::renew_before`]), at most one token request per second is made, a
//!   429 blocks further requests until its `Retry-After` passes, and rejected credentials are
//!   never retried until the secret changes. A [`TokenStore`] persists tokens across
//!   restarts.
//! - Every failure is one [`Error`] naming its cause. Secrets ([`Secret`]) never appear in
//!   `Debug`/`Display` output, errors or logs.
//! - Path segments are percent-encoded: an id can never change the request path.
//! - GETs are retried on connect errors and 502/503/504; changes (POST/PUT/PATCH/DELETE)
//!   never are once they may have reached the server ([`Error::OutcomeUnknown`]).
//!
//! ```no_run
//! use console_api::{Client, Config, CreateClientRequest, ClientPermission, Error, Secret};
//!
//! # async fn run() -> Result<(), Error> {
//! let config = Config::saas("my-client-id", Secret::new("my-client-secret"));
//! let client = Client::new(config)?;
//! for cluster in client.list_clusters().await? {
//!     println!("{} is {}", cluster.name, cluster.status.ready);
//! }
//! let created = client
//!     .create_client(
//!         "cluster-uuid",
//!         &CreateClientRequest {
//!             client_name: "worker-1".into(),
//!             permissions: Some(vec![ClientPermission::Zeebe]),
//!         },
//!     )
//!     .await?;
//! // The secret prints as "[redacted]"; `expose()` reads it.
//! println!("{} / {}", created.client_id, created.client_secret);
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod cache;
mod client;
mod config;
mod error;
mod http;
pub mod models;
mod path;
mod permission;
mod secret;
mod token;

pub use cache::{forget_token_cache, has_token_cache, MIN_TOKEN_INTERVAL};
pub use client::Client;
pub use config::{
    check_service_url, Config, UrlProblem, DEFAULT_CONNECT_TIMEOUT, DEFAULT_FAN_OUT,
    DEFAULT_FAN_OUT_BYTES, DEFAULT_GET_RETRIES, DEFAULT_RENEW_BEFORE, DEFAULT_REQUEST_TIMEOUT,
    DEFAULT_RETRY_BACKOFF, SAAS_API_BASE_URL, SAAS_AUDIENCE, SAAS_TOKEN_URL,
};
pub use error::{Error, RateLimitedBy, EXCERPT_MAX_CHARS};
pub use http::{ByteBudget, DEFAULT_RETRY_AFTER};
pub use models::{
    check_connector_secret_name, check_kms_key_arn, check_member_email, check_member_roles,
    check_monitoring_username, check_secure_connectivity, ranges_not_allowed, upgrade_target,
    AuditEvent, ClusterUpgrade, ConnectorSecret, GenerationRef, Member, ASSIGNABLE_ROLES,
    CONNECTOR_SECRET_NAME_LIMIT,
};
pub use models::{
    Backup, BackupLocations, BackupRegion, ClusterEncryption, MetricsEndpoint, Monitoring,
    MonitoringClient, MonitoringCredentials, Restore, SecureConnectivity,
};
pub use models::{
    Channel, ClientConnectionDetails, ClientPermission, Cluster, ClusterClient, ClusterLinks,
    ClusterState, ClusterStatus, CreateClientRequest, CreateClusterRequest, CreatedClient,
    CreatedCluster, IpAllowlistEntry, IpRanges, Named, Parameters, Region, UpdateClusterRequest,
};
pub use permission::Permission;
pub use secret::{Secret, REDACTED};
pub use token::{StoredToken, TokenKey, TokenStore};
