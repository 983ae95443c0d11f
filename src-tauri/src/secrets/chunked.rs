//! Entries longer than the keychain takes, stored in parts.
//!
//! Windows Credential Manager holds at most 2,560 bytes per credential, and `keyring` stores a
//! password there as UTF-16: 1,280 UTF-16 units. A cached access token (a JWT of 1–3 kB, in its
//! JSON envelope) can be longer. [`Chunked`] stores such a value as a first entry
//! `"\u{1}skep-parts:<n>:" + part 1` under the account itself and parts 2..n under
//! `<account>#2` … `<account>#n`, each within the limit; a value that fits is stored as it is (so
//! entries written before are read unchanged). Without a limit (macOS, Secret Service) every call
//! goes straight through: no extra keychain call, nothing read as a header.

use console_api::Secret;

use super::{KeychainError, SecretStore};

/// Starts the first entry of a value stored in parts (no secret or token starts with U+0001).
const MARK: &str = "\u{1}skep-parts:";
/// The most parts one value may have (a guard against a garbled header).
const MAX_PARTS: usize = 64;

/// The most UTF-16 units one keychain entry holds on this platform, if the store has a limit.
pub const fn platform_limit() -> Option<usize> {
    if cfg!(windows) {
        // CRED_MAX_CREDENTIAL_BLOB_SIZE (2,560 bytes), UTF-16.
        Some(2_560 / 2)
    } else {
        None
    }
}

/// A [`SecretStore`] whose entries hold at most `limit` UTF-16 units, over one that refuses more.
pub struct Chunked<S> {
    inner: S,
    limit: Option<usize>,
}

impl<S: SecretStore> Chunked<S> {
    pub fn new(inner: S, limit: Option<usize>) -> Self {
        // Room for the header and at least some text in each part.
        let limit = limit.map(|l| l.max(MARK.len() + 16));
        Self { inner, limit }
    }

    fn part_account(account: &str, n: usize) -> String {
        format!("{account}#{n}")
    }

    /// The number of parts a stored first entry says it has (1 for a plain entry).
    fn parts_of(first: &str) -> Result<usize, KeychainError> {
        let Some(rest) = first.strip_prefix(MARK) else {
            return Ok(1);
        };
        rest.split_once(':')
            .and_then(|(n, _)| n.parse::<usize>().ok())
            .filter(|n| (2..=MAX_PARTS).contains(n))
            .ok_or_else(incomplete)
    }

    /// `value` cut into parts of at most `budget` UTF-16 units each (on character boundaries).
    fn split(value: &str, first_budget: usize, budget: usize) -> Vec<&str> {
        let mut parts = Vec::new();
        let mut start = 0;
        let mut units = 0;
        let mut room = first_budget;
        for (i, c) in value.char_indices() {
            if units + c.len_utf16() > room {
                parts.push(&value[start..i]);
                start = i;
                units = 0;
                room = budget;
            }
            units += c.len_utf16();
        }
        parts.push(&value[start..]);
        parts
    }

    fn header(n: usize) -> String {
        format!("{MARK}{n}:")
    }

    /// The parts of `value` as entries: the first (with its header) and the rest.
    fn entries(&self, value: &str) -> Vec<String> {
        let Some(limit) = self.limit else {
            return vec![value.to_string()];
        };
        if value.encode_utf16().count() <= limit && !value.starts_with(MARK) {
            return vec![value.to_string()];
        }
        // The header's length depends on the count: size for the widest header there can be.
        let widest = Self::header(MAX_PARTS).encode_utf16().count();
        let parts = Self::split(value, limit - widest, limit);
        let mut out: Vec<String> = parts.iter().map(|p| (*p).to_string()).collect();
        if out.len() == 1 {
            // Fits in one part but starts with the mark: a header of 2 with an empty second part.
            out.push(String::new());
        }
        out[0] = format!("{}{}", Self::header(out.len()), out[0]);
        out
    }
}

fn incomplete() -> KeychainError {
    KeychainError::Failed("a keychain entry of Skep is incomplete".into())
}

impl<S: SecretStore> SecretStore for Chunked<S> {
    fn get(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
        if self.limit.is_none() {
            return self.inner.get(account);
        }
        let Some(first) = self.inner.get(account)? else {
            return Ok(None);
        };
        let n = Self::parts_of(first.expose())?;
        if n == 1 {
            return Ok(Some(first));
        }
        let head = first.expose()[MARK.len()..]
            .split_once(':')
            .map(|(_, text)| text)
            .ok_or_else(incomplete)?;
        let mut value = String::from(head);
        for k in 2..=n {
            let part = self
                .inner
                .get(&Self::part_account(account, k))?
                .ok_or_else(incomplete)?;
            value.push_str(part.expose());
        }
        Ok(Some(Secret::new(value)))
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), KeychainError> {
        if self.limit.is_none() {
            return self.inner.set(account, secret);
        }
        // How many parts the value there now has, to remove those the new one does not use.
        let before = match self.inner.get(account) {
            Ok(Some(old)) => Self::parts_of(old.expose()).unwrap_or(1),
            _ => 1,
        };
        let entries = self.entries(secret);
        // The parts first, the first entry (which names them) last.
        for (i, part) in entries.iter().enumerate().skip(1) {
            self.inner.set(&Self::part_account(account, i + 1), part)?;
        }
        self.inner.set(account, &entries[0])?;
        for k in entries.len() + 1..=before {
            self.inner.delete(&Self::part_account(account, k))?;
        }
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        if self.limit.is_none() {
            return self.inner.delete(account);
        }
        let parts = match self.inner.get(account) {
            Ok(Some(first)) => Self::parts_of(first.expose()).unwrap_or(MAX_PARTS),
            Ok(None) => 1,
            Err(e) => return Err(e),
        };
        self.inner.delete(account)?;
        for k in 2..=parts {
            self.inner.delete(&Self::part_account(account, k))?;
        }
        Ok(())
    }

    fn check(&self) -> Result<(), KeychainError> {
        self.inner.check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::MemoryStore;

    /// Windows Credential Manager as `keyring` uses it: refuses a password over 1,280 UTF-16 units.
    #[derive(Clone, Default)]
    struct CredentialManager(MemoryStore);

    const WINDOWS_LIMIT: usize = 2_560 / 2;

    impl SecretStore for CredentialManager {
        fn get(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
            self.0.get(account)
        }
        fn set(&self, account: &str, secret: &str) -> Result<(), KeychainError> {
            if secret.encode_utf16().count() > WINDOWS_LIMIT {
                return Err(KeychainError::Failed("too long".into()));
            }
            self.0.set(account, secret)
        }
        fn delete(&self, account: &str) -> Result<(), KeychainError> {
            self.0.delete(account)
        }
        fn check(&self) -> Result<(), KeychainError> {
            Ok(())
        }
    }

    /// A cached token as the token store keeps it: a JWT of `jwt_len` characters in its JSON.
    fn cached_token(jwt_len: usize) -> String {
        let payload: String = (0..jwt_len)
            .map(|i| {
                char::from(
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[i % 64],
                )
            })
            .collect();
        format!(
            r#"{{"access_token":"eyJhbGciOiJSUzI1NiJ9.{payload}.sig","expires_at_ms":1796000000000,"audience":"api.cloud.camunda.io","token_url":"https://login.cloud.camunda.io/oauth/token"}}"#
        )
    }

    #[test]
    fn a_realistic_access_token_does_not_fit_one_windows_credential_but_round_trips_in_parts() {
        let raw = CredentialManager::default();
        let token = cached_token(2_400); // Camunda SaaS tokens carry permissions: 1–3 kB
        assert!(
            raw.set("organization/o/access-token", &token).is_err(),
            "the fake must refuse what Windows refuses"
        );
        let store = Chunked::new(raw.clone(), Some(WINDOWS_LIMIT));
        store.set("organization/o/access-token", &token).unwrap();
        let back = store.get("organization/o/access-token").unwrap().unwrap();
        assert_eq!(back.expose(), token);
        let accounts = raw.0.accounts();
        assert_eq!(
            accounts,
            [
                "organization/o/access-token",
                "organization/o/access-token#2",
                "organization/o/access-token#3"
            ]
        );
        for v in raw.0.values() {
            assert!(v.encode_utf16().count() <= WINDOWS_LIMIT);
        }

        // Shorter again: one entry, the old parts gone.
        store.set("organization/o/access-token", "short").unwrap();
        assert_eq!(raw.0.accounts(), ["organization/o/access-token"]);
        assert_eq!(
            store
                .get("organization/o/access-token")
                .unwrap()
                .unwrap()
                .expose(),
            "short"
        );

        // Long, then deleted: nothing left.
        store.set("organization/o/access-token", &token).unwrap();
        store.delete("organization/o/access-token").unwrap();
        assert!(raw.0.accounts().is_empty());
        assert!(store.get("organization/o/access-token").unwrap().is_none());
    }

    #[test]
    fn plain_entries_read_as_before_and_odd_values_survive() {
        let raw = MemoryStore::new();
        raw.set("a", "written-before-parts-existed").unwrap();
        let store = Chunked::new(raw.clone(), Some(WINDOWS_LIMIT));
        assert_eq!(
            store.get("a").unwrap().unwrap().expose(),
            "written-before-parts-existed"
        );
        // Multi-unit characters on every boundary, and a value that starts with the mark itself.
        let wide: String = "😀é".repeat(1_000);
        store.set("w", &wide).unwrap();
        assert_eq!(store.get("w").unwrap().unwrap().expose(), wide);
        for v in raw.values() {
            assert!(v.encode_utf16().count() <= WINDOWS_LIMIT, "{}", v.len());
        }
        let marked = format!("{MARK}3:looks like a header");
        store.set("m", &marked).unwrap();
        assert_eq!(store.get("m").unwrap().unwrap().expose(), marked);
        // A missing part: an error, not a garbled token.
        store.set("x", &cached_token(3_000)).unwrap();
        raw.delete("x#2").unwrap();
        assert!(matches!(store.get("x"), Err(KeychainError::Failed(_))));
    }

    #[test]
    fn without_a_limit_it_passes_through() {
        let raw = MemoryStore::new();
        let store = Chunked::new(raw.clone(), None);
        let token = cached_token(5_000);
        store.set("t", &token).unwrap();
        assert_eq!(raw.accounts(), ["t"]);
        assert_eq!(raw.values(), std::slice::from_ref(&token));
        assert_eq!(store.get("t").unwrap().unwrap().expose(), token);
        let marked = format!("{MARK}2:x");
        store.set("m", &marked).unwrap();
        assert_eq!(store.get("m").unwrap().unwrap().expose(), marked);
        assert_eq!(raw.accounts(), ["m", "t"], "stored as it is, in one entry");
        store.delete("m").unwrap();
        assert_eq!(raw.accounts(), ["t"]);
    }
}
