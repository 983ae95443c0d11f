//! The cluster client operations: list, create, get (the credentials file) and delete.

use serde_json::{json, Value};

use crate::clusters::cluster_not_found;
use crate::http::{req_str, Reply, Req};
use crate::model::{random_string, rfc3339_ms, CLIENT_PERMISSIONS};
use crate::record::Kind;
use crate::seed::new_client;
use crate::state::{Inner, Shared};

pub(crate) fn list(inner: &Inner, id: &str) -> Reply {
    match inner.find_cluster(id) {
        Some(c) => Reply::json(
            200,
            &Value::Array(c.clients.iter().map(|cl| cl.to_json()).collect()),
        ),
        None => cluster_not_found(),
    }
}

/// The client's connection details; 412 while the cluster is not Healthy.
pub(crate) fn get(shared: &Shared, inner: &Inner, id: &str, client_id: &str, now_ms: u64) -> Reply {
    let Some(c) = inner.find_cluster(id) else {
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

pub(crate) fn delete(inner: &mut Inner, id: &str, client_id: &str) -> Reply {
    let Some(c) = inner.find_cluster_mut(id) else {
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

pub(crate) fn create(
    shared: &Shared,
    inner: &mut Inner,
    id: &str,
    req: &Req,
    now_ms: u64,
) -> Reply {
    let token_url = shared.token_url();
    let Some(cluster) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    let parsed = (|| -> Result<(String, Vec<&'static str>), Reply> {
        let obj = req.json_object()?;
        let name = req_str(&obj, "clientName")?.trim().to_string();
        if name.is_empty() {
            return Err(Reply::text(400, "clientName must not be empty"));
        }
        if name.chars().count() > 50 {
            return Err(Reply::text(
                400,
                "clientName is too long (maximum 50 characters)",
            ));
        }
        let perms = match obj.get("permissions") {
            None | Some(Value::Null) => CLIENT_PERMISSIONS.to_vec(),
            Some(Value::Array(items)) if items.is_empty() => CLIENT_PERMISSIONS.to_vec(),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for item in items {
                    let s = item.as_str().unwrap_or_default();
                    let Some(p) = CLIENT_PERMISSIONS.iter().find(|p| **p == s) else {
                        return Err(Reply::text(
                            400,
                            &format!(
                                "Invalid permission {item} (one of Zeebe, Operate, Tasklist, Optimize, Secrets)"
                            ),
                        ));
                    };
                    if !out.contains(p) {
                        out.push(*p);
                    }
                }
                out
            }
            Some(_) => return Err(Reply::text(400, "permissions must be an array")),
        };
        Ok((name, perms))
    })();
    let (name, perms) = match parsed {
        Ok(x) => x,
        Err(reply) => return reply,
    };
    if cluster.clients.iter().any(|c| c.name == name) {
        return Reply::text(400, "Client names must be unique");
    }
    let client = new_client(&name, perms, now_ms);
    let secret = random_string(64);
    shared.recorder.record(Kind::ClientSecret, &secret);
    let mut links = cluster.links_json();
    if let Some(obj) = links.as_object_mut() {
        obj.insert("oauth".into(), token_url.into());
    }
    let body = json!({
        "uuid": client.uuid,
        "name": client.name,
        "clientId": client.client_id,
        "clientSecret": secret,
        "permissions": client.permissions,
        "audience": "zeebe.camunda.io",
        "links": links,
        // Beyond the spec.
        "clusterId": cluster.uuid,
        "createdAt": rfc3339_ms(now_ms),
    });
    cluster.clients.push(client);
    Reply::json(200, &body)
}
