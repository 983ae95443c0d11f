//! Parser for Camunda's Administration API credentials file (the `CAMUNDA_CONSOLE_*` lines).
//!
//! Pure: text in, values out. Accepts `export` or not, single/double/no quotes, CRLF, comments,
//! blank lines, a BOM, and secrets with `=` or quotes in them. Error messages name lines and
//! variables, never values.

use console_api::Secret;

use crate::dto::CredentialsPreview;

/// A credentials file is a handful of lines; anything bigger is the wrong file.
pub const MAX_CREDENTIALS_BYTES: usize = 64 * 1024;

pub const CLIENT_ID: &str = "CAMUNDA_CONSOLE_CLIENT_ID";
pub const CLIENT_SECRET: &str = "CAMUNDA_CONSOLE_CLIENT_SECRET";
pub const OAUTH_URL: &str = "CAMUNDA_OAUTH_URL";
pub const BASE_URL: &str = "CAMUNDA_CONSOLE_BASE_URL";
pub const AUDIENCE: &str = "CAMUNDA_CONSOLE_OAUTH_AUDIENCE";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialsError {
    #[error(
        "The credentials file is too large ({size} bytes; a credentials file has a few lines). \
         Pick the file the Console offered when the API client was created."
    )]
    TooLarge { size: usize },
    #[error(
        "The credentials file is not text (it contains binary data). \
         Pick the file the Console offered when the API client was created."
    )]
    Binary,
    #[error("Line {line} is not a NAME=value line (expected e.g. export CAMUNDA_CONSOLE_CLIENT_ID='…').")]
    Malformed { line: usize },
    #[error("Line {line}: the value of {name} opens a quote that is never closed.")]
    UnclosedQuote { line: usize, name: String },
    #[error("Line {line}: {name} has text after its closing quote.")]
    TrailingText { line: usize, name: String },
}

/// What a credentials file (or the environment) says. Absent variables stay `None`.
#[derive(Debug, Clone, Default)]
pub struct ParsedCredentials {
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    pub token_url: Option<String>,
    pub api_base_url: Option<String>,
    pub audience: Option<String>,
}

/// Where an Administration API client connects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub token_url: String,
    pub api_base_url: String,
    pub audience: String,
}

impl ParsedCredentials {
    /// The token URL, API URL and audience the variables name; Camunda SaaS's for those they
    /// leave out (the one place the app applies the SaaS defaults).
    pub fn endpoints(&self) -> Endpoints {
        let or = |value: &Option<String>, saas: &str| value.clone().unwrap_or_else(|| saas.into());
        Endpoints {
            token_url: or(&self.token_url, console_api::SAAS_TOKEN_URL),
            api_base_url: or(&self.api_base_url, console_api::SAAS_API_BASE_URL),
            audience: or(&self.audience, console_api::SAAS_AUDIENCE),
        }
    }

    /// Required variable names that are absent or empty.
    pub fn missing(&self) -> Vec<String> {
        let mut missing = Vec::new();
        if self.client_id.as_deref().is_none_or(str::is_empty) {
            missing.push(CLIENT_ID.to_string());
        }
        if self
            .client_secret
            .as_ref()
            .is_none_or(|s| s.expose().is_empty())
        {
            missing.push(CLIENT_SECRET.to_string());
        }
        missing
    }

    pub fn preview(&self) -> CredentialsPreview {
        CredentialsPreview {
            client_id: self.client_id.clone(),
            has_secret: self
                .client_secret
                .as_ref()
                .is_some_and(|s| !s.expose().is_empty()),
            token_url: self.token_url.clone(),
            api_base_url: self.api_base_url.clone(),
            audience: self.audience.clone(),
            missing: self.missing(),
        }
    }

    /// Build from a variable lookup (the process environment at launch).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Self {
            client_id: get(CLIENT_ID),
            client_secret: get(CLIENT_SECRET).map(Secret::new),
            token_url: get(OAUTH_URL),
            api_base_url: get(BASE_URL),
            audience: get(AUDIENCE),
        }
    }

    fn assign(&mut self, name: &str, value: String) {
        let value_opt = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        match name {
            CLIENT_ID => self.client_id = value_opt,
            CLIENT_SECRET => self.client_secret = Some(Secret::new(value)),
            OAUTH_URL => self.token_url = value_opt,
            BASE_URL => self.api_base_url = value_opt,
            AUDIENCE => self.audience = value_opt,
            _ => {} // other variables (ZEEBE_*, CAMUNDA_CLUSTER_*) are fine and ignored
        }
    }
}

/// Parse raw file bytes: size and text checks first, then [`parse_credentials`].
pub fn parse_credentials_bytes(bytes: &[u8]) -> Result<ParsedCredentials, CredentialsError> {
    if bytes.len() > MAX_CREDENTIALS_BYTES {
        return Err(CredentialsError::TooLarge { size: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| CredentialsError::Binary)?;
    parse_credentials(text)
}

pub fn parse_credentials(text: &str) -> Result<ParsedCredentials, CredentialsError> {
    if text.len() > MAX_CREDENTIALS_BYTES {
        return Err(CredentialsError::TooLarge { size: text.len() });
    }
    if text
        .chars()
        .any(|c| c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
    {
        return Err(CredentialsError::Binary);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = ParsedCredentials::default();
    for (index, raw_line) in text.split('\n').enumerate() {
        let line_no = index + 1;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line).trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = strip_export(line);
        let Some((name, rest)) = line.split_once('=') else {
            return Err(CredentialsError::Malformed { line: line_no });
        };
        let name = name.trim();
        if !is_variable_name(name) {
            return Err(CredentialsError::Malformed { line: line_no });
        }
        let value = parse_value(rest.trim_start(), line_no, name)?;
        out.assign(name, value);
    }
    Ok(out)
}

fn strip_export(line: &str) -> &str {
    match line.strip_prefix("export") {
        Some(rest) if rest.starts_with([' ', '\t']) => rest.trim_start(),
        _ => line,
    }
}

fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn parse_value(rest: &str, line: usize, name: &str) -> Result<String, CredentialsError> {
    let unclosed = || CredentialsError::UnclosedQuote {
        line,
        name: name.to_string(),
    };
    let trailing_ok = |after: &str| {
        let after = after.trim();
        if after.is_empty() || after.starts_with('#') {
            Ok(())
        } else {
            Err(CredentialsError::TrailingText {
                line,
                name: name.to_string(),
            })
        }
    };
    if let Some(body) = rest.strip_prefix('\'') {
        // Single quotes: literal, no escapes (as in a shell).
        let end = body.find('\'').ok_or_else(unclosed)?;
        trailing_ok(&body[end + 1..])?;
        return Ok(body[..end].to_string());
    }
    if let Some(body) = rest.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    trailing_ok(&body[i + 1..])?;
                    return Ok(value);
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, e @ ('"' | '\\' | '$' | '`'))) => value.push(e),
                    Some((_, other)) => {
                        value.push('\\');
                        value.push(other);
                    }
                    None => return Err(unclosed()),
                },
                other => value.push(other),
            }
        }
        return Err(unclosed());
    }
    // Unquoted: up to a ` #` comment, trimmed.
    let value = match rest.find(" #").or_else(|| rest.find("\t#")) {
        Some(i) => &rest[..i],
        None => rest,
    };
    Ok(value.trim().to_string())
}

#[cfg(test)]
#[path = "credentials_tests.rs"]
mod tests;
