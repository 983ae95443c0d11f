//! The copy-once secret dialog (a new client's secret, a monitoring client's new password):
//! copy a field to the clipboard (cleared after 60 s if it still
//! holds it), save as a file (native dialog, owner-only), acknowledge (zeroize).

use tauri::{AppHandle, Runtime, State};
use zeroize::Zeroizing;

use super::blocking;
use crate::dto::{SaveFormat, SecretField};
use crate::error::{AppError, AppResult};
use crate::platform::FileFilter;
use crate::state::AppState;

/// Sent to the UI when the window is asked to close while a secret is still pending.
#[derive(
    serde::Serialize, serde::Deserialize, Clone, Copy, Debug, specta::Type, tauri_specta::Event,
)]
pub struct PendingSecretCloseRequested;

fn no_pending() -> AppError {
    AppError::invalid_input("There is no secret to copy or save any more (it is shown only once).")
}

#[tauri::command]
#[specta::specta]
pub async fn copy_pending_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    field: SecretField,
) -> AppResult<()> {
    let text: Zeroizing<String> = {
        let pending = state.pending.lock();
        pending.as_ref().ok_or_else(no_pending)?.field(field)
    };
    state.clipboard.copy(state.platform(&app), text).await
}

/// Save the pending secret as a file the user picks; `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_pending_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: SaveFormat,
) -> AppResult<Option<String>> {
    let (text, file_name) = {
        let pending = state.pending.lock();
        pending.as_ref().ok_or_else(no_pending)?.file(format)?
    };
    let filter = match format {
        SaveFormat::Env => FileFilter {
            name: "Environment file",
            extensions: &["env"],
        },
        SaveFormat::Properties => FileFilter {
            name: "Properties file",
            extensions: &["properties"],
        },
        SaveFormat::Json => FileFilter {
            name: "JSON",
            extensions: &["json"],
        },
        SaveFormat::Prometheus => FileFilter {
            name: "Prometheus configuration",
            extensions: &["yml", "yaml"],
        },
    };
    let platform = state.platform(&app);
    let orgs = state.orgs(&app)?;
    blocking(move || {
        let Some(path) = platform.pick_save_path(&file_name, filter) else {
            return Ok(None);
        };
        orgs.write_secret_file(&path, text.as_bytes())
            .map_err(|e| AppError::io("Could not save the file", &e))?;
        Ok(Some(path.to_string_lossy().into_owned()))
    })
    .await
}

/// The user confirmed the secret is stored: forget it (zeroized on drop), and clear the
/// clipboard if it still holds a copy of it.
#[tauri::command]
#[specta::specta]
pub async fn acknowledge_pending_secret(state: State<'_, AppState>) -> AppResult<()> {
    let taken = state.pending.lock().take();
    drop(taken);
    let clipboard = state.clipboard.clone();
    blocking(move || {
        clipboard.clear_now();
        Ok(())
    })
    .await
}

/// Close the window (after the pending secret was acknowledged).
#[tauri::command]
#[specta::specta]
pub async fn close_window<R: Runtime>(
    window: tauri::Window<R>,
    state: State<'_, AppState>,
) -> AppResult<()> {
    if state.pending.lock().is_some() {
        return Err(AppError::invalid_input(
            "A secret is still pending; confirm it is stored first.",
        ));
    }
    window.close()?;
    Ok(())
}
