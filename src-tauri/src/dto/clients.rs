use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::AppError;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientView {
    pub name: String,
    pub client_id: String,
    /// "Zeebe", "Operate", "Tasklist", "Optimize", "Secrets" (or newer names as the API sends them).
    pub permissions: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientDetails {
    pub cluster_id: String,
    pub name: String,
    pub client_id: String,
    pub zeebe_address: String,
    pub authorization_server_url: String,
    /// The client's credentials file without the secret (it is shown only once, at creation).
    pub credentials_file: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct CreateClientInput {
    pub name: String,
    /// `[]` = all permissions.
    pub permissions: Vec<String>,
}

/// A freshly created cluster client, secret included. Returned exactly once by `create_client`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct CreatedClient {
    pub cluster_id: String,
    pub name: String,
    pub client_id: String,
    pub client_secret: String,
    pub permissions: Vec<String>,
    pub zeebe_address: Option<String>,
    /// The files it can be saved as, in the dialog's order.
    pub save_formats: Vec<SaveFormat>,
}

impl std::fmt::Debug for CreatedClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedClient")
            .field("cluster_id", &self.cluster_id)
            .field("name", &self.name)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("permissions", &self.permissions)
            .finish_non_exhaustive()
    }
}

impl Drop for CreatedClient {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.client_secret);
    }
}

/// Which part of the pending secret to copy.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "snake_case")]
pub enum SecretField {
    /// What the secret belongs to: a client's id, a monitoring client's user name.
    Id,
    /// The secret: a client secret, a monitoring password.
    Secret,
    /// Every variable, as `export NAME='value'` lines.
    Env,
}

/// File format for "Save as".
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "snake_case")]
pub enum SaveFormat {
    /// `.env` with the Console's variable names.
    Env,
    /// Spring Boot `application.properties` (API clients).
    Properties,
    Json,
    /// A Prometheus scrape configuration (monitoring clients).
    Prometheus,
}

/// A client in the organization-wide list: which cluster it belongs to, and the client.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct OrgClient {
    pub cluster_id: String,
    pub cluster_name: String,
    pub name: String,
    pub client_id: String,
    pub permissions: Vec<String>,
}

/// A cluster whose clients could not be listed, and why.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClusterFailure {
    pub cluster_id: String,
    pub cluster_name: String,
    pub error: AppError,
}

/// One cluster's API clients as last fetched (`last_known_clients`): shown at once, with their
/// age, while the fresh list loads or when it cannot.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientList {
    pub cluster_id: String,
    pub clients: Vec<ClientView>,
    /// RFC 3339, UTC.
    pub fetched_at: String,
}

/// Every client of every cluster of the active organization (`list_all_clients`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct AllClients {
    pub organization_id: String,
    /// Clusters asked.
    pub cluster_count: u32,
    pub clients: Vec<OrgClient>,
    /// Clusters whose clients are missing from `clients` (some failed, the others are shown).
    pub failed: Vec<ClusterFailure>,
    /// RFC 3339, UTC.
    pub fetched_at: String,
}
