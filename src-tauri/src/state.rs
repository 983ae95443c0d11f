//! The app's managed state: organizations, the sandbox, cached API clients, the pending secret.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use console_api::{Client, Cluster, Config};
use console_sandbox::{ControlAccess, SandboxConfig};
use parking_lot::Mutex;
use tauri::{AppHandle, Manager, Runtime};

use crate::clipboard::SecretClipboard;
use crate::clusters::WatchedClusters;
use crate::dto::ApiPermission;
use crate::error::{join_error, AppError, AppResult};
use crate::last_known::{Binding, LastKnown};
use crate::organizations::credentials::ParsedCredentials;
use crate::organizations::settings::SettingsFile;
use crate::organizations::{validate, Organizations, SANDBOX_ID};
use crate::pending::PendingSecret;
use crate::platform::{Platform, TauriPlatform};
use crate::sandbox::SandboxHost;
use crate::secrets::{platform_limit, Chunked, KeyringStore, MemoryTokenStore, SecretStore};

/// How the app is put together; tests swap the keychain, the data dir and the desktop.
pub struct Options {
    pub secret_store: Arc<dyn SecretStore>,
    /// Folder of `settings.json`; `None` = the app data dir (`~/.local/share/dev.skep.app`).
    pub data_dir: Option<PathBuf>,
    /// `CAMUNDA_CONSOLE_*` at launch → the unsaved Environment organization.
    pub environment: Option<ParsedCredentials>,
    pub sandbox_addr: Option<SocketAddr>,
    pub sandbox_config: Option<SandboxConfig>,
    /// `None` = the real desktop through the Tauri plugins.
    pub platform: Option<Arc<dyn Platform>>,
    pub clipboard_clear_after: Duration,
    /// How long one API or token request may take; `None` = console-api's default (30 s).
    pub request_timeout: Option<Duration>,
}

/// `SKEP_REQUEST_TIMEOUT_MS`: how long one request to Camunda may take (slow links; tests).
pub const REQUEST_TIMEOUT_ENV: &str = "SKEP_REQUEST_TIMEOUT_MS";

/// The request timeout from `SKEP_REQUEST_TIMEOUT_MS` (clamped to 1 s..10 min), if set and valid.
pub fn request_timeout_from(value: Option<&str>) -> Option<Duration> {
    let ms: u64 = value?.trim().parse().ok()?;
    Some(Duration::from_millis(ms.clamp(1_000, 600_000)))
}

/// Test hook (feature `test-hooks`, the e2e harness; not in the app that ships): a non-empty
/// `SKEP_SANDBOX_CONTROL_TOKEN` opens the built-in Sandbox's `/__sandbox/*` control routes to
/// requests carrying `x-sandbox-control-token: <that value>`. Never logged.
#[cfg(feature = "test-hooks")]
pub const SANDBOX_CONTROL_TOKEN_ENV: &str = "SKEP_SANDBOX_CONTROL_TOKEN";

/// The built-in Sandbox's configuration at launch, `var` being the process environment: the
/// library defaults with the control routes Off (they answer 404, like any unknown route). Only
/// with the `test-hooks` feature can [`SANDBOX_CONTROL_TOKEN_ENV`] put them behind a token.
pub fn sandbox_config_from(var: impl Fn(&str) -> Option<String>) -> SandboxConfig {
    #[cfg(feature = "test-hooks")]
    if let Some(token) = var(SANDBOX_CONTROL_TOKEN_ENV).filter(|t| !t.is_empty()) {
        tracing::info!("test hook: the built-in Sandbox's control routes need the per-run token");
        return SandboxConfig {
            control: ControlAccess::Token(token),
            ..SandboxConfig::default()
        };
    }
    #[cfg(not(feature = "test-hooks"))]
    let _ = var;
    SandboxConfig {
        control: ControlAccess::Off,
        ..SandboxConfig::default()
    }
}

impl Options {
    /// The real app: OS keychain, app data dir, process environment.
    pub fn from_env() -> Self {
        let sandbox_addr = SandboxHost::addr_from_env().unwrap_or_else(|e| {
            tracing::warn!("{e}; the sandbox will use a free port");
            None
        });
        Self {
            // Entries the platform's keychain cannot hold in one piece are stored in parts.
            secret_store: Arc::new(Chunked::new(KeyringStore, platform_limit())),
            data_dir: None,
            environment: Some(ParsedCredentials::from_lookup(|k| std::env::var(k).ok())),
            sandbox_addr,
            sandbox_config: Some(sandbox_config_from(|k| std::env::var(k).ok())),
            platform: None,
            clipboard_clear_after: Duration::from_secs(60),
            request_timeout: request_timeout_from(
                std::env::var(REQUEST_TIMEOUT_ENV).ok().as_deref(),
            ),
        }
    }
}

pub struct AppState {
    secret_store: Arc<dyn SecretStore>,
    data_dir: Option<PathBuf>,
    environment: Mutex<Option<ParsedCredentials>>,
    orgs: OnceLock<Arc<Organizations>>,
    pub sandbox: SandboxHost,
    platform: OnceLock<Arc<dyn Platform>>,
    clients: Mutex<HashMap<String, Client>>,
    /// Tokens fetched by "Test connection" (unsaved input). The API crate shares tokens
    /// process-wide, so the organization saved afterwards reuses that token without fetching
    /// (and so without persisting) one: `client_for` copies it into the keychain.
    pub probe_tokens: Arc<MemoryTokenStore>,
    /// One client build at a time: concurrent first calls share one client (and one token).
    client_init: tokio::sync::Mutex<()>,
    pub pending: Mutex<Option<PendingSecret>>,
    /// Secrets copied from the copy-once dialog, cleared after `Options::clipboard_clear_after`.
    pub clipboard: Arc<SecretClipboard>,
    request_timeout: Option<Duration>,
    /// Clusters created from Skep, awaiting Healthy (→ notification).
    pub watched: WatchedClusters,
    /// Connector secrets deleted from Skep, hidden while the API still lists them.
    pub deleted_secrets: crate::connector_secrets::DeletedSecrets,
    /// The clusters fetched at launch, while the webview still loads (see [`Self::prefetch_clusters`]).
    prefetch: Mutex<Option<Prefetch>>,
    /// Each organization's last cluster list, in the cache folder (see [`crate::last_known`]).
    last_known: OnceLock<Arc<LastKnown>>,
}

/// A launch-time fetch of the active organization's clusters: (organization id, result), or
/// `None` when no API client could be built (the command then reports why itself).
type PrefetchTask =
    tauri::async_runtime::JoinHandle<Option<(String, Result<Vec<Cluster>, console_api::Error>)>>;

struct Prefetch {
    started: Instant,
    task: PrefetchTask,
}

/// A prefetched list older than this is not shown; the command fetches afresh.
const PREFETCH_FRESH_FOR: Duration = Duration::from_secs(10);

impl AppState {
    pub fn new(options: Options) -> Self {
        let platform = OnceLock::new();
        if let Some(p) = options.platform {
            let _ = platform.set(p);
        }
        Self {
            secret_store: options.secret_store,
            data_dir: options.data_dir,
            environment: Mutex::new(options.environment),
            orgs: OnceLock::new(),
            sandbox: SandboxHost::new(options.sandbox_addr, options.sandbox_config),
            platform,
            clients: Mutex::new(HashMap::new()),
            client_init: tokio::sync::Mutex::new(()),
            probe_tokens: Arc::new(MemoryTokenStore::default()),
            pending: Mutex::new(None),
            clipboard: Arc::new(SecretClipboard::new(options.clipboard_clear_after)),
            request_timeout: options.request_timeout,
            watched: WatchedClusters::default(),
            deleted_secrets: Default::default(),
            prefetch: Mutex::new(None),
            last_known: OnceLock::new(),
        }
    }

    /// At launch: fetch the active organization's clusters (keychain, token, `GET /clusters`)
    /// while the webview is still loading, so the first `list_clusters` finds them waiting
    /// instead of starting that round trip only once the UI has rendered. Used once.
    pub fn prefetch_clusters<R: Runtime>(&self, app: &AppHandle<R>) {
        let app = app.clone();
        let task = tauri::async_runtime::spawn(async move {
            let state = app.state::<AppState>();
            let (org_id, client) = state.active_client(&app).await.ok()?;
            Some((org_id, client.list_clusters().await))
        });
        *self.prefetch.lock() = Some(Prefetch {
            started: Instant::now(),
            task,
        });
    }

    /// The launch-time cluster list of organization `org_id`, if there is one, it is fresh and it
    /// belongs to that organization. Taken once: later calls fetch.
    pub async fn take_prefetched_clusters(
        &self,
        org_id: &str,
    ) -> Option<Result<Vec<Cluster>, console_api::Error>> {
        let prefetch = self.prefetch.lock().take()?;
        if prefetch.started.elapsed() > PREFETCH_FRESH_FOR {
            prefetch.task.abort();
            return None;
        }
        match prefetch.task.await {
            Ok(Some((id, result))) if id == org_id => Some(result),
            _ => None,
        }
    }

    /// The organizations, loaded from the settings file on first use.
    pub fn orgs<R: Runtime>(&self, app: &AppHandle<R>) -> AppResult<Arc<Organizations>> {
        if let Some(o) = self.orgs.get() {
            return Ok(o.clone());
        }
        let dir = match &self.data_dir {
            Some(d) => d.clone(),
            None => app.path().app_data_dir().map_err(|e| {
                AppError::internal(format!("The app data folder could not be found: {e}"))
            })?,
        };
        let env = self.environment.lock().take();
        let orgs = self.orgs.get_or_init(|| {
            Arc::new(Organizations::load(
                SettingsFile::in_dir(&dir),
                self.secret_store.clone(),
                env,
            ))
        });
        Ok(orgs.clone())
    }

    /// The log folder: the platform's (`app_log_dir()`), or `<data dir>/logs` when the tests
    /// set the data dir.
    pub fn log_dir<R: Runtime>(&self, app: &AppHandle<R>) -> AppResult<PathBuf> {
        match &self.data_dir {
            Some(d) => Ok(d.join("logs")),
            None => app
                .path()
                .app_log_dir()
                .map_err(|e| AppError::internal(format!("The log folder could not be found: {e}"))),
        }
    }

    /// The last-known data, in the app's cache folder (`<data dir>/cache` when the tests set
    /// the data dir). `None` when the platform has no cache folder.
    pub fn last_known<R: Runtime>(&self, app: &AppHandle<R>) -> Option<Arc<LastKnown>> {
        if let Some(l) = self.last_known.get() {
            return Some(l.clone());
        }
        let dir = match &self.data_dir {
            Some(d) => d.join("cache"),
            None => match app.path().app_cache_dir() {
                Ok(d) => d,
                Err(e) => {
                    tracing::warn!(error = %e, "no cache folder: no last-known data");
                    return None;
                }
            },
        };
        Some(
            self.last_known
                .get_or_init(|| Arc::new(LastKnown::in_dir(&dir)))
                .clone(),
        )
    }

    /// Where organization `id`'s last-known data is kept and who it is bound to; `None` for the
    /// Sandbox (it lives in this process, at a new address each run: nothing to wait for).
    pub fn last_known_for<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        id: &str,
    ) -> Option<(Arc<LastKnown>, Binding)> {
        if id == SANDBOX_ID {
            return None;
        }
        let org = self.orgs(app).ok()?.organization(id, None).ok()?;
        let binding = Binding {
            organization_id: org.id,
            api_base_url: org.api_base_url,
            client_id: org.client_id,
        };
        Some((self.last_known(app)?, binding))
    }

    /// Keep a list just fetched for organization `id` as its last-known one, in the background
    /// (the command that fetched it does not wait for the disk). Nothing for the Sandbox.
    pub fn keep_last_known<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        id: &str,
        save: impl FnOnce(&LastKnown, &Binding) + Send + 'static,
    ) {
        if let Some((store, binding)) = self.last_known_for(app, id) {
            tauri::async_runtime::spawn_blocking(move || save(&store, &binding));
        }
    }

    pub fn platform<R: Runtime>(&self, app: &AppHandle<R>) -> Arc<dyn Platform> {
        self.platform
            .get_or_init(|| Arc::new(TauriPlatform::new(app.clone())))
            .clone()
    }

    /// The active organization's id and API client.
    pub async fn active_client<R: Runtime>(
        &self,
        app: &AppHandle<R>,
    ) -> AppResult<(String, Client)> {
        let id = self.orgs(app)?.active_id();
        let client = self.client_for(app, &id).await?;
        Ok((id, client))
    }

    /// A (cached) API client for an organization.
    pub async fn client_for<R: Runtime>(&self, app: &AppHandle<R>, id: &str) -> AppResult<Client> {
        if let Some(c) = self.clients.lock().get(id) {
            return Ok(c.clone());
        }
        let _building = self.client_init.lock().await;
        if let Some(c) = self.clients.lock().get(id) {
            return Ok(c.clone());
        }
        let orgs = self.orgs(app)?;
        let (mut config, tokens) = if id == SANDBOX_ID {
            let conn = self.sandbox.ensure().await?;
            let config = Config::custom(
                conn.info.token_url,
                conn.info.api_base_url,
                conn.info.audience,
                conn.info.client_id,
                conn.client_secret,
            );
            (config, orgs.memory_tokens(SANDBOX_ID))
        } else {
            let owned = id.to_string();
            let orgs2 = orgs.clone();
            let probe = self.probe_tokens.clone();
            let resolved = tauri::async_runtime::spawn_blocking(move || {
                let resolved = orgs2.resolve(&owned)?;
                carry_over_probe_token(&probe, &resolved);
                Ok::<_, AppError>(resolved)
            })
            .await
            .map_err(join_error)??;
            validate::url("token URL", &resolved.org.token_url)?;
            validate::url("API URL", &resolved.org.api_base_url)?;
            let config = Config::custom(
                resolved.org.token_url.clone(),
                resolved.org.api_base_url.clone(),
                resolved.org.audience.clone(),
                resolved.org.client_id.clone(),
                resolved.secret,
            );
            (config, resolved.tokens)
        };
        if let Some(t) = self.request_timeout {
            config.request_timeout = t;
        }
        let client = Client::with_token_store(config, tokens)?;
        self.clients.lock().insert(id.to_string(), client.clone());
        Ok(client)
    }

    pub fn forget_client(&self, id: &str) {
        self.clients.lock().remove(id);
    }

    /// Map an API result, remembering 403s per organization (and forgetting them on success).
    pub fn track<R: Runtime, T>(
        &self,
        app: &AppHandle<R>,
        org_id: &str,
        needs: Option<ApiPermission>,
        result: Result<T, console_api::Error>,
    ) -> AppResult<T> {
        match result {
            Ok(v) => {
                if let (Some(p), Ok(orgs)) = (needs, self.orgs(app)) {
                    if let Err(e) = orgs.clear_denied(org_id, p) {
                        tracing::warn!(error = %e, "could not update permissions seen");
                    }
                }
                Ok(v)
            }
            Err(err) => {
                if let console_api::Error::Forbidden { permission } = &err {
                    if let Ok(orgs) = self.orgs(app) {
                        if let Err(e) = orgs.record_denied(org_id, ApiPermission::from(*permission))
                        {
                            tracing::warn!(error = %e, "could not record a denied permission");
                        }
                    }
                }
                Err(err.into())
            }
        }
    }
}

/// If "Test connection" fetched a token for these credentials and the organization's store
/// holds none, persist it there (see `AppState::probe_tokens`).
fn carry_over_probe_token(probe: &MemoryTokenStore, resolved: &crate::organizations::Resolved) {
    use console_api::TokenStore;
    let key = console_api::TokenKey {
        token_url: resolved.org.token_url.clone(),
        audience: resolved.org.audience.clone(),
        client_id: resolved.org.client_id.clone(),
    };
    if let Some(token) = probe.load(&key) {
        if resolved.tokens.load(&key).is_none() {
            resolved.tokens.save(&key, &token);
        }
        probe.clear(&key);
    }
}

#[cfg(test)]
mod sandbox_control_tests {
    use super::*;

    #[test]
    fn built_in_sandbox_control_routes_are_off_without_the_test_hook_token() {
        assert_eq!(sandbox_config_from(|_| None).control, ControlAccess::Off);
        // The same token variable without the feature, or empty with it: still off.
        #[cfg(not(feature = "test-hooks"))]
        assert_eq!(
            sandbox_config_from(|_| Some("t0ken".into())).control,
            ControlAccess::Off
        );
        assert_eq!(
            sandbox_config_from(|_| Some(String::new())).control,
            ControlAccess::Off
        );
    }

    #[cfg(feature = "test-hooks")]
    #[test]
    fn test_hook_token_puts_the_control_routes_behind_it() {
        let config = sandbox_config_from(|k| {
            (k == SANDBOX_CONTROL_TOKEN_ENV).then(|| "per-run-t0ken".to_string())
        });
        assert_eq!(config.control, ControlAccess::Token("per-run-t0ken".into()));
        assert!(!format!("{config:?}").contains("per-run-t0ken"));
        // Another variable does not open them.
        let other = sandbox_config_from(|k| (k != SANDBOX_CONTROL_TOKEN_ENV).then(|| "x".into()));
        assert_eq!(other.control, ControlAccess::Off);
    }
}

#[cfg(test)]
mod request_timeout_tests {
    use super::*;

    #[test]
    fn request_timeout_env_is_parsed_and_clamped() {
        assert_eq!(request_timeout_from(None), None);
        assert_eq!(request_timeout_from(Some("")), None);
        assert_eq!(request_timeout_from(Some("soon")), None);
        assert_eq!(request_timeout_from(Some("-5")), None);
        assert_eq!(
            request_timeout_from(Some(" 4500 ")),
            Some(Duration::from_millis(4500))
        );
        assert_eq!(
            request_timeout_from(Some("1")),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            request_timeout_from(Some("99999999999")),
            Some(Duration::from_secs(600))
        );
    }
}
