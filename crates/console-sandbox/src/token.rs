//! The OAuth 2.0 token endpoint (client credentials grant): client authentication, the rate
//! limit, and issuing or re-issuing access tokens.

use std::collections::HashMap;

use serde_json::json;

use crate::config::AUDIENCE;
use crate::http::{Reply, Req};
use crate::jwt;
use crate::model::random_string;
use crate::record::Kind;
use crate::state::{CachedToken, Shared};

/// A cached token is handed out again until it has less than this left (capped at a quarter of
/// the token lifetime), like SaaS which re-issues its cached token.
const RENEW_WINDOW_S: u64 = 300;

fn oauth_error(status: u16, error: &str, description: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": error, "error_description": description}),
    )
}

/// The token request's fields, from a JSON or form body, and HTTP Basic client authentication
/// (the body's `client_id` and `client_secret` win).
fn fields(req: &Req) -> Result<HashMap<String, String>, Reply> {
    let mut map = req.string_fields().ok_or_else(|| {
        oauth_error(
            400,
            "invalid_request",
            "The request body must be JSON or application/x-www-form-urlencoded",
        )
    })?;
    if let Some((id, secret)) = req.basic_credentials() {
        map.entry("client_id".into()).or_insert(id);
        map.entry("client_secret".into()).or_insert(secret);
    }
    Ok(map)
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(crate) fn handle(shared: &Shared, req: &Req) -> Reply {
    let mut inner = shared.inner.lock();
    if let Err(retry_after) = inner.rate_limit_check(req.peer.ip()) {
        return oauth_error(
            429,
            "too_many_requests",
            "Too many token requests from this IP address; retry later",
        )
        .with_header(hyper::header::RETRY_AFTER, retry_after.to_string());
    }
    let f = match fields(req) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    match f.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        None | Some("") => {
            return oauth_error(
                400,
                "invalid_request",
                "Missing required parameter: grant_type",
            )
        }
        Some(_) => {
            return oauth_error(
                400,
                "unsupported_grant_type",
                "Only the client_credentials grant is supported",
            )
        }
    }
    let (Some(client_id), Some(secret)) = (f.get("client_id"), f.get("client_secret")) else {
        return oauth_error(
            400,
            "invalid_request",
            "Missing required parameters: client_id and client_secret",
        );
    };
    let Some(client) = inner
        .api_clients
        .iter()
        .find(|c| constant_time_eq(&c.client_id, client_id))
    else {
        return oauth_error(401, "invalid_client", "Unauthorized");
    };
    if !constant_time_eq(&client.client_secret, secret) {
        return oauth_error(401, "invalid_client", "Unauthorized");
    }
    let audience = f.get("audience").map(String::as_str).unwrap_or("");
    if audience != AUDIENCE {
        return oauth_error(
            401,
            "invalid_client",
            "Client is not authorized to access the requested audience",
        );
    }
    let client_id = client.client_id.clone();
    let scope = client
        .permissions
        .iter()
        .map(|p| p.scope())
        .collect::<Vec<_>>()
        .join(" ");
    let now_s = inner.now_ms() / 1000;
    let ttl_s = shared.token_ttl.as_secs().max(1);
    let window = RENEW_WINDOW_S.min(ttl_s / 4);
    let reuse = inner
        .token_cache
        .get(&client_id)
        .filter(|c| c.exp_s > now_s && c.exp_s - now_s > window)
        .map(|c| (c.token.clone(), c.exp_s));
    let (token, exp_s) = match reuse {
        Some(x) => x,
        None => {
            let exp_s = now_s.saturating_add(ttl_s);
            let claims = json!({
                "iss": format!("{}/", shared.base_url),
                "sub": format!("{client_id}@clients"),
                "aud": AUDIENCE,
                "iat": now_s,
                "exp": exp_s,
                "azp": client_id,
                "gty": "client-credentials",
                "scope": scope,
                "jti": random_string(16),
                "sbx_epoch": inner.epoch,
            });
            let token = jwt::sign(&shared.key, &claims);
            shared.recorder.record(Kind::AccessToken, &token);
            inner.remember_token(&token);
            inner.token_cache.insert(
                client_id.clone(),
                CachedToken {
                    token: token.clone(),
                    exp_s,
                },
            );
            (token, exp_s)
        }
    };
    inner.counters.tokens_issued += 1;
    Reply::json(
        200,
        &json!({
            "access_token": token,
            "scope": scope,
            "expires_in": exp_s.saturating_sub(now_s),
            "token_type": "Bearer",
        }),
    )
    .with_header(hyper::header::CACHE_CONTROL, "no-store")
    .with_header(hyper::header::PRAGMA, "no-cache")
}
