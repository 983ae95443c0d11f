//! The one error type of the crate, and the bounded excerpts of server bodies it carries.

use std::time::Duration;

use crate::{Permission, UrlProblem};

/// Everything a Console API call can fail with, worded for the person using the app.
///
/// No variant ever carries a secret or an access token: server bodies are reduced to a
/// short excerpt with any known secret replaced by `[redacted]`.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// 400: the server rejected the request; its message (bounded).
    #[error("the Console rejected the request: {0}")]
    Validation(String),
    /// The token endpoint refused the client id / secret (401, or 400 `invalid_client` /
    /// `unauthorized_client`). Sticky: no further token request is made with the same secret.
    #[error("the client id or client secret was rejected by the login service")]
    InvalidCredentials,
    /// The API answered 401 even after one token refresh and retry.
    #[error("the Console did not accept the access token")]
    Unauthorized,
    /// 403: the API client lacks this Console permission (e.g. "Create clusters").
    #[error("the API client lacks the Console permission \"{permission}\"")]
    Forbidden {
        /// The Console permission the operation needs.
        permission: Permission,
    },
    /// 403 for another reason than a missing permission, as the server's message says: the
    /// organization's plan does not include the feature (an Enterprise-only operation) or a
    /// limit is reached (e.g. the maximum number of connector secrets). Its message (bounded).
    #[error("the Console refused the request: {0}")]
    Refused(String),
    /// 404.
    #[error("not found")]
    NotFound,
    /// 409.
    #[error("conflict: the resource is in a state that does not allow this")]
    Conflict,
    /// 412: the cluster is not ready yet.
    #[error("the cluster is not ready yet")]
    NotReady,
    /// 429 from the login service or the API: try again after this long.
    #[error("rate limited; retry in {} s", retry_after.as_secs().max(1))]
    RateLimited {
        /// How long to wait before the next attempt.
        retry_after: Duration,
        /// Who answered 429.
        by: RateLimitedBy,
    },
    /// 5xx, or any other status this crate does not expect.
    #[error("the server answered HTTP {status}: {excerpt}")]
    Server {
        /// The HTTP status code.
        status: u16,
        /// A short excerpt of the body.
        excerpt: String,
    },
    /// An idempotent request (GET) timed out.
    #[error("the request timed out")]
    Timeout,
    /// A request that changes something (POST/PUT/PATCH/DELETE) may have reached the server
    /// but no answer came back (timeout, dropped connection, gateway error). Refresh before
    /// trying again.
    #[error("no answer from the server; the outcome is unknown (refresh before retrying)")]
    OutcomeUnknown,
    /// The server could not be reached (nothing was sent).
    #[error("could not reach the server: {0}")]
    Network(String),
    /// A success response whose body could not be decoded.
    #[error("unexpected response from the server: {excerpt}")]
    Decode {
        /// A short excerpt of the body.
        excerpt: String,
    },
    /// The answers of one group of requests (a fan-out such as [`crate::Client::list_clients_of`])
    /// went over the total the client reads for such a group ([`crate::ByteBudget`]): the
    /// request that went over and every later one of the group fail with this.
    #[error(
        "the server sent more data than the client accepts ({limit_bytes} bytes for one operation)"
    )]
    TooMuchData {
        /// The group's total, in bytes.
        limit_bytes: usize,
    },
    /// A token URL or API base URL breaks the rule of [`crate::check_service_url`].
    #[error("invalid configuration: the {what} {problem}")]
    InvalidUrl {
        /// Which URL ("token URL", "API base URL", or the caller's name for it).
        what: String,
        /// What is wrong with it.
        problem: UrlProblem,
    },
    /// The configuration is invalid otherwise (an empty client id, a zero timeout, ...).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// An argument can never make a valid request (e.g. an empty id, or `.` / `..`).
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

/// Who answered a request with 429 Too Many Requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RateLimitedBy {
    /// The login service (the token endpoint). Until the wait is over no token request is
    /// made, so every call that needs a new token fails the same way.
    Login,
    /// The Console API itself.
    Api,
}

/// Longest excerpt (in characters) kept from a server body.
pub const EXCERPT_MAX_CHARS: usize = 300;

/// Reduces an opaque body to a short, single-line, printable excerpt.
///
/// JSON bodies yield their `message` / `error_description` / `detail` / `error` / `title`
/// text when present; HTML tags are stripped; every occurrence of `redact` strings is
/// replaced by `[redacted]`. Never fails.
/// The error of a 403 with this body: [`Error::Refused`] when its message names the plan or a
/// limit as the reason (nothing to do with the API client's permissions), else
/// [`Error::Forbidden`] for `permission`.
pub(crate) fn forbidden(body: &[u8], redact: &[&str], permission: Permission) -> Error {
    let text = excerpt(body, redact);
    let lower = text.to_lowercase();
    let not_permission = ["enterprise", "plan", "maximum", "limit"].iter().any(|w| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == *w)
    });
    if not_permission {
        Error::Refused(text)
    } else {
        Error::Forbidden { permission }
    }
}

pub(crate) fn excerpt(body: &[u8], redact: &[&str]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = json_message(&text).unwrap_or_else(|| text.into_owned());
    let text = if text.trim_start().starts_with('<') {
        strip_tags(&text)
    } else {
        text
    };
    let mut text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for secret in redact.iter().filter(|s| s.len() >= 4) {
        text = text.replace(secret, crate::secret::REDACTED);
    }
    if text.is_empty() {
        return "(empty response)".to_owned();
    }
    if text.chars().count() > EXCERPT_MAX_CHARS {
        let mut cut: String = text.chars().take(EXCERPT_MAX_CHARS).collect();
        cut.push('…');
        return cut;
    }
    text
}

fn json_message(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let obj = value.as_object()?;
    let pick = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let message = pick("message")
        .or_else(|| pick("error_description"))
        .or_else(|| pick("detail"))
        .or_else(|| pick("title"));
    match (message, pick("error")) {
        (Some(m), _) => Some(m),
        (None, Some(e)) => Some(e),
        (None, None) => None,
    }
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_403_that_names_the_plan_or_a_limit_is_not_a_missing_permission() {
        let p = Permission::IpAllowlist;
        for body in [
            &br#"{"message":"The IP allowlist is only available to organizations on the Enterprise plan"}"#[..],
            b"Maximum number of secrets reached",
            b"<html><body>Your plan does not include backups</body></html>",
        ] {
            assert!(matches!(forbidden(body, &[], p), Error::Refused(_)), "{body:?}");
        }
        // Generic or permission-worded 403s, and words that merely contain "plan": a permission.
        for body in [
            &b""[..],
            b"Forbidden",
            br#"{"message":"Access denied"}"#,
            b"explanation: no",
        ] {
            assert_eq!(
                forbidden(body, &[], p),
                Error::Forbidden { permission: p },
                "{body:?}"
            );
        }
        // The message is redacted like every excerpt.
        let e = forbidden(b"limit reached for s3cr3t-value", &["s3cr3t-value"], p);
        assert_eq!(e, Error::Refused("limit reached for [redacted]".into()));
    }

    #[test]
    fn empty_body() {
        assert_eq!(excerpt(b"", &[]), "(empty response)");
        assert_eq!(excerpt(b"  \n ", &[]), "(empty response)");
    }

    #[test]
    fn json_message_is_preferred() {
        assert_eq!(
            excerpt(br#"{"message":"Name is too long"}"#, &[]),
            "Name is too long"
        );
        assert_eq!(
            excerpt(
                br#"{"error":"invalid_client","error_description":"Unauthorized"}"#,
                &[]
            ),
            "Unauthorized"
        );
        assert_eq!(excerpt(br#"{"error":"nope"}"#, &[]), "nope");
        assert_eq!(excerpt(br#"{"x":1}"#, &[]), r#"{"x":1}"#);
    }

    #[test]
    fn html_is_stripped_and_bounded() {
        let html = format!(
            "<html><body><h1>502 Bad Gateway</h1>{}</body></html>",
            "x".repeat(5000)
        );
        let e = excerpt(html.as_bytes(), &[]);
        assert!(e.starts_with("502 Bad Gateway"), "{e}");
        assert!(e.chars().count() <= EXCERPT_MAX_CHARS + 1);
    }

    #[test]
    fn invalid_utf8_and_control_chars_do_not_fail() {
        let e = excerpt(&[0xff, 0xfe, b'o', b'k', 0x07, b'\n', b'x'], &[]);
        assert!(e.contains("ok"), "{e}");
        assert!(!e.contains('\n'));
    }

    #[test]
    fn secrets_are_redacted_even_when_cut() {
        let e = excerpt(b"bad secret s3cr3t-value given", &["s3cr3t-value"]);
        assert_eq!(e, "bad secret [redacted] given");
        let body = format!("{}s3cr3t-value", "a".repeat(EXCERPT_MAX_CHARS - 6));
        let e = excerpt(body.as_bytes(), &["s3cr3t-value"]);
        assert!(!e.contains("s3cr3t"), "{e}");
        assert!(e.ends_with('…'), "{e}");
    }

    #[test]
    fn display_is_readable() {
        let e = Error::Forbidden {
            permission: Permission::CreateClusters,
        };
        assert_eq!(
            e.to_string(),
            "the API client lacks the Console permission \"Create clusters\""
        );
        let e = Error::RateLimited {
            retry_after: Duration::from_secs(30),
            by: RateLimitedBy::Api,
        };
        assert_eq!(e.to_string(), "rate limited; retry in 30 s");
    }
}
