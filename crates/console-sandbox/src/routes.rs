//! The route table: which operation a method and (normalized) path are, and the counter key of
//! each route.

use hyper::Method;

use crate::http::percent_decode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Op {
    ListClusters,
    CreateCluster,
    Parameters,
    GetCluster(String),
    DeleteCluster(String),
    UpdateCluster(String),
    WakeCluster(String),
    UpgradeCluster(String),
    ListClients(String),
    CreateClient(String),
    GetClient(String, String),
    DeleteClient(String, String),
    /// `PUT …/ipallowlist` (`legacy`: the older `…/ipwhitelist`, whose body says `ipwhitelist`).
    SetIpAllowlist {
        cluster: String,
        legacy: bool,
    },
    IpRanges,
    ListMembers,
    SetMember(String),
    RemoveMember(String),
    ActivityJson,
    ActivityCsv,
    SetEncryption(String),
    GetSecureConnectivity(String),
    ActivateSecureConnectivity(String),
    DeactivateSecureConnectivity(String),
    ActivateMonitoring(String),
    DeactivateMonitoring(String),
    ListMonitoringClients(String),
    CreateMonitoringClient(String),
    DeleteMonitoringClient(String, String),
    RotateMonitoringClient(String, String),
    ListBackups(String),
    CreateBackup(String),
    DeleteBackup(String, String),
    GetRestore(String, String),
    Restore(String, String),
    ListSecrets(String),
    CreateSecret(String),
    UpdateSecret(String, String),
    DeleteSecret(String, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    Token,
    Api(Op),
    MethodNotAllowed,
    NotFound,
}

impl Route {
    /// The counter key, e.g. "GET /clusters/{id}".
    pub(crate) fn key(&self) -> Option<&'static str> {
        Some(match self {
            Route::Token => "POST /oauth/token",
            Route::Api(op) => match op {
                Op::ListClusters => "GET /clusters",
                Op::CreateCluster => "POST /clusters",
                Op::Parameters => "GET /clusters/parameters",
                Op::GetCluster(_) => "GET /clusters/{id}",
                Op::DeleteCluster(_) => "DELETE /clusters/{id}",
                Op::UpdateCluster(_) => "PATCH /clusters/{id}",
                Op::WakeCluster(_) => "PUT /clusters/{id}/wake",
                Op::UpgradeCluster(_) => "PUT /clusters/{id}/upgrade",
                Op::ListClients(_) => "GET /clusters/{id}/clients",
                Op::CreateClient(_) => "POST /clusters/{id}/clients",
                Op::GetClient(..) => "GET /clusters/{id}/clients/{clientId}",
                Op::DeleteClient(..) => "DELETE /clusters/{id}/clients/{clientId}",
                Op::SetIpAllowlist { legacy: false, .. } => "PUT /clusters/{id}/ipallowlist",
                Op::SetIpAllowlist { legacy: true, .. } => "PUT /clusters/{id}/ipwhitelist",
                Op::IpRanges => "GET /meta/ip-ranges",
                Op::ListMembers => "GET /members",
                Op::SetMember(_) => "POST /members/{email}",
                Op::RemoveMember(_) => "DELETE /members/{email}",
                Op::ActivityJson => "GET /activity/json",
                Op::ActivityCsv => "GET /activity/csv",
                Op::SetEncryption(_) => "PUT /clusters/{id}/encryption",
                Op::GetSecureConnectivity(_) => "GET /clusters/{id}/secure-connectivity",
                Op::ActivateSecureConnectivity(_) => "POST /clusters/{id}/secure-connectivity",
                Op::DeactivateSecureConnectivity(_) => "DELETE /clusters/{id}/secure-connectivity",
                Op::ActivateMonitoring(_) => "POST /clusters/{id}/monitoring",
                Op::DeactivateMonitoring(_) => "DELETE /clusters/{id}/monitoring",
                Op::ListMonitoringClients(_) => "GET /clusters/{id}/monitoring/clients",
                Op::CreateMonitoringClient(_) => "POST /clusters/{id}/monitoring/clients",
                Op::DeleteMonitoringClient(..) => {
                    "DELETE /clusters/{id}/monitoring/clients/{clientUuid}"
                }
                Op::RotateMonitoringClient(..) => {
                    "POST /clusters/{id}/monitoring/clients/{clientUuid}/rotate"
                }
                Op::ListBackups(_) => "GET /clusters/{id}/backups",
                Op::CreateBackup(_) => "POST /clusters/{id}/backups",
                Op::DeleteBackup(..) => "DELETE /clusters/{id}/backups/{backupId}",
                Op::GetRestore(..) => "GET /clusters/{id}/backups/{backupId}/restore",
                Op::Restore(..) => "POST /clusters/{id}/backups/{backupId}/restore",
                Op::ListSecrets(_) => "GET /clusters/{id}/secrets",
                Op::CreateSecret(_) => "POST /clusters/{id}/secrets",
                Op::UpdateSecret(..) => "PUT /clusters/{id}/secrets/{name}",
                Op::DeleteSecret(..) => "DELETE /clusters/{id}/secrets/{name}",
            },
            Route::MethodNotAllowed | Route::NotFound => return None,
        })
    }
}

/// Which route a (normalized, trailing-slash-free) path is.
pub(crate) fn classify(method: &Method, path: &str) -> Route {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let m = method.clone();
    let pick = |allowed: &[(Method, Op)]| -> Route {
        allowed
            .iter()
            .find(|(am, _)| *am == m)
            .map(|(_, op)| Route::Api(op.clone()))
            .unwrap_or(Route::MethodNotAllowed)
    };
    match segs.as_slice() {
        ["oauth", "token"] => {
            if m == Method::POST {
                Route::Token
            } else {
                Route::MethodNotAllowed
            }
        }
        ["clusters"] => pick(&[
            (Method::GET, Op::ListClusters),
            (Method::POST, Op::CreateCluster),
        ]),
        ["clusters", "parameters"] if m == Method::GET => Route::Api(Op::Parameters),
        ["clusters", id] => {
            let id = percent_decode(id);
            pick(&[
                (Method::GET, Op::GetCluster(id.clone())),
                (Method::DELETE, Op::DeleteCluster(id.clone())),
                (Method::PATCH, Op::UpdateCluster(id)),
            ])
        }
        ["clusters", id, "wake"] => pick(&[(Method::PUT, Op::WakeCluster(percent_decode(id)))]),
        ["clusters", id, "upgrade"] => {
            pick(&[(Method::PUT, Op::UpgradeCluster(percent_decode(id)))])
        }
        ["clusters", id, "clients"] => {
            let id = percent_decode(id);
            pick(&[
                (Method::GET, Op::ListClients(id.clone())),
                (Method::POST, Op::CreateClient(id)),
            ])
        }
        ["clusters", id, "clients", client] => {
            let (id, client) = (percent_decode(id), percent_decode(client));
            pick(&[
                (Method::GET, Op::GetClient(id.clone(), client.clone())),
                (Method::DELETE, Op::DeleteClient(id, client)),
            ])
        }
        ["clusters", id, list @ ("ipallowlist" | "ipwhitelist")] => pick(&[(
            Method::PUT,
            Op::SetIpAllowlist {
                cluster: percent_decode(id),
                legacy: *list == "ipwhitelist",
            },
        )]),
        ["clusters", id, "encryption"] => {
            pick(&[(Method::PUT, Op::SetEncryption(percent_decode(id)))])
        }
        ["clusters", id, "secure-connectivity"] => {
            let id = percent_decode(id);
            pick(&[
                (Method::GET, Op::GetSecureConnectivity(id.clone())),
                (Method::POST, Op::ActivateSecureConnectivity(id.clone())),
                (Method::DELETE, Op::DeactivateSecureConnectivity(id)),
            ])
        }
        ["clusters", id, "monitoring"] => {
            let id = percent_decode(id);
            pick(&[
                (Method::POST, Op::ActivateMonitoring(id.clone())),
                (Method::DELETE, Op::DeactivateMonitoring(id)),
            ])
        }
        ["clusters", id, "monitoring", "clients"] => {
            let id = percent_decode(id);
            pick(&[
                (Method::GET, Op::ListMonitoringClients(id.clone())),
                (Method::POST, Op::CreateMonitoringClient(id)),
            ])
        }
        ["clusters", id, "monitoring", "clients", client] => pick(&[(
            Method::DELETE,
            Op::DeleteMonitoringClient(percent_decode(id), percent_decode(client)),
        )]),
        ["clusters", id, "monitoring", "clients", client, "rotate"] => pick(&[(
            Method::POST,
            Op::RotateMonitoringClient(percent_decode(id), percent_decode(client)),
        )]),
        ["clusters", id, "backups"] => {
            let id = percent_decode(id);
            pick(&[
                (Method::GET, Op::ListBackups(id.clone())),
                (Method::POST, Op::CreateBackup(id)),
            ])
        }
        ["clusters", id, "backups", backup] => pick(&[(
            Method::DELETE,
            Op::DeleteBackup(percent_decode(id), percent_decode(backup)),
        )]),
        ["clusters", id, "backups", backup, "restore"] => {
            let (id, backup) = (percent_decode(id), percent_decode(backup));
            pick(&[
                (Method::GET, Op::GetRestore(id.clone(), backup.clone())),
                (Method::POST, Op::Restore(id, backup)),
            ])
        }
        ["clusters", id, "secrets"] => {
            let id = percent_decode(id);
            pick(&[
                (Method::GET, Op::ListSecrets(id.clone())),
                (Method::POST, Op::CreateSecret(id)),
            ])
        }
        ["clusters", id, "secrets", name] => {
            let (id, name) = (percent_decode(id), percent_decode(name));
            pick(&[
                (Method::PUT, Op::UpdateSecret(id.clone(), name.clone())),
                (Method::DELETE, Op::DeleteSecret(id, name)),
            ])
        }
        ["meta", "ip-ranges"] => pick(&[(Method::GET, Op::IpRanges)]),
        ["members"] => pick(&[(Method::GET, Op::ListMembers)]),
        ["members", email] => {
            let email = percent_decode(email);
            pick(&[
                (Method::POST, Op::SetMember(email.clone())),
                (Method::DELETE, Op::RemoveMember(email)),
            ])
        }
        ["activity", "json"] => pick(&[(Method::GET, Op::ActivityJson)]),
        ["activity", "csv"] => pick(&[(Method::GET, Op::ActivityCsv)]),
        _ => Route::NotFound,
    }
}
