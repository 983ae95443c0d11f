//! Dispatch of one request: the `/__sandbox/` control routes apart, every other request is
//! counted and checked for misuse, meets the first matching fault if any, then goes to the token
//! endpoint or the API (after the configured latency).

use crate::faults::{self, FaultKind};
use crate::http::{normalize, Reply, Req};
use crate::routes::{self, Route};
use crate::state::Shared;
use crate::{api, control, counters, token};

/// What to do with a request's connection.
pub(crate) enum Outcome {
    /// Write this response.
    Reply(Reply),
    /// Close the connection without a response (the `Drop` fault).
    Drop,
}

/// Answer one request: control routes apart; otherwise count it, apply the first matching
/// fault, then hand it to its route's handler.
pub(crate) async fn handle(shared: &Shared, req: Req) -> Outcome {
    if req.path == "/__sandbox" || req.path.starts_with("/__sandbox/") {
        return Outcome::Reply(control::handle(shared, &req));
    }
    let path = normalize(&req.path).to_string();
    let route = routes::classify(&req.method, &path);
    let fault = {
        let mut inner = shared.inner.lock();
        counters::observe(&mut inner, &req, &route);
        faults::take(&mut inner.faults, req.method.as_str(), &path)
    };
    if let Some(kind) = fault {
        match kind {
            FaultKind::Status {
                status,
                body,
                content_type,
                retry_after,
            } => {
                let mut reply = Reply::raw(status, &content_type, body);
                if let Some(ra) = retry_after {
                    reply = reply.with_header(hyper::header::RETRY_AFTER, ra);
                }
                return Outcome::Reply(reply);
            }
            FaultKind::Delay(d) => tokio::time::sleep(d).await,
            FaultKind::Drop => return Outcome::Drop,
            FaultKind::NotJson => {
                return Outcome::Reply(Reply::raw(
                    200,
                    "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>Camunda</title></head>\
                     <body><h1>Service temporarily unavailable</h1></body></html>"
                        .into(),
                ))
            }
        }
    }
    Outcome::Reply(match route {
        Route::Token => token::handle(shared, &req),
        Route::Api(op) => {
            if !shared.latency.is_zero() {
                tokio::time::sleep(shared.latency).await;
            }
            api::handle(shared, &req, op)
        }
        Route::MethodNotAllowed => Reply::message(405, "Method Not Allowed"),
        Route::NotFound => Reply::message(404, "Not Found"),
    })
}
