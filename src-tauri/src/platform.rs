//! The desktop around the app: clipboard, native file dialogs, the browser, notifications.
//! Behind a trait so commands can be tested under the mock runtime (no display, no clipboard).

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Runtime};

/// A filter for file dialogs: display name and extensions without the dot.
#[derive(Debug, Clone, Copy)]
pub struct FileFilter {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

/// Blocking calls: run them off the main thread (`spawn_blocking`).
pub trait Platform: Send + Sync + 'static {
    /// Write text with the "secret, exclude from history" hint for clipboard managers.
    fn write_secret_to_clipboard(&self, text: &str) -> Result<(), String>;
    /// Write text that is no secret (the diagnostics report).
    fn write_text_to_clipboard(&self, text: &str) -> Result<(), String>;
    fn read_clipboard(&self) -> Option<String>;
    fn clear_clipboard(&self) -> Result<(), String>;
    /// Native save dialog; `None` when cancelled.
    fn pick_save_path(&self, default_name: &str, filter: FileFilter) -> Option<PathBuf>;
    /// Native open dialog; `None` when cancelled.
    fn pick_open_file(&self, filter: FileFilter) -> Option<PathBuf>;
    /// Open an https URL in the system browser.
    fn open_url(&self, url: &str) -> Result<(), String>;
    /// Open a folder in the file manager.
    fn open_folder(&self, path: &Path) -> Result<(), String>;
    fn notify(&self, title: &str, body: &str) -> Result<(), String>;
}

/// The real thing, through tauri-plugin-{clipboard-manager,dialog,opener,notification}.
pub struct TauriPlatform<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> TauriPlatform<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self { app }
    }
}

impl<R: Runtime> Platform for TauriPlatform<R> {
    fn write_secret_to_clipboard(&self, text: &str) -> Result<(), String> {
        use tauri_plugin_clipboard_manager::ClipboardExt;
        self.app
            .clipboard()
            .write_secret(text)
            .map_err(|e| format!("the clipboard could not be written ({e})"))
    }

    fn write_text_to_clipboard(&self, text: &str) -> Result<(), String> {
        use tauri_plugin_clipboard_manager::ClipboardExt;
        self.app
            .clipboard()
            .write_text(text)
            .map_err(|e| format!("the clipboard could not be written ({e})"))
    }

    fn read_clipboard(&self) -> Option<String> {
        use tauri_plugin_clipboard_manager::ClipboardExt;
        self.app.clipboard().read_text().ok()
    }

    fn clear_clipboard(&self) -> Result<(), String> {
        use tauri_plugin_clipboard_manager::ClipboardExt;
        self.app
            .clipboard()
            .clear()
            .map_err(|e| format!("the clipboard could not be cleared ({e})"))
    }

    fn pick_save_path(&self, default_name: &str, filter: FileFilter) -> Option<PathBuf> {
        use tauri_plugin_dialog::DialogExt;
        self.app
            .dialog()
            .file()
            .set_file_name(default_name)
            .add_filter(filter.name, filter.extensions)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
    }

    fn pick_open_file(&self, filter: FileFilter) -> Option<PathBuf> {
        use tauri_plugin_dialog::DialogExt;
        let mut dialog = self.app.dialog().file();
        // No extensions = any file (credentials files often have none).
        if !filter.extensions.is_empty() {
            dialog = dialog.add_filter(filter.name, filter.extensions);
        }
        dialog.blocking_pick_file().and_then(|p| p.into_path().ok())
    }

    fn open_url(&self, url: &str) -> Result<(), String> {
        use tauri_plugin_opener::OpenerExt;
        self.app
            .opener()
            .open_url(url, None::<&str>)
            .map_err(|e| format!("the browser could not be opened ({e})"))
    }

    fn open_folder(&self, path: &Path) -> Result<(), String> {
        use tauri_plugin_opener::OpenerExt;
        self.app
            .opener()
            .open_path(path.to_string_lossy(), None::<&str>)
            .map_err(|e| format!("the folder could not be opened ({e})"))
    }

    fn notify(&self, title: &str, body: &str) -> Result<(), String> {
        use tauri_plugin_notification::NotificationExt;
        self.app
            .notification()
            .builder()
            .title(title)
            .body(body)
            .show()
            .map_err(|e| format!("the notification could not be shown ({e})"))
    }
}

#[cfg(test)]
mod fake;
#[cfg(test)]
pub use fake::FakePlatform;
