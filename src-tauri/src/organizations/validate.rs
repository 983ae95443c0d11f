//! Checks on what the user typed, with messages that say what to fix. Never echoes a secret.

use crate::dto::OrganizationInput;
use crate::error::{AppError, AppResult};

pub const MAX_NAME: usize = 100;
pub const MAX_FIELD: usize = 2048;

pub fn name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid_input("Give the organization a name."));
    }
    if name.chars().count() > MAX_NAME {
        return Err(AppError::invalid_input(format!(
            "The name is too long (at most {MAX_NAME} characters)."
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid_input(
            "The name must not contain control characters.",
        ));
    }
    Ok(name.to_string())
}

/// A token or API URL, by `console_api::check_service_url`'s rule (https, or http only to a
/// loopback host such as a local sandbox; no credentials, query or fragment), in plain words.
pub fn url(label: &str, value: &str) -> AppResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid_input(format!("The {label} is empty.")));
    }
    if value.len() > MAX_FIELD {
        return Err(AppError::invalid_input(format!("The {label} is too long.")));
    }
    console_api::check_service_url(label, value)?;
    Ok(value.to_string())
}

pub fn plain(label: &str, value: &str) -> AppResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid_input(format!("The {label} is empty.")));
    }
    if value.len() > MAX_FIELD || value.chars().any(char::is_control) {
        return Err(AppError::invalid_input(format!(
            "The {label} is too long or contains control characters."
        )));
    }
    Ok(value.to_string())
}

pub fn secret(value: &str) -> AppResult<()> {
    if value.trim().is_empty() {
        return Err(AppError::invalid_input("Enter the client secret."));
    }
    if value.len() > MAX_FIELD || value.chars().any(char::is_control) {
        return Err(AppError::invalid_input(
            "The client secret is too long or contains control characters (was something else pasted?).",
        ));
    }
    Ok(())
}

/// The connection fields of an input, checked and trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub client_id: String,
    pub token_url: String,
    pub api_base_url: String,
    pub audience: String,
}

pub fn connection(input: &OrganizationInput) -> AppResult<Connection> {
    Ok(Connection {
        client_id: plain("client id", &input.client_id)?,
        token_url: url("token URL", &input.token_url)?,
        api_base_url: url("API URL", &input.api_base_url)?,
        audience: plain("audience", &input.audience)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule itself is console-api's (tested there); the form uses it, in plain words.
    #[test]
    fn urls_follow_the_client_rule() {
        assert_eq!(
            url("token URL", " http://localhost:8080/oauth/token ").unwrap(),
            "http://localhost:8080/oauth/token"
        );
        let e = url("token URL", "http://sandbox.localhost:8080/oauth/token").unwrap_err();
        assert_eq!(
            e.message,
            "The token URL uses http:// to a host that is not this computer; credentials would \
             travel unencrypted. Use https:// (http:// is allowed only for localhost, 127.x.x.x or [::1])."
        );
        let e = url("API URL", "https://api.example.com/?region=eu").unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::InvalidInput);
        assert_eq!(
            e.message,
            "The API URL must not have a query (?\u{2026}) or fragment (#\u{2026})."
        );
    }

    #[test]
    fn names() {
        assert_eq!(name("  Acme ").unwrap(), "Acme");
        assert!(name("   ").is_err());
        assert!(name(&"x".repeat(101)).is_err());
    }

    #[test]
    fn secrets() {
        assert!(secret("s3cret").is_ok());
        assert!(secret(" ").is_err());
        let e = secret("abc\u{7}def").unwrap_err();
        assert!(!e.message.contains("abc"));
    }
}
