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

/// A token or API URL: https, or http only to a loopback host (a local sandbox).
pub fn url(label: &str, value: &str) -> AppResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid_input(format!("The {label} is empty.")));
    }
    if value.len() > MAX_FIELD {
        return Err(AppError::invalid_input(format!("The {label} is too long.")));
    }
    let parsed = url::Url::parse(value)
        .map_err(|e| AppError::invalid_input(format!("The {label} is not a valid URL ({e}).")))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(AppError::invalid_input(format!(
            "The {label} must not contain a user name or password."
        )));
    }
    match parsed.scheme() {
        "https" => Ok(value.to_string()),
        "http" if is_loopback(&parsed) => Ok(value.to_string()),
        "http" => Err(AppError::invalid_input(format!(
            "The {label} uses http:// to a host that is not this computer; credentials would travel \
             unencrypted. Use https:// (http:// is allowed only for 127.0.0.1, ::1 or localhost)."
        ))),
        other => Err(AppError::invalid_input(format!(
            "The {label} must start with https:// (not {other}://)."
        ))),
    }
}

fn is_loopback(u: &url::Url) -> bool {
    match u.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
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

    #[test]
    fn urls() {
        assert!(url("token URL", "https://login.cloud.camunda.io/oauth/token").is_ok());
        assert!(url("token URL", "http://127.0.0.1:8080/oauth/token").is_ok());
        assert!(url("token URL", "http://localhost:8080/oauth/token").is_ok());
        assert!(url("token URL", "http://[::1]:8080/").is_ok());
        let e = url("token URL", "http://login.example.com/oauth/token").unwrap_err();
        assert!(e.message.contains("http://"), "{}", e.message);
        assert!(url("API URL", "ftp://x").is_err());
        assert!(url("API URL", "not a url").is_err());
        assert!(url("API URL", "https://user:pw@host/").is_err());
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
