//! The process-wide token caches: one per [`TokenKey`], shared by every [`crate::Client`]
//! with that key.
//!
//! Rules (all enforced under one async lock per cache, which also makes token requests
//! single-flight):
//! - a token with more than `renew_before` left is reused; a stored token is loaded when the
//!   cache is empty;
//! - at most one token request per [`MIN_TOKEN_INTERVAL`]; callers arriving within it after
//!   a failed request get that failure instead of a new request;
//! - after a 429, no request until `Retry-After` has passed;
//! - after `InvalidCredentials`, no request with the same secret ever again (a different
//!   secret for the same key is tried);
//! - when renewing fails for any reason but bad credentials, the old token is used while it
//!   has not expired.

use std::collections::HashMap;
use std::sync::{Arc, Mutex as StdMutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::Mutex;

use crate::token::{request_token, unix_secs, StoredToken, TokenKey, TokenStore};
use crate::{Error, RateLimitedBy, Secret};

/// Minimum time between two token requests of one cache.
pub const MIN_TOKEN_INTERVAL: Duration = Duration::from_secs(1);

#[derive(Clone)]
struct Cached {
    access: Secret,
    expires_at: SystemTime,
    /// The client secret the token was obtained with (or presented when it was loaded).
    secret: Secret,
    /// Set when the login service handed out a token already due for renewal (it re-issues
    /// its own cached token): no renewal attempt before this instant.
    renew_after: Option<Instant>,
}

struct Attempt {
    at: Instant,
    /// The failure and the secret it was made with, if the attempt failed.
    failure: Option<(Error, Secret)>,
}

#[derive(Default)]
struct State {
    token: Option<Cached>,
    last_attempt: Option<Attempt>,
    blocked_until: Option<Instant>,
    /// Secrets the login service rejected (the most recent few).
    bad_secrets: Vec<Secret>,
}

/// How many rejected secrets are remembered per cache.
const MAX_BAD_SECRETS: usize = 8;

impl State {
    fn is_bad(&self, secret: &Secret) -> bool {
        self.bad_secrets.iter().any(|b| b.same_as(secret))
    }
}

/// The token cache of one [`TokenKey`].
pub(crate) struct TokenCache {
    key: TokenKey,
    /// Held while deciding on and making a token request (single flight).
    state: Mutex<State>,
    /// A copy of `state.token`, readable while a token request is in flight, so callers
    /// holding a still-valid token are not held up by a slow renewal.
    current: StdMutex<Option<Cached>>,
}

type Registry = StdMutex<HashMap<TokenKey, Arc<TokenCache>>>;

fn registry() -> std::sync::MutexGuard<'static, HashMap<TokenKey, Arc<TokenCache>>> {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The cache for `key`, created on first use and kept until [`forget_token_cache`] (for the
/// life of the process otherwise: its rate-limit state must outlive any one client).
pub(crate) fn cache_for(key: &TokenKey) -> Arc<TokenCache> {
    let mut map = registry();
    map.entry(key.clone())
        .or_insert_with(|| {
            Arc::new(TokenCache {
                key: key.clone(),
                state: Mutex::new(State::default()),
                current: StdMutex::new(None),
            })
        })
        .clone()
}

/// Drop the process-wide token cache of `key`: its access token and every copy of a client
/// secret it holds (zeroized as they drop). For credentials the app no longer uses (an
/// organization removed, or edited to other credentials). Clients still holding the cache keep
/// their own handle; build a new client afterwards.
pub fn forget_token_cache(key: &TokenKey) {
    let removed = registry().remove(key);
    if let Some(cache) = removed {
        if let Ok(mut st) = cache.state.try_lock() {
            *st = State::default();
        }
        *cache
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }
}

/// Whether a token cache for `key` exists in this process (for tests of forgetting).
#[doc(hidden)]
pub fn has_token_cache(key: &TokenKey) -> bool {
    registry().contains_key(key)
}

impl TokenCache {
    /// A valid access token for a caller presenting `secret`.
    pub(crate) async fn token(
        &self,
        http: &reqwest::Client,
        secret: &Secret,
        renew_before: Duration,
        store: Option<&Arc<dyn TokenStore>>,
    ) -> Result<Secret, Error> {
        // Fast path: a fresh token, or a valid one while another caller renews it.
        if let Some(t) = self.snapshot().filter(|t| t.secret.same_as(secret)) {
            let now = SystemTime::now();
            if is_fresh(&t, now, renew_before) {
                return Ok(t.access);
            }
            if t.expires_at > now + Duration::from_secs(1) {
                match self.state.try_lock() {
                    Err(_) => return Ok(t.access),
                    Ok(st) => drop(st),
                }
            }
        }

        let mut st = self.state.lock().await;

        if st.is_bad(secret) {
            return Err(Error::InvalidCredentials);
        }

        if st.token.is_none() {
            if let Some(store) = store {
                if let Some(stored) = load(store, &self.key).await {
                    let expires_at =
                        UNIX_EPOCH.checked_add(Duration::from_secs(stored.expires_at_unix));
                    if let Some(expires_at) = expires_at
                        .filter(|at| *at > SystemTime::now() && !stored.access_token.is_empty())
                    {
                        tracing::debug!(key = %self.key.id(), "using the stored access token");
                        self.set_token(
                            &mut st,
                            Some(Cached {
                                access: stored.access_token,
                                expires_at,
                                secret: secret.clone(),
                                renew_after: None,
                            }),
                        );
                    }
                }
            }
        }

        let now = SystemTime::now();
        let mine = st.token.as_ref().filter(|t| t.secret.same_as(secret));
        if let Some(t) = mine.filter(|t| is_fresh(t, now, renew_before)) {
            return Ok(t.access.clone());
        }
        // Still valid, though due for renewal: usable if renewing is not possible now.
        let fallback = mine
            .filter(|t| t.expires_at > now + Duration::from_secs(1))
            .map(|t| t.access.clone());

        if let Some(until) = st.blocked_until {
            let left = until.saturating_duration_since(Instant::now());
            if !left.is_zero() {
                return fallback.ok_or(Error::RateLimited {
                    retry_after: left.max(Duration::from_secs(1)),
                    by: RateLimitedBy::Login,
                });
            }
            st.blocked_until = None;
        }
        if let Some(last) = &st.last_attempt {
            let since = last.at.elapsed();
            if since < MIN_TOKEN_INTERVAL {
                if let Some(t) = fallback {
                    return Ok(t);
                }
                if let Some((err, with)) = &last.failure {
                    if with.same_as(secret) {
                        return Err(err.clone());
                    }
                }
                tokio::time::sleep(MIN_TOKEN_INTERVAL - since).await;
            }
        }

        st.last_attempt = Some(Attempt {
            at: Instant::now(),
            failure: None,
        });
        match request_token(http, &self.key, secret).await {
            Ok(fetched) => {
                tracing::debug!(key = %self.key.id(), "got an access token");
                if let Some(store) = store {
                    let stored = StoredToken {
                        access_token: fetched.access_token.clone(),
                        expires_at_unix: unix_secs(fetched.expires_at),
                    };
                    save(store, &self.key, stored).await;
                }
                let access = fetched.access_token.clone();
                let left = fetched
                    .expires_at
                    .duration_since(SystemTime::now())
                    .unwrap_or(Duration::ZERO);
                // A token already inside the renewal window: try again halfway to its expiry,
                // not on every call.
                let renew_after = (left <= renew_before)
                    .then(|| Instant::now() + (left / 2).max(MIN_TOKEN_INTERVAL));
                self.set_token(
                    &mut st,
                    Some(Cached {
                        access: fetched.access_token,
                        expires_at: fetched.expires_at,
                        secret: secret.clone(),
                        renew_after,
                    }),
                );
                st.bad_secrets.retain(|b| !b.same_as(secret));
                Ok(access)
            }
            Err(err) => {
                tracing::warn!(key = %self.key.id(), error = %err, "token request failed");
                if let Some(last) = st.last_attempt.as_mut() {
                    last.failure = Some((err.clone(), secret.clone()));
                }
                match &err {
                    Error::InvalidCredentials => {
                        if st.bad_secrets.len() >= MAX_BAD_SECRETS {
                            st.bad_secrets.remove(0);
                        }
                        st.bad_secrets.push(secret.clone());
                        return Err(err);
                    }
                    Error::RateLimited { retry_after, .. } => {
                        st.blocked_until = Some(Instant::now() + *retry_after);
                    }
                    _ => {}
                }
                fallback.ok_or(err)
            }
        }
    }

    /// Drops `rejected` (an access token the API answered 401 to) from the cache and the
    /// store, unless the cache already holds a newer token.
    pub(crate) async fn invalidate(&self, rejected: &Secret, store: Option<&Arc<dyn TokenStore>>) {
        let mut st = self.state.lock().await;
        let current_is_rejected = match &st.token {
            Some(t) => t.access.same_as(rejected),
            None => true,
        };
        if current_is_rejected {
            tracing::debug!(key = %self.key.id(), "dropping an access token the API rejected");
            self.set_token(&mut st, None);
            if let Some(store) = store {
                clear(store, &self.key).await;
            }
        }
    }
}

impl TokenCache {
    fn snapshot(&self) -> Option<Cached> {
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn set_token(&self, st: &mut State, token: Option<Cached>) {
        *self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = token.clone();
        st.token = token;
    }
}

/// More than `renew_before` left, or renewal paused while the token is still valid.
fn is_fresh(t: &Cached, now: SystemTime, renew_before: Duration) -> bool {
    let renewal_paused = t.renew_after.is_some_and(|at| Instant::now() < at);
    t.expires_at > now + renew_before || (renewal_paused && t.expires_at > now)
}

async fn load(store: &Arc<dyn TokenStore>, key: &TokenKey) -> Option<StoredToken> {
    let (store, key) = (store.clone(), key.clone());
    tokio::task::spawn_blocking(move || store.load(&key))
        .await
        .ok()
        .flatten()
}

async fn save(store: &Arc<dyn TokenStore>, key: &TokenKey, token: StoredToken) {
    let (store, key) = (store.clone(), key.clone());
    if tokio::task::spawn_blocking(move || store.save(&key, &token))
        .await
        .is_err()
    {
        tracing::warn!("the token store panicked while saving");
    }
}

async fn clear(store: &Arc<dyn TokenStore>, key: &TokenKey) {
    let (store, key) = (store.clone(), key.clone());
    if tokio::task::spawn_blocking(move || store.clear(&key))
        .await
        .is_err()
    {
        tracing::warn!("the token store panicked while clearing");
    }
}
