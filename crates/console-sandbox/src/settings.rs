//! A cluster's encryption (customer-managed keys on a BYOK cluster, `PUT …/encryption`) and
//! secure connectivity (AWS PrivateLink, `GET/POST/DELETE …/secure-connectivity`). Both are
//! Enterprise features of clusters in AWS regions; elsewhere they answer 403 naming the plan.

use serde_json::{json, Value};

use crate::api::enterprise_only;
use crate::clusters::cluster_not_found;
use crate::http::{Reply, Req};
use crate::model::{Cluster, Region};
use crate::state::{Inner, Shared};

/// The settings part of a cluster's state.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClusterSettings {
    /// Created with `encryption: External` (BYOK); otherwise Camunda's own (`Software`).
    pub(crate) external_encryption: bool,
    /// The KMS key ARNs set with `PUT …/encryption` (primary, secondary).
    pub(crate) keys: Option<(String, Option<String>)>,
    /// Active secure connectivity: (allowed principals, allowed regions).
    pub(crate) secure_connectivity: Option<(Vec<String>, Vec<String>)>,
    /// Hardware packages beyond the default one (`0` = the default, 1).
    pub(crate) hardware_packages: u64,
}

/// The region's code in its name, e.g. `eu-central-1` of "Frankfurt, Europe (eu-central-1)".
fn region_code(region: &Region) -> &str {
    region
        .name
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or(region.slug)
}

/// The cluster's `encryption` object.
pub(crate) fn encryption_json(c: &Cluster) -> Value {
    let s = &c.settings;
    if !s.external_encryption {
        return json!({ "type": "Software" });
    }
    let mut v = json!({
        "type": "External",
        "status": if s.keys.is_some() { "Ready" } else { "ExternalEncryptionKeyNotSupplied" },
    });
    if let Some((primary, secondary)) = &s.keys {
        v["primaryKeyArn"] = primary.as_str().into();
        if let Some(secondary) = secondary {
            v["secondaryKeyArn"] = secondary.as_str().into();
        }
    }
    v
}

/// 403 unless the organization is Enterprise and the cluster is in an AWS region.
fn aws_enterprise(shared: &Shared, c: &Cluster, feature: &str) -> Option<Reply> {
    enterprise_only(shared, feature).or_else(|| {
        (c.region.provider != "aws").then(|| {
            Reply::message(
                403,
                &format!("{feature} is only available on the Enterprise plan for clusters in AWS regions"),
            )
        })
    })
}

/// Whether `arn` is an AWS KMS key ARN in `region`: `arn:aws:kms:<region>:<12 digits>:key/<id>`.
fn kms_key_in(arn: &str, region: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(
        parts.as_slice(),
        ["arn", "aws", "kms", r, account, resource]
            if *r == region
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && resource.strip_prefix("key/").is_some_and(|id| !id.is_empty())
    )
}

pub(crate) fn set_encryption(
    shared: &Shared,
    inner: &mut Inner,
    id: &str,
    req: &Req,
    now_ms: u64,
) -> Reply {
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    if let Some(reply) = aws_enterprise(shared, c, "External encryption") {
        return reply;
    }
    if !c.settings.external_encryption {
        return Reply::message(409, "Cluster is not configured for external encryption");
    }
    let obj = match req.json_object() {
        Ok(o) => o,
        Err(reply) => return reply,
    };
    let region = region_code(c.region).to_string();
    let primary = match obj.get("primaryEncryptionKeyId") {
        Some(Value::String(p)) if kms_key_in(p, &region) => p.clone(),
        Some(Value::String(p)) => {
            return Reply::message(
                400,
                &format!("primaryEncryptionKeyId '{p}' is not an AWS KMS key ARN in {region}"),
            )
        }
        _ => return Reply::message(400, "primaryEncryptionKeyId is required"),
    };
    // The sandbox's clusters are single-region.
    if obj
        .get("secondaryEncryptionKeyId")
        .is_some_and(|v| !v.is_null())
    {
        return Reply::message(
            400,
            "secondaryEncryptionKeyId must be omitted for single-region clusters",
        );
    }
    c.settings.keys = Some((primary, None));
    Reply::json(200, &c.to_json(now_ms))
}

pub(crate) fn get_secure_connectivity(shared: &Shared, inner: &Inner, id: &str) -> Reply {
    let Some(c) = inner.find_cluster(id) else {
        return cluster_not_found();
    };
    if let Some(reply) = aws_enterprise(shared, c, "Secure connectivity") {
        return reply;
    }
    let Some((principals, regions)) = &c.settings.secure_connectivity else {
        return Reply::json(200, &json!({ "status": {} }));
    };
    let code = region_code(c.region);
    let service = format!(
        "com.amazonaws.vpce.{code}.vpce-svc-{}",
        &c.uuid.replace('-', "")[..17]
    );
    Reply::json(
        200,
        &json!({ "status": {
            "metadata": { "name": format!("{}-privatelink", c.uuid), "namespace": c.region.slug, "labels": { "orgId": "sandbox" } },
            "spec": { "cluster": { "id": c.uuid }, "allowedPrincipals": principals, "allowedRegions": regions },
            "status": {
                "endpoint": {
                    "serviceName": service,
                    "privateDnsName": format!("{}.{}.privatelink.camunda.io", c.uuid, c.region.slug),
                    "region": code,
                    "type": "Interface",
                },
                "urls": "",
                "endpointConnectionCount": 0,
                "conditions": [{
                    "type": "Ready", "reason": "EndpointServiceAvailable",
                    "message": "The endpoint service accepts connections from the allowed principals",
                    "lastTransitionTime": "2026-01-01T00:00:00Z", "observedGeneration": 1,
                }],
            },
        } }),
    )
}

/// A JSON array of non-empty strings (each trimmed), or the 400 saying what is wrong.
fn strings(obj: &serde_json::Map<String, Value>, key: &str) -> Result<Vec<String>, Reply> {
    let bad = || Reply::message(400, &format!("{key} must be an array of strings"));
    let Some(Value::Array(items)) = obj.get(key) else {
        return Err(bad());
    };
    items
        .iter()
        .map(|v| match v {
            Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            _ => Err(bad()),
        })
        .collect()
}

pub(crate) fn activate_secure_connectivity(
    shared: &Shared,
    inner: &mut Inner,
    id: &str,
    req: &Req,
) -> Reply {
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    if let Some(reply) = aws_enterprise(shared, c, "Secure connectivity") {
        return reply;
    }
    if c.settings.secure_connectivity.is_some() {
        return Reply::message(409, "Secure Connectivity already activated");
    }
    let result = req.json_object().and_then(|obj| {
        let principals = strings(&obj, "allowedPrincipals")?;
        let regions = strings(&obj, "allowedRegions")?;
        if principals.is_empty() {
            return Err(Reply::message(
                400,
                "allowedPrincipals must name at least one AWS principal",
            ));
        }
        if let Some(p) = principals.iter().find(|p| !p.starts_with("arn:aws:iam::")) {
            return Err(Reply::message(
                400,
                &format!("'{p}' is not an AWS IAM principal ARN"),
            ));
        }
        Ok((principals, regions))
    });
    match result {
        Ok(settings) => {
            c.settings.secure_connectivity = Some(settings);
            Reply::empty(204)
        }
        Err(reply) => reply,
    }
}

pub(crate) fn deactivate_secure_connectivity(
    shared: &Shared,
    inner: &mut Inner,
    id: &str,
) -> Reply {
    let Some(c) = inner.find_cluster_mut(id) else {
        return cluster_not_found();
    };
    if let Some(reply) = aws_enterprise(shared, c, "Secure connectivity") {
        return reply;
    }
    if c.settings.secure_connectivity.take().is_none() {
        return Reply::message(409, "Secure Connectivity not activated");
    }
    Reply::empty(204)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kms_key_arns_in_the_clusters_region() {
        let ok = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        assert!(kms_key_in(ok, "eu-central-1"));
        assert!(!kms_key_in(ok, "us-east-1"), "another region");
        for bad in [
            "arn:aws:kms:eu-central-1:12345678901:key/x",
            "arn:aws:kms:eu-central-1:123456789012:alias/x",
            "arn:aws:kms:eu-central-1:123456789012:key/",
            "arn:aws:s3:eu-central-1:123456789012:key/x",
            "key/x",
        ] {
            assert!(!kms_key_in(bad, "eu-central-1"), "{bad}");
        }
    }
}
