//! The faults of the matrix: how each one is injected, and what the UI must get under it.

use std::time::Duration;

use console_sandbox::FaultKind;

use super::Op;
use crate::tests::REQUEST_TIMEOUT;

/// A fault that answers at once must give an answer within this (GET retries included).
pub(super) const QUICK: Duration = Duration::from_secs(15);
/// A hung request must give an answer within the request timeout plus this.
const SLACK: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fault {
    Token429RetryAfter,
    Token429,
    Token401,
    Token500,
    Api500,
    Api502Html,
    Api503,
    SlowerThanTimeout,
    Dropped,
    NotJson,
    Api412,
    Api403,
    Api404,
    /// Every API call answers 401, even with a fresh token.
    Api401,
    /// All tokens revoked mid-session: the next API call gets 401 once.
    Revoked,
}

/// What the UI must get.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Expect {
    Ok,
    Err {
        kind: &'static str,
        status: Option<u16>,
    },
}

pub(super) fn err(kind: &'static str, status: Option<u16>) -> Expect {
    Expect::Err { kind, status }
}

pub(super) fn status(
    code: u16,
    body: &str,
    content_type: &str,
    retry_after: Option<&str>,
) -> FaultKind {
    FaultKind::Status {
        status: code,
        body: body.into(),
        content_type: content_type.into(),
        retry_after: retry_after.map(str::to_string),
    }
}

/// What a hostile or careless server echoes back in its error answers: the organization's client
/// secret and the access token the app sent. Neither may reach the UI or a log line.
pub(super) struct Echo<'a> {
    pub(super) secret: &'a str,
    pub(super) token: &'a str,
}

impl Echo<'_> {
    /// A JSON error body whose every text field carries the secret and the token.
    fn json(&self, status: u16, message: &str) -> String {
        let (secret, token) = (self.secret, self.token);
        serde_json::json!({
            "status": status,
            "error": format!("{message} {secret}"),
            "message": format!("{message}: client_secret={secret} access_token={token}"),
            "error_description": format!("token {token} bought with secret {secret}"),
            "detail": format!("Bearer {token}"),
        })
        .to_string()
    }

    /// A gateway's HTML error page with the secret and token in its title, text and markup.
    fn html(&self, title: &str) -> String {
        let (secret, token) = (self.secret, self.token);
        format!(
            "<html><head><title>{title} {secret}</title></head><body><center><h1>{title}</h1>\
             </center><pre>Authorization: Bearer {token}</pre><p>client_secret={secret}</p>\
             <a href=\"https://evil.example/?t={token}\">{token}</a><hr><center>nginx</center>\
             </body></html>"
        )
    }
}

impl Fault {
    /// Faults of the login service: reached by revoking the cached token first, so the
    /// operation's API call gets 401 and the client has to renew.
    pub(super) fn on_token(self) -> bool {
        matches!(
            self,
            Fault::Token429RetryAfter | Fault::Token429 | Fault::Token401 | Fault::Token500
        )
    }

    /// How the fault is injected. Every body (and the unusable `Retry-After` of a 429 without
    /// a usable one) echoes `echo`'s secret and token.
    pub(super) fn kind(self, echo: &Echo) -> Option<FaultKind> {
        let json = "application/json";
        Some(match self {
            Fault::Token429RetryAfter => {
                status(429, &echo.json(429, "too_many_requests"), json, Some("1"))
            }
            // A `Retry-After` that is no number of seconds nor a date: the default wait.
            Fault::Token429 => status(
                429,
                &echo.json(429, "too_many_requests"),
                json,
                Some(echo.secret),
            ),
            Fault::Token401 => status(401, &echo.json(401, "access_denied"), json, None),
            Fault::Token500 => status(
                500,
                &echo.html("500 Internal Server Error"),
                "text/html",
                None,
            ),
            Fault::Api500 => status(500, &echo.json(500, "boom"), json, None),
            Fault::Api502Html => status(502, &echo.html("502 Bad Gateway"), "text/html", None),
            Fault::Api503 => status(
                503,
                &format!(
                    "Service Unavailable (client_secret={} token={})",
                    echo.secret, echo.token
                ),
                "text/plain",
                None,
            ),
            Fault::SlowerThanTimeout => FaultKind::Delay(REQUEST_TIMEOUT + Duration::from_secs(3)),
            Fault::Dropped => FaultKind::Drop,
            // A 200 whose body is an HTML page (a captive portal, a misrouted proxy).
            Fault::NotJson => status(200, &echo.html("Welcome"), "text/html", None),
            Fault::Api412 => status(412, &echo.json(412, "not ready"), json, None),
            Fault::Api403 => status(403, &echo.json(403, "Forbidden"), json, None),
            Fault::Api404 => status(404, &echo.json(404, "Not Found"), json, None),
            Fault::Api401 => status(401, &echo.json(401, "Unauthorized"), json, None),
            Fault::Revoked => return None,
        })
    }

    /// The defined outcome of `op` under this fault.
    pub(super) fn expected(self, op: Op) -> Expect {
        match self {
            Fault::Token429RetryAfter | Fault::Token429 => err("rate_limited", Some(429)),
            // The login service rejected the secret: the UI sends the user to the credentials.
            Fault::Token401 => err("invalid_credentials", None),
            Fault::Token500 | Fault::Api500 => err("server", Some(500)),
            // A gateway error on a change: the backend may have done it.
            Fault::Api502Html if op.changes() => err("outcome_unknown", None),
            Fault::Api502Html => err("server", Some(502)),
            Fault::Api503 => err("server", Some(503)),
            Fault::SlowerThanTimeout | Fault::Dropped if op.changes() => {
                err("outcome_unknown", None)
            }
            Fault::SlowerThanTimeout => err("timeout", None),
            Fault::Dropped => err("network", None),
            // Delete, wake, the allowlist and a new secret expect no body: a 200 is success
            // whatever the body.
            Fault::NotJson
                if matches!(
                    op,
                    Op::DeleteCluster
                        | Op::Wake
                        | Op::DeleteClient
                        | Op::SetIpAllowlist
                        | Op::CreateSecret
                        | Op::UpdateCluster
                        | Op::SetEncryption
                ) =>
            {
                Expect::Ok
            }
            Fault::NotJson => err("decode", None),
            Fault::Api412 => err("not_ready", Some(412)),
            Fault::Api403 => err("forbidden", Some(403)),
            Fault::Api404 => err("not_found", Some(404)),
            Fault::Api401 => err("unauthorized", Some(401)),
            Fault::Revoked => Expect::Ok,
        }
    }

    /// Longest acceptable time for the faulty call.
    pub(super) fn limit(self) -> Duration {
        match self {
            Fault::SlowerThanTimeout => REQUEST_TIMEOUT + SLACK,
            _ => QUICK,
        }
    }

    /// How long the UI waits before the next call (the countdown of a 429; the login
    /// service is asked at most once a second).
    pub(super) fn wait_before_recovery(self) -> Duration {
        match self {
            Fault::Token429RetryAfter => Duration::from_millis(1500),
            Fault::Token429 => Duration::from_secs(31),
            _ if self.on_token() => Duration::from_millis(1200),
            _ => Duration::ZERO,
        }
    }

    /// API requests the operation may send under this fault: changes exactly once (twice
    /// when the first answer was a 401: not carried out, safe to repeat once).
    pub(super) fn max_attempts(self, op: Op) -> u64 {
        let per_token = if op.changes() { 1 } else { 3 };
        match self {
            Fault::Api401 | Fault::Revoked => 2 * per_token,
            _ => per_token,
        }
    }
}
