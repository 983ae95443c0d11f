//! Every HTTP exchange of the crate (API calls and token requests): sending with the retry
//! rules, reading bounded bodies, parsing `Retry-After`, and mapping transport failures and
//! statuses to [`Error`].

use std::error::Error as _;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rand::Rng;
use reqwest::Method;
use url::Url;

use crate::error::excerpt;
use crate::{Error, Permission, RateLimitedBy, Secret};

/// Largest response body read (larger ones are a decode error).
const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// What the response bodies of one group of requests (a fan-out such as
/// [`crate::Client::list_clients_of`]) may add up to; each body is also bounded by itself
/// (32 MiB). Shared by clones: every request of the group draws from the same total. Once a
/// body would go over it, that request fails with [`Error::TooMuchData`], and so does every
/// later request of the group, without being sent.
#[derive(Clone, Debug)]
pub struct ByteBudget {
    inner: Arc<BudgetInner>,
}

#[derive(Debug)]
struct BudgetInner {
    limit: usize,
    /// Bytes of accepted chunks (never more than `limit`).
    used: AtomicUsize,
    /// Bytes of every chunk that arrived, refused ones included.
    read: AtomicUsize,
    exhausted: AtomicBool,
}

impl ByteBudget {
    /// A budget of `limit` bytes in all.
    pub fn new(limit: usize) -> Self {
        ByteBudget {
            inner: Arc::new(BudgetInner {
                limit,
                used: AtomicUsize::new(0),
                read: AtomicUsize::new(0),
                exhausted: AtomicBool::new(false),
            }),
        }
    }

    /// The total allowed.
    pub fn limit(&self) -> usize {
        self.inner.limit
    }

    /// Bytes of response bodies accepted so far: never more than [`ByteBudget::limit`].
    pub fn used(&self) -> usize {
        self.inner.used.load(Ordering::SeqCst)
    }

    /// Bytes that arrived, including the one chunk per request that went over the limit and
    /// was dropped at once.
    pub fn read(&self) -> usize {
        self.inner.read.load(Ordering::SeqCst)
    }

    /// Whether a body has gone over the limit (later requests of the group are not sent).
    pub fn is_exhausted(&self) -> bool {
        self.inner.exhausted.load(Ordering::SeqCst)
    }

    /// The error of a request that went over the budget (or came after one that did).
    pub(crate) fn error(&self) -> Error {
        Error::TooMuchData {
            limit_bytes: self.inner.limit,
        }
    }

    /// Takes `n` bytes, or marks the budget exhausted and fails if that would go over it.
    fn take(&self, n: usize) -> Result<(), Error> {
        let i = &self.inner;
        i.read.fetch_add(n, Ordering::SeqCst);
        if i.exhausted.load(Ordering::SeqCst) {
            return Err(self.error());
        }
        let taken = i
            .used
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |used| {
                used.checked_add(n).filter(|&total| total <= i.limit)
            });
        if taken.is_err() {
            i.exhausted.store(true, Ordering::SeqCst);
            return Err(self.error());
        }
        Ok(())
    }
}

/// Default wait after a 429 without a usable `Retry-After`.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(30);
/// Longest `Retry-After` honoured.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 3600);

/// Whether a request may be repeated without changing the outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Idempotency {
    /// GET (and the token request): safe to retry; a timeout is a plain [`Error::Timeout`].
    Idempotent,
    /// POST/PUT/PATCH/DELETE: once sent, a missing answer is [`Error::OutcomeUnknown`].
    Unsafe,
}

impl Idempotency {
    pub(crate) fn of(method: &Method) -> Self {
        if method == Method::GET || method == Method::HEAD {
            Idempotency::Idempotent
        } else {
            Idempotency::Unsafe
        }
    }
}

/// Retry settings for idempotent requests.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RetryPolicy {
    pub retries: u32,
    pub backoff: Duration,
}

impl RetryPolicy {
    /// Exactly one attempt.
    pub(crate) const ONCE: RetryPolicy = RetryPolicy {
        retries: 0,
        backoff: Duration::ZERO,
    };
}

/// One request: where, how, with what.
#[derive(Clone, Copy)]
pub(crate) struct Request<'a> {
    pub method: &'a Method,
    pub url: &'a Url,
    /// The access token, for API calls (the token request has none).
    pub bearer: Option<&'a Secret>,
    /// A JSON body.
    pub body: Option<&'a serde_json::Value>,
    /// Whether a lost answer may be retried and is a plain timeout. API calls derive it from
    /// the method ([`Idempotency::of`]); the token request is idempotent although a POST.
    pub idempotency: Idempotency,
    /// The group's total this body also counts against (every attempt's), if any.
    pub budget: Option<&'a ByteBudget>,
}

/// A response: status, `Retry-After` and body.
pub(crate) struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

/// Why an attempt produced no response.
enum Failure {
    /// Nothing was sent.
    Connect(String),
    Timeout,
    /// The connection broke after (possibly) sending.
    Dropped(String),
    Other(Error),
}

fn classify(e: &reqwest::Error) -> Failure {
    if e.is_builder() {
        Failure::Other(Error::Config(describe(e)))
    } else if e.is_connect() {
        Failure::Connect(describe(e))
    } else if e.is_timeout() {
        Failure::Timeout
    } else {
        Failure::Dropped(describe(e))
    }
}

fn into_error(f: Failure, idem: Idempotency) -> Error {
    match (f, idem) {
        (Failure::Connect(msg), _) => Error::Network(msg),
        (Failure::Other(e), _) => e,
        (Failure::Timeout, Idempotency::Idempotent) => Error::Timeout,
        (Failure::Dropped(msg), Idempotency::Idempotent) => Error::Network(msg),
        (Failure::Timeout | Failure::Dropped(_), Idempotency::Unsafe) => Error::OutcomeUnknown,
    }
}

/// A short description of a transport error: what failed and the innermost cause, without
/// the URL (ids are not secret, but the message stays short).
fn describe(e: &reqwest::Error) -> String {
    let what = if e.is_connect() {
        "could not connect"
    } else if e.is_timeout() {
        "timed out"
    } else if e.is_body() || e.is_decode() {
        "the response body was cut off"
    } else if e.is_request() {
        "the connection failed"
    } else {
        "request failed"
    };
    let mut cause: Option<String> = None;
    let mut source = e.source();
    while let Some(s) = source {
        cause = Some(s.to_string());
        source = s.source();
    }
    match cause {
        Some(c) if !c.is_empty() => format!("{what} ({c})"),
        _ => what.to_owned(),
    }
}

/// Reads a whole body, bounded by [`MAX_BODY_BYTES`] and by `budget`, the total of its group:
/// a chunk that would go over either is dropped at once and the body with it.
async fn read_chunks(
    mut resp: reqwest::Response,
    budget: Option<&ByteBudget>,
) -> Result<Vec<u8>, Failure> {
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| classify(&e))? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(Failure::Other(Error::Decode {
                excerpt: format!("the response is larger than {MAX_BODY_BYTES} bytes"),
            }));
        }
        if let Some(budget) = budget {
            budget.take(chunk.len()).map_err(Failure::Other)?;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

async fn attempt(http: &reqwest::Client, r: Request<'_>) -> Result<Reply, Failure> {
    let mut req = http
        .request(r.method.clone(), r.url.clone())
        .header(reqwest::header::ACCEPT, "application/json");
    if let Some(bearer) = r.bearer {
        req = req.bearer_auth(bearer.expose());
    }
    if let Some(body) = r.body {
        req = req.json(body);
    }
    let resp = req.send().await.map_err(|e| classify(&e))?;
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = read_chunks(resp, r.budget).await?;
    Ok(Reply {
        status,
        retry_after,
        body: bytes,
    })
}

/// Sends one request: the only place the crate talks HTTP. Idempotent requests are retried
/// up to `policy.retries` times (jittered exponential backoff) after a connect error, a
/// dropped connection or a 502/503/504; others are sent exactly once.
pub(crate) async fn send(
    http: &reqwest::Client,
    request: Request<'_>,
    policy: RetryPolicy,
) -> Result<Reply, Error> {
    let idem = request.idempotency;
    let method = request.method;
    let max_attempts = match idem {
        Idempotency::Idempotent => policy.retries.saturating_add(1),
        Idempotency::Unsafe => 1,
    };
    let mut attempt_no = 0u32;
    loop {
        attempt_no += 1;
        if let Some(budget) = request.budget.filter(|b| b.is_exhausted()) {
            return Err(budget.error());
        }
        let last = attempt_no >= max_attempts;
        match attempt(http, request).await {
            Ok(reply) if !last && matches!(reply.status, 502..=504) => {
                tracing::debug!(%method, status = reply.status, attempt_no, "retrying");
            }
            Ok(reply) => return Ok(reply),
            Err(f @ (Failure::Connect(_) | Failure::Dropped(_))) if !last => {
                if let Failure::Connect(msg) | Failure::Dropped(msg) = &f {
                    tracing::debug!(%method, error = %msg, attempt_no, "retrying");
                }
            }
            Err(f) => return Err(into_error(f, idem)),
        }
        tokio::time::sleep(backoff(policy.backoff, attempt_no)).await;
    }
}

/// `base * 2^(n-1)`, jittered to 50-150 %.
fn backoff(base: Duration, attempt_no: u32) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt_no.saturating_sub(1).min(10));
    exp.mul_f64(rand::rng().random_range(0.5..1.5))
}

/// Parses `Retry-After` (delay seconds or an HTTP date). Absent or unparsable gives
/// [`DEFAULT_RETRY_AFTER`]; the result is at least 1 s and at most 24 h.
pub(crate) fn parse_retry_after(value: Option<&str>, now: SystemTime) -> Duration {
    let parsed = value.map(str::trim).and_then(|v| {
        if let Ok(secs) = v.parse::<u64>() {
            Some(Duration::from_secs(secs))
        } else {
            httpdate::parse_http_date(v)
                .ok()
                .map(|at| at.duration_since(now).unwrap_or(Duration::ZERO))
        }
    });
    parsed
        .unwrap_or(DEFAULT_RETRY_AFTER)
        .clamp(Duration::from_secs(1), MAX_RETRY_AFTER)
}

/// Maps a non-401 API reply to the body (2xx) or an [`Error`]. `redact` lists values (the
/// bearer token, the client secret) that must never appear in an excerpt.
pub(crate) fn check_status(
    reply: Reply,
    method: &Method,
    permission: Permission,
    redact: &[&str],
) -> Result<Vec<u8>, Error> {
    let unsafe_method = Idempotency::of(method) == Idempotency::Unsafe;
    match reply.status {
        200..=299 => Ok(reply.body),
        400 => Err(Error::Validation(excerpt(&reply.body, redact))),
        401 => Err(Error::Unauthorized),
        403 => Err(crate::error::forbidden(&reply.body, redact, permission)),
        404 => Err(Error::NotFound),
        409 => Err(Error::Conflict),
        412 => Err(Error::NotReady),
        429 => Err(Error::RateLimited {
            retry_after: parse_retry_after(reply.retry_after.as_deref(), SystemTime::now()),
            by: RateLimitedBy::Api,
        }),
        // A gateway error on a change: the backend may or may not have done it.
        502 | 504 if unsafe_method => Err(Error::OutcomeUnknown),
        status => Err(Error::Server {
            status,
            excerpt: excerpt(&reply.body, redact),
        }),
    }
}

/// Decodes a success body; a failure carries a scrubbed excerpt (values of keys that look
/// secret are replaced, quoted values in the parser's message are dropped).
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    body: &[u8],
    redact: &[&str],
) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| {
        let reason = unquote(&e.to_string());
        let shown = match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(mut v) => {
                scrub(&mut v);
                excerpt(v.to_string().as_bytes(), redact)
            }
            Err(_) => excerpt(body, redact),
        };
        Error::Decode {
            excerpt: format!("{reason}: {shown}"),
        }
    })
}

/// The parser's message without the values it quotes (they may be secrets), except for
/// `missing field` messages, which quote only a field name.
fn unquote(msg: &str) -> String {
    if msg.starts_with("missing field") {
        return msg.to_owned();
    }
    let mut out = String::new();
    let mut inside: Option<char> = None;
    for c in msg.chars() {
        match inside {
            Some(q) if c == q => inside = None,
            Some(_) => {}
            None if c == '"' || c == '`' => {
                inside = Some(c);
                out.push('…');
            }
            None => out.push(c),
        }
    }
    out
}

fn scrub(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                let k = k.to_ascii_lowercase();
                if k.contains("secret") || k.contains("token") || k.contains("password") {
                    *val = serde_json::Value::String(crate::secret::REDACTED.to_owned());
                } else {
                    scrub(val);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(scrub),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_jittered_and_grows() {
        let base = Duration::from_millis(100);
        for _ in 0..50 {
            let one = backoff(base, 1);
            assert!(
                one >= Duration::from_millis(50) && one <= Duration::from_millis(150),
                "{one:?}"
            );
            let two = backoff(base, 2);
            assert!(
                two >= Duration::from_millis(100) && two <= Duration::from_millis(300),
                "{two:?}"
            );
        }
    }

    #[test]
    fn decode_errors_never_show_secret_fields() {
        let body = br#"{"uuid":"u","clientSecret":"TOPSECRET123","permissions":[]}"#;
        let err = decode::<crate::CreatedClient>(body, &[]).expect_err("clientId missing");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("TOPSECRET123"), "{shown}");
        assert!(shown.contains("clientId"), "{shown}");

        let body = br#"{"clientId":"c","clientSecret":12345678}"#;
        let err = decode::<crate::CreatedClient>(body, &[]).expect_err("wrong type");
        assert!(!format!("{err:?}").contains("12345678"), "{err:?}");
    }

    #[test]
    fn decode_errors_of_non_json_are_excerpts() {
        let err = decode::<Vec<crate::Cluster>>(b"<html>oops</html>", &[]).expect_err("html");
        match err {
            Error::Decode { excerpt } => assert!(excerpt.contains("oops"), "{excerpt}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn retry_after_seconds_date_and_default() {
        use std::time::UNIX_EPOCH;
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        assert_eq!(parse_retry_after(Some("7"), now), Duration::from_secs(7));
        assert_eq!(
            parse_retry_after(Some(" 120 "), now),
            Duration::from_secs(120)
        );
        assert_eq!(parse_retry_after(None, now), DEFAULT_RETRY_AFTER);
        assert_eq!(parse_retry_after(Some("soon"), now), DEFAULT_RETRY_AFTER);
        assert_eq!(parse_retry_after(Some("0"), now), Duration::from_secs(1));
        assert_eq!(parse_retry_after(Some("99999999"), now), MAX_RETRY_AFTER);
        let date = httpdate::fmt_http_date(now + Duration::from_secs(90));
        assert_eq!(parse_retry_after(Some(&date), now), Duration::from_secs(90));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(parse_retry_after(Some(&past), now), Duration::from_secs(1));
    }

    #[test]
    fn statuses_map_to_errors() {
        let reply = |status: u16, body: &str, ra: Option<&str>| Reply {
            status,
            retry_after: ra.map(str::to_owned),
            body: body.as_bytes().to_vec(),
        };
        let get = Method::GET;
        let post = Method::POST;
        let p = Permission::GetClusters;
        assert_eq!(
            check_status(reply(200, "[]", None), &get, p, &[]),
            Ok(b"[]".to_vec())
        );
        assert_eq!(
            check_status(reply(400, r#"{"message":"bad name"}"#, None), &post, p, &[]),
            Err(Error::Validation("bad name".into()))
        );
        assert_eq!(
            check_status(reply(403, "", None), &get, p, &[]),
            Err(Error::Forbidden { permission: p })
        );
        assert_eq!(
            check_status(reply(404, "<html>", None), &get, p, &[]),
            Err(Error::NotFound)
        );
        assert_eq!(
            check_status(reply(409, "", None), &get, p, &[]),
            Err(Error::Conflict)
        );
        assert_eq!(
            check_status(reply(412, "", None), &get, p, &[]),
            Err(Error::NotReady)
        );
        assert_eq!(
            check_status(reply(429, "", Some("12")), &get, p, &[]),
            Err(Error::RateLimited {
                retry_after: Duration::from_secs(12),
                by: RateLimitedBy::Api,
            })
        );
        assert_eq!(
            check_status(reply(504, "", None), &post, p, &[]),
            Err(Error::OutcomeUnknown)
        );
        assert_eq!(
            check_status(reply(504, "", None), &get, p, &[]),
            Err(Error::Server {
                status: 504,
                excerpt: "(empty response)".into()
            })
        );
        assert_eq!(
            check_status(reply(302, "moved", None), &get, p, &[]),
            Err(Error::Server {
                status: 302,
                excerpt: "moved".into()
            })
        );
    }
}
