//! The Help menu's commands: About Skep, Copy diagnostics, Open log folder.

use tauri::{AppHandle, Runtime, State};

use super::blocking;
use crate::diagnostics;
use crate::dto::AboutSkep;
use crate::error::{AppError, AppResult, ErrorKind};
use crate::state::AppState;

/// Skep's version, commit and licence (Help → About Skep).
#[tauri::command]
#[specta::specta]
pub fn about_skep() -> AboutSkep {
    diagnostics::about()
}

/// Put the diagnostics report on the clipboard (Help → Copy diagnostics) and answer it: Skep's
/// version and commit, the OS, the webview, how many organizations — never a secret, name, URL
/// or id.
#[tauri::command]
#[specta::specta]
pub async fn copy_diagnostics<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<String> {
    let orgs = state.orgs(&app)?;
    let platform = state.platform(&app);
    blocking(move || {
        let text = diagnostics::report(&diagnostics::gather().with_organizations(&orgs.list(None)));
        platform.write_text_to_clipboard(&text).map_err(|e| {
            AppError::new(
                ErrorKind::Io,
                format!("Could not copy the diagnostics: {e}"),
            )
        })?;
        Ok(text)
    })
    .await
}

/// Open the log folder in the file manager (Help → Open log folder); created if missing.
#[tauri::command]
#[specta::specta]
pub async fn open_log_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<()> {
    let dir = state.log_dir(&app)?;
    let platform = state.platform(&app);
    blocking(move || {
        std::fs::create_dir_all(&dir)
            .map_err(|e| AppError::io("Could not create the log folder", &e))?;
        platform.open_folder(&dir).map_err(|e| {
            AppError::new(ErrorKind::Io, format!("Could not open the log folder: {e}"))
        })
    })
    .await
}
