//! Shared by the integration tests of the `skep` crate: the real app assembled by
//! `skep_lib::build_app` on Tauri's mock runtime, an in-memory keychain, a fake desktop, and an
//! in-process sandbox standing in for a real organization (reached over loopback HTTP).
//!
//! Commands are invoked exactly as the web UI does (IPC with camelCase args) and their errors are
//! looked at in their wire form (`{kind, message, status, ...}`), i.e. what the UI gets.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use console_sandbox::{Sandbox, SandboxConfig, Seed};
use serde_json::{json, Value};
use skep_lib::FakePlatform;
use skep_lib::MemoryStore;
use skep_lib::{build_app, Options};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;

pub struct App {
    pub app: tauri::App<MockRuntime>,
    pub webview: WebviewWindow<MockRuntime>,
    pub store: MemoryStore,
    pub platform: Arc<FakePlatform>,
    pub dir: PathBuf,
}

pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "skep-itest-{tag}-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A sandbox without the token rate limit (the tests cause token requests on purpose).
pub fn sandbox_config(seed: Seed) -> SandboxConfig {
    SandboxConfig {
        seed,
        token_rate_limit: None,
        ..SandboxConfig::default()
    }
}

/// Start a sandbox on a free loopback port (blocking; callable from any thread).
pub fn start_sandbox(seed: Seed) -> Sandbox {
    tauri::async_runtime::block_on(Sandbox::start(sandbox_config(seed))).expect("sandbox")
}

/// What one IPC call produced, and how long it took.
pub struct Outcome {
    pub result: Result<Value, Value>,
    pub took: Duration,
}

impl Outcome {
    pub fn kind(&self) -> Option<&str> {
        self.result.as_ref().err().and_then(|e| e["kind"].as_str())
    }
}

/// The request timeout of the apps these tests start (`SKEP_REQUEST_TIMEOUT_MS` in the real app):
/// short, so "slower than the timeout" costs seconds, not half a minute per case.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(4);

impl App {
    pub fn start(tag: &str) -> App {
        let store = MemoryStore::new();
        let platform = Arc::new(FakePlatform::default());
        let dir = temp_dir(tag);
        let options = Options {
            secret_store: Arc::new(store.clone()),
            data_dir: Some(dir.clone()),
            environment: None,
            sandbox_addr: None,
            sandbox_config: Some(sandbox_config(Seed::Demo)),
            platform: Some(platform.clone()),
            clipboard_clear_after: Duration::from_secs(60),
            request_timeout: Some(REQUEST_TIMEOUT),
        };
        let app = build_app(mock_builder(), options)
            .build(mock_context(noop_assets()))
            .expect("app builds");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("webview");
        App {
            app,
            webview,
            store,
            platform,
            dir,
        }
    }

    /// Invoke a command as the UI does; fails the test if it does not return within `limit`
    /// (a hung command) or if the command panicked (the IPC channel closes).
    pub fn call_within(&self, limit: Duration, cmd: &str, args: Value) -> Outcome {
        let webview = self.webview.clone();
        let cmd_owned = cmd.to_string();
        let (tx, rx) = mpsc::channel();
        let started = Instant::now();
        std::thread::spawn(move || {
            let response = tauri::test::get_ipc_response(
                &webview,
                tauri::webview::InvokeRequest {
                    cmd: cmd_owned,
                    callback: tauri::ipc::CallbackFn(0),
                    error: tauri::ipc::CallbackFn(1),
                    url: "tauri://localhost".parse().expect("url"),
                    body: tauri::ipc::InvokeBody::Json(args),
                    headers: Default::default(),
                    invoke_key: tauri::test::INVOKE_KEY.to_string(),
                },
            );
            let result = response.map(|body| {
                body.deserialize::<Value>()
                    .unwrap_or_else(|e| panic!("response is not JSON: {e}"))
            });
            let _ = tx.send(result);
        });
        match rx.recv_timeout(limit) {
            Ok(result) => Outcome {
                result,
                took: started.elapsed(),
            },
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("{cmd} did not return within {limit:?} (hung command)")
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                panic!("{cmd} panicked (the IPC call never answered)")
            }
        }
    }

    pub fn call(&self, cmd: &str, args: Value) -> Outcome {
        self.call_within(Duration::from_secs(60), cmd, args)
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args).result {
            Ok(v) => v,
            Err(e) => panic!("{cmd} failed: {e}"),
        }
    }

    pub fn err(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args).result {
            Ok(v) => panic!("{cmd} unexpectedly succeeded: {v}"),
            Err(e) => e,
        }
    }

    /// Add an organization that reaches `sandbox` with its default credentials and make it
    /// the active one; returns its id.
    pub fn add_org(&self, name: &str, sandbox: &Sandbox) -> String {
        let creds = sandbox.default_credentials();
        let org = self.ok(
            "add_organization",
            json!({ "input": org_input(name, sandbox, &creds.client_id, &creds.client_secret) }),
        );
        let id = org["id"].as_str().expect("org id").to_string();
        self.ok("set_active_organization", json!({ "id": id }));
        id
    }

    /// Every file under the app's data dir (path, bytes).
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
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The organization form for `sandbox`.
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

pub fn find_by_name<'a>(list: &'a Value, name: &str) -> Option<&'a Value> {
    list["clusters"]
        .as_array()?
        .iter()
        .find(|c| c["name"] == name)
}

pub fn id_of(list: &Value, name: &str) -> String {
    find_by_name(list, name).unwrap_or_else(|| panic!("no cluster named {name} in {list}"))["id"]
        .as_str()
        .expect("id")
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
