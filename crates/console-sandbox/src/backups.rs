//! A cluster's backups and restores (Enterprise): `GET/POST /clusters/{id}/backups`,
//! `DELETE …/backups/{backupId}`, `GET/POST …/backups/{backupId}/restore`.
//!
//! A manual backup takes `ready_after` on the sandbox clock (In progress, then Complete; the
//! components finish one by one); one may be created every [`BACKUP_INTERVAL_MS`] (then 400). A
//! restore runs PENDING -> VALIDATING -> IN_PROGRESS -> COMPLETED over `ready_after`, while the
//! cluster is Resuming (it is suspended for the restore and comes back).

use serde_json::{json, Value};

use crate::api::enterprise_only;
use crate::clusters::cluster_not_found;
use crate::http::Reply;
use crate::model::{millis, rfc3339_ms, Health, Phase};
use crate::state::{Inner, Shared};

/// The Console allows one manual backup per this long.
pub const BACKUP_INTERVAL_MS: u64 = 15 * 60 * 1000;

pub(crate) struct Backup {
    pub(crate) uuid: String,
    pub(crate) name: String,
    pub(crate) created_ms: u64,
    pub(crate) done_ms: u64,
    pub(crate) generation_uuid: &'static str,
    pub(crate) generation_name: &'static str,
}

pub(crate) struct Restore {
    pub(crate) uuid: String,
    pub(crate) backup_id: String,
    pub(crate) start_ms: u64,
    pub(crate) end_ms: u64,
}

const COMPONENTS: [&str; 4] = [
    "zeebeStatus",
    "operateStatus",
    "tasklistStatus",
    "optimizeStatus",
];

impl Backup {
    fn json(&self, now_ms: u64) -> Value {
        let complete = now_ms >= self.done_ms;
        let mut o = json!({
            "uuid": self.uuid,
            "name": self.name,
            "created": rfc3339_ms(self.created_ms),
            "completed": if complete { Value::String(rfc3339_ms(self.done_ms)) } else { Value::Null },
            "status": if complete { "Complete" } else { "In progress" },
            "generationUuid": self.generation_uuid,
            "generationName": self.generation_name,
        });
        let span = self.done_ms.saturating_sub(self.created_ms);
        for (k, field) in COMPONENTS.iter().enumerate() {
            let at = self.created_ms + span * (k as u64 + 1) / 5;
            o[*field] = Value::from(if complete || now_ms >= at {
                "Complete"
            } else {
                "In progress"
            });
        }
        o
    }
}

impl Restore {
    fn state(&self, now_ms: u64) -> &'static str {
        let span = self.end_ms.saturating_sub(self.start_ms).max(1);
        let done = now_ms.saturating_sub(self.start_ms) * 10 / span;
        match done {
            0 => "PENDING",
            1 | 2 => "VALIDATING",
            3..=9 => "IN_PROGRESS",
            _ => "COMPLETED",
        }
    }

    fn json(&self, now_ms: u64) -> Value {
        let state = self.state(now_ms);
        json!({
            "uuid": self.uuid,
            "backupId": self.backup_id,
            "state": state,
            "startTimestamp": rfc3339_ms(self.start_ms),
            "completionTimestamp": if state == "COMPLETED" { Value::String(rfc3339_ms(self.end_ms)) } else { Value::Null },
        })
    }
}

fn guard<'a>(
    shared: &Shared,
    inner: &'a mut Inner,
    id: &str,
) -> Result<&'a mut crate::model::Cluster, Reply> {
    let Some(cluster) = inner.find_cluster_mut(id) else {
        return Err(cluster_not_found());
    };
    if let Some(reply) = enterprise_only(shared, "The backups feature") {
        return Err(reply);
    }
    Ok(cluster)
}

pub(crate) fn list(shared: &Shared, inner: &mut Inner, id: &str, now_ms: u64) -> Reply {
    match guard(shared, inner, id) {
        Ok(c) => Reply::json(
            200,
            &Value::Array(c.backups.iter().map(|b| b.json(now_ms)).collect()),
        ),
        Err(reply) => reply,
    }
}

pub(crate) fn create(shared: &Shared, inner: &mut Inner, id: &str, now_ms: u64) -> Reply {
    let ready_ms = millis(shared.ready_after);
    let c = match guard(shared, inner, id) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    if c.status(now_ms).0 != Health::Healthy {
        return Reply::message(412, "Cluster is not ready for a backup");
    }
    if let Some(last) = c.backups.iter().map(|b| b.created_ms).max() {
        if now_ms < last.saturating_add(BACKUP_INTERVAL_MS) {
            return Reply::message(400, "Only one backup per 15 minutes is allowed");
        }
    }
    let backup = Backup {
        uuid: uuid::Uuid::new_v4().to_string(),
        name: format!("{}-manual-{}", c.name, c.backups.len() + 1),
        created_ms: now_ms,
        done_ms: now_ms.saturating_add(ready_ms),
        generation_uuid: c.generation.uuid,
        generation_name: c.generation.name,
    };
    let body = backup.json(now_ms);
    c.backups.push(backup);
    Reply::json(200, &body)
}

pub(crate) fn delete(
    shared: &Shared,
    inner: &mut Inner,
    id: &str,
    backup_id: &str,
    now_ms: u64,
) -> Reply {
    let c = match guard(shared, inner, id) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    let Some(i) = c.backups.iter().position(|b| b.uuid == backup_id) else {
        return Reply::message(404, "Backup not found");
    };
    let b = c.backups.remove(i);
    Reply::json(200, &b.json(now_ms))
}

pub(crate) fn get_restore(
    shared: &Shared,
    inner: &mut Inner,
    id: &str,
    backup_id: &str,
    now_ms: u64,
) -> Reply {
    let c = match guard(shared, inner, id) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    match c.restores.iter().rev().find(|r| r.backup_id == backup_id) {
        Some(r) => Reply::json(200, &r.json(now_ms)),
        None => Reply::message(404, "No restore found for this backup"),
    }
}

pub(crate) fn restore(
    shared: &Shared,
    inner: &mut Inner,
    id: &str,
    backup_id: &str,
    now_ms: u64,
) -> Reply {
    let ready_ms = millis(shared.ready_after);
    let c = match guard(shared, inner, id) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    let Some(backup) = c.backups.iter().find(|b| b.uuid == backup_id) else {
        return Reply::message(404, "Backup not found");
    };
    if now_ms < backup.done_ms {
        return Reply::message(409, "Backup cannot be restored: it is not complete");
    }
    if c.restores.iter().any(|r| r.state(now_ms) != "COMPLETED") {
        return Reply::message(409, "Backup cannot be restored: a restore is in flight");
    }
    let restore = Restore {
        uuid: uuid::Uuid::new_v4().to_string(),
        backup_id: backup_id.to_string(),
        start_ms: now_ms,
        end_ms: now_ms.saturating_add(ready_ms),
    };
    c.phase = Phase::Transition {
        kind: Health::Resuming,
        start_ms: now_ms,
        end_ms: now_ms.saturating_add(ready_ms),
    };
    let body = restore.json(now_ms);
    c.restores.push(restore);
    Reply::json(200, &body)
}
