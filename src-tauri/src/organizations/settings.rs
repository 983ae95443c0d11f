//! The settings file (`settings.json` in the app data dir). Written atomically (temp file in the
//! same folder, fsync, rename, fsync of the folder; owner-only permissions), which
//! tauri-plugin-store's `save` (a plain `fs::write`) is not. Never holds a secret or a token: the
//! types here have no field for one.
//!
//! Two Skep processes may run on one settings folder (the single-instance guard makes that rare,
//! not impossible). Every change therefore happens under an advisory lock on `settings.json.lock`
//! and is applied to the file as it is on disk at that moment (re-read under the lock), never to a
//! copy this process read earlier; temp files are swept only under the lock, when no other process
//! can be in the middle of a save. A file that exists but cannot be read is never written over.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dto::{ApiPermission, OrgColor, SecretStorage};

pub const SETTINGS_FILE: &str = "settings.json";
const LOCK_FILE: &str = "settings.json.lock";
/// Temp files of "Save as file" (they hold a client secret) that a save has not renamed yet; a
/// start-up after a crash deletes them.
const PENDING_FILES: &str = "pending-files.json";

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub active_id: Option<String>,
    #[serde(default)]
    pub organizations: Vec<SavedOrganization>,
    /// Ids of organizations whose secret is being written to the keychain before the
    /// organization itself is saved. An id still here at the next start belongs to a save that
    /// died in between: its keychain entries are deleted then (no orphaned secret).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending_keychain: Vec<String>,
}

fn version() -> u32 {
    1
}

impl Default for Settings {
    /// A first start: the current version (what is written is what a later read says).
    fn default() -> Self {
        Self {
            version: version(),
            active_id: None,
            organizations: Vec::new(),
            pending_keychain: Vec::new(),
        }
    }
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
    /// Absent in files written before colours existed: then derived from the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<OrgColor>,
    #[serde(default)]
    pub production: bool,
}

impl SavedOrganization {
    pub fn color(&self) -> OrgColor {
        self.color.unwrap_or_else(|| OrgColor::for_id(&self.id))
    }
}

/// Why the settings file could not be used.
#[derive(Debug)]
pub enum ReadError {
    /// It exists but cannot be read (permissions, I/O error, a folder in its place …).
    Unreadable(std::io::Error),
    /// It was read but is not valid settings JSON.
    Invalid(serde_json::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Unreadable(e) => write!(f, "{e}"),
            ReadError::Invalid(e) => write!(f, "not valid settings ({e})"),
        }
    }
}

/// What start-up found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub settings: Settings,
    /// The file exists but could not be read: the plain-words reason. While set, nothing may be
    /// saved over it.
    pub problem: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
    dir: PathBuf,
}

/// The settings folder's advisory lock, held until dropped (released by the OS if the process
/// dies).
pub struct SettingsLock<'a> {
    file: &'a SettingsFile,
    _lock: Option<fs::File>,
}

impl SettingsFile {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join(SETTINGS_FILE),
            dir: dir.to_path_buf(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Take the advisory lock (blocking while another Skep process holds it). Where the lock
    /// cannot be taken at all (the folder is read-only, …), goes on without it: every save there
    /// fails on its own.
    pub fn lock(&self) -> SettingsLock<'_> {
        let lock = (|| {
            fs::create_dir_all(&self.dir)?;
            let mut opts = fs::OpenOptions::new();
            opts.read(true).write(true).create(true).truncate(false);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            let f = opts.open(self.dir.join(LOCK_FILE))?;
            f.lock()?;
            Ok::<_, std::io::Error>(f)
        })();
        let lock = match lock {
            Ok(f) => Some(f),
            Err(e) => {
                tracing::warn!(folder = %self.dir.display(), error = %e, "settings lock not taken");
                None
            }
        };
        SettingsLock {
            file: self,
            _lock: lock,
        }
    }

    /// Start-up: under the lock, sweep what a crashed save left (temp files, "Save as file"
    /// temps) and read the file. Missing → defaults. Not valid JSON → kept under a new unique
    /// name (`settings.json.corrupt-<UTC>-<n>`) and defaults used. Unreadable → defaults with a
    /// [`Loaded::problem`], and the file is left exactly as it is.
    pub fn load(&self) -> Loaded {
        let lock = self.lock();
        lock.sweep_temp_files();
        lock.sweep_pending_files();
        match lock.read() {
            Ok(settings) => Loaded {
                settings,
                problem: None,
            },
            Err(ReadError::Invalid(e)) => match lock.move_aside() {
                Ok(aside) => {
                    tracing::warn!(path = %self.path.display(), error = %e, aside = %aside.display(),
                        "settings file is not valid; kept aside, using defaults");
                    Loaded::default()
                }
                Err(err) => Loaded {
                    settings: Settings::default(),
                    problem: Some(problem_text(
                        &self.path,
                        &format!("it is not valid settings and could not be moved aside ({err})"),
                    )),
                },
            },
            Err(ReadError::Unreadable(e)) => {
                tracing::warn!(path = %self.path.display(), error = %e, "settings file unreadable; not saving over it");
                Loaded {
                    settings: Settings::default(),
                    problem: Some(problem_text(&self.path, &e.to_string())),
                }
            }
        }
    }

    /// The file as it is now, without the lock (a rename is atomic: never half a file).
    pub fn read_unlocked(&self) -> Result<Settings, ReadError> {
        read_settings(&self.path)
    }
}

/// What the user reads when the settings file could not be read.
pub(crate) fn problem_text(path: &Path, reason: &str) -> String {
    format!(
        "Skep could not read its settings file ({}): {reason}. Nothing was changed; fix or move \
         the file and restart Skep.",
        path.display()
    )
}

fn read_settings(path: &Path) -> Result<Settings, ReadError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(e) => return Err(ReadError::Unreadable(e)),
    };
    let mut s = serde_json::from_slice::<Settings>(&bytes).map_err(ReadError::Invalid)?;
    s.version = version();
    Ok(s)
}

impl SettingsLock<'_> {
    /// The settings as they are on disk now.
    pub fn read(&self) -> Result<Settings, ReadError> {
        read_settings(&self.file.path)
    }

    /// Write `settings` atomically (temp, fsync, rename, fsync of the folder).
    pub fn save(&self, settings: &Settings) -> std::io::Result<()> {
        self.write(settings, true)
    }

    /// [`Self::save`] of a bookkeeping change (the `pendingKeychain` journal): the crash points
    /// of the test hooks stay with the saves that change what the user sees.
    pub fn save_journal(&self, settings: &Settings) -> std::io::Result<()> {
        self.write(settings, false)
    }

    fn write(&self, settings: &Settings, crash_points: bool) -> std::io::Result<()> {
        fs::create_dir_all(&self.file.dir)?;
        let json = serde_json::to_vec_pretty(settings).map_err(std::io::Error::other)?;
        let tmp = temp_path(&self.file.path)?;
        write_atomic_via(&tmp, &self.file.path, &json, || {
            if crash_points {
                super::crash_point("settings-before-rename")
            }
        })?;
        if crash_points {
            super::crash_point("settings-after-rename");
        }
        Ok(())
    }

    /// Keep an invalid settings file under a name no earlier copy has.
    fn move_aside(&self) -> std::io::Result<PathBuf> {
        let t = time::OffsetDateTime::now_utc();
        let stamp = format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
        for n in 1..1000 {
            let aside = self
                .file
                .dir
                .join(format!("{SETTINGS_FILE}.corrupt-{stamp}-{n}"));
            if fs::symlink_metadata(&aside).is_ok() {
                continue;
            }
            fs::rename(&self.file.path, &aside)?;
            sync_dir(&self.file.dir);
            return Ok(aside);
        }
        Err(std::io::Error::other("too many corrupt copies"))
    }

    /// Temp files of a save that never finished (the process was killed before the rename).
    /// Only under the lock: no other process can be writing one right now.
    fn sweep_temp_files(&self) {
        let prefix = format!(".{SETTINGS_FILE}.");
        let Ok(entries) = fs::read_dir(&self.file.dir) else {
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

    fn pending_files_path(&self) -> PathBuf {
        self.file.dir.join(PENDING_FILES)
    }

    fn read_pending_files(&self) -> Vec<PathBuf> {
        fs::read(self.pending_files_path())
            .ok()
            .and_then(|b| serde_json::from_slice::<Vec<PathBuf>>(&b).ok())
            .unwrap_or_default()
    }

    fn write_pending_files(&self, files: &[PathBuf]) -> std::io::Result<()> {
        let path = self.pending_files_path();
        if files.is_empty() {
            return match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        fs::create_dir_all(&self.file.dir)?;
        let json = serde_json::to_vec(files).map_err(std::io::Error::other)?;
        write_atomic_via(&temp_path(&path)?, &path, &json, || {})
    }

    /// Delete the "Save as file" temps a crashed save left in the user's folders.
    fn sweep_pending_files(&self) {
        let files = self.read_pending_files();
        if files.is_empty() {
            return;
        }
        for f in &files {
            // Only what this code names a temp file: never anything else a journal could list.
            if !is_temp_name(f) {
                continue;
            }
            match fs::remove_file(f) {
                Ok(()) => {
                    tracing::info!(file = %f.display(), "temp file of an interrupted save removed")
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    tracing::warn!(file = %f.display(), error = %e, "temp file of an interrupted save not removed")
                }
            }
        }
        if let Err(e) = self.write_pending_files(&[]) {
            tracing::warn!(error = %e, "pending-files journal not cleared");
        }
    }
}

impl SettingsFile {
    /// Write a file that holds a secret (the "Save as file" of the secret dialog) to `path`,
    /// atomically and owner-only. Its temp file (next to `path`, in the user's folder) is named
    /// in a journal in the settings folder first, so that if the process dies before the rename,
    /// the next start deletes it: no readable copy of the secret stays behind.
    pub fn write_secret_file(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let lock = self.lock();
        let tmp = temp_path(path)?;
        let mut pending = lock.read_pending_files();
        pending.push(tmp.clone());
        lock.write_pending_files(&pending)?;
        let result = write_atomic_via(&tmp, path, bytes, || {
            super::crash_point("secret-file-before-rename")
        });
        pending.retain(|p| p != &tmp);
        if let Err(e) = lock.write_pending_files(&pending) {
            tracing::warn!(error = %e, "pending-files journal not updated");
        }
        result
    }
}

/// Write a file the app keeps for itself (not a secret: a cache), atomically and owner-only.
pub(crate) fn write_private_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_via(&temp_path(path)?, path, bytes, || {})
}

/// `.<name>.<16 hex>.tmp` next to `path`.
fn temp_path(path: &Path) -> std::io::Result<PathBuf> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("no file name"))?
        .to_string_lossy()
        .into_owned();
    Ok(dir.join(format!(".{name}.{:016x}.tmp", rand_nonce())))
}

fn is_temp_name(path: &Path) -> bool {
    let Some(n) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(rest) = n.strip_prefix('.').and_then(|r| r.strip_suffix(".tmp")) else {
        return false;
    };
    rest.rsplit_once('.').is_some_and(|(name, hex)| {
        !name.is_empty() && hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Write `bytes` to `tmp` (new, owner-only), fsync, call `before_rename`, rename over `path`,
/// fsync the folder. The temp file is removed on failure.
fn write_atomic_via(
    tmp: &Path,
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(),
) -> std::io::Result<()> {
    let result = (|| {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        before_rename();
        fs::rename(tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(tmp);
    } else if let Some(dir) = path.parent() {
        sync_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        });
    }
    result
}

/// Make a rename in `dir` durable (the folder's entry list reaches the disk). Unix only: Windows
/// has no way to open a folder for this, and NTFS journals renames itself.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Err(e) = fs::File::open(dir).and_then(|d| d.sync_all()) {
        tracing::debug!(folder = %dir.display(), error = %e, "folder not synced");
    }
    #[cfg(not(unix))]
    let _ = dir;
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

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn one_org() -> Settings {
        Settings {
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
                color: Some(OrgColor::Purple),
                production: true,
            }],
            pending_keychain: Vec::new(),
        }
    }

    #[test]
    fn round_trips_and_is_owner_only() {
        let dir = temp_dir("rt");
        let file = SettingsFile::in_dir(&dir);
        assert_eq!(file.load().settings, Settings::default());
        let s = one_org();
        file.lock().save(&s).unwrap();
        let loaded = file.load();
        assert_eq!(loaded.settings, s);
        assert!(loaded.problem.is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in [SETTINGS_FILE, LOCK_FILE] {
                let mode = fs::metadata(dir.join(f)).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "{f}");
            }
        }
        // No temp files are left behind.
        assert_eq!(names(&dir), vec![SETTINGS_FILE, LOCK_FILE]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn stale_temp_files_are_removed_on_load() {
        let dir = temp_dir("stale");
        let file = SettingsFile::in_dir(&dir);
        fs::write(dir.join(".settings.json.00000000deadbeef.tmp"), b"{}").unwrap();
        fs::write(dir.join("other.tmp"), b"keep").unwrap();
        assert_eq!(file.load().settings, Settings::default());
        assert_eq!(names(&dir), vec!["other.tmp", LOCK_FILE]);
        fs::remove_dir_all(dir).unwrap();
    }

    /// Each invalid file is kept under its own name: a second one does not overwrite the first.
    #[test]
    fn every_corrupt_file_is_kept_under_its_own_name() {
        let dir = temp_dir("corrupt");
        let file = SettingsFile::in_dir(&dir);
        for body in [&b"{ not json"[..], &b"{ also not json"[..]] {
            fs::write(dir.join(SETTINGS_FILE), body).unwrap();
            let loaded = file.load();
            assert_eq!(loaded.settings, Settings::default());
            assert!(
                loaded.problem.is_none(),
                "an invalid file kept aside is no problem"
            );
            assert!(!dir.join(SETTINGS_FILE).exists());
        }
        let kept: Vec<_> = names(&dir)
            .into_iter()
            .filter(|n| n.starts_with("settings.json.corrupt-"))
            .collect();
        assert_eq!(kept.len(), 2, "{kept:?}");
        let mut bodies: Vec<_> = kept
            .iter()
            .map(|n| fs::read_to_string(dir.join(n)).unwrap())
            .collect();
        bodies.sort();
        assert_eq!(bodies, vec!["{ also not json", "{ not json"]);
        fs::remove_dir_all(dir).unwrap();
    }

    /// A settings file that exists but cannot be read (here a folder in its place: root reads
    /// any file whatever its mode) is a problem, and no save goes over it.
    #[test]
    fn an_unreadable_file_is_a_problem_and_left_alone() {
        let dir = temp_dir("unreadable");
        let file = SettingsFile::in_dir(&dir);
        fs::create_dir(dir.join(SETTINGS_FILE)).unwrap();
        fs::write(dir.join(SETTINGS_FILE).join("keep"), b"x").unwrap();
        let loaded = file.load();
        let problem = loaded.problem.expect("a problem");
        assert!(
            problem.starts_with("Skep could not read its settings file (")
                && problem.ends_with("Nothing was changed; fix or move the file and restart Skep."),
            "{problem}"
        );
        assert!(dir.join(SETTINGS_FILE).join("keep").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn temp_names_are_recognised_exactly() {
        let tmp = temp_path(Path::new("/x/client.env")).unwrap();
        assert!(is_temp_name(&tmp), "{}", tmp.display());
        for other in [
            "/x/client.env",
            "/x/.client.env.tmp",
            "/x/.client.env.0000.tmp",
            "/x/..0123456789abcdef.tmp",
            "/x/.client.env.0123456789abcdeg.tmp",
        ] {
            assert!(!is_temp_name(Path::new(other)), "{other}");
        }
    }

    /// A "Save as file" journals its temp file while it exists; a finished save leaves neither.
    #[test]
    fn a_finished_secret_file_save_leaves_no_temp_and_no_journal() {
        let data = temp_dir("journal-data");
        let user = temp_dir("journal-user");
        let file = SettingsFile::in_dir(&data);
        file.write_secret_file(&user.join("client.env"), b"SECRET=1")
            .unwrap();
        assert_eq!(names(&user), vec!["client.env"]);
        assert!(!data.join(PENDING_FILES).exists());
        fs::remove_dir_all(data).unwrap();
        fs::remove_dir_all(user).unwrap();
    }
}
