//! The Console API routes: authentication, permissions, clusters and cluster clients.

use hyper::Method;
use serde_json::{json, Value};

use crate::config::{ApiPermission, AUDIENCE};
use crate::http::{percent_decode, Reply, Req};
use crate::model::{millis, parameters_json, Health, Phase};
use crate::state::{Inner, Shared};
use crate::{clients, clusters, jwt};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Op {
    ListClusters,
    CreateCluster,
    Parameters,
    GetCluster(String),
    DeleteCluster(String),
    UpdateCluster(String),
    WakeCluster(String),
    ListClients(String),
    CreateClient(String),
    GetClient(String, String),
    DeleteClient(String, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    Token,
    Api(Op),
    MethodNotAllowed,
    NotFound,
}

impl Route {
    /// The counter key, e.g. "GET /clusters/{id}".
    pub fn key(&self) -> Option<&'static str> {
        Some(match self {
            Route::Token => "POST /oauth/token",
            Route::Api(op) => match op {
                Op::ListClusters => "GET /clusters",
                Op::CreateCluster => "POST /clusters",
                Op::Parameters => "GET /clusters/parameters",
                Op::GetCluster(_) => "GET /clusters/{id}",
                Op::DeleteCluster(_) => "DELETE /clusters/{id}",
                Op::UpdateCluster(_) => "PATCH /clusters/{id}",
                Op::WakeCluster(_) => "PUT /clusters/{id}/wake",
                Op::ListClients(_) => "GET /clusters/{id}/clients",
                Op::CreateClient(_) => "POST /clusters/{id}/clients",
                Op::GetClient(..) => "GET /clusters/{id}/clients/{clientId}",
                Op::DeleteClient(..) => "DELETE /clusters/{id}/clients/{clientId}",
            },
            Route::MethodNotAllowed | Route::NotFound => return None,
        })
    }
}

/// Which route a (normalized, trailing-slash-free) path is.
pub(crate) fn classify(method: &Method, path: &str) -> Route {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let m = method.clone();
    let pick = |allowed: &[(Method, Op)]| -> Route {
        allowed
            .iter()
            .find(|(am, _)| *am == m)
            .map(|(_, op)| Route::Api(op.clone()))
            .unwrap_or(Route::MethodNotAllowed)
    };
    match segs.as_slice() {
        ["oauth", "token"] => {
            if m == Method::POST {
                Route::Token
            } else {
                Route::MethodNotAllowed
            }
        }
        ["clusters"] => pick(&[
            (Method::GET, Op::ListClusters),
            (Method::POST, Op::CreateCluster),
        ]),
        ["clusters", "parameters"] if m == Method::GET => Route::Api(Op::Parameters),
        ["clusters", id] => {
            let id = percent_decode(id);
            pick(&[
                (Method::GET, Op::GetCluster(id.clone())),
                (Method::DELETE, Op::DeleteCluster(id.clone())),
                (Method::PATCH, Op::UpdateCluster(id)),
            ])
        }
        ["clusters", id, "wake"] => pick(&[(Method::PUT, Op::WakeCluster(percent_decode(id)))]),
        ["clusters", id, "clients"] => {
            let id = percent_decode(id);
            pick(&[
                (Method::GET, Op::ListClients(id.clone())),
                (Method::POST, Op::CreateClient(id)),
            ])
        }
        ["clusters", id, "clients", client] => {
            let (id, client) = (percent_decode(id), percent_decode(client));
            pick(&[
                (Method::GET, Op::GetClient(id.clone(), client.clone())),
                (Method::DELETE, Op::DeleteClient(id, client)),
            ])
        }
        _ => Route::NotFound,
    }
}

/// The permission an operation needs (the first one is named in the 403).
fn required(op: &Op) -> &'static [ApiPermission] {
    use ApiPermission::*;
    match op {
        Op::ListClusters | Op::GetCluster(_) => &[GetClusters],
        // Creation options: useful to whoever may read or create clusters.
        Op::Parameters => &[GetClusters, CreateClusters],
        Op::CreateCluster | Op::UpdateCluster(_) | Op::WakeCluster(_) => &[CreateClusters],
        Op::DeleteCluster(_) => &[DeleteClusters],
        Op::ListClients(_) | Op::GetClient(..) => &[GetClients],
        Op::CreateClient(_) => &[CreateClients],
        Op::DeleteClient(..) => &[DeleteClients],
    }
}

fn unauthorized(description: &str) -> Reply {
    Reply::json(
        401,
        &json!({"status": 401, "message": "Unauthorized", "error": description}),
    )
    .with_header(
        hyper::header::WWW_AUTHENTICATE,
        format!("Bearer error=\"invalid_token\", error_description=\"{description}\""),
    )
}

/// Verify the bearer token; on success, the caller's permissions.
fn authenticate(shared: &Shared, inner: &Inner, req: &Req) -> Result<Vec<ApiPermission>, Reply> {
    let Some(auth) = req.header("authorization") else {
        return Err(unauthorized("missing bearer token"));
    };
    let token = match auth.split_once(' ') {
        Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") && !t.trim().is_empty() => {
            t.trim()
        }
        _ => return Err(unauthorized("Authorization must be 'Bearer <token>'")),
    };
    let claims = jwt::verify(&shared.key, token).map_err(|e| match e {
        jwt::Invalid::Malformed => unauthorized("malformed token"),
        jwt::Invalid::Signature => unauthorized("invalid signature"),
    })?;
    let now_s = inner.now_ms() / 1000;
    let exp = claims.get("exp").and_then(Value::as_u64).unwrap_or(0);
    if exp <= now_s {
        return Err(unauthorized("token expired"));
    }
    let aud_ok = match claims.get("aud") {
        Some(Value::String(a)) => a == AUDIENCE,
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(AUDIENCE)),
        _ => false,
    };
    if !aud_ok {
        return Err(unauthorized("wrong audience"));
    }
    if claims.get("sbx_epoch").and_then(Value::as_u64) != Some(inner.epoch) {
        return Err(unauthorized("token revoked"));
    }
    let client_id = claims.get("azp").and_then(Value::as_str).unwrap_or("");
    inner
        .api_clients
        .iter()
        .find(|c| c.client_id == client_id)
        .map(|c| c.permissions.clone())
        .ok_or_else(|| unauthorized("unknown client"))
}

pub(crate) fn handle(shared: &Shared, req: &Req, op: Op) -> Reply {
    let mut inner = shared.lock();
    let perms = match authenticate(shared, &inner, req) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let needed = required(&op);
    if !needed.iter().any(|p| perms.contains(p)) {
        let label = needed[0].label();
        return Reply::message(
            403,
            &format!("Forbidden: this API client lacks the permission \"{label}\""),
        )
        .with_header(
            hyper::header::HeaderName::from_static("x-sandbox-missing-permission"),
            label.to_string(),
        );
    }
    let now_ms = inner.now_ms();
    match op {
        Op::ListClusters => Reply::json(
            200,
            &Value::Array(inner.clusters.iter().map(|c| c.to_json(now_ms)).collect()),
        ),
        Op::Parameters => Reply::json(200, &parameters_json()),
        Op::GetCluster(id) => match inner.find_cluster(&id) {
            Some(c) => Reply::json(200, &c.to_json(now_ms)),
            None => cluster_not_found(),
        },
        Op::CreateCluster => clusters::create_cluster(shared, &mut inner, req, now_ms),
        Op::DeleteCluster(id) => {
            let before = inner.clusters.len();
            inner.clusters.retain(|c| c.uuid != id);
            if inner.clusters.len() == before {
                cluster_not_found()
            } else {
                Reply::empty(204)
            }
        }
        Op::UpdateCluster(id) => clusters::update_cluster(&mut inner, &id, req),
        Op::WakeCluster(id) => {
            let ready_ms = millis(shared.ready_after);
            let Some(c) = inner.find_cluster_mut(&id) else {
                return cluster_not_found();
            };
            if c.status(now_ms).0 == Health::Suspended {
                c.phase = Phase::Transition {
                    kind: Health::Resuming,
                    start_ms: now_ms,
                    end_ms: now_ms.saturating_add(ready_ms),
                };
            }
            Reply::empty(204)
        }
        Op::ListClients(id) => match inner.find_cluster(&id) {
            Some(c) => Reply::json(
                200,
                &Value::Array(c.clients.iter().map(|cl| cl.to_json()).collect()),
            ),
            None => cluster_not_found(),
        },
        Op::CreateClient(id) => clients::create_client(shared, &mut inner, &id, req, now_ms),
        Op::GetClient(id, client_id) => {
            let Some(c) = inner.find_cluster(&id) else {
                return cluster_not_found();
            };
            let Some(cl) = c.clients.iter().find(|cl| cl.client_id == client_id) else {
                return Reply::message(404, "Client not found");
            };
            if !c.is_healthy(now_ms) {
                return Reply::message(412, "The cluster is not ready; try again later");
            }
            Reply::json(
                200,
                &json!({
                    "name": cl.name,
                    "ZEEBE_ADDRESS": c.zeebe_address(),
                    "ZEEBE_CLIENT_ID": cl.client_id,
                    "ZEEBE_AUTHORIZATION_SERVER_URL": shared.token_url(),
                    // Beyond the spec, as the live API's credential files carry them.
                    "ZEEBE_TOKEN_AUDIENCE": "zeebe.camunda.io",
                    "CAMUNDA_CLUSTER_ID": c.uuid,
                    "CAMUNDA_CLUSTER_REGION": c.region.slug,
                }),
            )
        }
        Op::DeleteClient(id, client_id) => {
            let Some(c) = inner.find_cluster_mut(&id) else {
                return cluster_not_found();
            };
            let before = c.clients.len();
            c.clients.retain(|cl| cl.client_id != client_id);
            if c.clients.len() == before {
                Reply::message(404, "Client not found")
            } else {
                Reply::empty(204)
            }
        }
    }
}

pub(crate) fn cluster_not_found() -> Reply {
    Reply::message(404, "Cluster not found")
}
