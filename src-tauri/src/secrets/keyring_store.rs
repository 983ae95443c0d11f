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

/// Against the real Secret Service: run under `dbus-run-session` with an unlocked throwaway
/// gnome-keyring (see tests/e2e), e.g.
/// `SKEP_REAL_KEYCHAIN=1 cargo test -p skep real_keychain -- --ignored --test-threads=1`.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[ignore = "needs a Secret Service (dbus-run-session + unlocked gnome-keyring)"]
    fn real_keychain_round_trip() {
        if std::env::var("SKEP_REAL_KEYCHAIN").as_deref() != Ok("1") {
            return;
        }
        let store = KeyringStore;
        store.check().unwrap();
        let account = format!("test/{}", uuid::Uuid::new_v4().simple());
        assert!(store.get(&account).unwrap().is_none());
        store.set(&account, "s3cr=t'\"").unwrap();
        assert_eq!(store.get(&account).unwrap().unwrap().expose(), "s3cr=t'\"");
        store.set(&account, "second").unwrap();
        assert_eq!(store.get(&account).unwrap().unwrap().expose(), "second");
        store.delete(&account).unwrap();
        assert!(store.get(&account).unwrap().is_none());
        store.delete(&account).unwrap();
    }

    #[test]
    #[ignore = "needs a session bus without an unlocked keyring"]
    fn real_keychain_unavailable_is_reported() {
        if std::env::var("SKEP_NO_KEYCHAIN").as_deref() != Ok("1") {
            return;
        }
        match KeyringStore.check() {
            Err(KeychainError::Unavailable(msg)) => assert!(!msg.is_empty()),
            other => panic!("expected Unavailable, got {other:?}"),
        }
    }
}
