//! `/__sandbox/…`: control routes for tests (loopback callers only).

use std::time::Duration;

use hyper::Method;
use serde::Deserialize;
use serde_json::json;

use crate::config::{ApiCredentials, ApiPermission, RateLimit, AUDIENCE};
use crate::faults::{Fault, FaultKind, RoutePattern};
use crate::http::{normalize, Reply, Req};
use crate::state::Shared;

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum WireFaultKind {
    #[serde(rename_all = "camelCase")]
    Status {
        status: u16,
        #[serde(default)]
        body: String,
        #[serde(default)]
        content_type: Option<String>,
        #[serde(default)]
        retry_after: Option<String>,
    },
    Delay {
        ms: u64,
    },
    Drop,
    NotJson,
}

#[derive(Deserialize)]
struct WireFault {
    route: String,
    #[serde(default = "one")]
    times: u32,
    kind: WireFaultKind,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Clock {
    advance_secs: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRateLimit {
    #[serde(default)]
    off: bool,
    per_second: Option<f64>,
    burst: Option<u32>,
}

#[derive(Deserialize)]
struct NewApiClient {
    #[serde(default)]
    permissions: Option<Vec<ApiPermission>>,
}

fn parse<'a, T: Deserialize<'a>>(req: &'a Req) -> Result<T, Reply> {
    serde_json::from_slice(&req.body)
        .map_err(|e| Reply::text(400, &format!("invalid control request body: {e}")))
}

pub(crate) fn handle(shared: &Shared, req: &Req) -> Reply {
    if !req.peer.ip().is_loopback() {
        return Reply::text(403, "sandbox control routes are for loopback callers only");
    }
    let path = normalize(&req.path);
    let result = match (&req.method, path) {
        (&Method::GET, "/__sandbox/counters") => Ok(Reply::json(
            200,
            &serde_json::to_value(shared.counters()).unwrap_or_default(),
        )),
        (&Method::POST, "/__sandbox/reset") => {
            shared.reset_counters();
            Ok(Reply::empty(204))
        }
        (&Method::POST, "/__sandbox/faults") => add_fault(shared, req),
        (&Method::DELETE, "/__sandbox/faults") => {
            shared.clear_faults();
            Ok(Reply::empty(204))
        }
        (&Method::POST, "/__sandbox/clock") => parse::<Clock>(req).and_then(|c| {
            if !c.advance_secs.is_finite() || c.advance_secs < 0.0 {
                return Err(Reply::text(
                    400,
                    "advanceSecs must be a non-negative number",
                ));
            }
            shared.advance_clock(Duration::from_secs_f64(c.advance_secs.min(1e12)));
            Ok(Reply::empty(204))
        }),
        (&Method::POST, "/__sandbox/rate-limit") => parse::<WireRateLimit>(req).and_then(|r| {
            if r.off {
                shared.set_rate_limit(None);
                return Ok(Reply::empty(204));
            }
            let default = RateLimit::default();
            let limit = RateLimit {
                per_second: r.per_second.unwrap_or(default.per_second),
                burst: r.burst.unwrap_or(default.burst),
            };
            if !limit.per_second.is_finite() || limit.per_second < 0.0 {
                return Err(Reply::text(400, "perSecond must be a non-negative number"));
            }
            shared.set_rate_limit(Some(limit));
            Ok(Reply::empty(204))
        }),
        (&Method::POST, "/__sandbox/api-clients") => parse::<NewApiClient>(req).map(|n| {
            let perms = n.permissions.unwrap_or_else(|| ApiPermission::ALL.to_vec());
            let creds = shared.add_api_client(&perms);
            Reply::json(200, &credentials_json(shared, &creds))
        }),
        (&Method::GET, "/__sandbox/credentials") => Ok(Reply::json(
            200,
            &credentials_json(shared, &shared.default_credentials()),
        )),
        (&Method::POST, "/__sandbox/revoke-tokens") => {
            shared.revoke_tokens();
            Ok(Reply::empty(204))
        }
        _ => Err(Reply::text(404, "unknown sandbox control route")),
    };
    result.unwrap_or_else(|reply| reply)
}

fn credentials_json(shared: &Shared, creds: &ApiCredentials) -> serde_json::Value {
    json!({
        "clientId": creds.client_id,
        "clientSecret": creds.client_secret,
        "tokenUrl": shared.token_url(),
        "baseUrl": shared.base_url,
        "audience": AUDIENCE,
    })
}

fn add_fault(shared: &Shared, req: &Req) -> Result<Reply, Reply> {
    let wire: WireFault = parse(req)?;
    RoutePattern::parse(&wire.route).map_err(|e| Reply::text(400, &e))?;
    let kind = match wire.kind {
        WireFaultKind::Status {
            status,
            body,
            content_type,
            retry_after,
        } => {
            if !(100..=999).contains(&status) {
                return Err(Reply::text(400, "status must be between 100 and 999"));
            }
            FaultKind::Status {
                status,
                body,
                content_type: content_type.unwrap_or_else(|| "application/json".into()),
                retry_after,
            }
        }
        WireFaultKind::Delay { ms } => FaultKind::Delay(Duration::from_millis(ms)),
        WireFaultKind::Drop => FaultKind::Drop,
        WireFaultKind::NotJson => FaultKind::NotJson,
    };
    shared.inject(Fault {
        route: wire.route,
        times: wire.times,
        kind,
    });
    Ok(Reply::empty(204))
}
