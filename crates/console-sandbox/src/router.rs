//! Dispatch of one request: first the `Host` check (every route), then the `/__sandbox/`
//! control routes apart (when [`ControlAccess`] allows them); every other request is counted and
//! checked for misuse, meets the first matching fault if any, then goes to the token endpoint or
//! the API (after the configured latency).

use std::net::Ipv4Addr;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::config::ControlAccess;
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

/// The header carrying the control token when the sandbox runs with [`ControlAccess::Token`].
pub const CONTROL_TOKEN_HEADER: &str = "x-sandbox-control-token";

/// Answer one request: refuse a non-loopback `Host`; control routes apart; otherwise count it,
/// apply the first matching fault, then hand it to its route's handler.
pub(crate) async fn handle(shared: &Shared, req: Req) -> Outcome {
    // DNS rebinding: a web page on `evil.example` whose name now resolves to 127.0.0.1 reaches
    // this port from the user's browser, but its requests still say `Host: evil.example`.
    if !host_allowed(&req) {
        return Outcome::Reply(Reply::message(
            421,
            "Misdirected Request: this sandbox only answers to localhost, 127.x.x.x or [::1]",
        ));
    }
    if req.path == "/__sandbox" || req.path.starts_with("/__sandbox/") {
        match &shared.control {
            // Off: no such routes, so the ordinary unknown-route path below (a 404).
            ControlAccess::Off => {}
            ControlAccess::Open => return Outcome::Reply(control::handle(shared, &req)),
            ControlAccess::Token(expected) => {
                if !token_matches(req.header(CONTROL_TOKEN_HEADER), expected) {
                    return Outcome::Reply(Reply::message(
                        401,
                        "sandbox control routes need the x-sandbox-control-token header",
                    ));
                }
                return Outcome::Reply(control::handle(shared, &req));
            }
        }
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
        Route::Token => {
            if !shared.token_latency.is_zero() {
                tokio::time::sleep(shared.token_latency).await;
            }
            token::handle(shared, &req)
        }
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

/// Whether the request names this sandbox by a loopback name: its `Host` header (exactly one)
/// and the authority of an absolute-form target, when present, must each pass [`loopback_host`].
///
/// A request without `Host` (HTTP/1.0) is accepted: the peer is a loopback one already (the
/// sandbox binds loopback addresses only), and the browsers that DNS rebinding abuses always
/// send `Host`.
fn host_allowed(req: &Req) -> bool {
    let mut hosts = req.headers.get_all(hyper::header::HOST).iter();
    let header_ok = match (hosts.next(), hosts.next()) {
        (None, _) => true,
        (Some(h), None) => h.to_str().is_ok_and(loopback_host),
        // Two Host headers: ambiguous, refused.
        (Some(_), Some(_)) => false,
    };
    header_ok && req.authority.as_deref().is_none_or(loopback_host)
}

/// `localhost`, `127.x.x.x` (dotted decimal, four parts) or `[::1]`, each with an optional
/// `:port`; ASCII case-insensitive. Nothing else: no `*.localhost`, no trailing dot, no
/// user-info, no other spelling of an address.
pub(crate) fn loopback_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, port)) => (format!("[{ip}]"), port),
            None => return false,
        }
    } else {
        match host.split_once(':') {
            Some((name, _)) => (name.to_string(), &host[name.len()..]),
            None => (host.clone(), ""),
        }
    };
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok()
        });
    let name_ok = name == "localhost"
        || name == "[::1]"
        || (name.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && name
                .parse::<Ipv4Addr>()
                .is_ok_and(|ip| ip.octets()[0] == 127));
    port_ok && name_ok
}

/// The control token check, in constant time (the SHA-256 digests are compared, so not even
/// the length shows). An empty expected token matches nothing.
fn token_matches(sent: Option<&str>, expected: &str) -> bool {
    let Some(sent) = sent else { return false };
    let a = Sha256::digest(sent.as_bytes());
    let b = Sha256::digest(expected.as_bytes());
    !expected.is_empty() && bool::from(a.ct_eq(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_only() {
        for ok in [
            "localhost",
            "LOCALHOST",
            "LocalHost:8787",
            "127.0.0.1",
            "127.0.0.1:1",
            "127.255.3.4:65535",
            "[::1]",
            "[::1]:8787",
        ] {
            assert!(loopback_host(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.com",
            "localhost.",
            "localhost.:80",
            "localhost.evil.com",
            "evil.localhost",
            "sub.localhost:8787",
            "127.0.0.1.nip.io",
            "127.0.0.1.",
            "127.1",
            "127.0.0.01",
            "0x7f.0.0.1",
            "2130706433",
            "128.0.0.1",
            "0.0.0.0",
            "10.0.0.1",
            "[::1].evil.com",
            "[::2]",
            "[0:0:0:0:0:0:0:1]",
            "::1",
            "[::1",
            "localhost:",
            "localhost:abc",
            "localhost:99999",
            "localhost:+80",
            "localhost:80:80",
            "user@localhost",
            "localhost evil.com",
            "localhost\u{0}",
        ] {
            assert!(!loopback_host(bad), "{bad:?}");
        }
    }

    #[test]
    fn control_token_comparison() {
        assert!(token_matches(Some("s3cret"), "s3cret"));
        assert!(!token_matches(Some("s3cre"), "s3cret"));
        assert!(!token_matches(Some("s3cret "), "s3cret"));
        assert!(!token_matches(None, "s3cret"));
        assert!(!token_matches(Some(""), ""));
        assert!(!token_matches(None, ""));
    }
}
