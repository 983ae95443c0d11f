use console_api::Secret;

use super::{KeychainError, SecretStore, SERVICE};

/// The OS keychain through the `keyring` crate (Secret Service on Linux).
#[derive(Debug, Clone, Default)]
pub struct KeyringStore;

impl KeyringStore {
    fn entry(account: &str) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(SERVICE, account).map_err(map_err)
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
        match Self::entry(account)?.get_password() {
            Ok(s) => Ok(Some(Secret::new(s))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_err(e)),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), KeychainError> {
        Self::entry(account)?.set_password(secret).map_err(map_err)
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }

    fn check(&self) -> Result<(), KeychainError> {
        self.get("availability-check").map(|_| ())
    }
}

/// Fixed words per error kind: keyring's own texts can carry raw bytes of an entry (`BadEncoding`).
fn map_err(e: keyring::Error) -> KeychainError {
    use keyring::Error as K;
    match e {
        K::NoStorageAccess(_) => KeychainError::Unavailable(
            "the keychain is locked or no default keyring is set up".into(),
        ),
        K::PlatformFailure(inner) => {
            KeychainError::Unavailable(format!("no Secret Service could be reached: {inner}"))
        }
        K::BadEncoding(_) => {
            KeychainError::Failed("a keychain entry of Skep does not hold text".into())
        }
        K::TooLong(..) | K::Invalid(..) => {
            KeychainError::Failed("the keychain refused the entry's name or size".into())
        }
        K::Ambiguous(_) => KeychainError::Failed(
            "the keychain holds several entries for the same organization".into(),
        ),
        K::NoEntry => KeychainError::Failed("the keychain entry does not exist".into()),
        _ => KeychainError::Failed("the keychain reported an unexpected error".into()),
    }
}
