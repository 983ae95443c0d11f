//! A scripted desktop for tests (`cfg(test)` only; not in the app that ships).

use std::path::{Path, PathBuf};

use super::{FileFilter, Platform};

/// A scripted desktop for tests: records what the app did.
#[derive(Default)]
pub struct FakePlatform {
    pub clipboard: parking_lot::Mutex<Option<String>>,
    pub clipboard_writes: std::sync::atomic::AtomicUsize,
    pub save_path: parking_lot::Mutex<Option<PathBuf>>,
    pub open_path: parking_lot::Mutex<Option<PathBuf>>,
    pub opened_urls: parking_lot::Mutex<Vec<String>>,
    pub opened_folders: parking_lot::Mutex<Vec<PathBuf>>,
    pub notifications: parking_lot::Mutex<Vec<(String, String)>>,
}

impl FakePlatform {
    /// What the fake clipboard holds now.
    pub fn read_clipboard_now(&self) -> Option<String> {
        self.clipboard.lock().clone()
    }
}

impl Platform for FakePlatform {
    fn write_secret_to_clipboard(&self, text: &str) -> Result<(), String> {
        self.clipboard_writes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        *self.clipboard.lock() = Some(text.to_string());
        Ok(())
    }
    fn write_text_to_clipboard(&self, text: &str) -> Result<(), String> {
        *self.clipboard.lock() = Some(text.to_string());
        Ok(())
    }
    fn read_clipboard(&self) -> Option<String> {
        self.clipboard.lock().clone()
    }
    fn clear_clipboard(&self) -> Result<(), String> {
        *self.clipboard.lock() = None;
        Ok(())
    }
    fn pick_save_path(&self, _default_name: &str, _filter: FileFilter) -> Option<PathBuf> {
        self.save_path.lock().clone()
    }
    fn pick_open_file(&self, _filter: FileFilter) -> Option<PathBuf> {
        self.open_path.lock().clone()
    }
    fn open_url(&self, url: &str) -> Result<(), String> {
        self.opened_urls.lock().push(url.to_string());
        Ok(())
    }
    fn open_folder(&self, path: &Path) -> Result<(), String> {
        self.opened_folders.lock().push(path.to_path_buf());
        Ok(())
    }
    fn notify(&self, title: &str, body: &str) -> Result<(), String> {
        self.notifications
            .lock()
            .push((title.to_string(), body.to_string()));
        Ok(())
    }
}
