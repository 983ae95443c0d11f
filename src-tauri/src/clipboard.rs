//! Copying a secret to the clipboard: written with the "secret, exclude from history" hint, and
//! cleared after a delay (60 s in the app) unless another copy happened or the clipboard holds
//! something else by then. Only a digest of what was copied is kept for that comparison.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::commands::blocking;
use crate::error::{AppError, AppResult, ErrorKind};
use crate::platform::Platform;

/// The app's secret copies: which one is the latest, and how long a copy stays.
pub struct SecretClipboard {
    /// Bumped by every copy: a timer clears only if no copy came after its own.
    generation: Arc<AtomicU64>,
    clear_after: Duration,
}

impl SecretClipboard {
    pub fn new(clear_after: Duration) -> Self {
        Self {
            generation: Arc::default(),
            clear_after,
        }
    }

    /// Copies `text`, then clears the clipboard after the delay if it still holds `text` and no
    /// other copy came since.
    pub async fn copy(
        &self,
        platform: Arc<dyn Platform>,
        text: Zeroizing<String>,
    ) -> AppResult<()> {
        let digest: [u8; 32] = Sha256::digest(text.as_bytes()).into();
        let writer = platform.clone();
        blocking(move || {
            writer
                .write_secret_to_clipboard(&text)
                .map_err(|e| AppError::new(ErrorKind::Io, format!("Could not copy: {e}")))
        })
        .await?;

        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let latest = self.generation.clone();
        let delay = self.clear_after;
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(delay).await;
            if latest.load(Ordering::SeqCst) != generation {
                return;
            }
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
}
