//! Thin Tauri commands, one file per domain (CONTRACTS §3). Each picks the organization,
//! calls `console_api` or the organizations module, and maps the error.

pub mod clients;
pub mod clusters;
pub mod links;
pub mod organizations;
pub mod secret;

use crate::error::{join_error, AppError, AppResult};

/// Every command name, for `tauri_build::AppManifest::commands` and the capability (kept in
/// sync with `build.rs` by a test).
pub const COMMANDS: &[&str] = &[
    "list_organizations",
    "add_organization",
    "import_organization",
    "preview_credentials",
    "update_organization",
    "rename_organization",
    "remove_organization",
    "set_active_organization",
    "test_connection",
    "test_organization",
    "test_credentials",
    "list_clusters",
    "get_cluster",
    "cluster_parameters",
    "create_cluster",
    "delete_cluster",
    "wake_cluster",
    "rename_cluster",
    "list_clients",
    "get_client",
    "create_client",
    "delete_client",
    "copy_pending_secret",
    "save_pending_secret",
    "acknowledge_pending_secret",
    "close_window",
    "open_link",
];

/// Event emitted when a window close is attempted while a client secret is pending.
pub const PENDING_SECRET_CLOSE_REQUESTED: &str = "pending-secret-close-requested";

/// Run blocking work (keychain, files, dialogs) off the async workers and the main thread.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(join_error)?
}

/// An id the API gave us (cluster, client): non-empty, bounded, no path tricks.
pub fn check_id(label: &str, id: &str) -> AppResult<()> {
    if id.is_empty() || id.len() > 256 || id.chars().any(|c| c.is_control() || c == '/') {
        return Err(AppError::invalid_input(format!(
            "That is not a valid {label} id."
        )));
    }
    Ok(())
}
