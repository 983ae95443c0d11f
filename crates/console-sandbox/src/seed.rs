//! Initial data ([`Seed`]): the demo organization, an empty one, or generated clusters for
//! benchmarks.

use std::time::Duration;

use crate::model::{
    millis, random_string, Cluster, ClusterClient, Generation, Health, Phase, CHANNELS,
    CLIENT_PERMISSIONS, GEN_8_5, GEN_8_6, GEN_8_7, GEN_8_8_ALPHA, OWNER_ID, PLAN_TYPES, REGIONS,
};

/// Initial data of a sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seed {
    /// Five clusters in different states ("orders-prod", "payments-staging", "analytics-dev",
    /// "legacy-batch", "fraud-detection"), each with a few clients.
    Demo,
    /// No clusters.
    Empty,
    /// `clusters` clusters named `cluster-0001`…, mostly Healthy, each with
    /// `clients_per_cluster` clients (for benchmarks).
    Generated {
        clusters: usize,
        clients_per_cluster: usize,
    },
}

/// How long the demo's "analytics-dev" stays Creating (sandbox clock) unless `ready_after` is
/// longer: long enough that tests and people see a Creating cluster; advance the clock to finish.
const DEMO_CREATING_FOR: Duration = Duration::from_secs(30 * 60);

pub(crate) fn new_client(name: &str, permissions: Vec<&'static str>, now_ms: u64) -> ClusterClient {
    ClusterClient {
        uuid: uuid::Uuid::new_v4().to_string(),
        name: name.to_string(),
        client_id: random_string(32),
        permissions,
        created_ms: now_ms,
    }
}

struct Spec {
    name: &'static str,
    phase: Phase,
    channel: usize,
    generation: &'static Generation,
    region: usize,
    plan: usize,
    stage: Option<&'static str>,
    age_days: u64,
    clients: &'static [(&'static str, &'static [&'static str])],
}

fn build(spec: Spec, now_ms: u64) -> Cluster {
    let created_ms = now_ms.saturating_sub(spec.age_days * 86_400_000);
    Cluster {
        ip_allowlist: Vec::new(),
        secrets: Default::default(),
        deleted_secrets: Vec::new(),
        backups: Vec::new(),
        restores: Vec::new(),
        monitoring: None,
        settings: Default::default(),
        backup_region: None,
        uuid: uuid::Uuid::new_v4().to_string(),
        name: spec.name.to_string(),
        description: None,
        stage_label: spec.stage.map(str::to_string),
        owner_id: OWNER_ID.to_string(),
        created_ms,
        auto_update: spec.channel == 0,
        channel: &CHANNELS[spec.channel],
        generation: spec.generation,
        region: &REGIONS[spec.region],
        plan: &PLAN_TYPES[spec.plan],
        phase: spec.phase,
        clients: spec
            .clients
            .iter()
            .map(|(name, perms)| new_client(name, perms.to_vec(), created_ms))
            .collect(),
    }
}

pub(crate) fn clusters(seed: &Seed, now_ms: u64, ready_after: Duration) -> Vec<Cluster> {
    match seed {
        Seed::Empty => Vec::new(),
        Seed::Demo => demo(now_ms, ready_after),
        Seed::Generated {
            clusters,
            clients_per_cluster,
        } => generated(*clusters, *clients_per_cluster, now_ms),
    }
}

fn demo(now_ms: u64, ready_after: Duration) -> Vec<Cluster> {
    let mut clusters = demo_clusters(now_ms, ready_after);
    // orders-prod has a backup from two days ago (Enterprise; restorable).
    if let Some(c) = clusters.iter_mut().find(|c| c.name == "orders-prod") {
        let created_ms = now_ms.saturating_sub(2 * 86_400_000);
        c.backups.push(crate::backups::Backup {
            uuid: uuid::Uuid::new_v4().to_string(),
            name: "orders-prod-nightly".into(),
            created_ms,
            done_ms: created_ms + 12 * 60_000,
            generation_uuid: c.generation.uuid,
            generation_name: c.generation.name,
        });
    }
    // fraud-detection (AWS) was created with customer-managed encryption; no key is set yet.
    if let Some(c) = clusters.iter_mut().find(|c| c.name == "fraud-detection") {
        c.settings.external_encryption = true;
    }
    clusters
}

fn demo_clusters(now_ms: u64, ready_after: Duration) -> Vec<Cluster> {
    let creating_ms = millis(ready_after.max(DEMO_CREATING_FOR));
    vec![
        build(
            Spec {
                name: "orders-prod",
                phase: Phase::Steady(Health::Healthy),
                channel: 0,
                generation: &GEN_8_7,
                region: 0,
                plan: 2,
                stage: Some("prod"),
                age_days: 210,
                clients: &[
                    ("worker-1", &["Zeebe"]),
                    ("operate-reader", &["Operate"]),
                    ("billing-bridge", &["Zeebe", "Tasklist", "Operate"]),
                ],
            },
            now_ms,
        ),
        build(
            Spec {
                name: "payments-staging",
                phase: Phase::Steady(Health::Healthy),
                channel: 0,
                generation: &GEN_8_6,
                region: 4,
                plan: 1,
                stage: Some("stage"),
                age_days: 95,
                clients: &[("worker-1", &["Zeebe"]), ("operate-reader", &["Operate"])],
            },
            now_ms,
        ),
        Cluster {
            ip_allowlist: Vec::new(),
            secrets: Default::default(),
            deleted_secrets: Vec::new(),
            backups: Vec::new(),
            restores: Vec::new(),
            monitoring: None,
            settings: Default::default(),
            backup_region: None,
            phase: Phase::Transition {
                kind: Health::Creating,
                start_ms: now_ms,
                end_ms: now_ms.saturating_add(creating_ms),
            },
            ..build(
                Spec {
                    name: "analytics-dev",
                    phase: Phase::Steady(Health::Creating),
                    channel: 1,
                    generation: &GEN_8_8_ALPHA,
                    region: 1,
                    plan: 0,
                    stage: Some("dev"),
                    age_days: 0,
                    clients: &[("notebook", &["Zeebe", "Operate"])],
                },
                now_ms,
            )
        },
        build(
            Spec {
                name: "legacy-batch",
                phase: Phase::Steady(Health::Suspended),
                channel: 0,
                generation: &GEN_8_5,
                region: 2,
                plan: 1,
                stage: Some("test"),
                age_days: 400,
                clients: &[("nightly-import", &["Zeebe", "Secrets"])],
            },
            now_ms,
        ),
        build(
            Spec {
                name: "fraud-detection",
                phase: Phase::Steady(Health::Unhealthy),
                channel: 0,
                generation: &GEN_8_7,
                region: 5,
                plan: 3,
                stage: Some("prod"),
                age_days: 30,
                clients: &[
                    ("scoring-worker", &["Zeebe"]),
                    ("optimize-reports", &["Optimize"]),
                ],
            },
            now_ms,
        ),
    ]
}

fn generated(n: usize, m: usize, now_ms: u64) -> Vec<Cluster> {
    (0..n)
        .map(|i| {
            // Mostly Healthy; a few of each other state, deterministically.
            let phase = if i % 23 == 22 {
                Phase::Steady(Health::Unhealthy)
            } else if i % 17 == 16 {
                Phase::Steady(Health::Suspended)
            } else if i % 11 == 10 {
                Phase::Transition {
                    kind: Health::Creating,
                    start_ms: now_ms,
                    end_ms: now_ms.saturating_add(3_600_000),
                }
            } else {
                Phase::Steady(Health::Healthy)
            };
            let channel = usize::from(i % 9 == 8);
            let ch = &CHANNELS[channel];
            let created_ms = now_ms.saturating_sub((i as u64 % 365) * 86_400_000);
            Cluster {
                ip_allowlist: Vec::new(),
                secrets: Default::default(),
                deleted_secrets: Vec::new(),
                backups: Vec::new(),
                restores: Vec::new(),
                monitoring: None,
                settings: Default::default(),
                backup_region: None,
                uuid: uuid::Uuid::new_v4().to_string(),
                name: format!("cluster-{:04}", i + 1),
                description: None,
                stage_label: Some(["dev", "test", "stage", "prod"][i % 4].to_string()),
                owner_id: OWNER_ID.to_string(),
                created_ms,
                auto_update: channel == 0,
                channel: ch,
                generation: ch.allowed[i % ch.allowed.len()],
                region: &REGIONS[i % REGIONS.len()],
                plan: &PLAN_TYPES[i % PLAN_TYPES.len()],
                phase,
                clients: (0..m)
                    .map(|j| {
                        let perms = match j % 3 {
                            0 => CLIENT_PERMISSIONS.to_vec(),
                            1 => vec!["Zeebe"],
                            _ => vec!["Operate", "Tasklist"],
                        };
                        new_client(&format!("client-{:03}", j + 1), perms, created_ms)
                    })
                    .collect(),
            }
        })
        .collect()
}
