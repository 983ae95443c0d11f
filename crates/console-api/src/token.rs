//! OAuth client-credentials tokens: the cache key, what a [`TokenStore`] persists, the
//! token request itself (sent by [`crate::http::send`]) and the JWT `exp` parser it needs.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use reqwest::Method;

use crate::config::check_service_url;
use crate::error::excerpt;
use crate::http::{parse_retry_after, send, Idempotency, Request, RetryPolicy};
use crate::{Error, RateLimitedBy, Secret};

/// Identifies one token cache: tokens are shared by every client with the same key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenKey {
    /// Token endpoint.
    pub token_url: String,
    /// Token audience.
    pub audience: String,
    /// API client id.
    pub client_id: String,
}

impl TokenKey {
    /// The key of a client with these credentials (`token_url` already checked and parsed).
    pub(crate) fn of(token_url: &url::Url, audience: &str, client_id: &str) -> TokenKey {
        TokenKey {
            token_url: token_url.to_string(),
            audience: audience.trim().to_owned(),
            client_id: client_id.trim().to_owned(),
        }
    }

    /// The key a [`crate::Client`] built with these credentials uses (the token URL normalized
    /// as the client does); `None` when the token URL is not one a client would accept.
    pub fn for_credentials(token_url: &str, audience: &str, client_id: &str) -> Option<TokenKey> {
        let url = check_service_url("token URL", token_url).ok()?;
        Some(TokenKey::of(&url, audience, client_id))
    }

    /// A stable, filename- and keychain-safe id for this key (32 lowercase hex digits of a
    /// SHA-256 over the three fields). The same key always gives the same id.
    pub fn id(&self) -> String {
        let mut h = Sha256::new();
        for part in [&self.token_url, &self.audience, &self.client_id] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        h.finalize()
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A token as persisted by a [`TokenStore`].
#[derive(Clone, Debug)]
pub struct StoredToken {
    /// The bearer token.
    pub access_token: Secret,
    /// Expiry, seconds since the Unix epoch.
    pub expires_at_unix: u64,
}

/// Persists tokens across restarts (the app's implementation talks to the OS keychain).
///
/// Calls are synchronous; the crate runs them on a blocking thread. A failing store should
/// simply return `None` / do nothing: the client then asks the login service for a token.
/// A stored token is used for any client with the same [`TokenKey`]: clear it when the
/// client secret of that key changes.
pub trait TokenStore: Send + Sync + 'static {
    /// The stored token for `key`, if any.
    fn load(&self, key: &TokenKey) -> Option<StoredToken>;
    /// Replaces the stored token for `key`.
    fn save(&self, key: &TokenKey, token: &StoredToken);
    /// Removes the stored token for `key`.
    fn clear(&self, key: &TokenKey);
}

/// A token from the login service.
pub(crate) struct Fetched {
    pub access_token: Secret,
    pub expires_at: SystemTime,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: Option<Secret>,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

/// Longest token lifetime believed from `expires_in`.
const MAX_LIFETIME: Duration = Duration::from_secs(366 * 24 * 3600);
/// Expiry assumed when the token is not a JWT with `exp` and `expires_in` is missing.
const FALLBACK_LIFETIME: Duration = Duration::from_secs(300);

/// Asks the login service for a token (client credentials, JSON body).
pub(crate) async fn request_token(
    http: &reqwest::Client,
    key: &TokenKey,
    secret: &Secret,
) -> Result<Fetched, Error> {
    let body = serde_json::json!({
        "grant_type": "client_credentials",
        "audience": key.audience,
        "client_id": key.client_id,
        "client_secret": secret.expose(),
    });
    let url = check_service_url("token URL", &key.token_url)?;
    tracing::debug!(key = %key.id(), "requesting an access token");
    let request = Request {
        method: &Method::POST,
        url: &url,
        bearer: None,
        body: Some(&body),
        // Asking again for a token changes nothing: a lost answer is a plain timeout.
        idempotency: Idempotency::Idempotent,
        budget: None,
    };
    let reply = send(http, request, RetryPolicy::ONCE).await?;
    let (status, bytes) = (reply.status, reply.body);
    let retry_after = reply.retry_after;
    let redact = [secret.expose()];
    match status {
        200..=299 => {
            // No body excerpt here: a malformed success body may hold the token.
            let parsed: TokenResponse =
                serde_json::from_slice(&bytes).map_err(|_| Error::Decode {
                    excerpt: "the token response is not valid JSON".into(),
                })?;
            let access_token = parsed
                .access_token
                .filter(|t| !t.expose().trim().is_empty())
                .ok_or_else(|| Error::Decode {
                    excerpt: "the token response has no access_token".into(),
                })?;
            let expires_in = parsed.expires_in.as_ref().and_then(number_of);
            let expires_at = token_expiry(access_token.expose(), expires_in, SystemTime::now());
            Ok(Fetched {
                access_token,
                expires_at,
            })
        }
        429 => {
            let retry_after = parse_retry_after(retry_after.as_deref(), SystemTime::now());
            tracing::warn!(key = %key.id(), secs = retry_after.as_secs(), "login service rate limit");
            Err(Error::RateLimited {
                retry_after,
                by: RateLimitedBy::Login,
            })
        }
        401 => Err(Error::InvalidCredentials),
        400 | 403 if is_credentials_error(&bytes) => Err(Error::InvalidCredentials),
        400..=499 => Err(Error::Validation(excerpt(&bytes, &redact))),
        _ => Err(Error::Server {
            status,
            excerpt: excerpt(&bytes, &redact),
        }),
    }
}

fn number_of(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite() && *n >= 0.0)
}

fn is_credentials_error(body: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct OAuthError {
        error: Option<String>,
    }
    serde_json::from_slice::<OAuthError>(body)
        .ok()
        .and_then(|e| e.error)
        .is_some_and(|e| e == "invalid_client" || e == "unauthorized_client")
}

/// The `exp` claim of a JWT (payload decoded without verifying the signature).
pub(crate) fn jwt_exp(token: &str) -> Option<u64> {
    let payload = token.split('.').nth(1)?;
    let payload = payload.trim_end_matches('=');
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let exp = claims.get("exp")?;
    match exp {
        serde_json::Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0)
                .map(|f| f as u64)
        }),
        _ => None,
    }
}

/// When a token expires: the JWT `exp` claim when the token decodes (and is not already
/// past while `expires_in` says otherwise, i.e. our clock is off), else `now + expires_in`,
/// else `now + 5 min`.
pub(crate) fn token_expiry(token: &str, expires_in: Option<f64>, now: SystemTime) -> SystemTime {
    let from_expires_in =
        expires_in.map(|s| now + Duration::from_secs_f64(s.clamp(0.0, MAX_LIFETIME.as_secs_f64())));
    let exp = jwt_exp(token).map(|exp| {
        UNIX_EPOCH
            .checked_add(Duration::from_secs(exp))
            .map_or(now + MAX_LIFETIME, |exp| exp.min(now + MAX_LIFETIME))
    });
    match exp {
        Some(exp) if exp > now => exp,
        Some(exp) => from_expires_in.unwrap_or(exp),
        None => from_expires_in.unwrap_or(now + FALLBACK_LIFETIME),
    }
}

/// Seconds since the Unix epoch (0 before it).
pub(crate) fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn jwt(payload: &str) -> String {
        format!(
            "{}.{}.sig",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn jwt_exp_is_read_without_verifying() {
        assert_eq!(
            jwt_exp(&jwt(r#"{"exp":1900000000,"aud":"x"}"#)),
            Some(1_900_000_000)
        );
        assert_eq!(
            jwt_exp(&jwt(r#"{"exp":1900000000.7}"#)),
            Some(1_900_000_000)
        );
        assert_eq!(jwt_exp(&jwt(r#"{"aud":"x"}"#)), None);
        assert_eq!(jwt_exp(&jwt(r#"{"exp":"soon"}"#)), None);
        assert_eq!(jwt_exp(&jwt("not json")), None);
        assert_eq!(jwt_exp("opaque-token"), None);
        assert_eq!(jwt_exp("a.!!!.c"), None);
        // Padded base64url is tolerated.
        let padded = format!("h.{}==.s", URL_SAFE_NO_PAD.encode(r#"{"exp":5}"#));
        assert_eq!(jwt_exp(&padded), Some(5));
    }

    #[test]
    fn expiry_prefers_exp_then_expires_in() {
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let t = jwt(r#"{"exp":1800003600}"#);
        assert_eq!(
            token_expiry(&t, Some(60.0), now),
            UNIX_EPOCH + Duration::from_secs(1_800_003_600)
        );
        assert_eq!(
            token_expiry("opaque", Some(120.0), now),
            now + Duration::from_secs(120)
        );
        assert_eq!(token_expiry("opaque", None, now), now + FALLBACK_LIFETIME);
        // exp already past on our clock but the server says it lives on: trust expires_in.
        let past = jwt(r#"{"exp":1700000000}"#);
        assert_eq!(
            token_expiry(&past, Some(100.0), now),
            now + Duration::from_secs(100)
        );
        assert_eq!(
            token_expiry(&past, None, now),
            UNIX_EPOCH + Duration::from_secs(1_700_000_000)
        );
        // Absurd values never overflow.
        let huge = jwt(&format!(r#"{{"exp":{}}}"#, u64::MAX));
        assert_eq!(token_expiry(&huge, None, now), now + MAX_LIFETIME);
        assert_eq!(token_expiry("opaque", Some(1e300), now), now + MAX_LIFETIME);
    }

    #[test]
    fn key_id_is_stable_and_safe() {
        let k = TokenKey {
            token_url: "https://login.cloud.camunda.io/oauth/token".into(),
            audience: "api.cloud.camunda.io".into(),
            client_id: "abc/../x".into(),
        };
        let id = k.id();
        assert_eq!(id, k.clone().id());
        assert_eq!(id.len(), 32);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        let mut other = k.clone();
        other.client_id.push('y');
        assert_ne!(other.id(), id);
        // Field boundaries matter.
        let a = TokenKey {
            token_url: "ab".into(),
            audience: "c".into(),
            client_id: "d".into(),
        };
        let b = TokenKey {
            token_url: "a".into(),
            audience: "bc".into(),
            client_id: "d".into(),
        };
        assert_ne!(a.id(), b.id());
    }

    #[test]
    fn credentials_errors_are_recognised() {
        assert!(is_credentials_error(br#"{"error":"invalid_client"}"#));
        assert!(is_credentials_error(
            br#"{"error":"unauthorized_client","error_description":"x"}"#
        ));
        assert!(!is_credentials_error(br#"{"error":"invalid_request"}"#));
        assert!(!is_credentials_error(b"<html>"));
    }
}
