//! Traffic counting and misuse detection: each request but the control routes bumps its route's
//! counter, and a secret or token sent where it does not belong bumps a misuse counter. The
//! [`Counters`](crate::Counters) themselves are part of the shared state.

use crate::http::{percent_decode, Req};
use crate::routes::Route;
use crate::state::Inner;

/// Count the request and look for leaked secrets and tokens.
pub(crate) fn observe(inner: &mut Inner, req: &Req, route: &Route) {
    if let Some(key) = route.key() {
        *inner.counters.routes.entry(key.to_string()).or_insert(0) += 1;
    }
    if *route == Route::Token {
        inner.counters.token_requests += 1;
    }
    let body = String::from_utf8_lossy(&req.body);
    let query = req.query.as_deref().unwrap_or("");
    let decoded_query = percent_decode(query);
    let headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .filter_map(|(n, v)| v.to_str().ok().map(|v| (n.as_str(), v)))
        .collect();
    let is_token = *route == Route::Token;
    let is_api = matches!(route, Route::Api(_));

    // An API client secret belongs only in a token-endpoint body.
    let secret_seen = inner.api_clients.iter().any(|c| {
        let s = c.client_secret.as_str();
        req.path.contains(s)
            || decoded_query.contains(s)
            || headers.iter().any(|(_, v)| v.contains(s))
            || (!is_token && body.contains(s))
    });
    if secret_seen {
        inner.counters.admin_secret_misuse += 1;
        // Never log the path or query: they may hold the very secret.
        tracing::warn!(method = %req.method, route = ?route.key(), "an API client secret was sent outside a token request body");
    }

    // An access token belongs only in the API's Authorization header.
    let token_seen = inner.issued.iter().any(|t| {
        let t = t.as_str();
        req.path.contains(t)
            || decoded_query.contains(t)
            || body.contains(t)
            || headers
                .iter()
                .any(|(n, v)| !(is_api && *n == "authorization") && v.contains(t))
    });
    if token_seen {
        inner.counters.token_misuse += 1;
        tracing::warn!(method = %req.method, route = ?route.key(), "an access token was sent somewhere other than the API");
    }
}
