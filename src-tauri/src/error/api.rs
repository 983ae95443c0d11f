//! `console_api::Error` → `AppError`, in plain words for the person using the app.

use super::{AppError, ErrorKind};
use crate::dto::ApiPermission;

impl From<console_api::Error> for AppError {
    fn from(err: console_api::Error) -> Self {
        use console_api::Error as E;
        match err {
            E::Validation(text) => AppError::new(
                ErrorKind::Validation,
                format!("The Console rejected the request: {}", bounded(&text)),
            )
            .with_status(400),
            E::InvalidCredentials => AppError::new(
                ErrorKind::InvalidCredentials,
                "The client id or secret is wrong: Camunda's login service rejected them. \
                 Check them (or create a new Administration API client) and edit the organization.",
            ),
            E::Unauthorized => AppError::new(
                ErrorKind::Unauthorized,
                "The Console did not accept the access token, even a fresh one. \
                 The API client may have been deleted; check the organization's credentials.",
            )
            .with_status(401),
            E::Forbidden { permission } => {
                let permission = ApiPermission::from(permission);
                let mut e = AppError::new(ErrorKind::Forbidden, permission.missing_message())
                    .with_status(403);
                e.permission = Some(permission);
                e
            }
            E::Refused(msg) => AppError::new(
                ErrorKind::Forbidden,
                format!("Camunda refused this: {}.", bounded(msg.trim_end_matches('.'))),
            )
            .with_status(403),
            E::NotFound => AppError::new(
                ErrorKind::NotFound,
                "Not found: it may have been deleted in the meantime. Refresh to see the current state.",
            )
            .with_status(404),
            E::Conflict => AppError::new(
                ErrorKind::Conflict,
                "The Console reported a conflict: something with that name or state already exists. Refresh and try again.",
            )
            .with_status(409),
            E::NotReady => AppError::new(
                ErrorKind::NotReady,
                "The cluster is not ready yet. Try again when it is Healthy.",
            )
            .with_status(412),
            E::RateLimited { retry_after, by } => {
                let secs = u32::try_from(retry_after.as_secs().max(1)).unwrap_or(u32::MAX);
                // The wait itself (`retry_after_secs`) is the UI's countdown.
                let message = match by {
                    console_api::RateLimitedBy::Login => {
                        "Camunda's login service is rate limiting this network."
                    }
                    console_api::RateLimitedBy::Api => {
                        "The Console is rate limiting this organization's requests."
                    }
                };
                let mut e = AppError::new(ErrorKind::RateLimited, message).with_status(429);
                e.retry_after_secs = Some(secs);
                e
            }
            E::Server { status, excerpt } => AppError::new(
                ErrorKind::Server,
                if excerpt.trim().is_empty() {
                    format!("The Console answered with an error (HTTP {status}). Try again later.")
                } else {
                    format!(
                        "The Console answered with an error (HTTP {status}): {}",
                        bounded(&excerpt)
                    )
                },
            )
            .with_status(status),
            E::Timeout => AppError::new(
                ErrorKind::Timeout,
                "The Console did not answer in time. Check the network and try again.",
            ),
            E::OutcomeUnknown => AppError::new(
                ErrorKind::OutcomeUnknown,
                "The request may or may not have been carried out: no answer came back. \
                 Refresh to see the outcome before trying again.",
            ),
            E::Network(detail) => AppError::new(
                ErrorKind::Network,
                format!(
                    "Could not reach the server: {}. Check the network connection and the organization's URLs.",
                    bounded(&detail)
                ),
            ),
            E::Decode { excerpt } => AppError::new(
                ErrorKind::Decode,
                format!(
                    "The server's answer could not be understood: {}",
                    bounded(&excerpt)
                ),
            ),
            E::TooMuchData { limit_bytes } => AppError::new(
                ErrorKind::Decode,
                format!(
                    "The server sent more data than Skep accepts ({} MiB in all for one list), so \
                     Skep stopped reading. Check that the organization's API URL is Camunda's Console.",
                    limit_bytes / (1024 * 1024)
                ),
            ),
            E::InvalidUrl { what, problem } => {
                AppError::new(ErrorKind::InvalidInput, url_problem(&what, &problem))
            }
            E::Config(msg) => AppError::new(ErrorKind::InvalidInput, bounded(&msg)),
            E::InvalidInput(msg) => AppError::new(ErrorKind::InvalidInput, bounded(&msg)),
            other => AppError::internal(format!("Unexpected error: {other}")),
        }
    }
}

impl AppError {
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
}

/// What is wrong with a token or API URL (`label` names it), and what to do.
fn url_problem(label: &str, problem: &console_api::UrlProblem) -> String {
    use console_api::UrlProblem as P;
    match problem {
        P::NotAUrl(e) => format!("The {label} is not a valid URL ({e})."),
        P::NoHost => format!("The {label} has no host name."),
        P::InsecureHttp => format!(
            "The {label} uses http:// to a host that is not this computer; credentials would travel \
             unencrypted. Use https:// (http:// is allowed only for localhost, 127.x.x.x or [::1])."
        ),
        P::Scheme(other) => format!("The {label} must start with https:// (not {other}://)."),
        P::Credentials => format!("The {label} must not contain a user name or password."),
        P::QueryOrFragment => {
            format!("The {label} must not have a query (?\u{2026}) or fragment (#\u{2026}).")
        }
    }
}

/// At most 300 characters of upstream text, on one line.
fn bounded(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = one_line.trim();
    if trimmed.chars().count() > 300 {
        let cut: String = trimmed.chars().take(300).collect();
        format!("{cut}…")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn too_much_data_is_said_plainly() {
        let e = AppError::from(console_api::Error::TooMuchData {
            limit_bytes: console_api::DEFAULT_FAN_OUT_BYTES,
        });
        assert_eq!(e.kind, ErrorKind::Decode);
        assert_eq!(
            e.message,
            "The server sent more data than Skep accepts (64 MiB in all for one list), so Skep \
             stopped reading. Check that the organization's API URL is Camunda's Console."
        );
    }

    #[test]
    fn forbidden_names_the_permission() {
        let e = AppError::from(console_api::Error::Forbidden {
            permission: console_api::Permission::CreateClusters,
        });
        assert_eq!(e.kind, ErrorKind::Forbidden);
        assert_eq!(e.permission, Some(ApiPermission::CreateClusters));
        assert!(
            e.message.contains("\u{201c}Create clusters\u{201d}"),
            "{}",
            e.message
        );
        assert_eq!(e.status, Some(403));
        assert!(e.message.contains("Create clusters"));
    }

    #[test]
    fn rate_limited_by_the_login_service_says_so() {
        let e = AppError::from(console_api::Error::RateLimited {
            retry_after: Duration::from_secs(42),
            by: console_api::RateLimitedBy::Login,
        });
        assert_eq!(e.kind, ErrorKind::RateLimited);
        assert_eq!(e.retry_after_secs, Some(42));
        assert_eq!(e.status, Some(429));
        assert_eq!(
            e.message,
            "Camunda's login service is rate limiting this network."
        );
    }

    #[test]
    fn rate_limited_by_the_console_api_does_not_blame_the_login_service() {
        let e = AppError::from(console_api::Error::RateLimited {
            retry_after: Duration::from_secs(7),
            by: console_api::RateLimitedBy::Api,
        });
        assert_eq!(e.kind, ErrorKind::RateLimited);
        assert_eq!(e.retry_after_secs, Some(7));
        assert_eq!(e.status, Some(429));
        assert_eq!(
            e.message,
            "The Console is rate limiting this organization's requests."
        );
    }

    #[test]
    fn server_excerpt_is_bounded() {
        let e = AppError::from(console_api::Error::Server {
            status: 503,
            excerpt: "x".repeat(5000),
        });
        assert_eq!(e.kind, ErrorKind::Server);
        assert_eq!(e.status, Some(503));
        assert!(e.message.chars().count() < 400);
    }

    #[test]
    fn each_kind_maps() {
        let cases = [
            (
                console_api::Error::InvalidCredentials,
                ErrorKind::InvalidCredentials,
            ),
            (console_api::Error::Unauthorized, ErrorKind::Unauthorized),
            (console_api::Error::NotFound, ErrorKind::NotFound),
            (console_api::Error::Conflict, ErrorKind::Conflict),
            (console_api::Error::NotReady, ErrorKind::NotReady),
            (console_api::Error::Timeout, ErrorKind::Timeout),
            (
                console_api::Error::OutcomeUnknown,
                ErrorKind::OutcomeUnknown,
            ),
            (
                console_api::Error::Network("refused".into()),
                ErrorKind::Network,
            ),
            (
                console_api::Error::Decode {
                    excerpt: "<html>".into(),
                },
                ErrorKind::Decode,
            ),
            (
                console_api::Error::Config("bad url".into()),
                ErrorKind::InvalidInput,
            ),
            (
                console_api::Error::Validation("name too long".into()),
                ErrorKind::Validation,
            ),
        ];
        for (err, kind) in cases {
            assert_eq!(AppError::from(err).kind, kind);
        }
    }
}
