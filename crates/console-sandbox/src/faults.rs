//! Fault injection: the public [`Fault`] and [`FaultKind`], route patterns, and the faults
//! waiting for matching requests.

use std::time::Duration;

/// Make the next `times` requests matching `route` misbehave.
///
/// `route` is `"METHOD /path/pattern"`: `*` matches one path segment, a trailing `**` any rest
/// (zero or more segments); the method may be `*`; `"*"` alone matches every request except the
/// sandbox's own `/__sandbox/` control routes. Paths are matched without a trailing slash.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub route: String,
    pub times: u32,
    pub kind: FaultKind,
}

/// What a fault does to a matching request.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// Answer with this status, body, content type and optional `Retry-After` header.
    Status {
        status: u16,
        body: String,
        content_type: String,
        retry_after: Option<String>,
    },
    /// Respond normally after this delay (other requests are not held up).
    Delay(Duration),
    /// Close the connection without any response.
    Drop,
    /// 200 with a body that is not JSON.
    NotJson,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoutePattern {
    /// `None` = any method.
    method: Option<String>,
    /// `None` = any path (the lone `"*"` form).
    segments: Option<Vec<String>>,
}

impl RoutePattern {
    /// Parse `"METHOD /path"`, `"/path"` (any method) or `"*"`.
    pub(crate) fn parse(route: &str) -> Result<RoutePattern, String> {
        let route = route.trim();
        if route == "*" {
            return Ok(RoutePattern {
                method: None,
                segments: None,
            });
        }
        let (method, path) = match route.split_once(char::is_whitespace) {
            Some((m, p)) => (m.trim(), p.trim()),
            None => ("*", route),
        };
        if !path.starts_with('/') {
            return Err(format!(
                "route {route:?} must look like \"METHOD /path\" (path starting with '/') or \"*\""
            ));
        }
        if method.is_empty() || !method.chars().all(|c| c == '*' || c.is_ascii_alphabetic()) {
            return Err(format!("route {route:?} has an invalid method"));
        }
        let segments: Vec<String> = split_path(path).map(str::to_string).collect();
        if let Some(pos) = segments.iter().position(|s| s == "**") {
            if pos + 1 != segments.len() {
                return Err(format!(
                    "route {route:?}: '**' may only be the last segment"
                ));
            }
        }
        Ok(RoutePattern {
            method: (method != "*").then(|| method.to_ascii_uppercase()),
            segments: Some(segments),
        })
    }

    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        if let Some(m) = &self.method {
            if !m.eq_ignore_ascii_case(method) {
                return false;
            }
        }
        let Some(pattern) = &self.segments else {
            return true;
        };
        let mut actual = split_path(path);
        for p in pattern {
            if p == "**" {
                return true;
            }
            match actual.next() {
                Some(a) if p == "*" || p == a => {}
                _ => return false,
            }
        }
        actual.next().is_none()
    }
}

fn split_path(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

pub(crate) struct ActiveFault {
    pattern: Option<RoutePattern>,
    remaining: u32,
    kind: FaultKind,
}

impl ActiveFault {
    /// An unparsable route never matches (the HTTP control route rejects it up front).
    pub(crate) fn new(fault: Fault) -> ActiveFault {
        let pattern = match RoutePattern::parse(&fault.route) {
            Ok(p) => Some(p),
            Err(e) => {
                tracing::warn!("ignoring fault: {e}");
                None
            }
        };
        ActiveFault {
            pattern,
            remaining: fault.times,
            kind: fault.kind,
        }
    }
}

/// Take one use of the first fault matching this request, if any.
pub(crate) fn take(faults: &mut Vec<ActiveFault>, method: &str, path: &str) -> Option<FaultKind> {
    let idx = faults.iter().position(|f| {
        f.remaining > 0 && f.pattern.as_ref().is_some_and(|p| p.matches(method, path))
    })?;
    let fault = &mut faults[idx];
    fault.remaining -= 1;
    let kind = fault.kind.clone();
    if fault.remaining == 0 {
        faults.remove(idx);
    }
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(route: &str, method: &str, path: &str) -> bool {
        RoutePattern::parse(route).unwrap().matches(method, path)
    }

    #[test]
    fn patterns() {
        assert!(m("GET /clusters", "GET", "/clusters"));
        assert!(!m("GET /clusters", "POST", "/clusters"));
        assert!(!m("GET /clusters", "GET", "/clusters/abc"));
        assert!(m("GET /clusters/*", "GET", "/clusters/abc"));
        assert!(!m("GET /clusters/*", "GET", "/clusters"));
        assert!(!m("GET /clusters/*", "GET", "/clusters/abc/clients"));
        assert!(m("* /clusters/**", "DELETE", "/clusters/abc/clients/x"));
        assert!(m("* /clusters/**", "GET", "/clusters"));
        assert!(!m("* /clusters/**", "POST", "/oauth/token"));
        assert!(m("*", "POST", "/oauth/token"));
        assert!(m("post /oauth/token", "POST", "/oauth/token"));
        assert!(m("/clusters", "PATCH", "/clusters"));
        assert!(RoutePattern::parse("GET clusters").is_err());
        assert!(RoutePattern::parse("GET /a/**/b").is_err());
        assert!(RoutePattern::parse("G!T /a").is_err());
    }

    #[test]
    fn take_counts_down_and_removes() {
        let mut faults = vec![ActiveFault::new(Fault {
            route: "GET /clusters".into(),
            times: 2,
            kind: FaultKind::NotJson,
        })];
        assert!(take(&mut faults, "GET", "/clusters/x").is_none());
        assert_eq!(
            take(&mut faults, "GET", "/clusters"),
            Some(FaultKind::NotJson)
        );
        assert_eq!(
            take(&mut faults, "GET", "/clusters"),
            Some(FaultKind::NotJson)
        );
        assert!(take(&mut faults, "GET", "/clusters").is_none());
        assert!(faults.is_empty());
    }
}
