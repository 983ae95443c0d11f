//! Copying a secret to the clipboard: written with the "secret, exclude from history" hint, and
//! cleared after a delay (60 s in the app) unless another copy happened or the clipboard holds
//! something else by then; also cleared at once when the secret dialog is confirmed and when the
//! app quits. Only a digest of what was copied is kept for that comparison.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::commands::blocking;
use crate::error::{AppError, AppResult, ErrorKind};
use crate::platform::Platform;

/// The app's secret copies: which one is the latest, and how long a copy stays.
pub struct SecretClipboard {
    /// Bumped by every copy and every clear: a timer clears only if nothing came after it.
    generation: Arc<AtomicU64>,
    /// Digest of the latest secret copied and where, until it was cleared or replaced.
    last: Arc<Mutex<Option<LastCopy>>>,
    clear_after: Duration,
}

struct LastCopy {
    digest: [u8; 32],
    platform: Arc<dyn Platform>,
}

impl SecretClipboard {
    pub fn new(clear_after: Duration) -> Self {
        Self {
            generation: Arc::default(),
            last: Arc::default(),
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
        *self.last.lock() = Some(LastCopy { digest, platform });
        let latest = self.generation.clone();
        let last = self.last.clone();
        let delay = self.clear_after;
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(delay).await;
            if latest.load(Ordering::SeqCst) != generation {
                return;
            }
            let _ = tauri::async_runtime::spawn_blocking(move || clear_if_ours(&last)).await;
        });
        Ok(())
    }

    /// Clear the clipboard now if it still holds the latest secret copied (the secret dialog was
    /// confirmed, or the app is quitting); what the user copied since is left alone. Blocking
    /// (the platform's clipboard): call from a blocking thread or at exit.
    pub fn clear_now(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        clear_if_ours(&self.last);
    }
}

/// Clear the clipboard if it holds what the latest copy put there; forget that copy either way.
fn clear_if_ours(last: &Mutex<Option<LastCopy>>) {
    let Some(copy) = last.lock().take() else {
        return;
    };
    let still_ours = copy.platform.read_clipboard().is_some_and(|mut current| {
        let same = <[u8; 32]>::from(Sha256::digest(current.as_bytes())) == copy.digest;
        zeroize::Zeroize::zeroize(&mut current);
        same
    });
    if still_ours {
        if let Err(e) = copy.platform.clear_clipboard() {
            tracing::warn!("{e}");
        }
    }
}
