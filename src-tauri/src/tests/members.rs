//! Members and activity commands on the built-in Sandbox.

use serde_json::{json, Value};

use super::*;
use crate::error::ErrorKind;

#[test]
fn invite_change_remove_and_find_it_all_in_the_activity_log() {
    let h = Harness::new("members");
    let members: Value = h.ok("list_members", json!({}));
    let list = members.as_array().unwrap();
    assert_eq!(
        list[0]["name"], "Ada Lovelace",
        "members by name: {members}"
    );
    assert_eq!(list[1]["owner"], true, "{members}");
    assert_eq!(
        list.last().unwrap()["invitePending"],
        true,
        "invitations last"
    );
    let roles: Value = h.ok("member_roles", json!({}));
    assert_eq!(
        roles[0],
        json!({ "id": "admin", "label": "Admin", "legacy": false })
    );

    let _: Value = h.ok(
        "set_member_roles",
        json!({ "email": " grace@example.com ", "roles": ["developer"] }),
    );
    let _: Value = h.ok(
        "set_member_roles",
        json!({ "email": "grace@example.com", "roles": ["admin", "analyst"] }),
    );
    let members: Value = h.ok("list_members", json!({}));
    let grace = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "grace@example.com")
        .expect("invited");
    assert_eq!(grace["roles"], json!(["admin", "analyst"]));
    for (email, roles, says) in [
        ("nobody", json!(["admin"]), "not an email address"),
        ("a@b.co", json!([]), "at least one role"),
        (
            "a@b.co",
            json!(["owner"]),
            "not a role a member can be given",
        ),
    ] {
        let e = h.err(
            "set_member_roles",
            json!({ "email": email, "roles": roles }),
        );
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        assert!(e.message.contains(says), "{email}: {}", e.message);
    }
    let owner = list[1]["email"].as_str().unwrap().to_string();
    let e = h.err("remove_member", json!({ "email": owner }));
    assert!(
        e.message.contains("owner cannot be removed"),
        "{}",
        e.message
    );

    let _: Value = h.ok("remove_member", json!({ "email": "grace@example.com" }));
    let e = h.err("remove_member", json!({ "email": "grace@example.com" }));
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert!(e.message.contains("is not a member"), "{}", e.message);

    let log: Value = h.ok("list_activity", json!({}));
    let events = log["events"].as_array().unwrap();
    let mine: Vec<&str> = events
        .iter()
        .filter(|e| e["entityId"] == "grace@example.com")
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(mine, ["delete", "update", "update"], "newest first: {log}");
    assert!(events[0]["time"].as_str().unwrap().ends_with('Z'));

    let target = h.dir.join("activity.csv");
    *h.platform.save_path.lock() = Some(target.clone());
    let saved: Option<String> = h.ok("save_activity_csv", json!({}));
    assert_eq!(saved.as_deref(), Some(target.to_str().unwrap()));
    let csv = std::fs::read_to_string(&target).unwrap();
    assert!(csv.starts_with("timestamp,service,auditType"), "{csv}");
    assert!(csv.contains("grace@example.com"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn invite_and_remove_one_person_in_several_organizations() {
    let remote = external_sandbox();
    let h = Harness::new("members-many");
    let acme = add_org(&h, "Acme", &remote);
    let posts = |s: &Sandbox| {
        s.counters()
            .routes
            .get("POST /members/{email}")
            .copied()
            .unwrap_or(0)
    };
    let emails = |h: &Harness| -> Vec<String> {
        let list: Value = h.ok("list_members", json!({}));
        list.as_array()
            .unwrap()
            .iter()
            .map(|m| m["email"].as_str().unwrap().to_string())
            .collect()
    };

    // Checked before anything is sent.
    let e = h.err(
        "invite_member_in",
        json!({ "organizationIds": ["sandbox", acme], "email": "nobody", "roles": ["admin"] }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert_eq!(posts(&remote), 0);

    // A repeated id is sent once; an unknown one fails alone.
    let out: Value = h.ok(
        "invite_member_in",
        json!({ "organizationIds": ["sandbox", acme, acme, "org-gone"],
                "email": " lin@example.com ", "roles": ["analyst"] }),
    );
    let out = out.as_array().unwrap();
    assert_eq!(out.len(), 3, "{out:?}");
    assert_eq!(out[0]["organizationName"], "Sandbox");
    assert!(
        out[0]["error"].is_null() && out[1]["error"].is_null(),
        "{out:?}"
    );
    assert_eq!(out[1]["organizationName"], "Acme");
    assert_eq!(out[2]["error"]["kind"], "no_organization");
    assert_eq!(posts(&remote), 1, "Acme was sent the invitation once");
    assert!(
        emails(&h).contains(&"lin@example.com".to_string()),
        "in Acme (active)"
    );
    h.ok::<Value>("set_active_organization", json!({ "id": "sandbox" }));
    assert!(
        emails(&h).contains(&"lin@example.com".to_string()),
        "in the Sandbox"
    );

    // Removed from Acme only; removing again says it is not a member there, and goes on.
    let out: Value = h.ok(
        "remove_member_in",
        json!({ "organizationIds": [acme], "email": "lin@example.com" }),
    );
    assert!(out[0]["error"].is_null(), "{out}");
    let out: Value = h.ok(
        "remove_member_in",
        json!({ "organizationIds": [acme, "sandbox"], "email": "lin@example.com" }),
    );
    assert_eq!(out[0]["error"]["kind"], "not_found", "{out}");
    assert!(out[1]["error"].is_null(), "{out}");
    assert!(!emails(&h).contains(&"lin@example.com".to_string()));
    let e = h.err(
        "remove_member_in",
        json!({ "organizationIds": [], "email": "lin@example.com" }),
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
}
