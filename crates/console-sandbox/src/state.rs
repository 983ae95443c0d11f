//! The sandbox's shared state: clock, API clients, tokens, rate limit, faults, counters, data.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use parking_lot::Mutex;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::config::{ApiCredentials, ApiPermission, ControlAccess, RateLimit, SandboxConfig};
use crate::faults::{ActiveFault, Fault};
use crate::model::{millis, random_string, Cluster};
use crate::record::{Kind, Recorder};
use crate::seed;

/// Request counters, also served as JSON by `GET /__sandbox/counters`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Every POST to the token endpoint, failed and rate-limited ones included.
    pub token_requests: u64,
    pub tokens_issued: u64,
    /// Per route, e.g. "GET /clusters", "GET /clusters/{id}", "POST /clusters/{id}/clients".
    pub routes: BTreeMap<String, u64>,
    /// An Administration API client secret seen anywhere except in a token-endpoint body.
    pub admin_secret_misuse: u64,
    /// An issued access token sent to the token endpoint, or anywhere but the API's
    /// `Authorization` header.
    pub token_misuse: u64,
}

pub(crate) struct ApiClient {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    pub(crate) permissions: Vec<ApiPermission>,
}

pub(crate) struct CachedToken {
    pub(crate) token: String,
    pub(crate) exp_s: u64,
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

pub(crate) struct Inner {
    clock_offset_ms: u64,
    pub(crate) api_clients: Vec<ApiClient>,
    pub(crate) token_cache: HashMap<String, CachedToken>,
    /// Recently issued tokens, for misuse detection (bounded).
    pub(crate) issued: VecDeque<String>,
    /// Tokens carry the epoch they were issued in; `revoke_tokens` bumps it.
    pub(crate) epoch: u64,
    rate_limit: Option<RateLimit>,
    buckets: HashMap<IpAddr, Bucket>,
    pub(crate) faults: Vec<ActiveFault>,
    pub(crate) counters: Counters,
    pub(crate) clusters: Vec<Cluster>,
    /// Members and pending invitations.
    pub(crate) members: Vec<crate::members::Member>,
    /// Every change made through the API, oldest first (bounded).
    pub(crate) activity: Vec<crate::members::Audit>,
}

pub(crate) struct Shared {
    pub(crate) addr: SocketAddr,
    pub(crate) base_url: String,
    pub(crate) ready_after: Duration,
    pub(crate) token_ttl: Duration,
    pub(crate) latency: Duration,
    pub(crate) token_latency: Duration,
    /// Who may use the `/__sandbox/*` routes (fixed at start).
    pub(crate) control: ControlAccess,
    /// The organization is on the Enterprise plan ([`crate::SandboxConfig::enterprise`]).
    pub(crate) enterprise: bool,
    pub(crate) key: [u8; 32],
    /// Test hook (`CONSOLE_SANDBOX_RECORD_SECRETS`): every secret handed out; inert when unset.
    pub(crate) recorder: Recorder,
    /// Everything that changes while serving. Not poisoned by a panicking holder: nothing a
    /// panic can interrupt leaves the data of a test double in a state worth refusing.
    pub(crate) inner: Mutex<Inner>,
}

const MAX_REMEMBERED_TOKENS: usize = 4096;

impl Shared {
    pub(crate) fn new(addr: SocketAddr, config: SandboxConfig) -> Shared {
        let mut key = [0u8; 32];
        rand::rng().fill(&mut key);
        let base_url = format!("http://{addr}");
        let default_client = ApiClient {
            client_id: random_string(32),
            client_secret: random_string(64),
            permissions: ApiPermission::ALL.to_vec(),
        };
        let now_ms = real_now_ms();
        let clusters = seed::clusters(&config.seed, now_ms, config.ready_after);
        let recorder = Recorder::from_env();
        recorder.record(Kind::ApiClientSecret, &default_client.client_secret);
        Shared {
            addr,
            base_url,
            ready_after: config.ready_after,
            token_ttl: config.token_ttl,
            latency: config.latency,
            token_latency: config.token_latency,
            control: config.control,
            enterprise: config.enterprise,
            key,
            recorder,
            inner: Mutex::new(Inner {
                clock_offset_ms: 0,
                api_clients: vec![default_client],
                token_cache: HashMap::new(),
                issued: VecDeque::new(),
                epoch: 0,
                rate_limit: config.token_rate_limit,
                buckets: HashMap::new(),
                faults: Vec::new(),
                counters: Counters::default(),
                clusters,
                members: crate::members::seed(),
                activity: Vec::new(),
            }),
        }
    }

    pub(crate) fn token_url(&self) -> String {
        format!("{}/oauth/token", self.base_url)
    }

    pub(crate) fn default_credentials(&self) -> ApiCredentials {
        let inner = self.inner.lock();
        let c = &inner.api_clients[0];
        ApiCredentials {
            client_id: c.client_id.clone(),
            client_secret: c.client_secret.clone(),
        }
    }

    pub(crate) fn add_api_client(&self, permissions: &[ApiPermission]) -> ApiCredentials {
        let mut perms = permissions.to_vec();
        perms.sort();
        perms.dedup();
        let client = ApiClient {
            client_id: random_string(32),
            client_secret: random_string(64),
            permissions: perms,
        };
        let creds = ApiCredentials {
            client_id: client.client_id.clone(),
            client_secret: client.client_secret.clone(),
        };
        self.recorder
            .record(Kind::ApiClientSecret, &client.client_secret);
        self.inner.lock().api_clients.push(client);
        creds
    }

    pub(crate) fn revoke_tokens(&self) {
        let mut inner = self.inner.lock();
        inner.epoch += 1;
        inner.token_cache.clear();
    }

    pub(crate) fn inject(&self, fault: Fault) {
        let active = ActiveFault::new(fault);
        self.inner.lock().faults.push(active);
    }

    pub(crate) fn clear_faults(&self) {
        self.inner.lock().faults.clear();
    }

    pub(crate) fn advance_clock(&self, by: Duration) {
        let mut inner = self.inner.lock();
        inner.clock_offset_ms = inner.clock_offset_ms.saturating_add(millis(by));
    }

    pub(crate) fn set_rate_limit(&self, limit: Option<RateLimit>) {
        let mut inner = self.inner.lock();
        inner.rate_limit = limit;
        inner.buckets.clear();
    }

    pub(crate) fn counters(&self) -> Counters {
        self.inner.lock().counters.clone()
    }

    pub(crate) fn reset_counters(&self) {
        self.inner.lock().counters = Counters::default();
    }
}

impl Inner {
    /// Milliseconds since the Unix epoch on the sandbox clock.
    pub(crate) fn now_ms(&self) -> u64 {
        real_now_ms().saturating_add(self.clock_offset_ms)
    }

    pub(crate) fn remember_token(&mut self, token: &str) {
        if self.issued.len() >= MAX_REMEMBERED_TOKENS {
            self.issued.pop_front();
        }
        self.issued.push_back(token.to_string());
    }

    /// Take one token from `ip`'s bucket, or say how many seconds to wait.
    pub(crate) fn rate_limit_check(&mut self, ip: IpAddr) -> Result<(), u64> {
        let Some(limit) = self.rate_limit else {
            return Ok(());
        };
        let now = Instant::now();
        let burst = f64::from(limit.burst.max(1));
        let bucket = self.buckets.entry(ip).or_insert(Bucket {
            tokens: burst,
            last: now,
        });
        let elapsed = now.duration_since(bucket.last).as_secs_f64();
        bucket.last = now;
        bucket.tokens = (bucket.tokens + elapsed * limit.per_second.max(0.0)).min(burst);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else if limit.per_second <= 0.0 {
            Err(3600)
        } else {
            let wait = (1.0 - bucket.tokens) / limit.per_second;
            Err(wait.ceil().max(1.0) as u64)
        }
    }

    pub(crate) fn find_cluster(&self, id: &str) -> Option<&Cluster> {
        self.clusters.iter().find(|c| c.uuid == id)
    }

    pub(crate) fn find_cluster_mut(&mut self, id: &str) -> Option<&mut Cluster> {
        self.clusters.iter_mut().find(|c| c.uuid == id)
    }
}

pub(crate) fn real_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(millis)
        .unwrap_or(0)
}
