//! The app's command-level tests, on one harness: the real app assembled by [`build_app`] on
//! Tauri's mock runtime (no display), with the keychain replaced by a shared in-memory store
//! ([`MemoryStore`]), the desktop by [`FakePlatform`], and in-process sandboxes standing in for
//! the Console API: the app's built-in one, or a separate one reached over loopback HTTP as "a
//! real organization".
//!
//! Commands are invoked exactly as the web UI does (IPC with camelCase args). Every call is
//! bounded in time: a hung command fails its test instead of hanging the run.

mod acl;
mod backups;
mod clients;
mod clusters;
mod connector_secrets;
mod fault_matrix;
mod hardening;
mod help;
mod hostile_input;
mod hostile_responses;
mod last_known;
mod members;
mod monitoring;
mod organizations;
mod overview;
mod secret_hygiene;
mod security_doc;
mod settings;
mod skeleton;
mod url_binding;

use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use console_sandbox::{Sandbox, SandboxConfig, Seed};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{Manager, WebviewWindow};

use crate::error::AppError;
use crate::organizations::credentials::ParsedCredentials;
use crate::platform::FakePlatform;
use crate::secrets::MemoryStore;
use crate::{build_app, AppState, Options};

pub struct Harness {
    pub app: tauri::App<MockRuntime>,
    /// The "main" window, where the UI runs.
    pub webview: WebviewWindow<MockRuntime>,
    pub store: MemoryStore,
    pub platform: Arc<FakePlatform>,
    /// The app's data dir (`settings.json`); removed when the harness is dropped.
    pub dir: PathBuf,
    keep_dir: bool,
}

pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "skep-test-{tag}-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The request timeout of the apps the fault and hostile-input tests start
/// (`SKEP_REQUEST_TIMEOUT_MS` in the real app): short, so "slower than the timeout" costs
/// seconds, not half a minute per case.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(4);

/// How long one call may take unless a test says otherwise (`Harness::call_within`).
const CALL_LIMIT: Duration = Duration::from_secs(60);

pub struct Setup {
    pub dir: PathBuf,
    pub store: MemoryStore,
    pub environment: Option<ParsedCredentials>,
    /// The built-in sandbox; `None` = the app's own default.
    pub sandbox_config: Option<SandboxConfig>,
    pub clipboard_clear_after: Duration,
    /// `None` = console-api's default (30 s).
    pub request_timeout: Option<Duration>,
    /// Build with the app's real configuration and capability (`tauri::generate_context!()`,
    /// i.e. tauri.conf.json + capabilities/default.json) instead of the mock context.
    pub real_context: bool,
    /// Leave the data dir behind when the harness is dropped (for a restart on it).
    pub keep_dir: bool,
}

impl Setup {
    pub fn new(tag: &str) -> Self {
        Self {
            dir: temp_dir(tag),
            store: MemoryStore::new(),
            environment: None,
            sandbox_config: Some(quiet_config()),
            clipboard_clear_after: Duration::from_secs(60),
            request_timeout: None,
            real_context: false,
            keep_dir: false,
        }
    }

    pub fn start(self) -> Harness {
        let platform = Arc::new(FakePlatform::default());
        let options = Options {
            secret_store: Arc::new(self.store.clone()),
            data_dir: Some(self.dir.clone()),
            environment: self.environment,
            sandbox_addr: None,
            sandbox_config: self.sandbox_config,
            platform: Some(platform.clone()),
            clipboard_clear_after: self.clipboard_clear_after,
            request_timeout: self.request_timeout,
        };
        let context = if self.real_context {
            tauri::generate_context!()
        } else {
            mock_context(noop_assets())
        };
        let app = build_app(mock_builder(), options).build(context).unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Harness {
            app,
            webview,
            store: self.store,
            platform,
            dir: self.dir,
            keep_dir: self.keep_dir,
        }
    }
}

/// A sandbox without the token rate limit (tests make many token requests on purpose).
pub fn sandbox_config(seed: Seed) -> SandboxConfig {
    SandboxConfig {
        seed,
        token_rate_limit: None,
        ..SandboxConfig::default()
    }
}

/// [`sandbox_config`] with the Demo seed: five clusters in different states, a few clients each.
pub fn quiet_config() -> SandboxConfig {
    sandbox_config(Seed::Demo)
}

/// A separate sandbox standing in for "a real organization" (reached over loopback HTTP).
pub fn external_sandbox() -> Sandbox {
    seeded_sandbox(Seed::Demo)
}

/// [`external_sandbox`] with the given seed, on a free loopback port (callable from any thread).
pub fn seeded_sandbox(seed: Seed) -> Sandbox {
    tauri::async_runtime::block_on(Sandbox::start(sandbox_config(seed))).unwrap()
}

/// One IPC call from `webview`, made as the web UI makes it: the answer, or the rejection as it
/// is (the app's errors in their wire form; Tauri's own failures are strings).
pub fn ipc(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        webview,
        tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|body| {
        body.deserialize::<Value>()
            .unwrap_or_else(|e| panic!("response is not JSON: {e}"))
    })
}

/// What one IPC call produced.
pub struct Outcome {
    pub result: Result<Value, Value>,
}

impl Outcome {
    /// The error kind the UI got, if the call failed.
    pub fn kind(&self) -> Option<&str> {
        self.result.as_ref().err().and_then(|e| e["kind"].as_str())
    }
}

impl Harness {
    pub fn new(tag: &str) -> Self {
        Setup::new(tag).start()
    }

    /// An app whose requests time out after [`REQUEST_TIMEOUT`].
    pub fn with_short_timeout(tag: &str) -> Self {
        let mut setup = Setup::new(tag);
        setup.request_timeout = Some(REQUEST_TIMEOUT);
        setup.start()
    }

    /// Invoke a command from the main window; fails the test if it does not return within
    /// `limit` (a hung command) or if the command panicked (the IPC call never answers).
    pub fn call_within(&self, limit: Duration, cmd: &str, args: Value) -> Outcome {
        let webview = self.webview.clone();
        let cmd_owned = cmd.to_string();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(ipc(&webview, &cmd_owned, args));
        });
        match rx.recv_timeout(limit) {
            Ok(result) => Outcome { result },
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("{cmd} did not return within {limit:?} (hung command)")
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                panic!("{cmd} panicked (the IPC call never answered)")
            }
        }
    }

    /// [`Harness::call_within`] a minute.
    pub fn call(&self, cmd: &str, args: Value) -> Outcome {
        self.call_within(CALL_LIMIT, cmd, args)
    }

    /// Invoke; the rejection as it is (Tauri's own failures are strings, not `AppError`s).
    pub fn invoke_raw(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.call(cmd, args).result
    }

    pub fn invoke<T: DeserializeOwned>(&self, cmd: &str, args: Value) -> Result<T, AppError> {
        match self.invoke_raw(cmd, args) {
            Ok(body) => Ok(serde_json::from_value::<T>(body).unwrap()),
            Err(value) => Err(serde_json::from_value::<AppError>(value.clone())
                .unwrap_or_else(|e| panic!("error is not an AppError ({e}): {value}"))),
        }
    }

    /// Invoke and expect success.
    pub fn ok<T: DeserializeOwned>(&self, cmd: &str, args: Value) -> T {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e:?}"))
    }

    /// Invoke and expect an error.
    pub fn err(&self, cmd: &str, args: Value) -> AppError {
        match self.invoke::<Value>(cmd, args) {
            Ok(v) => panic!("{cmd} unexpectedly succeeded: {v}"),
            Err(e) => e,
        }
    }

    /// Invoke and expect an error; in its wire form (`{kind, message, status, ...}`), what the
    /// UI gets.
    pub fn err_value(&self, cmd: &str, args: Value) -> Value {
        match self.invoke_raw(cmd, args) {
            Ok(v) => panic!("{cmd} unexpectedly succeeded: {v}"),
            Err(e) => e,
        }
    }

    pub fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// Run against the app's built-in sandbox (started by a previous command).
    pub fn builtin_sandbox<T>(&self, f: impl FnOnce(&Sandbox) -> T) -> T {
        tauri::async_runtime::block_on(self.state().sandbox.with_running(f))
            .expect("the built-in sandbox is not running")
    }

    /// Add an organization that reaches `sandbox` with its default credentials and make it the
    /// active one (`set_active_organization`, as the UI does); returns its id.
    pub fn add_active_org(&self, name: &str, sandbox: &Sandbox) -> String {
        let id = add_org(self, name, sandbox);
        let _: Value = self.ok("set_active_organization", json!({ "id": id }));
        id
    }

    /// Every file under the data dir (path, bytes); files that vanish meanwhile are left out.
    pub fn data_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    out.push((path, bytes));
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.dir, &mut out);
        out
    }

    pub fn settings_text(&self) -> String {
        std::fs::read_to_string(self.dir.join("settings.json")).unwrap()
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        if !self.keep_dir {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The form input for an organization reached through `sandbox`.
pub fn org_input(name: &str, sandbox: &Sandbox, client_id: &str, secret: &str) -> Value {
    json!({
        "name": name,
        "clientId": client_id,
        "clientSecret": secret,
        "tokenUrl": sandbox.token_url(),
        "apiBaseUrl": sandbox.base_url(),
        "audience": sandbox.audience(),
        "sessionOnly": false,
    })
}

/// Add an organization with the sandbox's default credentials; returns its id.
pub fn add_org(h: &Harness, name: &str, sandbox: &Sandbox) -> String {
    let creds = sandbox.default_credentials();
    let org: Value = h.ok(
        "add_organization",
        json!({ "input": org_input(name, sandbox, &creds.client_id, &creds.client_secret) }),
    );
    org["id"].as_str().unwrap().to_string()
}

pub fn cluster_names(list: &Value) -> Vec<String> {
    list["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

/// The cluster named `name` in a `list_clusters` answer.
pub fn cluster_named<'a>(list: &'a Value, name: &str) -> Option<&'a Value> {
    list["clusters"]
        .as_array()?
        .iter()
        .find(|c| c["name"] == name)
}

pub fn cluster_id_named(list: &Value, name: &str) -> String {
    cluster_named(list, name).unwrap_or_else(|| panic!("no cluster named {name} in {list}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A valid create-cluster form from the parameters the app returned.
pub fn create_input(params: &Value, name: &str) -> Value {
    let channel = &params["channels"][0];
    let generation = channel["defaultGeneration"]["id"]
        .as_str()
        .or_else(|| channel["allowedGenerations"][0]["id"].as_str())
        .expect("a generation");
    json!({
        "name": name,
        "channelId": channel["id"],
        "generationId": generation,
        "regionId": params["regions"][0]["id"],
        "planTypeId": params["planTypes"][0]["id"],
        "stageLabel": null,
    })
}

/// Everything the app's crates log in this test process (all threads: commands run on Tauri's
/// async runtime), for tests that check no secret reaches a log line. Installed as the global
/// subscriber on first use, at debug level (trace for Skep's own crates) — more than any real run
/// logs. The sandboxes' own lines (`console_sandbox`) are left out: they are not the app's.
pub mod logs {
    use std::io::Write;
    use std::sync::{Arc, OnceLock};

    #[derive(Clone, Default)]
    struct Buffer(Arc<parking_lot::Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn buffer() -> &'static Buffer {
        static BUFFER: OnceLock<Buffer> = OnceLock::new();
        BUFFER.get_or_init(|| {
            let buffer = Buffer::default();
            let writer = buffer.clone();
            tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(
                    "debug,skep=trace,console_api=trace,console_sandbox=off",
                ))
                .with_writer(move || writer.clone())
                .with_ansi(false)
                .try_init()
                .expect("no other global tracing subscriber in the test process");
            buffer
        })
    }

    /// Start capturing (idempotent); call before the code whose logs are checked.
    pub fn capture() {
        buffer();
    }

    /// Everything captured so far.
    pub fn text() -> String {
        String::from_utf8_lossy(&buffer().0.lock()).into_owned()
    }
}

/// The part of `secret` found in `text`, if any: the whole of it, or any 24 characters of it
/// (taken every 12, so a run of 36 or more is always found), since a message or log line may
/// hold a cut excerpt. A JWT's first part (its header, the same for every token) is not
/// searched for.
pub fn leaked_part(text: &str, secret: &str) -> Option<String> {
    if secret.is_empty() {
        return None;
    }
    if text.contains(secret) {
        return Some(secret.to_string());
    }
    let searched = match secret.split_once('.') {
        Some((_, rest)) if secret.starts_with("eyJ") => rest,
        _ => secret,
    };
    let chars: Vec<char> = searched.chars().collect();
    (0..chars.len().saturating_sub(23))
        .step_by(12)
        .map(|i| chars[i..i + 24].iter().collect::<String>())
        .find(|part| text.contains(part.as_str()))
}

/// The access token cached in the (in-memory) keychain, if any.
pub fn cached_token(store: &MemoryStore) -> Option<String> {
    store
        .values()
        .into_iter()
        .find(|v| v.contains("accessToken"))
        .map(|raw| {
            let v: Value = serde_json::from_str(&raw).unwrap();
            v["accessToken"].as_str().unwrap().to_string()
        })
}
