use std::collections::BTreeMap;
use std::sync::Arc;

use console_api::Secret;
use parking_lot::Mutex;

use super::{KeychainError, SecretStore};

/// A shared in-memory store for tests; clones share the map. Can simulate a locked keychain.
#[derive(Clone, Default)]
pub struct MemoryStore {
    entries: Arc<Mutex<BTreeMap<String, String>>>,
    unavailable: Arc<Mutex<Option<String>>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Make every call fail as a locked/missing keychain does (`None` = available again).
    pub fn set_unavailable(&self, reason: Option<&str>) {
        *self.unavailable.lock() = reason.map(str::to_string);
    }

    /// Account names currently stored (for tests).
    pub fn accounts(&self) -> Vec<String> {
        self.entries.lock().keys().cloned().collect()
    }

    /// Every stored value (for tests that look for leaks).
    pub fn values(&self) -> Vec<String> {
        self.entries.lock().values().cloned().collect()
    }

    fn available(&self) -> Result<(), KeychainError> {
        match self.unavailable.lock().as_ref() {
            Some(reason) => Err(KeychainError::Unavailable(reason.clone())),
            None => Ok(()),
        }
    }
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("accounts", &self.accounts())
            .finish()
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
        self.available()?;
        Ok(self
            .entries
            .lock()
            .get(account)
            .map(|s| Secret::new(s.clone())))
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), KeychainError> {
        self.available()?;
        self.entries
            .lock()
            .insert(account.to_string(), secret.to_string());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        self.available()?;
        self.entries.lock().remove(account);
        Ok(())
    }

    fn check(&self) -> Result<(), KeychainError> {
        self.available()
    }
}
