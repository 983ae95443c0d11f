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
    ApiPermission, Organization, OrganizationKind, OrganizationsState, SecretStorage,
};
use crate::error::{AppError, AppResult};
use crate::secrets::{secret_account, KeychainTokenStore, MemoryTokenStore, SecretStore};
use credentials::ParsedCredentials;
use settings::{SavedOrganization, Settings, SettingsFile};

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
    settings: Mutex<Settings>,
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
/// `settings-after-rename`. Read once; inert unless set.
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
        let settings = file.load();
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
        Self {
            file,
            settings: Mutex::new(settings),
            secrets,
            session_secrets: Mutex::new(HashMap::new()),
            environment,
            active: Mutex::new(active),
            runtime_denied: Mutex::new(HashMap::new()),
            memory_tokens: Mutex::new(HashMap::new()),
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

    fn update_settings_if(&self, change: impl FnOnce(&mut Settings) -> bool) -> AppResult<()> {
        let mut guard = self.settings.lock();
        let mut next = guard.clone();
        if !change(&mut next) {
            return Ok(());
        }
        self.file
            .save(&next)
            .map_err(|e| AppError::io("Could not save the settings file", &e))?;
        *guard = next;
        Ok(())
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
    };
    Some((org, env.client_secret?))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
