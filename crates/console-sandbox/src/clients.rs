//! Creating cluster clients.

use serde_json::{json, Value};

use crate::api::cluster_not_found;
use crate::http::{req_str, Reply, Req};
use crate::model::{random_string, CLIENT_PERMISSIONS};
use crate::seed::new_client;
use crate::state::{Inner, Shared};

pub(crate) fn create_client(
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
    shared
        .recorder
        .record(crate::record::Kind::ClientSecret, &secret);
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
        "createdAt": crate::model::rfc3339_ms(now_ms),
    });
    cluster.clients.push(client);
    Reply::json(200, &body)
}
