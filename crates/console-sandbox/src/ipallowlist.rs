//! A cluster's IP allowlist (`PUT /clusters/{id}/ipallowlist`, and the older `…/ipwhitelist`)
//! and Web Modeler's egress ranges (`GET /meta/ip-ranges`).

use std::net::IpAddr;

use serde_json::{json, Value};

use crate::api::enterprise_only;
use crate::clusters::cluster_not_found;
use crate::http::{Reply, Req};
use crate::model::AllowlistEntry;
use crate::state::{Inner, Shared};

/// The addresses Web Modeler deploys from, as `GET /meta/ip-ranges` lists them. Illustrative
/// (documentation ranges of RFC 5737 / RFC 3849), not Camunda's real egress addresses.
pub(crate) const WEB_MODELER_RANGES: [&str; 3] =
    ["192.0.2.0/28", "198.51.100.17/32", "2001:db8:1::/48"];

/// Whether `part` is one IPv4/IPv6 address or CIDR range (`10.0.0.0/8`, `2001:db8::/32`).
fn is_address_or_range(part: &str) -> bool {
    let (addr, prefix) = match part.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (part, None),
    };
    let Ok(addr) = addr.parse::<IpAddr>() else {
        return false;
    };
    match prefix {
        None => true,
        Some(p) => {
            let max = if addr.is_ipv4() { 32 } else { 128 };
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| n <= max)
        }
    }
}

fn parse_entries(req: &Req, field: &str) -> Result<Vec<AllowlistEntry>, Reply> {
    let obj = req.json_object()?;
    let Some(Value::Array(items)) = obj.get(field) else {
        return Err(Reply::message(400, &format!("{field} must be an array")));
    };
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(o) = item else {
            return Err(Reply::message(
                400,
                &format!("each {field} entry must be an object"),
            ));
        };
        let ip = match o.get("ip") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            _ => return Err(Reply::message(400, "ip is required")),
        };
        if let Some(bad) = ip
            .split(',')
            .map(str::trim)
            .find(|p| !is_address_or_range(p))
        {
            return Err(Reply::message(
                400,
                &format!("Invalid IP address or CIDR range: {bad}"),
            ));
        }
        let description = match o.get("description") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(Reply::message(400, "description must be a string")),
        };
        entries.push(AllowlistEntry { description, ip });
    }
    Ok(entries)
}

/// Replaces the whole list (`[]` clears it): 204.
pub(crate) fn set(shared: &Shared, inner: &mut Inner, id: &str, req: &Req, legacy: bool) -> Reply {
    if inner.find_cluster(id).is_none() {
        return cluster_not_found();
    }
    if let Some(reply) = enterprise_only(shared, "The IP allowlist") {
        return reply;
    }
    let field = if legacy { "ipwhitelist" } else { "ipallowlist" };
    match parse_entries(req, field) {
        Ok(entries) => {
            if let Some(c) = inner.find_cluster_mut(id) {
                c.ip_allowlist = entries;
            }
            Reply::empty(204)
        }
        Err(reply) => reply,
    }
}

pub(crate) fn ip_ranges() -> Reply {
    Reply::json(200, &json!({"web-modeler": WEB_MODELER_RANGES}))
}

#[cfg(test)]
mod tests {
    use super::is_address_or_range;

    #[test]
    fn addresses_and_ranges_of_both_families() {
        for ok in [
            "10.0.0.1",
            "10.0.0.0/8",
            "0.0.0.0/0",
            "2001:db8::/32",
            "::1",
            "::/0",
        ] {
            assert!(is_address_or_range(ok), "{ok}");
        }
        for bad in [
            "",
            "10.0.0",
            "10.0.0.0/33",
            "10.0.0.0/",
            "2001:db8::/129",
            "a.b.c.d",
            "10.0.0.0/+8",
            "1.2.3.4/8/8",
        ] {
            assert!(!is_address_or_range(bad), "{bad}");
        }
    }
}
