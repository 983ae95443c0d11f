//! [`Secret`]: a string that never shows up in logs, errors or `Debug` output.

use std::fmt;

use serde::{Deserialize, Deserializer};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// A secret string (a client secret or an access token).
///
/// `Debug` and `Display` print `[redacted]`; the memory is zeroized when the value is
/// dropped. Read the value with [`Secret::expose`], only where it must leave the process
/// (an HTTP body or header, the keychain, the copy-once dialog).
///
/// `Secret` deliberately does not implement `Serialize`: writing one out must be an
/// explicit `expose()`.
#[derive(Clone, Default)]
pub struct Secret(String);

/// What `Debug` and `Display` print instead of a secret.
pub const REDACTED: &str = "[redacted]";

impl Secret {
    /// Wraps a secret value.
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    /// The secret value. Never log or format it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `true` when the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Compares two secrets in constant time for a given length (only a length mismatch
    /// returns early).
    pub fn same_as(&self, other: &Secret) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_owned())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact() {
        let s = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{s:?}"), REDACTED);
        assert_eq!(format!("{s}"), REDACTED);
        assert_eq!(
            format!("{:#?}", Some(s.clone())),
            format!("Some(\n    {REDACTED},\n)")
        );
        assert_eq!(s.expose(), "hunter2-very-secret");
    }

    #[test]
    fn deserializes_from_a_string_and_still_redacts() {
        let s: Secret = serde_json::from_str("\"abc\"").expect("decode");
        assert_eq!(s.expose(), "abc");
        assert!(!format!("{s:?}").contains("abc"));
    }

    #[test]
    fn same_as_compares_values() {
        assert!(Secret::new("a").same_as(&Secret::new("a")));
        assert!(!Secret::new("a").same_as(&Secret::new("b")));
        assert!(!Secret::new("a").same_as(&Secret::new("ab")));
        assert!(!Secret::new("secret-1").same_as(&Secret::new("secret-2")));
        assert!(Secret::default().same_as(&Secret::new("")));
        assert!(Secret::default().is_empty());
    }
}
