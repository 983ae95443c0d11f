//! A cluster's connector secrets: `GET/POST /clusters/{id}/secrets`,
//! `PUT/DELETE /clusters/{id}/secrets/{name}`. Values are listed in clear text (as the real API
//! does); every value set is recorded for the end-to-end secret scan.
//!
//! Eventual consistency, as the Console shows it: a deleted secret is still listed (with its
//! value) for [`DELETE_LAG_MS`] on the sandbox clock.

use serde_json::{Map, Value};

use crate::clusters::cluster_not_found;
use crate::http::{Reply, Req};
use crate::record::Kind;
use crate::state::{Inner, Shared};

/// How many connector secrets a cluster holds at most (then 403).
pub const MAX_SECRETS: usize = 50;
/// How long a deleted secret is still listed, on the sandbox clock.
pub const DELETE_LAG_MS: u64 = 5_000;
/// A secret's name must be shorter than this many characters.
const NAME_LIMIT: usize = 50;

fn string_field(obj: &Map<String, Value>, field: &str) -> Result<String, Reply> {
    match obj.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            Err(Reply::message(400, &format!("{field} is required")))
        }
        Some(_) => Err(Reply::message(400, &format!("{field} must be a string"))),
    }
}

pub(crate) fn list(inner: &mut Inner, id: &str, now_ms: u64) -> Reply {
    let Some(cluster) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    cluster
        .deleted_secrets
        .retain(|(_, _, until)| *until > now_ms);
    let mut out = Map::new();
    for (name, value, _) in &cluster.deleted_secrets {
        out.insert(name.clone(), Value::String(value.clone()));
    }
    for (name, value) in &cluster.secrets {
        out.insert(name.clone(), Value::String(value.clone()));
    }
    Reply::json(200, &Value::Object(out))
}

pub(crate) fn create(shared: &Shared, inner: &mut Inner, id: &str, req: &Req) -> Reply {
    let Some(cluster) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    let parsed = req.json_object().and_then(|obj| {
        let name = string_field(&obj, "secretName")?;
        let value = string_field(&obj, "secretValue")?;
        Ok((name, value))
    });
    let (name, value) = match parsed {
        Ok(x) => x,
        Err(reply) => return reply,
    };
    if name.chars().count() >= NAME_LIMIT {
        return Reply::message(400, "secretName must be less than 50 characters");
    }
    if cluster.secrets.contains_key(&name) {
        return Reply::message(409, "Secret names must be unique");
    }
    if cluster.secrets.len() >= MAX_SECRETS {
        return Reply::message(403, "Maximum number of secrets reached");
    }
    shared.recorder.record(Kind::ConnectorSecret, &value);
    cluster.deleted_secrets.retain(|(n, _, _)| *n != name);
    cluster.secrets.insert(name, value);
    Reply::empty(204)
}

pub(crate) fn update(shared: &Shared, inner: &mut Inner, id: &str, name: &str, req: &Req) -> Reply {
    let Some(cluster) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    let value = match req
        .json_object()
        .and_then(|obj| string_field(&obj, "secretValue"))
    {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let Some(slot) = cluster.secrets.get_mut(name) else {
        return Reply::message(404, "Secret not found");
    };
    shared.recorder.record(Kind::ConnectorSecret, &value);
    *slot = value;
    Reply::empty(204)
}

pub(crate) fn delete(inner: &mut Inner, id: &str, name: &str, now_ms: u64) -> Reply {
    let Some(cluster) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    let Some(value) = cluster.secrets.remove(name) else {
        return Reply::message(404, "Secret not found");
    };
    cluster
        .deleted_secrets
        .push((name.to_string(), value, now_ms + DELETE_LAG_MS));
    Reply::empty(204)
}
