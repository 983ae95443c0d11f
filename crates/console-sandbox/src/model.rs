//! Clusters, cluster clients and the creation catalog (channels, generations, regions, plans),
//! and how they look on the wire; the organization's ids and what generated ids look like.

use std::time::Duration;

use rand::Rng;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The user who owns every cluster (`ownerId`).
pub(crate) const OWNER_ID: &str = "google-oauth2|104729356270021946173";
/// The organization the sandbox pretends to be.
pub(crate) const ORG_ID: &str = "3d1f6c2a-8b4e-4f7a-9c5d-0e2b7a6f1c48";

/// Characters of generated client ids and secrets (URL-unreserved, like Camunda's).
const ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~_.-";

/// A random id or secret of `len` characters.
pub(crate) fn random_string(len: usize) -> String {
    let mut rng = rand::rng();
    (0..len)
        .map(|i| {
            // Start with a letter so ids never begin with punctuation.
            let pool = if i == 0 { &ID_CHARS[..52] } else { ID_CHARS };
            pool[rng.random_range(0..pool.len())] as char
        })
        .collect()
}

/// `d` in whole milliseconds, saturating (the sandbox clock counts milliseconds).
pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

pub(crate) struct Generation {
    pub(crate) uuid: &'static str,
    pub(crate) name: &'static str,
}

pub(crate) struct Channel {
    pub(crate) uuid: &'static str,
    pub(crate) name: &'static str,
    pub(crate) default_generation: &'static Generation,
    pub(crate) allowed: &'static [&'static Generation],
}

pub(crate) struct Region {
    pub(crate) uuid: &'static str,
    pub(crate) name: &'static str,
    pub(crate) provider: &'static str,
    /// The short region id used in Camunda's hostnames, e.g. `bru-2`.
    pub(crate) slug: &'static str,
    /// Where its backups may be kept (Enterprise): (id, label); empty: no choice.
    pub(crate) backup_regions: &'static [(&'static str, &'static str)],
}

pub(crate) struct PlanType {
    pub(crate) uuid: &'static str,
    pub(crate) name: &'static str,
}

pub(crate) static GEN_8_7: Generation = Generation {
    uuid: "5e8a6a1c-2a52-4b9f-9a8e-0b1d7e1f8a71",
    name: "Camunda 8.7.6",
};
pub(crate) static GEN_8_6: Generation = Generation {
    uuid: "b7c3a1f0-6c4e-4c5e-8f0a-3d2f1e9b6a02",
    name: "Camunda 8.6.14",
};
pub(crate) static GEN_8_5: Generation = Generation {
    uuid: "0c9d8e7f-1a2b-4c3d-9e8f-7a6b5c4d3e13",
    name: "Camunda 8.5.19",
};
pub(crate) static GEN_8_8_ALPHA: Generation = Generation {
    uuid: "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a724",
    name: "Camunda 8.8.0-alpha6",
};
pub(crate) static GEN_8_8_ALPHA_OLD: Generation = Generation {
    uuid: "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a35",
    name: "Camunda 8.8.0-alpha5",
};

pub(crate) static CHANNELS: [Channel; 2] = [
    Channel {
        uuid: "6bdbd1d4-4b8b-4f45-9a8e-2d3c1b0a9f01",
        name: "Stable",
        default_generation: &GEN_8_7,
        allowed: &[&GEN_8_7, &GEN_8_6, &GEN_8_5],
    },
    Channel {
        uuid: "a3c9e2f1-7d6b-4a5c-8e9f-1b2c3d4e5f02",
        name: "Alpha",
        default_generation: &GEN_8_8_ALPHA,
        allowed: &[&GEN_8_8_ALPHA, &GEN_8_8_ALPHA_OLD],
    },
];

pub(crate) static REGIONS: [Region; 6] = [
    Region {
        uuid: "2f5c7e3a-1b4d-4e6f-8a9b-0c1d2e3f4a01",
        name: "Belgium, Europe (europe-west1)",
        provider: "gcp",
        slug: "bru-2",
        backup_regions: &[
            ("europe-west1", "Belgium (same region)"),
            ("europe-west4", "Netherlands"),
        ],
    },
    Region {
        uuid: "3a6d8f4b-2c5e-4f70-9b0c-1d2e3f4a5b02",
        name: "South Carolina, North America (us-east1)",
        provider: "gcp",
        slug: "jfk-1",
        backup_regions: &[
            ("us-east1", "South Carolina (same region)"),
            ("us-central1", "Iowa"),
        ],
    },
    Region {
        uuid: "4b7e9a5c-3d6f-4a81-8c1d-2e3f4a5b6c03",
        name: "London, Europe (europe-west2)",
        provider: "gcp",
        slug: "lhr-1",
        backup_regions: &[],
    },
    Region {
        uuid: "5c8fab6d-4e7a-4b92-9d2e-3f4a5b6c7d04",
        name: "Sydney, Australia (australia-southeast1)",
        provider: "gcp",
        slug: "syd-1",
        backup_regions: &[],
    },
    Region {
        uuid: "6d9abc7e-5f8b-4ca3-8e3f-4a5b6c7d8e05",
        name: "Frankfurt, Europe (eu-central-1)",
        provider: "aws",
        slug: "fra-1",
        backup_regions: &[
            ("eu-central-1", "Frankfurt (same region)"),
            ("eu-west-1", "Ireland"),
        ],
    },
    Region {
        uuid: "7eabcd8f-6a9c-4db4-9f4a-5b6c7d8e9f06",
        name: "North Virginia, North America (us-east-1)",
        provider: "aws",
        slug: "iad-1",
        backup_regions: &[],
    },
];

pub(crate) static PLAN_TYPES: [PlanType; 4] = [
    PlanType {
        uuid: "8fbcde9a-7bad-4ec5-8a5b-6c7d8e9fa007",
        name: "Trial Cluster",
    },
    PlanType {
        uuid: "9acdefab-8cbe-4fd6-9b6c-7d8e9fab1008",
        name: "Basic",
    },
    PlanType {
        uuid: "abdef0bc-9dcf-4ae7-8c7d-8e9fab0c2109",
        name: "Professional",
    },
    PlanType {
        uuid: "bcef01cd-0ed0-4bf8-9d8e-9fab0c1d310a",
        name: "Advanced",
    },
];

/// Plans whose clusters may be given more hardware packages (`numberOfAllocatedHwPackages`).
pub(crate) fn is_advanced(plan: &PlanType) -> bool {
    plan.name == "Advanced"
}

/// The most hardware packages the sandbox allocates to one cluster.
pub(crate) const MAX_HW_PACKAGES: u64 = 8;

/// GET /clusters/parameters, with a few fields the spec does not list (`isDefault`, `zone`).
pub(crate) fn parameters_json() -> Value {
    let channels: Vec<Value> = CHANNELS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "uuid": c.uuid,
                "name": c.name,
                "isDefault": i == 0,
                "defaultGeneration": {"uuid": c.default_generation.uuid, "name": c.default_generation.name},
                "allowedGenerations": c.allowed.iter().map(|g| json!({
                    "uuid": g.uuid, "name": g.name, "classification": "channel"
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let regions: Vec<Value> = REGIONS
        .iter()
        .map(|r| {
            json!({
                "uuid": r.uuid,
                "name": r.name,
                "provider": r.provider,
                "zone": r.slug,
                "backups": if r.backup_regions.is_empty() { json!([]) } else { json!([{
                    "uuid": format!("{}-backups", r.slug),
                    "regions": r.backup_regions.iter().map(|(id, label)| json!({"id": id, "label": label})).collect::<Vec<_>>(),
                }]) },
            })
        })
        .collect();
    let plans: Vec<Value> = PLAN_TYPES
        .iter()
        .map(|p| json!({"uuid": p.uuid, "name": p.name, "hardwarePackages": 1}))
        .collect();
    json!({ "channels": channels, "clusterPlanTypes": plans, "regions": regions })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Health {
    Creating,
    Healthy,
    Unhealthy,
    Resuming,
    Suspended,
    Updating,
}

impl Health {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Health::Creating => "Creating",
            Health::Healthy => "Healthy",
            Health::Unhealthy => "Unhealthy",
            Health::Resuming => "Resuming",
            Health::Suspended => "Suspended",
            Health::Updating => "Updating",
        }
    }
}

pub(crate) enum Phase {
    Steady(Health),
    /// Creating, Resuming or Updating from `start_ms` until `end_ms` (sandbox clock), then Healthy.
    Transition {
        kind: Health,
        start_ms: u64,
        end_ms: u64,
    },
}

pub(crate) const COMPONENTS: [&str; 5] = [
    "zeebeStatus",
    "operateStatus",
    "tasklistStatus",
    "optimizeStatus",
    "connectorsStatus",
];

pub(crate) struct ClusterClient {
    pub(crate) uuid: String,
    pub(crate) name: String,
    pub(crate) client_id: String,
    pub(crate) permissions: Vec<&'static str>,
    pub(crate) created_ms: u64,
}

pub(crate) struct Cluster {
    pub(crate) uuid: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) stage_label: Option<String>,
    pub(crate) owner_id: String,
    pub(crate) created_ms: u64,
    pub(crate) auto_update: bool,
    pub(crate) channel: &'static Channel,
    pub(crate) generation: &'static Generation,
    pub(crate) region: &'static Region,
    pub(crate) plan: &'static PlanType,
    pub(crate) phase: Phase,
    pub(crate) clients: Vec<ClusterClient>,
    /// The IP allowlist (`PUT …/ipallowlist` replaces it whole); empty = every address.
    pub(crate) ip_allowlist: Vec<AllowlistEntry>,
    /// Connector secrets, name -> value.
    pub(crate) secrets: std::collections::BTreeMap<String, String>,
    /// Deleted secrets still listed until the sandbox time given (eventual consistency).
    pub(crate) deleted_secrets: Vec<(String, String, u64)>,
    /// Backups, oldest first.
    pub(crate) backups: Vec<crate::backups::Backup>,
    /// Restores, oldest first.
    pub(crate) restores: Vec<crate::backups::Restore>,
    /// The backup region chosen at creation (`backupRegionId`), if any.
    pub(crate) backup_region: Option<&'static str>,
    /// External monitoring: `None` = not activated, else its clients.
    pub(crate) monitoring: Option<Vec<crate::monitoring::MonitoringClient>>,
    /// Encryption keys and secure connectivity.
    pub(crate) settings: crate::settings::ClusterSettings,
}

/// One IP allowlist rule: `ip` holds one or more comma-separated addresses or CIDR ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AllowlistEntry {
    pub(crate) description: String,
    pub(crate) ip: String,
}

impl Cluster {
    /// The overall state and the five component states at `now_ms`.
    pub(crate) fn status(&self, now_ms: u64) -> (Health, [Health; 5]) {
        match self.phase {
            Phase::Steady(Health::Unhealthy) => (
                Health::Unhealthy,
                [
                    Health::Unhealthy,
                    Health::Healthy,
                    Health::Healthy,
                    Health::Unhealthy,
                    Health::Healthy,
                ],
            ),
            Phase::Steady(h) => (h, [h; 5]),
            Phase::Transition {
                kind,
                start_ms,
                end_ms,
            } => {
                if now_ms >= end_ms {
                    return (Health::Healthy, [Health::Healthy; 5]);
                }
                // Components come up one by one: component k at start + span * (k+1)/6.
                let span = end_ms.saturating_sub(start_ms);
                let mut comps = [kind; 5];
                for (k, c) in comps.iter_mut().enumerate() {
                    let step = u128::from(span) * (k as u128 + 1) / 6;
                    let at = start_ms.saturating_add(u64::try_from(step).unwrap_or(u64::MAX));
                    if now_ms >= at {
                        *c = Health::Healthy;
                    }
                }
                (kind, comps)
            }
        }
    }

    pub(crate) fn is_healthy(&self, now_ms: u64) -> bool {
        self.status(now_ms).0 == Health::Healthy
    }

    pub(crate) fn zeebe_address(&self) -> String {
        format!("{}.{}.zeebe.camunda.io:443", self.uuid, self.region.slug)
    }

    pub(crate) fn links_json(&self) -> Value {
        let (id, slug) = (&self.uuid, self.region.slug);
        json!({
            "zeebe": self.zeebe_address(),
            "operate": format!("https://{slug}.operate.camunda.io/{id}"),
            "tasklist": format!("https://{slug}.tasklist.camunda.io/{id}"),
            "optimize": format!("https://{slug}.optimize.camunda.io/{id}"),
            "connectors": format!("https://{slug}.connectors.camunda.io/{id}"),
            "console": format!(
                "https://console.camunda.io/org/{}/cluster/{id}",
                ORG_ID
            ),
        })
    }

    /// The Cluster object, with fields the spec does not list (`k8sContext`, `hardwarePackages`).
    pub(crate) fn to_json(&self, now_ms: u64) -> Value {
        let (ready, comps) = self.status(now_ms);
        let mut status = serde_json::Map::new();
        status.insert("ready".into(), ready.as_str().into());
        for (name, h) in COMPONENTS.iter().zip(comps) {
            status.insert((*name).into(), h.as_str().into());
        }
        let mut v = json!({
            "uuid": self.uuid,
            "name": self.name,
            "ownerId": self.owner_id,
            "created": rfc3339_ms(self.created_ms),
            "autoUpdate": self.auto_update,
            "channel": {"uuid": self.channel.uuid, "name": self.channel.name},
            "generation": {"uuid": self.generation.uuid, "name": self.generation.name},
            "region": {"uuid": self.region.uuid, "name": self.region.name},
            "planType": {"uuid": self.plan.uuid, "name": self.plan.name},
            "links": self.links_json(),
            "status": Value::Object(status),
            "labels": [],
            "encryption": crate::settings::encryption_json(self),
            "k8sContext": {"uuid": self.region.uuid, "name": self.region.slug},
            "hardwarePackages": self.settings.hardware_packages.max(1),
        });
        let allowlist: Vec<Value> = self
            .ip_allowlist
            .iter()
            .map(|e| json!({"description": e.description, "ip": e.ip}))
            .collect();
        if let Some(obj) = v.as_object_mut() {
            if let Some(d) = &self.description {
                obj.insert("description".into(), d.clone().into());
            }
            if let Some(s) = &self.stage_label {
                obj.insert("stageLabel".into(), s.clone().into());
            }
            // Beyond the spec (it does not say how the cluster shows it): for tests.
            if let Some(b) = self.backup_region {
                obj.insert("backupRegionId".into(), b.into());
            }
            // Both names, as the live API does (`ipwhitelist` is the older one).
            obj.insert("ipallowlist".into(), Value::Array(allowlist.clone()));
            obj.insert("ipwhitelist".into(), Value::Array(allowlist));
        }
        v
    }
}

impl ClusterClient {
    /// A ClusterClient list item, with `uuid` and `createdAt` that the spec does not list.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "clientId": self.client_id,
            "permissions": self.permissions,
            "uuid": self.uuid,
            "createdAt": rfc3339_ms(self.created_ms),
        })
    }
}

/// The five cluster client permissions, in the API's order.
pub(crate) const CLIENT_PERMISSIONS: [&str; 5] =
    ["Zeebe", "Operate", "Tasklist", "Optimize", "Secrets"];

/// The last instant RFC 3339 can write (`9999-12-31T23:59:59.999Z`), in ms since the epoch.
const LAST_RFC3339_MS: u64 = 253_402_300_799_999;

/// `2026-01-15T10:00:00.123Z`: UTC, always with three fraction digits (`Rfc3339` alone would
/// leave out a zero fraction and trailing zeros). Instants after the year 9999, which only an
/// absurdly advanced sandbox clock reaches, are written as the last one RFC 3339 can hold.
pub(crate) fn rfc3339_ms(ms: u64) -> String {
    let ms = ms.min(LAST_RFC3339_MS);
    let whole_seconds = i64::try_from(ms / 1000)
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| t.format(&Rfc3339).ok());
    // In UTC, `Rfc3339` ends whole seconds with `Z`: put the milliseconds before it.
    match whole_seconds.as_deref().and_then(|s| s.strip_suffix('Z')) {
        Some(seconds) => format!("{seconds}.{:03}Z", ms % 1000),
        None => unreachable!("every instant up to the year 9999 has an RFC 3339 form"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_formats_known_instants() {
        assert_eq!(rfc3339_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339_ms(1_768_471_200_123), "2026-01-15T10:00:00.123Z");
        assert_eq!(rfc3339_ms(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339_ms(1_768_471_200_100), "2026-01-15T10:00:00.100Z");
        assert_eq!(rfc3339_ms(LAST_RFC3339_MS), "9999-12-31T23:59:59.999Z");
        assert_eq!(rfc3339_ms(u64::MAX), "9999-12-31T23:59:59.999Z");
    }

    #[test]
    fn rfc3339_output_parses_back_to_the_same_millisecond() {
        for ms in [
            0,
            999,
            1_000,
            1_768_471_200_123,
            951_782_400_000,
            LAST_RFC3339_MS,
        ] {
            let parsed = OffsetDateTime::parse(&rfc3339_ms(ms), &Rfc3339).unwrap();
            assert_eq!(parsed.unix_timestamp_nanos(), i128::from(ms) * 1_000_000);
        }
    }
}
