//! Commands driven through `tauri::test` (mock runtime, no display) against in-process sandboxes,
//! with the keychain replaced by a shared in-memory store and the desktop by `FakePlatform`.

mod acl;
mod clients;
mod clusters;
mod organizations;
mod skeleton;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use console_sandbox::{Sandbox, SandboxConfig};
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
    pub webview: WebviewWindow<MockRuntime>,
    pub store: MemoryStore,
    pub platform: Arc<FakePlatform>,
    pub dir: PathBuf,
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

pub struct Setup {
    pub dir: PathBuf,
    pub store: MemoryStore,
    pub environment: Option<ParsedCredentials>,
    pub sandbox_config: Option<SandboxConfig>,
    pub clipboard_clear_after: Duration,
}

impl Setup {
    pub fn new(tag: &str) -> Self {
        Self {
            dir: temp_dir(tag),
            store: MemoryStore::new(),
            environment: None,
            sandbox_config: Some(quiet_config()),
            clipboard_clear_after: Duration::from_secs(60),
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
            request_timeout: None,
        };
        let app = build_app(mock_builder(), options)
            .build(mock_context(noop_assets()))
            .unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Harness {
            app,
            webview,
            store: self.store,
            platform,
            dir: self.dir,
        }
    }
}

/// The sandbox without a token rate limit (tests make many token requests on purpose).
pub fn quiet_config() -> SandboxConfig {
    SandboxConfig {
        token_rate_limit: None,
        ..SandboxConfig::default()
    }
}

/// A separate sandbox standing in for "a real organization" (reached over loopback HTTP).
pub fn external_sandbox() -> Sandbox {
    tauri::async_runtime::block_on(Sandbox::start(quiet_config())).unwrap()
}

impl Harness {
    pub fn new(tag: &str) -> Self {
        Setup::new(tag).start()
    }

    /// Invoke; the rejection as it is (Tauri's own failures are strings, not `AppError`s).
    pub fn invoke_raw(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        tauri::test::get_ipc_response(
            &self.webview,
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
        .map(|body| body.deserialize::<Value>().unwrap())
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

    pub fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// Run against the app's built-in sandbox (started by a previous command).
    pub fn builtin_sandbox<T>(&self, f: impl FnOnce(&Sandbox) -> T) -> T {
        tauri::async_runtime::block_on(self.state().sandbox.with_running(f))
            .expect("the built-in sandbox is not running")
    }

    /// Every file under the data dir, as bytes.
    pub fn data_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push((path.clone(), std::fs::read(&path).unwrap()));
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

pub fn cluster_id_named(list: &Value, name: &str) -> String {
    list["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no cluster {name}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_capability_grants_exactly_the_commands() {
    let cap: Value = serde_json::from_str(include_str!("../../capabilities/default.json")).unwrap();
    let perms: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let mut expected: Vec<String> = crate::commands::COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.push("core:event:allow-listen".into());
    expected.push("core:event:allow-unlisten".into());
    assert_eq!(perms, expected);
    assert_eq!(cap["windows"], json!(["main"]));
}
