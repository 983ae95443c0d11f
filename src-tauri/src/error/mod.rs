//! The one error shape the UI sees: `{ kind, message, permission, retryAfterSecs, status }`.
//!
//! Messages are plain words for a person and never contain a secret or a token: they are built
//! here from error kinds, not from arbitrary upstream text (except bounded server excerpts).

mod api;

use serde::{Deserialize, Serialize};

use crate::dto::ApiPermission;
use specta::Type;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Validation,
    InvalidCredentials,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    NotReady,
    RateLimited,
    Server,
    Timeout,
    OutcomeUnknown,
    Network,
    Decode,
    KeychainUnavailable,
    NoOrganization,
    InvalidInput,
    Io,
    Internal,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, thiserror::Error, Type)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    /// For `forbidden`: the missing permission (its words: `PERMISSION_LABELS` in the bindings).
    pub permission: Option<ApiPermission>,
    /// For `rate_limited`: seconds to wait before trying again.
    pub retry_after_secs: Option<u32>,
    /// The HTTP status, where one was received.
    pub status: Option<u16>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            permission: None,
            retry_after_secs: None,
            status: None,
        }
    }

    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    pub fn no_organization(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NoOrganization, message)
    }

    pub fn io(what: &str, err: &std::io::Error) -> Self {
        // io::Error text names the OS condition ("Permission denied"), never file contents.
        Self::new(ErrorKind::Io, format!("{what}: {err}"))
    }

    pub fn keychain_unavailable(detail: &str) -> Self {
        Self::new(
            ErrorKind::KeychainUnavailable,
            format!(
                "The system keychain is not available ({detail}). Unlock or install a keychain \
                 (Secret Service, e.g. GNOME Keyring or KWallet), or choose to keep the secret \
                 for this session only."
            ),
        )
    }
}

impl From<crate::secrets::KeychainError> for AppError {
    fn from(err: crate::secrets::KeychainError) -> Self {
        AppError::keychain_unavailable(&err.to_string())
    }
}

impl From<tauri::Error> for AppError {
    fn from(err: tauri::Error) -> Self {
        AppError::internal(format!("Internal error in the app shell: {err}"))
    }
}

/// Joining a blocking task failed (it panicked or was cancelled).
pub fn join_error(err: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("A background task failed: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_one_flat_object() {
        let mut e = AppError::new(ErrorKind::RateLimited, "wait");
        e.retry_after_secs = Some(7);
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"kind": "rate_limited", "message": "wait", "permission": null,
                               "retryAfterSecs": 7, "status": null})
        );
    }

    #[test]
    fn io_errors_name_the_action() {
        let e = AppError::io(
            "Could not write the file",
            &std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert_eq!(e.kind, ErrorKind::Io);
        assert!(e.message.starts_with("Could not write the file: "));
    }
}
