use serde::{Deserialize, Serialize};
use specta::Type;

use super::SaveFormat;

/// A cluster's external monitoring (the Cluster Metrics endpoint): whether it is active, where
/// metrics are scraped from, and the clients (user names; passwords are shown once only).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringView {
    pub active: bool,
    /// `https://<target><path>`, while active.
    pub metrics_url: Option<String>,
    /// Sorted by user name.
    pub clients: Vec<MonitoringClientView>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringClientView {
    pub id: String,
    pub username: String,
    /// RFC 3339.
    pub created: Option<String>,
    pub last_used: Option<String>,
    pub created_by: Option<String>,
}

/// A monitoring client's password, just created or rotated: returned exactly once, for the
/// copy-once dialog (copy, save, confirm), and kept in Rust until the dialog is confirmed.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringPassword {
    pub cluster_id: String,
    pub client_id: String,
    pub username: String,
    pub password: String,
    pub metrics_url: Option<String>,
    /// `true` after a rotation (the old password stopped working), `false` for a new client.
    pub rotated: bool,
    /// The files it can be saved as, in the dialog's order.
    pub save_formats: Vec<SaveFormat>,
}

impl std::fmt::Debug for MonitoringPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MonitoringPassword")
            .field("cluster_id", &self.cluster_id)
            .field("username", &self.username)
            .field("password", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl Drop for MonitoringPassword {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.password);
    }
}
