//! The inventory export of the overview: every cluster of every organization (and optionally
//! their API clients — names, ids and permissions, never a secret) as CSV or JSON, with the time
//! it was taken.

use serde::Serialize;

use crate::dto::{ClientView, ClusterSummary, Overview};
use crate::error::AppError;

/// The API clients of one cluster, or why they could not be listed.
pub struct ClusterClients {
    pub clients: Vec<ClientView>,
    pub error: Option<AppError>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonInventory<'a> {
    taken_at: &'a str,
    organizations: Vec<JsonOrg<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonOrg<'a> {
    id: &'a str,
    name: &'a str,
    production: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    clusters: Vec<JsonCluster<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonCluster<'a> {
    id: &'a str,
    name: &'a str,
    status: String,
    generation: Option<&'a str>,
    channel: Option<&'a str>,
    region: Option<&'a str>,
    plan: Option<&'a str>,
    stage_label: Option<&'a str>,
    created: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clients: Option<&'a [ClientView]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clients_error: Option<&'a str>,
}

fn status(c: &ClusterSummary) -> String {
    c.state.0.clone()
}

/// `clients[i][j]`: the clients of cluster `j` of organization `i` (`None`: not asked for).
pub fn to_json(overview: &Overview, clients: Option<&[Vec<ClusterClients>]>) -> String {
    let organizations = overview
        .organizations
        .iter()
        .enumerate()
        .map(|(i, org)| JsonOrg {
            id: &org.organization_id,
            name: &org.organization_name,
            production: org.production,
            error: org.error.as_ref().map(|e| e.message.as_str()),
            clusters: org
                .clusters
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    let listed = clients.and_then(|all| all.get(i)).and_then(|o| o.get(j));
                    JsonCluster {
                        id: &c.id,
                        name: &c.name,
                        status: status(c),
                        generation: c.generation.as_deref(),
                        channel: c.channel.as_deref(),
                        region: c.region.as_deref(),
                        plan: c.plan_type.as_deref(),
                        stage_label: c.stage_label.as_deref(),
                        created: c.created.as_deref(),
                        clients: listed.map(|l| l.clients.as_slice()),
                        clients_error: listed
                            .and_then(|l| l.error.as_ref().map(|e| e.message.as_str())),
                    }
                })
                .collect(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&JsonInventory {
        taken_at: &overview.fetched_at,
        organizations,
    })
    .unwrap_or_default();
    text.push('\n');
    text
}

const CLUSTER_COLUMNS: [&str; 13] = [
    "taken_at",
    "organization",
    "organization_id",
    "production",
    "cluster",
    "cluster_id",
    "status",
    "generation",
    "channel",
    "region",
    "plan",
    "stage_label",
    "created",
];
const CLIENT_COLUMNS: [&str; 3] = ["client", "client_id", "client_permissions"];

/// One field of a CSV row: quoted when it holds a comma, quote or line break; a value a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn row(out: &mut String, values: &[&str]) {
    let line: Vec<String> = values.iter().map(|v| field(v)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// One row per cluster (per client with `clients`); an organization that could not be listed
/// gets one row with its error, as does a cluster whose clients could not be listed. The last
/// column is `error`.
pub fn to_csv(overview: &Overview, clients: Option<&[Vec<ClusterClients>]>) -> String {
    let mut out = String::new();
    let mut header: Vec<&str> = CLUSTER_COLUMNS.to_vec();
    if clients.is_some() {
        header.extend(CLIENT_COLUMNS);
    }
    header.push("error");
    row(&mut out, &header);
    let with_clients = clients.is_some();
    for (i, org) in overview.organizations.iter().enumerate() {
        let production = if org.production { "yes" } else { "no" };
        let org_cols = |cluster: Option<&ClusterSummary>, status: &str| -> Vec<String> {
            let c = cluster;
            let opt = |f: fn(&ClusterSummary) -> Option<&String>| {
                c.and_then(f).cloned().unwrap_or_default()
            };
            vec![
                overview.fetched_at.clone(),
                org.organization_name.clone(),
                org.organization_id.clone(),
                production.to_string(),
                c.map(|c| c.name.clone()).unwrap_or_default(),
                c.map(|c| c.id.clone()).unwrap_or_default(),
                status.to_string(),
                opt(|c| c.generation.as_ref()),
                opt(|c| c.channel.as_ref()),
                opt(|c| c.region.as_ref()),
                opt(|c| c.plan_type.as_ref()),
                opt(|c| c.stage_label.as_ref()),
                opt(|c| c.created.as_ref()),
            ]
        };
        let blank_clients = || -> Vec<String> {
            if with_clients {
                vec![String::new(); CLIENT_COLUMNS.len()]
            } else {
                Vec::new()
            }
        };
        let emit = |out: &mut String, mut cols: Vec<String>, error: &str| {
            cols.push(error.to_string());
            let refs: Vec<&str> = cols.iter().map(String::as_str).collect();
            row(out, &refs);
        };
        if let Some(e) = &org.error {
            let mut cols = org_cols(None, "");
            cols.extend(blank_clients());
            emit(&mut out, cols, &e.message);
            continue;
        }
        for (j, c) in org.clusters.iter().enumerate() {
            let base = org_cols(Some(c), &status(c));
            let listed = clients.and_then(|all| all.get(i)).and_then(|o| o.get(j));
            match listed {
                None => {
                    let mut cols = base;
                    cols.extend(blank_clients());
                    emit(&mut out, cols, "");
                }
                Some(l) if l.error.is_some() || l.clients.is_empty() => {
                    let mut cols = base;
                    cols.extend(blank_clients());
                    let error = l.error.as_ref().map(|e| e.message.as_str()).unwrap_or("");
                    emit(&mut out, cols, error);
                }
                Some(l) => {
                    for client in &l.clients {
                        let mut cols = base.clone();
                        cols.push(client.name.clone());
                        cols.push(client.client_id.clone());
                        cols.push(client.permissions.join(" "));
                        emit(&mut out, cols, "");
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::{ClusterState, OrgClusters, OrgColor};
    use crate::error::ErrorKind;

    fn summary(id: &str, name: &str) -> ClusterSummary {
        ClusterSummary {
            id: id.into(),
            name: name.into(),
            state: ClusterState("Healthy".into()),
            components: Vec::new(),
            generation: Some("Camunda 8.7".into()),
            channel: Some("Stable".into()),
            region: Some("Belgium, Europe (europe-west1)".into()),
            plan_type: Some("Professional".into()),
            created: Some("2026-01-15T10:00:00Z".into()),
            stage_label: Some("prod".into()),
        }
    }

    fn overview() -> Overview {
        Overview {
            organizations: vec![
                OrgClusters {
                    organization_id: "org-1".into(),
                    organization_name: "Acme, \"EU\"".into(),
                    color: OrgColor::Red,
                    production: true,
                    clusters: vec![
                        summary("c1", "orders-prod"),
                        summary("c2", "=HYPERLINK(\"x\")"),
                    ],
                    error: None,
                    kept_at: None,
                },
                OrgClusters {
                    organization_id: "org-2".into(),
                    organization_name: "Gone".into(),
                    color: OrgColor::Teal,
                    production: false,
                    clusters: Vec::new(),
                    error: Some(AppError::new(
                        ErrorKind::Network,
                        "Could not reach Camunda.",
                    )),
                    kept_at: None,
                },
            ],
            fetched_at: "2026-12-04T09:14:00Z".into(),
        }
    }

    #[test]
    fn csv_quotes_defuses_formulas_and_names_failures() {
        let csv = to_csv(&overview(), None);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "taken_at,organization,organization_id,production,cluster,cluster_id,status,generation,channel,region,plan,stage_label,created,error"
        );
        assert_eq!(
            lines[1],
            "2026-12-04T09:14:00Z,\"Acme, \"\"EU\"\"\",org-1,yes,orders-prod,c1,Healthy,Camunda 8.7,Stable,\"Belgium, Europe (europe-west1)\",Professional,prod,2026-01-15T10:00:00Z,"
        );
        assert!(
            lines[2].contains(",\"'=HYPERLINK(\"\"x\"\")\",c2,"),
            "{}",
            lines[2]
        );
        assert_eq!(
            lines[3],
            "2026-12-04T09:14:00Z,Gone,org-2,no,,,,,,,,,,Could not reach Camunda."
        );
        assert_eq!(lines[4], "");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn csv_and_json_with_clients() {
        let ov = overview();
        let clients = vec![
            vec![
                ClusterClients {
                    clients: vec![
                        ClientView {
                            name: "worker".into(),
                            client_id: "w-id".into(),
                            permissions: vec!["Zeebe".into(), "Operate".into()],
                        },
                        ClientView {
                            name: "ci".into(),
                            client_id: "ci-id".into(),
                            permissions: Vec::new(),
                        },
                    ],
                    error: None,
                },
                ClusterClients {
                    clients: Vec::new(),
                    error: Some(AppError::new(ErrorKind::Forbidden, "No permission.")),
                },
            ],
            Vec::new(),
        ];
        let csv = to_csv(&ov, Some(&clients));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].ends_with(",created,client,client_id,client_permissions,error"));
        assert!(
            lines[1].ends_with(",worker,w-id,Zeebe Operate,"),
            "{}",
            lines[1]
        );
        assert!(lines[2].ends_with(",ci,ci-id,,"), "{}", lines[2]);
        assert!(lines[3].ends_with(",,,,No permission."), "{}", lines[3]);
        assert!(
            lines[4].ends_with(",,,,Could not reach Camunda."),
            "{}",
            lines[4]
        );

        let json: serde_json::Value = serde_json::from_str(&to_json(&ov, Some(&clients))).unwrap();
        assert_eq!(json["takenAt"], "2026-12-04T09:14:00Z");
        let c1 = &json["organizations"][0]["clusters"][0];
        assert_eq!(c1["status"], "Healthy");
        assert_eq!(c1["clients"][0]["clientId"], "w-id");
        assert_eq!(
            json["organizations"][0]["clusters"][1]["clientsError"],
            "No permission."
        );
        assert_eq!(
            json["organizations"][1]["error"],
            "Could not reach Camunda."
        );
        // Without clients, no clients key at all.
        let plain: serde_json::Value = serde_json::from_str(&to_json(&ov, None)).unwrap();
        assert!(plain["organizations"][0]["clusters"][0]
            .get("clients")
            .is_none());
    }
}
