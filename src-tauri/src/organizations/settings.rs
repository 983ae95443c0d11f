//! The settings file (`settings.json` in the app data dir). Written atomically (temp file in the
//! same folder + rename, owner-only permissions), which tauri-plugin-store's `save` (a plain
//! `fs::write`) is not. Never holds a secret or a token: the types here have no field for one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dto::{ApiPermission, SecretStorage};

pub const SETTINGS_FILE: &str = "settings.json";

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub active_id: Option<String>,
    #[serde(default)]
    pub organizations: Vec<SavedOrganization>,
}

fn version() -> u32 {
    1
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SavedOrganization {
    pub id: String,
    pub name: String,
    pub client_id: String,
    pub token_url: String,
    pub api_base_url: String,
    pub audience: String,
    pub secret_storage: SecretStorage,
    #[serde(default)]
    pub denied_permissions: Vec<ApiPermission>,
}

#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join(SETTINGS_FILE),
        }
    }

    /// Missing file → defaults. An unreadable/corrupt file is moved aside (never silently
    /// overwritten) and defaults are used.
    pub fn load(&self) -> Settings {
        self.remove_stale_temp_files();
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Settings::default(),
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "settings file unreadable; using defaults");
                return Settings::default();
            }
        };
        match serde_json::from_slice::<Settings>(&bytes) {
            Ok(mut s) => {
                s.version = version();
                s
            }
            Err(e) => {
                let aside = self.path.with_extension("json.corrupt");
                tracing::warn!(path = %self.path.display(), error = %e, aside = %aside.display(),
                    "settings file is not valid; moved aside, using defaults");
                let _ = fs::rename(&self.path, &aside);
                Settings::default()
            }
        }
    }

    pub fn save(&self, settings: &Settings) -> std::io::Result<()> {
        let dir = self
            .path
            .parent()
            .ok_or_else(|| std::io::Error::other("settings path has no folder"))?;
        fs::create_dir_all(dir)?;
        let json = serde_json::to_vec_pretty(settings).map_err(std::io::Error::other)?;
        write_atomic_then(&self.path, &json, || {
            super::crash_point("settings-before-rename")
        })?;
        super::crash_point("settings-after-rename");
        Ok(())
    }

    /// Temp files of a save that never finished (the app was killed before the rename). They
    /// never hold a secret, but they are clutter: remove them.
    fn remove_stale_temp_files(&self) {
        let (Some(dir), Some(name)) = (self.path.parent(), self.path.file_name()) else {
            return;
        };
        let prefix = format!(".{}.", name.to_string_lossy());
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(&prefix) && n.ends_with(".tmp") {
                if let Err(err) = fs::remove_file(e.path()) {
                    tracing::warn!(file = %n, error = %err, "stale settings temp file not removed");
                }
            }
        }
    }
}

/// Write `bytes` to `path` via a temp file in the same folder, fsync, rename; owner-only mode.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_then(path, bytes, || {})
}

/// [`write_atomic`], calling `before_rename` once the temp file is complete and synced.
fn write_atomic_then(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(),
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("no file name"))?
        .to_string_lossy()
        .into_owned();
    let nonce: u64 = rand_nonce();
    let tmp = dir.join(format!(".{name}.{nonce:016x}.tmp"));
    let result = (|| {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        before_rename();
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn rand_nonce() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.write_u32(std::process::id());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("skep-settings-{tag}-{:x}", rand_nonce()));
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn round_trips_and_is_owner_only() {
        let dir = temp_dir("rt");
        let file = SettingsFile::in_dir(&dir);
        assert_eq!(file.load(), Settings::default());
        let s = Settings {
            version: 1,
            active_id: Some("org-1".into()),
            organizations: vec![SavedOrganization {
                id: "org-1".into(),
                name: "Acme".into(),
                client_id: "cid".into(),
                token_url: "https://login.cloud.camunda.io/oauth/token".into(),
                api_base_url: "https://api.cloud.camunda.io".into(),
                audience: "api.cloud.camunda.io".into(),
                secret_storage: SecretStorage::Keychain,
                denied_permissions: vec![ApiPermission::DeleteClusters],
            }],
        };
        file.save(&s).unwrap();
        assert_eq!(file.load(), s);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.join(SETTINGS_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // No temp files are left behind.
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(SETTINGS_FILE)]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn stale_temp_files_are_removed_on_load() {
        let dir = temp_dir("stale");
        let file = SettingsFile::in_dir(&dir);
        fs::write(dir.join(".settings.json.00000000deadbeef.tmp"), b"{}").unwrap();
        fs::write(dir.join("other.tmp"), b"keep").unwrap();
        assert_eq!(file.load(), Settings::default());
        let mut names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec!["other.tmp".to_string()]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn corrupt_file_is_moved_aside() {
        let dir = temp_dir("corrupt");
        let file = SettingsFile::in_dir(&dir);
        fs::write(dir.join(SETTINGS_FILE), b"{ not json").unwrap();
        assert_eq!(file.load(), Settings::default());
        assert!(dir.join("settings.json.corrupt").exists());
        fs::remove_dir_all(dir).unwrap();
    }
}
