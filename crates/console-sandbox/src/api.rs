//! The Console API routes: bearer-token authentication and per-operation permissions, then the
//! operation itself (in `clusters` and `clients`).

use serde_json::{json, Value};

use crate::config::{ApiPermission, AUDIENCE};
use crate::http::{Reply, Req};
use crate::routes::Op;
use crate::state::{Inner, Shared};
use crate::{backups, clients, clusters, ipallowlist, jwt, members, monitoring, secrets, settings};

/// The permission an operation needs (the first one is named in the 403).
fn required(op: &Op) -> &'static [ApiPermission] {
    use ApiPermission::*;
    match op {
        Op::ListClusters | Op::GetCluster(_) => &[GetClusters],
        // Creation options: useful to whoever may read or create clusters.
        Op::Parameters => &[GetClusters, CreateClusters],
        Op::CreateCluster | Op::UpdateCluster(_) | Op::WakeCluster(_) | Op::UpgradeCluster(_) => {
            &[CreateClusters]
        }
        Op::DeleteCluster(_) => &[DeleteClusters],
        Op::ListClients(_) | Op::GetClient(..) => &[GetClients],
        Op::CreateClient(_) => &[CreateClients],
        Op::DeleteClient(..) => &[DeleteClients],
        Op::SetIpAllowlist { .. } => &[IpAllowlist],
        // Public facts about Camunda's egress addresses: any valid token.
        Op::IpRanges => &ApiPermission::ALL,
        // The organization's people and its log.
        Op::ListMembers
        | Op::SetMember(_)
        | Op::RemoveMember(_)
        | Op::ActivityJson
        | Op::ActivityCsv => &[Members],
        // Like monitoring: reading to "Get clusters", changing to "Create clusters".
        Op::GetSecureConnectivity(_) => &[GetClusters],
        Op::SetEncryption(_)
        | Op::ActivateSecureConnectivity(_)
        | Op::DeactivateSecureConnectivity(_) => &[CreateClusters],
        // Monitoring belongs to the Cluster group: reading to "Get", changing to "Create".
        Op::ListMonitoringClients(_) => &[GetClusters],
        Op::ActivateMonitoring(_)
        | Op::DeactivateMonitoring(_)
        | Op::CreateMonitoringClient(_)
        | Op::DeleteMonitoringClient(..)
        | Op::RotateMonitoringClient(..) => &[CreateClusters],
        Op::ListBackups(_)
        | Op::CreateBackup(_)
        | Op::DeleteBackup(..)
        | Op::GetRestore(..)
        | Op::Restore(..) => &[Backups],
        Op::ListSecrets(_) | Op::CreateSecret(_) | Op::UpdateSecret(..) | Op::DeleteSecret(..) => {
            &[ConnectorSecrets]
        }
    }
}

/// What an Enterprise-only operation answers in an organization that is not on the Enterprise
/// plan (the real API's words are not documented; a 403 with a plain message is what it is
/// seen to do). `None` when the organization is Enterprise.
pub(crate) fn enterprise_only(shared: &Shared, feature: &str) -> Option<Reply> {
    (!shared.enterprise).then(|| {
        Reply::message(
            403,
            &format!("{feature} is only available to organizations on the Enterprise plan"),
        )
    })
}

fn unauthorized(description: &str) -> Reply {
    Reply::json(
        401,
        &json!({"status": 401, "message": "Unauthorized", "error": description}),
    )
    .with_header(
        hyper::header::WWW_AUTHENTICATE,
        format!("Bearer error=\"invalid_token\", error_description=\"{description}\""),
    )
}

/// Verify the bearer token; on success, the caller's permissions and client id.
fn authenticate(
    shared: &Shared,
    inner: &Inner,
    req: &Req,
) -> Result<(Vec<ApiPermission>, String), Reply> {
    let Some(auth) = req.header("authorization") else {
        return Err(unauthorized("missing bearer token"));
    };
    let token = match auth.split_once(' ') {
        Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") && !t.trim().is_empty() => {
            t.trim()
        }
        _ => return Err(unauthorized("Authorization must be 'Bearer <token>'")),
    };
    let claims = jwt::verify(&shared.key, token).map_err(|e| match e {
        jwt::Invalid::Malformed => unauthorized("malformed token"),
        jwt::Invalid::Signature => unauthorized("invalid signature"),
    })?;
    let now_s = inner.now_ms() / 1000;
    let exp = claims.get("exp").and_then(Value::as_u64).unwrap_or(0);
    if exp <= now_s {
        return Err(unauthorized("token expired"));
    }
    let aud_ok = match claims.get("aud") {
        Some(Value::String(a)) => a == AUDIENCE,
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(AUDIENCE)),
        _ => false,
    };
    if !aud_ok {
        return Err(unauthorized("wrong audience"));
    }
    if claims.get("sbx_epoch").and_then(Value::as_u64) != Some(inner.epoch) {
        return Err(unauthorized("token revoked"));
    }
    let client_id = claims.get("azp").and_then(Value::as_str).unwrap_or("");
    inner
        .api_clients
        .iter()
        .find(|c| c.client_id == client_id)
        .map(|c| (c.permissions.clone(), c.client_id.clone()))
        .ok_or_else(|| unauthorized("unknown client"))
}

pub(crate) fn handle(shared: &Shared, req: &Req, op: Op) -> Reply {
    let mut inner = shared.inner.lock();
    let (perms, caller) = match authenticate(shared, &inner, req) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let needed = required(&op);
    if !needed.iter().any(|p| perms.contains(p)) {
        let label = needed[0].label();
        return Reply::message(
            403,
            &format!("Forbidden: this API client lacks the permission \"{label}\""),
        )
        .with_header(
            hyper::header::HeaderName::from_static("x-sandbox-missing-permission"),
            label.to_string(),
        );
    }
    let now_ms = inner.now_ms();
    let inner = &mut *inner;
    let logged = audit_of(&op);
    let reply = dispatch(shared, inner, req, op, now_ms);
    if let (Some((kind, entity, audit, id, parent)), true) =
        (logged, (200..300).contains(&reply.status()))
    {
        // A created cluster's or client's id is in the answer.
        let id = id.or_else(|| {
            reply.body_json().and_then(|b| {
                ["clusterId", "clientId", "uuid"]
                    .iter()
                    .find_map(|k| b.get(*k).and_then(Value::as_str).map(str::to_string))
            })
        });
        if inner.activity.len() >= MAX_ACTIVITY {
            inner.activity.remove(0);
        }
        inner.activity.push(members::Audit {
            audit,
            kind,
            entity,
            entity_id: id.unwrap_or_default(),
            parent,
            user_id: members::actor(&caller),
            timestamp_ms: now_ms,
        });
    }
    reply
}

/// The activity log keeps this many entries (the oldest go first).
const MAX_ACTIVITY: usize = 10_000;

type Logged = (
    &'static str,
    &'static str,
    String,
    Option<String>,
    Option<(&'static str, String)>,
);

/// How a change is written to the activity log: (type, entity, words, id, parent); `None` for
/// reads.
fn audit_of(op: &Op) -> Option<Logged> {
    let cluster = |id: &String| Some(("cluster", id.clone()));
    Some(match op {
        Op::CreateCluster => ("c", "cluster", "Created cluster".into(), None, None),
        Op::DeleteCluster(id) => (
            "d",
            "cluster",
            "Deleted cluster".into(),
            Some(id.clone()),
            None,
        ),
        Op::UpdateCluster(id) => (
            "u",
            "cluster",
            "Updated cluster".into(),
            Some(id.clone()),
            None,
        ),
        Op::WakeCluster(id) => (
            "u",
            "cluster",
            "Woke cluster".into(),
            Some(id.clone()),
            None,
        ),
        Op::UpgradeCluster(id) => (
            "u",
            "cluster",
            "Upgraded cluster".into(),
            Some(id.clone()),
            None,
        ),
        Op::CreateClient(id) => ("c", "client", "Created client".into(), None, cluster(id)),
        Op::DeleteClient(id, c) => (
            "d",
            "client",
            "Deleted client".into(),
            Some(c.clone()),
            cluster(id),
        ),
        Op::SetIpAllowlist { cluster: id, .. } => (
            "u",
            "cluster",
            "Updated IP allowlist".into(),
            Some(id.clone()),
            None,
        ),
        Op::SetEncryption(id) => (
            "u",
            "cluster",
            "Updated encryption keys".into(),
            Some(id.clone()),
            None,
        ),
        Op::ActivateSecureConnectivity(id) => (
            "c",
            "secureConnectivity",
            "Activated secure connectivity".into(),
            None,
            cluster(id),
        ),
        Op::DeactivateSecureConnectivity(id) => (
            "d",
            "secureConnectivity",
            "Deactivated secure connectivity".into(),
            None,
            cluster(id),
        ),
        Op::ActivateMonitoring(id) => (
            "c",
            "monitoring",
            "Activated monitoring".into(),
            None,
            cluster(id),
        ),
        Op::DeactivateMonitoring(id) => (
            "d",
            "monitoring",
            "Deactivated monitoring".into(),
            None,
            cluster(id),
        ),
        Op::CreateMonitoringClient(id) => (
            "c",
            "monitoringClient",
            "Created monitoring client".into(),
            None,
            cluster(id),
        ),
        Op::DeleteMonitoringClient(id, c) => (
            "d",
            "monitoringClient",
            "Deleted monitoring client".into(),
            Some(c.clone()),
            cluster(id),
        ),
        Op::RotateMonitoringClient(id, c) => (
            "u",
            "monitoringClient",
            "Rotated monitoring password".into(),
            Some(c.clone()),
            cluster(id),
        ),
        Op::CreateBackup(id) => ("c", "backup", "Created backup".into(), None, cluster(id)),
        Op::DeleteBackup(id, b) => (
            "d",
            "backup",
            "Deleted backup".into(),
            Some(b.clone()),
            cluster(id),
        ),
        Op::Restore(id, b) => (
            "c",
            "restore",
            "Restored backup".into(),
            Some(b.clone()),
            cluster(id),
        ),
        Op::CreateSecret(id) => (
            "c",
            "secret",
            "Created connector secret".into(),
            None,
            cluster(id),
        ),
        Op::UpdateSecret(id, n) => (
            "u",
            "secret",
            "Updated connector secret".into(),
            Some(n.clone()),
            cluster(id),
        ),
        Op::DeleteSecret(id, n) => (
            "d",
            "secret",
            "Deleted connector secret".into(),
            Some(n.clone()),
            cluster(id),
        ),
        Op::SetMember(email) => (
            "u",
            "member",
            format!("Set the roles of {email}"),
            Some(email.clone()),
            None,
        ),
        Op::RemoveMember(email) => (
            "d",
            "member",
            format!("Removed {email}"),
            Some(email.clone()),
            None,
        ),
        Op::ListClusters
        | Op::Parameters
        | Op::GetCluster(_)
        | Op::ListClients(_)
        | Op::GetClient(..)
        | Op::IpRanges
        | Op::ListMembers
        | Op::ActivityJson
        | Op::ActivityCsv
        | Op::GetSecureConnectivity(_)
        | Op::ListMonitoringClients(_)
        | Op::ListBackups(_)
        | Op::GetRestore(..)
        | Op::ListSecrets(_) => return None,
    })
}

fn dispatch(shared: &Shared, inner: &mut Inner, req: &Req, op: Op, now_ms: u64) -> Reply {
    match op {
        Op::ListClusters => clusters::list(inner, now_ms),
        Op::Parameters => clusters::parameters(),
        Op::GetCluster(id) => clusters::get(inner, &id, now_ms),
        Op::CreateCluster => clusters::create(shared, inner, req, now_ms),
        Op::DeleteCluster(id) => clusters::delete(inner, &id),
        Op::UpdateCluster(id) => clusters::update(inner, &id, req),
        Op::WakeCluster(id) => clusters::wake(shared, inner, &id, now_ms),
        Op::ListClients(id) => clients::list(inner, &id),
        Op::CreateClient(id) => clients::create(shared, inner, &id, req, now_ms),
        Op::GetClient(id, client_id) => clients::get(shared, inner, &id, &client_id, now_ms),
        Op::DeleteClient(id, client_id) => clients::delete(inner, &id, &client_id),
        Op::SetIpAllowlist { cluster, legacy } => {
            ipallowlist::set(shared, inner, &cluster, req, legacy)
        }
        Op::IpRanges => ipallowlist::ip_ranges(),
        Op::ListMembers => members::list(inner),
        Op::SetMember(email) => members::set_roles(inner, &email, req),
        Op::RemoveMember(email) => members::remove(inner, &email),
        Op::ActivityJson => members::activity_json(inner),
        Op::ActivityCsv => members::activity_csv(inner),
        Op::UpgradeCluster(id) => clusters::upgrade(shared, inner, &id, now_ms),
        Op::SetEncryption(id) => settings::set_encryption(shared, inner, &id, req, now_ms),
        Op::GetSecureConnectivity(id) => settings::get_secure_connectivity(shared, inner, &id),
        Op::ActivateSecureConnectivity(id) => {
            settings::activate_secure_connectivity(shared, inner, &id, req)
        }
        Op::DeactivateSecureConnectivity(id) => {
            settings::deactivate_secure_connectivity(shared, inner, &id)
        }
        Op::ActivateMonitoring(id) => monitoring::activate(inner, &id),
        Op::DeactivateMonitoring(id) => monitoring::deactivate(inner, &id),
        Op::ListMonitoringClients(id) => monitoring::list(inner, &id),
        Op::CreateMonitoringClient(id) => monitoring::create(shared, inner, &id, req, now_ms),
        Op::DeleteMonitoringClient(id, c) => monitoring::delete(inner, &id, &c),
        Op::RotateMonitoringClient(id, c) => monitoring::rotate(shared, inner, &id, &c),
        Op::ListBackups(id) => backups::list(shared, inner, &id, now_ms),
        Op::CreateBackup(id) => backups::create(shared, inner, &id, now_ms),
        Op::DeleteBackup(id, b) => backups::delete(shared, inner, &id, &b, now_ms),
        Op::GetRestore(id, b) => backups::get_restore(shared, inner, &id, &b, now_ms),
        Op::Restore(id, b) => backups::restore(shared, inner, &id, &b, now_ms),
        Op::ListSecrets(id) => secrets::list(inner, &id, now_ms),
        Op::CreateSecret(id) => secrets::create(shared, inner, &id, req),
        Op::UpdateSecret(id, name) => secrets::update(shared, inner, &id, &name, req),
        Op::DeleteSecret(id, name) => secrets::delete(inner, &id, &name, now_ms),
    }
}
