//! Thin Tauri commands, one file per domain. Each picks the organization,
//! calls `console_api` or the organizations module, and maps the error.

pub mod backups;
pub mod clients;
pub mod clusters;
pub mod connector_secrets;
pub mod help;
pub mod links;
pub mod members;
pub mod monitoring;
pub mod organizations;
pub mod overview;
pub mod secret;
pub mod settings;

use crate::dto::ApiPermission;
use crate::error::{join_error, AppError, AppResult};

/// Every command name of the list (`list.rs`), as `build.rs` derives the ACL from it.
#[cfg(test)]
pub const COMMANDS: &[&str] = with_commands!(command_names);

/// `{ "get_clusters": text, … }` for every permission, keyed as the UI sees `ApiPermission`.
fn permission_map(text: impl Fn(ApiPermission) -> String) -> serde_json::Value {
    ApiPermission::all()
        .map(|p| {
            let key = serde_json::to_value(p)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            (key, serde_json::Value::String(text(p)))
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

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
            secret::PendingSecretCloseRequested,
            crate::menu::MenuAction
        ])
        // Commands reject with `AppError`; `ui/src/api` normalizes what reaches the screens.
        .error_handling(tauri_specta::ErrorHandlingMode::Throw)
        // Words and defaults the UI shows, owned here: each permission's label and the message
        // where it is missing, and Camunda SaaS's URLs (the defaults of a new organization).
        .constant(
            "PERMISSION_LABELS",
            permission_map(|p| p.label().to_string()),
        )
        .constant(
            "PERMISSION_MISSING",
            permission_map(ApiPermission::missing_message),
        )
        .constant(
            "SAAS_DEFAULTS",
            serde_json::json!({
                "tokenUrl": console_api::SAAS_TOKEN_URL,
                "apiBaseUrl": console_api::SAAS_API_BASE_URL,
                "audience": console_api::SAAS_AUDIENCE,
            }),
        )
        // Help → Documentation opens it (through `open_link`).
        .constant("DOCUMENTATION_URL", crate::menu::DOCUMENTATION_URL)
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
