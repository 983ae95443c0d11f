//! The organization's members (`GET /members`, `POST/DELETE /members/{email}`) and its
//! activity log (`GET /activity/json`, `GET /activity/csv`). Invitations take a seat (the plan
//! has [`SEATS`]); every change made through the sandbox's API is written to the activity log.

use serde_json::{json, Value};

use crate::http::{Reply, Req};
use crate::model::OWNER_ID;
use crate::state::Inner;

/// Seats of the sandbox organization's plan (members and pending invitations).
pub const SEATS: usize = 10;

/// The roles a member can be given (`AssignableOrganizationRoleType`).
const ASSIGNABLE: [&str; 7] = [
    "admin",
    "operationsengineer",
    "taskuser",
    "analyst",
    "developer",
    "visitor",
    "modeler",
];

#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) roles: Vec<String>,
    pub(crate) invite_pending: bool,
}

impl Member {
    fn json(&self) -> Value {
        json!({
            "email": self.email,
            "name": self.name,
            "roles": self.roles,
            "invitePending": self.invite_pending,
        })
    }
}

/// The demo organization's people: its owner, an admin, an invitation not yet accepted.
pub(crate) fn seed() -> Vec<Member> {
    let member = |email: &str, name: &str, roles: &[&str], pending| Member {
        email: email.into(),
        name: name.into(),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        invite_pending: pending,
    };
    vec![
        member("owner@sandbox.example", "Sandbox Admin", &["owner"], false),
        member("ada@sandbox.example", "Ada Lovelace", &["admin"], false),
        member("ops@sandbox.example", "", &["operationsengineer"], true),
    ]
}

/// One entry of the activity log (`AuditDto`).
#[derive(Debug, Clone)]
pub(crate) struct Audit {
    pub(crate) audit: String,
    /// `c`, `u` or `d`.
    pub(crate) kind: &'static str,
    pub(crate) entity: &'static str,
    pub(crate) entity_id: String,
    pub(crate) parent: Option<(&'static str, String)>,
    pub(crate) user_id: String,
    pub(crate) timestamp_ms: u64,
}

impl Audit {
    fn json(&self) -> Value {
        let mut v = json!({
            "service": "console",
            "orgId": "sandbox",
            "audit": self.audit,
            "auditType": self.kind,
            "entity": self.entity,
            "entityId": self.entity_id,
            "userId": self.user_id,
            "timestamp": self.timestamp_ms,
        });
        if let Some((entity, id)) = &self.parent {
            v["parentEntity"] = (*entity).into();
            v["parentEntityId"] = id.as_str().into();
        }
        v
    }
}

pub(crate) fn list(inner: &Inner) -> Reply {
    Reply::json(
        200,
        &Value::Array(inner.members.iter().map(Member::json).collect()),
    )
}

fn valid_email(email: &str) -> bool {
    matches!(email.split_once('@'), Some((l, d)) if !l.is_empty() && d.contains('.') && !d.contains('@'))
        && !email.chars().any(char::is_whitespace)
}

/// `POST /members/{email}` `{orgRoles}`: invite (a seat) or change a member's roles.
pub(crate) fn set_roles(inner: &mut Inner, email: &str, req: &Req) -> Reply {
    if !valid_email(email) {
        return Reply::message(400, &format!("Invalid email address '{email}'"));
    }
    let roles = match req.json_object().map(|o| o.get("orgRoles").cloned()) {
        Ok(Some(Value::Array(items))) => items,
        Ok(_) => return Reply::message(400, "orgRoles must be an array of roles"),
        Err(reply) => return reply,
    };
    let mut names = Vec::new();
    for r in &roles {
        match r.as_str() {
            Some(r) if ASSIGNABLE.contains(&r) => names.push(r.to_string()),
            _ => return Reply::message(400, &format!("Invalid roles: {r}")),
        }
    }
    if names.is_empty() {
        return Reply::message(400, "Invalid roles: at least one role is required");
    }
    let seats_taken = inner.members.len();
    match inner
        .members
        .iter_mut()
        .find(|m| m.email.eq_ignore_ascii_case(email))
    {
        Some(m) if m.roles.iter().any(|r| r == "owner") => Reply::message(
            400,
            "The roles of the organization's owner cannot be changed",
        ),
        Some(m) => {
            m.roles = names;
            Reply::empty(204)
        }
        None if seats_taken >= SEATS => Reply::message(
            403,
            "No open seats left: the organization's plan has no seat for another member",
        ),
        None => {
            inner.members.push(Member {
                email: email.to_string(),
                name: String::new(),
                roles: names,
                invite_pending: true,
            });
            Reply::empty(204)
        }
    }
}

pub(crate) fn remove(inner: &mut Inner, email: &str) -> Reply {
    match inner
        .members
        .iter()
        .position(|m| m.email.eq_ignore_ascii_case(email))
    {
        None => Reply::message(404, "specified user is not part of the organization"),
        Some(i) if inner.members[i].roles.iter().any(|r| r == "owner") => {
            Reply::message(400, "The organization's owner cannot be removed")
        }
        Some(i) => {
            inner.members.remove(i);
            Reply::empty(204)
        }
    }
}

/// Newest first.
pub(crate) fn activity_json(inner: &Inner) -> Reply {
    Reply::json(
        200,
        &Value::Array(inner.activity.iter().rev().map(Audit::json).collect()),
    )
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

pub(crate) fn activity_csv(inner: &Inner) -> Reply {
    let mut out = String::from(
        "timestamp,service,auditType,entity,entityId,parentEntity,parentEntityId,userId,audit\n",
    );
    for a in inner.activity.iter().rev() {
        let (pe, pid) = a.parent.clone().unwrap_or(("", String::new()));
        let row = [
            crate::model::rfc3339_ms(a.timestamp_ms),
            "console".to_string(),
            a.kind.to_string(),
            a.entity.to_string(),
            a.entity_id.clone(),
            pe.to_string(),
            pid,
            a.user_id.clone(),
            a.audit.clone(),
        ];
        out.push_str(&row.iter().map(|f| csv(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    Reply::raw(200, "text/csv; charset=utf-8", out)
}

/// The API client a token was issued to, as the activity log's `userId` (the owner for the
/// sandbox's default client).
pub(crate) fn actor(client_id: &str) -> String {
    if client_id.is_empty() {
        OWNER_ID.to_string()
    } else {
        format!("api-client:{client_id}")
    }
}
