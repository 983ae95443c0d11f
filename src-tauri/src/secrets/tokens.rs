//! `console_api::TokenStore` over the keychain: cached access tokens survive restarts, so
//! reopening Skep within a token's lifetime makes no token request.

use std::collections::HashMap;
use std::sync::Arc;

use console_api::{Secret, StoredToken, TokenKey, TokenStore};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use super::{token_account, SecretStore};

/// One keychain entry per organization ("organization/{id}/access-token") holding the token of
/// the organization's current credentials; a token for other credentials is ignored.
pub struct KeychainTokenStore {
    account: String,
    store: Arc<dyn SecretStore>,
}

impl KeychainTokenStore {
    pub fn new(org_id: &str, store: Arc<dyn SecretStore>) -> Self {
        Self {
            account: token_account(org_id),
            store,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    key: String,
    access_token: String,
    expires_at_unix: u64,
}

impl Drop for Entry {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.access_token);
    }
}

impl TokenStore for KeychainTokenStore {
    fn load(&self, key: &TokenKey) -> Option<StoredToken> {
        let raw = match self.store.get(&self.account) {
            Ok(Some(raw)) => raw,
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!(error = %e, "cached token could not be read from the keychain");
                return None;
            }
        };
        let entry: Entry = serde_json::from_str(raw.expose()).ok()?;
        (entry.key == key.id()).then(|| StoredToken {
            access_token: Secret::new(entry.access_token.clone()),
            expires_at_unix: entry.expires_at_unix,
        })
    }

    fn save(&self, key: &TokenKey, token: &StoredToken) {
        let entry = Entry {
            key: key.id(),
            access_token: token.access_token.expose().to_string(),
            expires_at_unix: token.expires_at_unix,
        };
        let Ok(mut json) = serde_json::to_string(&entry) else {
            return;
        };
        if let Err(e) = self.store.set(&self.account, &json) {
            tracing::warn!(error = %e, "access token could not be cached in the keychain");
        }
        zeroize::Zeroize::zeroize(&mut json);
    }

    fn clear(&self, _key: &TokenKey) {
        if let Err(e) = self.store.delete(&self.account) {
            tracing::warn!(error = %e, "cached access token could not be removed from the keychain");
        }
    }
}

/// Tokens in memory only: for the Sandbox, the Environment organization and session-only secrets.
#[derive(Default)]
pub struct MemoryTokenStore {
    tokens: Mutex<HashMap<String, StoredToken>>,
}

impl TokenStore for MemoryTokenStore {
    fn load(&self, key: &TokenKey) -> Option<StoredToken> {
        let map = self.tokens.lock();
        map.get(&key.id()).map(|t| StoredToken {
            access_token: t.access_token.clone(),
            expires_at_unix: t.expires_at_unix,
        })
    }

    fn save(&self, key: &TokenKey, token: &StoredToken) {
        let mut map = self.tokens.lock();
        map.insert(
            key.id(),
            StoredToken {
                access_token: token.access_token.clone(),
                expires_at_unix: token.expires_at_unix,
            },
        );
    }

    fn clear(&self, key: &TokenKey) {
        let mut map = self.tokens.lock();
        map.remove(&key.id());
    }
}
