//! HTTP plumbing shared by every route: the request as read from the connection, the reply a
//! handler builds, and helpers for paths, headers and JSON or form bodies.
//!
//! This module knows nothing else of the sandbox; everything else builds on it.

use std::collections::HashMap;
use std::net::SocketAddr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use serde_json::{Map, Value};

/// Request bodies larger than this are refused with 413.
const MAX_BODY: usize = 1024 * 1024;

/// A request, read completely.
pub(crate) struct Req {
    pub(crate) method: Method,
    /// The path as sent (percent-encoded).
    pub(crate) path: String,
    pub(crate) query: Option<String>,
    /// The authority of an absolute-form request target (`GET http://host/path`), if any.
    pub(crate) authority: Option<String>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) peer: SocketAddr,
}

impl Req {
    /// Read the whole request from `peer`; a body too large or unreadable gets 413.
    pub(crate) async fn read(req: Request<Incoming>, peer: SocketAddr) -> Result<Req, Reply> {
        let (parts, body) = req.into_parts();
        let body = match Limited::new(body, MAX_BODY).collect().await {
            Ok(b) => b.to_bytes(),
            Err(_) => return Err(Reply::message(413, "request body too large or unreadable")),
        };
        Ok(Req {
            method: parts.method,
            path: parts.uri.path().to_string(),
            query: parts.uri.query().map(str::to_string),
            authority: parts.uri.authority().map(|a| a.as_str().to_string()),
            headers: parts.headers,
            body,
            peer,
        })
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The media type of the body, lower-cased, without parameters (`""` when absent).
    pub(crate) fn content_type(&self) -> String {
        self.header("content-type")
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .unwrap_or_default()
    }

    /// The body as a JSON object; else 400 with a `text/plain` message.
    pub(crate) fn json_object(&self) -> Result<Map<String, Value>, Reply> {
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(o)) => Ok(o),
            Ok(_) => Err(Reply::text(400, "request body must be a JSON object")),
            Err(e) => Err(Reply::text(
                400,
                &format!("request body is not valid JSON: {e}"),
            )),
        }
    }

    /// The body's top-level fields as strings, from a JSON object or a form
    /// (`application/x-www-form-urlencoded`). The content type picks the format; without a known
    /// one, JSON is tried first. JSON nulls are left out, other non-strings kept as JSON text.
    pub(crate) fn string_fields(&self) -> Option<HashMap<String, String>> {
        let ct = self.content_type();
        if ct == "application/json" {
            json_fields(&self.body)
        } else if ct == "application/x-www-form-urlencoded" {
            form_fields(&self.body)
        } else {
            json_fields(&self.body).or_else(|| form_fields(&self.body))
        }
    }

    /// HTTP Basic credentials (`Authorization: Basic base64(id:secret)`), each percent-decoded.
    pub(crate) fn basic_credentials(&self) -> Option<(String, String)> {
        let auth = self.header("authorization")?;
        let basic = auth
            .strip_prefix("Basic ")
            .or_else(|| auth.strip_prefix("basic "))?;
        let decoded = String::from_utf8(STANDARD.decode(basic.trim()).ok()?).ok()?;
        let (id, secret) = decoded.split_once(':')?;
        Some((percent_decode(id), percent_decode(secret)))
    }
}

fn json_fields(body: &[u8]) -> Option<HashMap<String, String>> {
    match serde_json::from_slice::<Value>(body).ok()? {
        Value::Object(o) => Some(
            o.into_iter()
                .filter_map(|(k, v)| match v {
                    Value::String(s) => Some((k, s)),
                    Value::Null => None,
                    other => Some((k, other.to_string())),
                })
                .collect(),
        ),
        _ => None,
    }
}

fn form_fields(body: &[u8]) -> Option<HashMap<String, String>> {
    serde_urlencoded::from_bytes::<HashMap<String, String>>(body).ok()
}

/// Percent-decode `s`; invalid UTF-8 becomes U+FFFD.
pub(crate) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The path without a trailing slash (`/clusters/` -> `/clusters`), `/` stays `/`.
pub(crate) fn normalize(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        "/"
    } else {
        trimmed
    }
}

/// A string field of a JSON object: Ok(None) when absent or null, 400 when not a string.
pub(crate) fn opt_str(obj: &Map<String, Value>, field: &str) -> Result<Option<String>, Reply> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Reply::text(400, &format!("{field} must be a string"))),
    }
}

/// A required string field of a JSON object: 400 when absent, null or not a string.
pub(crate) fn req_str(obj: &Map<String, Value>, field: &str) -> Result<String, Reply> {
    opt_str(obj, field)?.ok_or_else(|| Reply::text(400, &format!("{field} is required")))
}

/// A response: status, headers (the content type included) and body.
pub(crate) struct Reply {
    status: u16,
    headers: Vec<(HeaderName, String)>,
    body: Bytes,
}

impl Reply {
    pub(crate) fn json(status: u16, value: &Value) -> Reply {
        Reply::raw(status, "application/json; charset=utf-8", value.to_string())
    }

    pub(crate) fn text(status: u16, text: &str) -> Reply {
        Reply::raw(status, "text/plain; charset=utf-8", text.to_string())
    }

    pub(crate) fn raw(status: u16, content_type: &str, body: String) -> Reply {
        Reply {
            status,
            headers: vec![(CONTENT_TYPE, content_type.to_string())],
            body: Bytes::from(body),
        }
    }

    pub(crate) fn empty(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Bytes::new(),
        }
    }

    /// `{"status": N, "message": "..."}` — the shape the live API tends to use.
    pub(crate) fn message(status: u16, message: &str) -> Reply {
        Reply::json(
            status,
            &serde_json::json!({ "status": status, "message": message }),
        )
    }

    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    /// The body as JSON, when it is.
    pub(crate) fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    pub(crate) fn with_header(mut self, name: HeaderName, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    /// The hyper response. An invalid status becomes 500; an invalid header value is left out.
    pub(crate) fn into_response(self) -> Response<Full<Bytes>> {
        let mut resp = Response::new(Full::new(self.body));
        *resp.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                resp.headers_mut().append(name, v);
            }
        }
        resp
    }
}
