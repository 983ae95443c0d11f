//! Shared helpers: a sandbox per test, clients configured for it, an in-memory token store.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use console_api::{Client, Config, Secret, StoredToken, TokenKey, TokenStore};
use console_sandbox::{ApiCredentials, Sandbox, SandboxConfig, Seed};

pub async fn sandbox() -> Sandbox {
    sandbox_with(SandboxConfig::default()).await
}

pub async fn sandbox_with(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config).await.expect("sandbox starts")
}

pub async fn empty_sandbox() -> Sandbox {
    sandbox_with(SandboxConfig {
        seed: Seed::Empty,
        ..SandboxConfig::default()
    })
    .await
}

/// A config for `creds` against `sb`, with fast GET retries.
pub fn config_for(sb: &Sandbox, creds: &ApiCredentials) -> Config {
    let mut c = Config::custom(
        sb.token_url(),
        sb.base_url(),
        sb.audience(),
        creds.client_id.clone(),
        Secret::new(creds.client_secret.clone()),
    );
    c.retry_backoff = Duration::from_millis(20);
    c
}

pub fn config(sb: &Sandbox) -> Config {
    config_for(sb, &sb.default_credentials())
}

pub fn client(sb: &Sandbox) -> Client {
    Client::new(config(sb)).expect("client")
}

/// The seeded cluster named `name` (the Demo seed's "orders-prod", …).
pub async fn seeded_cluster(api: &Client, name: &str) -> console_api::Cluster {
    api.list_clusters()
        .await
        .expect("list")
        .into_iter()
        .find(|c| c.name == name)
        .expect("seeded cluster")
}

/// The id of the seeded cluster named `name`.
pub async fn cluster_id(api: &Client, name: &str) -> String {
    seeded_cluster(api, name).await.uuid
}

pub fn route_count(sb: &Sandbox, route: &str) -> u64 {
    sb.counters().routes.get(route).copied().unwrap_or(0)
}

/// Asserts that no secret or token ever reached the sandbox in the wrong place.
pub fn assert_no_misuse(sb: &Sandbox) {
    let c = sb.counters();
    assert_eq!(
        c.admin_secret_misuse, 0,
        "client secret sent outside a token body"
    );
    assert_eq!(c.token_misuse, 0, "access token sent outside the API");
}

/// An in-memory [`TokenStore`] that counts its calls.
#[derive(Default)]
pub struct MemStore {
    pub tokens: Mutex<HashMap<TokenKey, StoredToken>>,
    pub loads: AtomicUsize,
    pub saves: AtomicUsize,
    pub clears: AtomicUsize,
}

impl MemStore {
    pub fn get(&self, key: &TokenKey) -> Option<StoredToken> {
        self.tokens.lock().expect("lock").get(key).cloned()
    }
    pub fn put(&self, key: TokenKey, token: StoredToken) {
        self.tokens.lock().expect("lock").insert(key, token);
    }
    pub fn saves(&self) -> usize {
        self.saves.load(Ordering::SeqCst)
    }
    pub fn clears(&self) -> usize {
        self.clears.load(Ordering::SeqCst)
    }
}

impl TokenStore for MemStore {
    fn load(&self, key: &TokenKey) -> Option<StoredToken> {
        self.loads.fetch_add(1, Ordering::SeqCst);
        self.get(key)
    }
    fn save(&self, key: &TokenKey, token: &StoredToken) {
        self.saves.fetch_add(1, Ordering::SeqCst);
        self.put(key.clone(), token.clone());
    }
    fn clear(&self, key: &TokenKey) {
        self.clears.fetch_add(1, Ordering::SeqCst);
        self.tokens.lock().expect("lock").remove(key);
    }
}

pub fn store() -> Arc<MemStore> {
    Arc::new(MemStore::default())
}

pub fn as_store(s: &Arc<MemStore>) -> Arc<dyn TokenStore> {
    s.clone()
}
