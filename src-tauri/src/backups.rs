//! Backups as the app shows them, and the Console's rule of one manual backup per 15 minutes,
//! said before the request fails.

use std::time::Duration;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::dto::{BackupView, ComponentStatus, RestoreView};

/// The Console allows one manual backup per this long.
pub const BACKUP_INTERVAL: Duration = Duration::from_secs(15 * 60);

fn parse(ts: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(ts, &Rfc3339).ok()
}

fn format(t: OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// When the next manual backup may be made, if that is after `now`: 15 minutes after the
/// newest backup's start.
pub fn next_backup_at(backups: &[console_api::Backup], now: OffsetDateTime) -> Option<String> {
    let newest = backups
        .iter()
        .filter_map(|b| b.created.as_deref().and_then(parse))
        .max()?;
    let next = newest + BACKUP_INTERVAL;
    (next > now).then(|| format(next))
}

pub fn backup_view(b: &console_api::Backup) -> BackupView {
    let parts = [
        ("Zeebe", &b.zeebe_status),
        ("Operate", &b.operate_status),
        ("Tasklist", &b.tasklist_status),
        ("Optimize", &b.optimize_status),
    ];
    BackupView {
        id: b.uuid.clone(),
        name: b.name.clone(),
        created: b.created.clone(),
        completed: b.completed.clone(),
        status: b.status.clone().unwrap_or_else(|| "-".into()),
        components: parts
            .into_iter()
            .filter_map(|(component, s)| {
                s.as_ref().map(|status| ComponentStatus {
                    component: component.into(),
                    status: status.clone(),
                })
            })
            .collect(),
        generation: b.generation_name.clone(),
    }
}

pub fn restore_view(r: &console_api::Restore) -> RestoreView {
    RestoreView {
        id: r.uuid.clone(),
        backup_id: r.backup_id.clone(),
        state: r.state.clone(),
        started: r.start_timestamp.clone(),
        completed: r.completion_timestamp.clone(),
        finished: matches!(r.state.as_str(), "COMPLETED" | "FAILED" | "ABORTED"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backup(created: Option<&str>) -> console_api::Backup {
        console_api::Backup {
            uuid: "b".into(),
            name: "n".into(),
            created: created.map(Into::into),
            completed: None,
            status: None,
            zeebe_status: Some("Complete".into()),
            operate_status: None,
            tasklist_status: None,
            optimize_status: None,
            generation_name: None,
        }
    }

    #[test]
    fn one_backup_per_fifteen_minutes_from_the_newest() {
        let now = parse("2026-12-03T10:00:00Z").unwrap();
        assert_eq!(next_backup_at(&[], now), None);
        let old = backup(Some("2026-12-03T09:40:00Z"));
        let recent = backup(Some("2026-12-03T09:50:00.123Z"));
        assert_eq!(next_backup_at(std::slice::from_ref(&old), now), None);
        assert_eq!(
            next_backup_at(&[old, recent, backup(None), backup(Some("garbage"))], now),
            Some("2026-12-03T10:05:00Z".into())
        );
    }

    #[test]
    fn views_keep_unknown_statuses_and_only_reported_components() {
        let mut b = backup(None);
        b.status = Some("Archived".into());
        let v = backup_view(&b);
        assert_eq!(v.status, "Archived");
        assert_eq!(v.components.len(), 1);
        assert_eq!(backup_view(&backup(None)).status, "-");
    }
}
