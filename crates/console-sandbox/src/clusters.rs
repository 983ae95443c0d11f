//! The cluster operations: list, get, create, update, delete, wake, and the creation
//! parameters. Input is validated as the live API does it.

use serde_json::{json, Value};

use crate::http::{opt_str, req_str, Reply, Req};
use crate::model::{
    is_advanced, millis, parameters_json, Cluster, Health, Phase, CHANNELS, MAX_HW_PACKAGES,
    OWNER_ID, PLAN_TYPES, REGIONS,
};
use crate::state::{Inner, Shared};

pub(crate) fn cluster_not_found() -> Reply {
    Reply::message(404, "Cluster not found")
}

pub(crate) fn list(inner: &Inner, now_ms: u64) -> Reply {
    Reply::json(
        200,
        &Value::Array(inner.clusters.iter().map(|c| c.to_json(now_ms)).collect()),
    )
}

pub(crate) fn parameters() -> Reply {
    Reply::json(200, &parameters_json())
}

pub(crate) fn get(inner: &Inner, id: &str, now_ms: u64) -> Reply {
    match inner.find_cluster(id) {
        Some(c) => Reply::json(200, &c.to_json(now_ms)),
        None => cluster_not_found(),
    }
}

pub(crate) fn delete(inner: &mut Inner, id: &str) -> Reply {
    let before = inner.clusters.len();
    inner.clusters.retain(|c| c.uuid != id);
    if inner.clusters.len() == before {
        cluster_not_found()
    } else {
        Reply::empty(204)
    }
}

/// A Suspended cluster starts Resuming; any other state is left as it is.
pub(crate) fn wake(shared: &Shared, inner: &mut Inner, id: &str, now_ms: u64) -> Reply {
    let ready_ms = millis(shared.ready_after);
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    if c.status(now_ms).0 == Health::Suspended {
        c.phase = Phase::Transition {
            kind: Health::Resuming,
            start_ms: now_ms,
            end_ms: now_ms.saturating_add(ready_ms),
        };
    }
    Reply::empty(204)
}

/// `PUT /clusters/{id}/upgrade`: to the latest (default) generation of the cluster's channel.
/// 412 unless Healthy, 400 when it runs that generation already; then Updating -> Healthy.
pub(crate) fn upgrade(shared: &Shared, inner: &mut Inner, id: &str, now_ms: u64) -> Reply {
    let ready_ms = millis(shared.ready_after);
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    if c.status(now_ms).0 != Health::Healthy {
        return Reply::message(412, "Cluster is not ready for upgrade");
    }
    let latest = c.channel.default_generation;
    if c.generation.uuid == latest.uuid {
        return Reply::message(400, "No upgrade available");
    }
    let old = c.generation;
    c.generation = latest;
    c.phase = Phase::Transition {
        kind: Health::Updating,
        start_ms: now_ms,
        end_ms: now_ms.saturating_add(ready_ms),
    };
    Reply::json(
        200,
        &json!({
            "cluster": {"id": c.uuid, "name": c.name},
            "oldGeneration": {"id": old.uuid, "name": old.name},
            "newGeneration": {"id": latest.uuid, "name": latest.name},
            "orgId": crate::model::ORG_ID,
        }),
    )
}

const STAGES: [&str; 4] = ["dev", "test", "stage", "prod"];

fn check_name(name: &str) -> Result<String, Reply> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Reply::text(400, "Cluster name must not be empty"));
    }
    if name.chars().count() > 50 {
        return Err(Reply::text(
            400,
            "Cluster name is too long (maximum 50 characters)",
        ));
    }
    Ok(name.to_string())
}

fn check_stage(stage: Option<String>) -> Result<Option<String>, Reply> {
    match stage {
        Some(s) if !STAGES.contains(&s.as_str()) => Err(Reply::text(
            400,
            &format!("Invalid stageLabel '{s}' (one of dev, test, stage, prod)"),
        )),
        other => Ok(other),
    }
}

fn check_description(d: Option<String>) -> Result<Option<String>, Reply> {
    match d {
        Some(d) if d.chars().count() > 150 => Err(Reply::text(
            400,
            "Description is too long (maximum 150 characters)",
        )),
        other => Ok(other),
    }
}

pub(crate) fn create(shared: &Shared, inner: &mut Inner, req: &Req, now_ms: u64) -> Reply {
    let result = (|| -> Result<Cluster, Reply> {
        let obj = req.json_object()?;
        let name = check_name(&req_str(&obj, "name")?)?;
        let plan_id = req_str(&obj, "planTypeId")?;
        let channel_id = req_str(&obj, "channelId")?;
        let generation_id = req_str(&obj, "generationId")?;
        let region_id = req_str(&obj, "regionId")?;
        let stage = check_stage(opt_str(&obj, "stageLabel")?)?;
        let description = check_description(opt_str(&obj, "description")?)?;
        let auto_update = match obj.get("autoUpdate") {
            None | Some(Value::Null) => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(Reply::text(400, "autoUpdate must be a boolean")),
        };
        let plan = PLAN_TYPES
            .iter()
            .find(|p| p.uuid == plan_id)
            .ok_or_else(|| Reply::text(400, &format!("Invalid clusterPlanType '{plan_id}'")))?;
        let region = REGIONS
            .iter()
            .find(|r| r.uuid == region_id)
            .ok_or_else(|| Reply::text(400, &format!("Invalid region '{region_id}'")))?;
        let backup_region = match opt_str(&obj, "backupRegionId")? {
            None => None,
            Some(_) if !shared.enterprise => {
                return Err(Reply::message(
                    403,
                    "Choosing a backup region is only available to organizations on the Enterprise plan",
                ))
            }
            Some(id) => Some(
                region
                    .backup_regions
                    .iter()
                    .find(|(b, _)| *b == id)
                    .map(|(b, _)| *b)
                    .ok_or_else(|| {
                        Reply::text(400, &format!("Invalid backupRegionId '{id}' for region '{}'", region.name))
                    })?,
            ),
        };
        // `External` (customer-managed keys, set later with `PUT …/encryption`): Enterprise, AWS.
        let external_encryption = match opt_str(&obj, "encryption")?.as_deref() {
            None | Some("Software") => false,
            Some("External") if !shared.enterprise || region.provider != "aws" => {
                return Err(Reply::message(
                    403,
                    "External encryption is only available on the Enterprise plan for clusters in AWS regions",
                ))
            }
            Some("External") => true,
            Some(other) => return Err(Reply::text(400, &format!("Invalid encryption '{other}'"))),
        };
        let channel = CHANNELS
            .iter()
            .find(|c| c.uuid == channel_id)
            .ok_or_else(|| Reply::text(400, &format!("Invalid channel '{channel_id}'")))?;
        let generation = channel
            .allowed
            .iter()
            .find(|g| g.uuid == generation_id)
            .copied()
            .ok_or_else(|| {
                Reply::text(
                    400,
                    &format!(
                        "Invalid generation '{generation_id}' for channel '{}'",
                        channel.name
                    ),
                )
            })?;
        Ok(Cluster {
            ip_allowlist: Vec::new(),
            secrets: Default::default(),
            deleted_secrets: Vec::new(),
            backups: Vec::new(),
            restores: Vec::new(),
            monitoring: None,
            settings: crate::settings::ClusterSettings {
                external_encryption,
                ..Default::default()
            },
            backup_region,
            uuid: uuid::Uuid::new_v4().to_string(),
            name,
            description,
            stage_label: stage,
            owner_id: OWNER_ID.to_string(),
            created_ms: now_ms,
            // Ignored on non-stable channels, as the spec says.
            auto_update: auto_update && channel.name == "Stable",
            channel,
            generation,
            region,
            plan,
            phase: Phase::Transition {
                kind: Health::Creating,
                start_ms: now_ms,
                end_ms: now_ms.saturating_add(millis(shared.ready_after)),
            },
            clients: Vec::new(),
        })
    })();
    match result {
        Ok(cluster) => {
            let id = cluster.uuid.clone();
            let name = cluster.name.clone();
            inner.clusters.push(cluster);
            // `clusterName` is beyond the spec.
            Reply::json(200, &json!({"clusterId": id, "clusterName": name}))
        }
        Err(reply) => reply,
    }
}

/// name, description, stage label
type UpdateFields = (Option<String>, Option<String>, Option<String>, Option<u64>);

pub(crate) fn update(inner: &mut Inner, id: &str, req: &Req) -> Reply {
    if inner.find_cluster(id).is_none() {
        return cluster_not_found();
    }
    let parsed = (|| -> Result<UpdateFields, Reply> {
        let obj = req.json_object()?;
        let name = opt_str(&obj, "name")?.map(|n| check_name(&n)).transpose()?;
        let description = check_description(opt_str(&obj, "description")?)?;
        let stage = check_stage(opt_str(&obj, "stageLabel")?)?;
        let packages = match obj.get("numberOfAllocatedHwPackages") {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_u64() {
                Some(n) if (1..=MAX_HW_PACKAGES).contains(&n) => Some(n),
                _ => {
                    return Err(Reply::text(
                        400,
                        &format!("numberOfAllocatedHwPackages must be a whole number from 1 to {MAX_HW_PACKAGES}"),
                    ))
                }
            },
        };
        Ok((name, description, stage, packages))
    })();
    let (name, description, stage, packages) = match parsed {
        Ok(x) => x,
        Err(reply) => return reply,
    };
    if let (Some(_), Some(c)) = (packages, inner.find_cluster(id)) {
        if !is_advanced(c.plan) {
            return Reply::text(
                400,
                &format!("Hardware packages can only be changed on Advanced plans (this cluster's plan is {})", c.plan.name),
            );
        }
    }
    if let Some(c) = inner.find_cluster_mut(id) {
        if let Some(p) = packages {
            c.settings.hardware_packages = p;
        }
        if let Some(n) = name {
            c.name = n;
        }
        if let Some(d) = description {
            c.description = Some(d);
        }
        if let Some(s) = stage {
            c.stage_label = Some(s);
        }
    }
    Reply::empty(204)
}
