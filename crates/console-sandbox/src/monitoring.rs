//! External monitoring of a cluster: `POST/DELETE /clusters/{id}/monitoring` (activate,
//! deactivate), `GET/POST …/monitoring/clients`, `DELETE …/clients/{uuid}` and
//! `POST …/clients/{uuid}/rotate`. A client's password is answered once, when it is created or
//! rotated (recorded for the end-to-end secret scan).

use serde_json::{json, Value};

use crate::clusters::cluster_not_found;
use crate::http::{Reply, Req};
use crate::model::{random_string, rfc3339_ms, OWNER_ID};
use crate::record::Kind;
use crate::state::{Inner, Shared};

pub(crate) struct MonitoringClient {
    pub(crate) uuid: String,
    pub(crate) username: String,
    pub(crate) created_ms: u64,
}

impl MonitoringClient {
    fn json(&self) -> Value {
        json!({
            "uuid": self.uuid,
            "name": self.username,
            "username": self.username,
            "created": rfc3339_ms(self.created_ms),
            "lastUsed": Value::Null,
            "createdBy": OWNER_ID,
            "createdByName": "Sandbox Admin",
        })
    }
}

fn with_password(shared: &Shared, client: &MonitoringClient) -> Reply {
    let password = random_string(40);
    shared.recorder.record(Kind::MonitoringPassword, &password);
    let mut body = client.json();
    body["password"] = Value::String(password);
    Reply::json(200, &body)
}

pub(crate) fn activate(inner: &mut Inner, id: &str) -> Reply {
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    if c.monitoring.is_some() {
        return Reply::message(409, "External Monitoring already activated");
    }
    c.monitoring = Some(Vec::new());
    Reply::empty(204)
}

pub(crate) fn deactivate(inner: &mut Inner, id: &str) -> Reply {
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    if c.monitoring.take().is_none() {
        return Reply::message(409, "External Monitoring not activated");
    }
    Reply::empty(204)
}

pub(crate) fn list(inner: &Inner, id: &str) -> Reply {
    let Some(c) = inner.find_cluster(id) else {
        return cluster_not_found();
    };
    let body = match &c.monitoring {
        None => json!({ "clients": [], "status": {} }),
        Some(clients) => json!({
            "clients": clients.iter().map(MonitoringClient::json).collect::<Vec<_>>(),
            "status": {
                "metricsEndpoint": {
                    "scheme": "https",
                    "target": format!("{}.metrics.camunda.io", c.region.slug),
                    "path": format!("/{}/metrics", c.uuid),
                },
                "conditions": [],
            },
        }),
    };
    Reply::json(200, &body)
}

pub(crate) fn create(
    shared: &Shared,
    inner: &mut Inner,
    id: &str,
    req: &Req,
    now_ms: u64,
) -> Reply {
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    let username = match req.json_object().map(|o| o.get("username").cloned()) {
        Ok(Some(Value::String(u))) if !u.trim().is_empty() => u.trim().to_string(),
        Ok(_) => return Reply::message(400, "username is required"),
        Err(reply) => return reply,
    };
    let Some(clients) = c.monitoring.as_mut() else {
        return Reply::message(409, "External Monitoring not activated");
    };
    if clients.iter().any(|m| m.username == username) {
        return Reply::message(409, "A monitoring client with this username already exists");
    }
    let client = MonitoringClient {
        uuid: uuid::Uuid::new_v4().to_string(),
        username,
        created_ms: now_ms,
    };
    let reply = with_password(shared, &client);
    clients.push(client);
    reply
}

pub(crate) fn delete(inner: &mut Inner, id: &str, client: &str) -> Reply {
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    let Some(clients) = c.monitoring.as_mut() else {
        return Reply::message(404, "Client not found");
    };
    let before = clients.len();
    clients.retain(|m| m.uuid != client);
    if clients.len() == before {
        return Reply::message(404, "Client not found");
    }
    Reply::empty(204)
}

pub(crate) fn rotate(shared: &Shared, inner: &mut Inner, id: &str, client: &str) -> Reply {
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    match c
        .monitoring
        .as_ref()
        .and_then(|clients| clients.iter().find(|m| m.uuid == client))
    {
        Some(m) => with_password(shared, m),
        None => Reply::message(404, "Client not found"),
    }
}
