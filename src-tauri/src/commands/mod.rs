//! Thin Tauri commands, one file per domain (CONTRACTS §3). Each picks the organization,
//! calls `console_api` or the organizations module, and maps the error.

pub mod clients;
pub mod clusters;
pub mod links;
pub mod organizations;
pub mod secret;

use crate::error::{join_error, AppError, AppResult};

mod names;
/// Every command name, for `tauri_build::AppManifest::commands` and the capability.
pub use names::COMMANDS;

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
