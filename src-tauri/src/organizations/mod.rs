//! Organizations (profiles): saved ones in the settings file, their secrets in the keychain,
//! plus the built-in Sandbox and the unsaved Environment organization.
//!
//! Blocking (keychain, file IO): call from `spawn_blocking`, never from the main thread.

pub mod credentials;
pub mod edit;
pub mod settings;
pub mod validate;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use console_api::{Secret, TokenStore};
use parking_lot::Mutex;

use crate::dto::{
    ApiPermission, OrgColor, Organization, OrganizationKind, OrganizationsState, SecretStorage,
};
use crate::error::{AppError, AppResult};
use crate::secrets::{
    secret_account, token_account, KeychainTokenStore, MemoryTokenStore, SecretStore,
};
use credentials::ParsedCredentials;
use settings::{SavedOrganization, Settings, SettingsFile, SettingsLock};

pub const SANDBOX_ID: &str = "sandbox";
pub const ENVIRONMENT_ID: &str = "environment";

/// Connection facts of the running built-in sandbox (no secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxInfo {
    pub client_id: String,
    pub token_url: String,
    pub api_base_url: String,
    pub audience: String,
}

/// Everything needed to build a `console_api::Client` for an organization.
pub struct Resolved {
    pub org: Organization,
    pub secret: Secret,
    pub tokens: Arc<dyn TokenStore>,
}

pub struct Organizations {
    file: SettingsFile,
    /// This process's copy of the settings, as last read or written.
    settings: Mutex<Settings>,
    /// One change of the settings at a time in this process (the file lock orders processes).
    /// Held across keychain calls, so never taken by a read.
    save_gate: Mutex<()>,
    /// The settings file exists but could not be read at start: nothing is saved over it.
    problem: Option<String>,
    secrets: Arc<dyn SecretStore>,
    session_secrets: Mutex<HashMap<String, Secret>>,
    environment: Option<(Organization, Secret)>,
    active: Mutex<String>,
    runtime_denied: Mutex<HashMap<String, BTreeSet<ApiPermission>>>,
    memory_tokens: Mutex<HashMap<String, Arc<MemoryTokenStore>>>,
}

/// Test hook (feature `test-hooks`, the e2e crash tests; not in the app that ships):
/// `SKEP_TEST_CRASH_AT=<point>` makes the app abort at that point of an organization save, like
/// a kill -9 there. Points: `after-keychain-write` (the new
/// organization's secret is in the keychain, the settings file not yet written),
/// `settings-before-rename` (the new settings are in the temp file, not yet renamed over the old),
/// `settings-after-rename`; and of "Save as file" of a client secret, `secret-file-before-rename`.
/// Read once; inert unless set.
#[cfg(feature = "test-hooks")]
pub const CRASH_ENV: &str = "SKEP_TEST_CRASH_AT";

#[cfg(feature = "test-hooks")]
pub(crate) fn crash_point(point: &str) {
    static AT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let at = AT.get_or_init(|| std::env::var(CRASH_ENV).ok().filter(|s| !s.is_empty()));
    if at.as_deref() == Some(point) {
        eprintln!("skep: {CRASH_ENV}={point}: aborting here (test hook)");
        std::process::abort();
    }
}

/// Without the `test-hooks` feature there are no crash points.
#[cfg(not(feature = "test-hooks"))]
#[inline(always)]
pub(crate) fn crash_point(_point: &str) {}

impl Organizations {
    /// Load the settings; `environment` = the `CAMUNDA_CONSOLE_*` variables at launch.
    pub fn load(
        file: SettingsFile,
        secrets: Arc<dyn SecretStore>,
        environment: Option<ParsedCredentials>,
    ) -> Self {
        let loaded = file.load();
        let settings = loaded.settings;
        let environment = environment.and_then(environment_org);
        let active = if environment.is_some() {
            ENVIRONMENT_ID.to_string()
        } else {
            match settings.active_id.as_deref() {
                Some(id)
                    if id == SANDBOX_ID || settings.organizations.iter().any(|o| o.id == id) =>
                {
                    id.to_string()
                }
                _ => settings
                    .organizations
                    .first()
                    .map_or(SANDBOX_ID.to_string(), |o| o.id.clone()),
            }
        };
        let orgs = Self {
            file,
            settings: Mutex::new(settings),
            save_gate: Mutex::new(()),
            problem: loaded.problem,
            secrets,
            session_secrets: Mutex::new(HashMap::new()),
            environment,
            active: Mutex::new(active),
            runtime_denied: Mutex::new(HashMap::new()),
            memory_tokens: Mutex::new(HashMap::new()),
        };
        orgs.sweep_pending_keychain();
        orgs
    }

    /// Delete the keychain entries of organizations whose save died between the keychain write
    /// and the settings write (listed in `pendingKeychain`, absent from the organizations).
    /// Only when the keychain is there and unlocked: start-up never raises a prompt for this; a
    /// later start finishes the job.
    fn sweep_pending_keychain(&self) {
        if self.problem.is_some() || self.settings.lock().pending_keychain.is_empty() {
            return;
        }
        if self.secrets.check().is_err() {
            return;
        }
        let _gate = self.save_gate.lock();
        let lock = self.file.lock();
        let Ok(mut disk) = lock.read() else {
            return;
        };
        let pending = std::mem::take(&mut disk.pending_keychain);
        let mut kept = Vec::new();
        for id in pending {
            if disk.organizations.iter().any(|o| o.id == id) {
                continue;
            }
            let deleted = self
                .secrets
                .delete(&secret_account(&id))
                .and_then(|()| self.secrets.delete(&token_account(&id)));
            match deleted {
                Ok(()) => tracing::info!("keychain entries of an unfinished save removed"),
                Err(e) => {
                    tracing::warn!(error = %e, "keychain entries of an unfinished save not removed");
                    kept.push(id);
                }
            }
        }
        disk.pending_keychain = kept;
        match lock.save_journal(&disk) {
            Ok(()) => *self.settings.lock() = disk,
            Err(e) => tracing::warn!(error = %e, "settings not saved after the keychain sweep"),
        }
    }

    /// Write a file holding a secret ("Save as file"): atomic, owner-only, and no temp file
    /// left in the user's folder by a crash (see [`SettingsFile::write_secret_file`]).
    pub fn write_secret_file(&self, path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
        self.file.write_secret_file(path, bytes)
    }

    /// Take in what another Skep process saved meanwhile (a rename is atomic, so no lock).
    fn refresh(&self) {
        if self.problem.is_some() {
            return;
        }
        if let Ok(disk) = self.file.read_unlocked() {
            let mut active = self.active.lock();
            let known = |id: &str| {
                id == SANDBOX_ID
                    || (id == ENVIRONMENT_ID && self.environment.is_some())
                    || disk.organizations.iter().any(|o| o.id == id)
            };
            if !known(&active) {
                *active = if self.environment.is_some() {
                    ENVIRONMENT_ID.to_string()
                } else {
                    SANDBOX_ID.to_string()
                };
            }
            *self.settings.lock() = disk;
        }
    }

    pub fn active_id(&self) -> String {
        self.active.lock().clone()
    }

    /// Whether the keychain can be used right now, and if not, why (plain words).
    pub fn keychain_status(&self) -> (bool, Option<String>) {
        match self.secrets.check() {
            Ok(()) => (true, None),
            Err(e) => (
                false,
                Some(format!(
                    "The system keychain is not available: {e}. Secrets can be kept for this session only."
                )),
            ),
        }
    }

    pub fn list(&self, sandbox: Option<&SandboxInfo>) -> OrganizationsState {
        self.refresh();
        let mut organizations = vec![self.sandbox_org(sandbox)];
        if let Some((env, _)) = &self.environment {
            organizations.push(self.with_runtime_denied(env.clone()));
        }
        organizations.extend(self.settings.lock().organizations.iter().map(saved_to_dto));
        let (keychain_available, keychain_message) = self.keychain_status();
        OrganizationsState {
            organizations,
            active_id: self.active_id(),
            keychain_available,
            keychain_message,
            settings_problem: self.problem.clone(),
        }
    }

    pub fn organization(&self, id: &str, sandbox: Option<&SandboxInfo>) -> AppResult<Organization> {
        if id == SANDBOX_ID {
            return Ok(self.sandbox_org(sandbox));
        }
        if let Some((env, _)) = self.environment.as_ref().filter(|_| id == ENVIRONMENT_ID) {
            return Ok(self.with_runtime_denied(env.clone()));
        }
        self.settings
            .lock()
            .organizations
            .iter()
            .find(|o| o.id == id)
            .map(saved_to_dto)
            .ok_or_else(|| unknown(id))
    }

    pub fn set_active(&self, id: &str) -> AppResult<()> {
        self.organization(id, None)?;
        *self.active.lock() = id.to_string();
        if id != ENVIRONMENT_ID {
            self.update_settings(|s| s.active_id = Some(id.to_string()))?;
        }
        Ok(())
    }

    /// The secret and token store of a saved or Environment organization (not the Sandbox).
    pub fn resolve(&self, id: &str) -> AppResult<Resolved> {
        if let Some((env, secret)) = self.environment.as_ref().filter(|_| id == ENVIRONMENT_ID) {
            return Ok(Resolved {
                org: self.with_runtime_denied(env.clone()),
                secret: secret.clone(),
                tokens: self.memory_tokens(id),
            });
        }
        let org = self.organization(id, None)?;
        match org.secret_storage {
            SecretStorage::Session => {
                let secret = self
                    .session_secrets
                    .lock()
                    .get(id)
                    .cloned()
                    .ok_or_else(|| {
                        AppError::invalid_input(format!(
                            "The secret of \u{201c}{}\u{201d} was kept for one session only. \
                         Edit the organization to enter it again.",
                            org.name
                        ))
                    })?;
                Ok(Resolved {
                    org,
                    secret,
                    tokens: self.memory_tokens(id),
                })
            }
            SecretStorage::Keychain => {
                let secret = self.secrets.get(&secret_account(id))?.ok_or_else(|| {
                    AppError::invalid_input(format!(
                        "The keychain holds no secret for \u{201c}{}\u{201d}. Edit the organization to enter it again.",
                        org.name
                    ))
                })?;
                Ok(Resolved {
                    tokens: Arc::new(KeychainTokenStore::new(id, self.secrets.clone())),
                    org,
                    secret,
                })
            }
        }
    }

    /// An in-memory token store that lives as long as the app (per organization).
    pub fn memory_tokens(&self, id: &str) -> Arc<dyn TokenStore> {
        self.memory_tokens
            .lock()
            .entry(id.to_string())
            .or_default()
            .clone()
    }

    /// A 403 was seen for `permission`.
    pub fn record_denied(&self, id: &str, permission: ApiPermission) -> AppResult<()> {
        self.change_denied(id, |set| set.insert(permission))
    }

    /// The operation needing `permission` succeeded: forget an earlier 403.
    pub fn clear_denied(&self, id: &str, permission: ApiPermission) -> AppResult<()> {
        self.change_denied(id, |set| set.remove(&permission))
    }

    fn change_denied(
        &self,
        id: &str,
        change: impl FnOnce(&mut BTreeSet<ApiPermission>) -> bool,
    ) -> AppResult<()> {
        let is_saved = self
            .settings
            .lock()
            .organizations
            .iter()
            .any(|o| o.id == id);
        if !is_saved {
            change(
                self.runtime_denied
                    .lock()
                    .entry(id.to_string())
                    .or_default(),
            );
            return Ok(());
        }
        let mut changed = false;
        self.update_settings_if(|s| {
            if let Some(o) = s.organizations.iter_mut().find(|o| o.id == id) {
                let mut set: BTreeSet<_> = o.denied_permissions.iter().copied().collect();
                changed = change(&mut set);
                o.denied_permissions = set.into_iter().collect();
            }
            changed
        })
    }

    fn sandbox_org(&self, sandbox: Option<&SandboxInfo>) -> Organization {
        let info = sandbox.cloned().unwrap_or(SandboxInfo {
            client_id: String::new(),
            token_url: String::new(),
            api_base_url: String::new(),
            audience: console_api::SAAS_AUDIENCE.to_string(),
        });
        self.with_runtime_denied(Organization {
            id: SANDBOX_ID.into(),
            name: "Sandbox".into(),
            kind: OrganizationKind::Sandbox,
            client_id: info.client_id,
            token_url: info.token_url,
            api_base_url: info.api_base_url,
            audience: info.audience,
            secret_storage: SecretStorage::Session,
            denied_permissions: Vec::new(),
            color: OrgColor::Gray,
            production: false,
        })
    }

    fn with_runtime_denied(&self, mut org: Organization) -> Organization {
        if let Some(set) = self.runtime_denied.lock().get(&org.id) {
            org.denied_permissions = set.iter().copied().collect();
        }
        org
    }

    /// Apply a change to the settings and write the file atomically.
    fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> AppResult<()> {
        self.update_settings_if(|s| {
            change(s);
            true
        })
    }

    /// Apply `change` to the settings as they are on disk now (under the file lock, so another
    /// process's save is never lost) and write them if it says it changed something.
    fn update_settings_if(&self, change: impl FnOnce(&mut Settings) -> bool) -> AppResult<()> {
        let _gate = self.save_gate.lock();
        let lock = self.file.lock();
        let mut disk = self.read_for_change(&lock)?;
        if change(&mut disk) {
            self.save_locked(&lock, &disk)?;
        }
        *self.settings.lock() = disk;
        Ok(())
    }

    /// Every change is refused while the settings file that exists could not be read at start.
    fn refuse_while_unreadable(&self) -> AppResult<()> {
        match &self.problem {
            Some(problem) => Err(AppError::invalid_input(problem.clone())),
            None => Ok(()),
        }
    }

    /// The settings on disk, to change them; refused while the file cannot be read.
    fn read_for_change(&self, lock: &SettingsLock<'_>) -> AppResult<Settings> {
        self.refuse_while_unreadable()?;
        lock.read().map_err(|e| {
            AppError::invalid_input(settings::problem_text(self.file.path(), &e.to_string()))
        })
    }

    fn save_locked(&self, lock: &SettingsLock<'_>, settings: &Settings) -> AppResult<()> {
        lock.save(settings)
            .map_err(|e| AppError::io("Could not save the settings file", &e))
    }
}

fn unknown(id: &str) -> AppError {
    AppError::no_organization(format!(
        "There is no organization with id \u{201c}{}\u{201d} (it may have been removed).",
        printable(id, 80)
    ))
}

/// At most `max` characters of `text`, without control or bidi-override characters.
pub(crate) fn printable(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    if clean.chars().count() > max {
        let cut: String = clean.chars().take(max).collect();
        format!("{cut}\u{2026}")
    } else {
        clean
    }
}

fn saved_to_dto(o: &SavedOrganization) -> Organization {
    Organization {
        id: o.id.clone(),
        name: o.name.clone(),
        kind: OrganizationKind::Saved,
        client_id: o.client_id.clone(),
        token_url: o.token_url.clone(),
        api_base_url: o.api_base_url.clone(),
        audience: o.audience.clone(),
        secret_storage: o.secret_storage,
        denied_permissions: o.denied_permissions.clone(),
        color: o.color(),
        production: o.production,
    }
}

fn environment_org(env: ParsedCredentials) -> Option<(Organization, Secret)> {
    let missing = env.missing();
    if env.client_id.is_none() && env.client_secret.is_none() {
        return None;
    }
    if !missing.is_empty() {
        tracing::warn!(
            ?missing,
            "CAMUNDA_CONSOLE_* variables incomplete; no Environment organization"
        );
        return None;
    }
    let endpoints = env.endpoints();
    let org = Organization {
        id: ENVIRONMENT_ID.into(),
        name: "Environment".into(),
        kind: OrganizationKind::Environment,
        client_id: env.client_id.clone().unwrap_or_default(),
        token_url: endpoints.token_url,
        api_base_url: endpoints.api_base_url,
        audience: endpoints.audience,
        secret_storage: SecretStorage::Session,
        denied_permissions: Vec::new(),
        color: OrgColor::Cyan,
        production: false,
    };
    Some((org, env.client_secret?))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
