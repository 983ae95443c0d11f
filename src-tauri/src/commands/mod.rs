//! Thin Tauri commands, one file per domain. Each picks the organization,
//! calls `console_api` or the organizations module, and maps the error.

pub mod clients;
pub mod clusters;
pub mod links;
pub mod organizations;
pub mod secret;

use crate::error::{join_error, AppError, AppResult};

/// Every command name of the list (`list.rs`), as `build.rs` derives the ACL from it.
#[cfg(test)]
pub const COMMANDS: &[&str] = with_commands!(command_names);

/// The runtime that `::<R>` in the command list names for the bindings' type information:
/// the handlers themselves are generic (`generate_handler!` infers the runtime), and any runtime
/// gives the same TypeScript.
type R = tauri::Wry;

/// Every command of the list (`list.rs`) and the app's events, with their types: the handlers
/// `build_app` registers and the source of the UI's TypeScript bindings (`bindings.rs`).
pub fn specta_builder<Rt: tauri::Runtime>() -> tauri_specta::Builder<Rt> {
    macro_rules! builder {
        ($($module:ident :: $name:ident $(:: <$runtime:ident>)?),* $(,)?) => {
            tauri_specta::Builder::<Rt>::new().commands(tauri_specta::collect_commands![
                $($module::$name $(::<$runtime>)?),*
            ])
        };
    }
    with_commands!(builder)
        .events(tauri_specta::collect_events![
            secret::PendingSecretCloseRequested
        ])
        // Commands reject with `AppError`; `ui/src/api` normalizes what reaches the screens.
        .error_handling(tauri_specta::ErrorHandlingMode::Throw)
        // One TypeScript type per Rust type: an `Option` field is `T | null` both ways, as
        // serde writes it (not an optional `field?` for what the app reads).
        .disable_serde_phases()
}

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
