//! Secrets (client secrets, cached access tokens) live behind [`SecretStore`]: the OS keychain in
//! the app ([`KeyringStore`]), a shared in-memory map in tests (`MemoryStore`, `cfg(test)` only).
//! There is deliberately no file-backed implementation.

mod chunked;
mod keyring_store;
#[cfg(test)]
mod memory;
mod tokens;

pub use chunked::{platform_limit, Chunked};
pub use keyring_store::KeyringStore;
#[cfg(test)]
pub use memory::MemoryStore;
pub use tokens::{KeychainTokenStore, MemoryTokenStore};

use console_api::Secret;

/// The keychain service name every entry is stored under.
pub const SERVICE: &str = "dev.skep.app";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    /// No usable keychain: no Secret Service, locked, access denied. The text says which.
    #[error("{0}")]
    Unavailable(String),
    /// The keychain answered, but with something unusable (e.g. an entry that is not text).
    #[error("{0}")]
    Failed(String),
}

/// A small, synchronous secret store (the keychain's calls block: run them off the main thread).
pub trait SecretStore: Send + Sync + 'static {
    /// `Ok(None)` when there is no entry.
    fn get(&self, account: &str) -> Result<Option<Secret>, KeychainError>;
    fn set(&self, account: &str, secret: &str) -> Result<(), KeychainError>;
    /// Deleting a missing entry is not an error.
    fn delete(&self, account: &str) -> Result<(), KeychainError>;
    /// Whether the store can be used at all right now.
    fn check(&self) -> Result<(), KeychainError>;
}

/// Keychain account names: one entry per organization and purpose.
pub fn secret_account(org_id: &str) -> String {
    format!("organization/{org_id}/client-secret")
}

pub fn token_account(org_id: &str) -> String {
    format!("organization/{org_id}/access-token")
}
