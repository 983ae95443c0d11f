//! The copy-once secret dialog: copy a field to the clipboard (cleared after 60 s if it still
//! holds it), save as a file (native dialog, owner-only), acknowledge (zeroize).

use std::sync::atomic::Ordering;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use tauri::{AppHandle, Runtime, State};
use zeroize::Zeroizing;

use super::blocking;
use crate::dto::{SaveFormat, SecretField};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::organizations::lock;
use crate::organizations::settings::write_atomic;
use crate::platform::FileFilter;
use crate::state::AppState;

fn no_pending() -> AppError {
    AppError::invalid_input(
        "There is no client secret to copy or save any more (it is shown only once).",
    )
}

#[tauri::command]
pub async fn copy_pending_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    field: SecretField,
) -> AppResult<()> {
    let text: Zeroizing<String> = {
        let pending = lock(&state.pending);
        let p = pending.as_ref().ok_or_else(no_pending)?;
        match field {
            SecretField::ClientId => Zeroizing::new(p.client_id.clone()),
            SecretField::ClientSecret => Zeroizing::new(p.client_secret.expose().to_string()),
            SecretField::Env => p.env_text(),
        }
    };
    let digest: [u8; 32] = Sha256::digest(text.as_bytes()).into();
    let platform = state.platform(&app);
    let writer = platform.clone();
    blocking(move || {
        writer
            .write_secret_to_clipboard(&text)
            .map_err(|e| AppError::new(ErrorKind::Io, format!("Could not copy: {e}")))
    })
    .await?;

    // Clear after the delay, unless another copy happened or the clipboard changed meanwhile.
    let generation = state.clipboard_generation.fetch_add(1, Ordering::SeqCst) + 1;
    let delay = state.clipboard_clear_after;
    let app2 = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(delay).await;
        let state = tauri::Manager::state::<AppState>(&app2);
        if state.clipboard_generation.load(Ordering::SeqCst) != generation {
            return;
        }
        let platform: Arc<dyn crate::platform::Platform> = platform;
        let _ = tauri::async_runtime::spawn_blocking(move || {
            let still_ours = platform.read_clipboard().is_some_and(|mut current| {
                let same = <[u8; 32]>::from(Sha256::digest(current.as_bytes())) == digest;
                zeroize::Zeroize::zeroize(&mut current);
                same
            });
            if still_ours {
                if let Err(e) = platform.clear_clipboard() {
                    tracing::warn!("{e}");
                }
            }
        })
        .await;
    });
    Ok(())
}

/// Save the pending secret as a file the user picks; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn save_pending_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: SaveFormat,
) -> AppResult<Option<String>> {
    let (text, file_name) = {
        let pending = lock(&state.pending);
        let p = pending.as_ref().ok_or_else(no_pending)?;
        (p.render(format), p.file_name(format))
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
    };
    let platform = state.platform(&app);
    blocking(move || {
        let Some(path) = platform.pick_save_path(&file_name, filter) else {
            return Ok(None);
        };
        write_atomic(&path, text.as_bytes())
            .map_err(|e| AppError::io("Could not save the file", &e))?;
        Ok(Some(path.to_string_lossy().into_owned()))
    })
    .await
}

/// The user confirmed the secret is stored: forget it (zeroized on drop).
#[tauri::command]
pub async fn acknowledge_pending_secret(state: State<'_, AppState>) -> AppResult<()> {
    let taken = lock(&state.pending).take();
    drop(taken);
    Ok(())
}

/// Close the window (after the pending secret was acknowledged).
#[tauri::command]
pub async fn close_window<R: Runtime>(
    window: tauri::Window<R>,
    state: State<'_, AppState>,
) -> AppResult<()> {
    if lock(&state.pending).is_some() {
        return Err(AppError::invalid_input(
            "A client secret is still pending; confirm it is stored first.",
        ));
    }
    window.close()?;
    Ok(())
}
