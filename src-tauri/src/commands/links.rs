use tauri::{AppHandle, Runtime, State};

use super::blocking;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Open an https link (Operate, Tasklist, Console, docs) in the system browser.
#[tauri::command]
#[specta::specta]
pub async fn open_link<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    url: String,
) -> AppResult<()> {
    let parsed = url::Url::parse(url.trim())
        .map_err(|_| AppError::invalid_input("That is not a valid link."))?;
    if parsed.scheme() != "https" || parsed.host_str().is_none_or(str::is_empty) {
        return Err(AppError::invalid_input(
            "Only https:// links can be opened.",
        ));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(AppError::invalid_input(
            "Links with a user name or password are not opened.",
        ));
    }
    let platform = state.platform(&app);
    let target = parsed.to_string();
    blocking(move || {
        platform.open_url(&target).map_err(|e| {
            AppError::new(
                crate::error::ErrorKind::Io,
                format!("Could not open the link: {e}"),
            )
        })
    })
    .await
}
