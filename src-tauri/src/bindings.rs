//! TypeScript bindings for every UI-facing type, generated with ts-rs into `ui/src/api/bindings/`.
//!
//! `cargo test -p skep bindings` fails when the committed files are stale;
//! `UPDATE_BINDINGS=1 cargo test -p skep bindings` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, ExportError, TS};

use crate::dto::*;

/// Export every UI-facing type (and what it references) into `dir`, one file per type.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    let cfg = Config::new().with_out_dir(dir);
    AppError::export_all(&cfg)?;
    ErrorKind::export_all(&cfg)?;
    OrganizationKind::export_all(&cfg)?;
    SecretStorage::export_all(&cfg)?;
    ApiPermission::export_all(&cfg)?;
    Organization::export_all(&cfg)?;
    OrganizationsState::export_all(&cfg)?;
    OrganizationInput::export_all(&cfg)?;
    CredentialsPreview::export_all(&cfg)?;
    ConnectionReport::export_all(&cfg)?;
    ClusterState::export_all(&cfg)?;
    ComponentStatus::export_all(&cfg)?;
    ClusterLinks::export_all(&cfg)?;
    ClusterView::export_all(&cfg)?;
    ClusterSummary::export_all(&cfg)?;
    ClusterList::export_all(&cfg)?;
    Named::export_all(&cfg)?;
    ChannelOption::export_all(&cfg)?;
    RegionOption::export_all(&cfg)?;
    ClusterParameters::export_all(&cfg)?;
    CreateClusterInput::export_all(&cfg)?;
    ClientView::export_all(&cfg)?;
    OrgClient::export_all(&cfg)?;
    ClusterFailure::export_all(&cfg)?;
    AllClients::export_all(&cfg)?;
    ClientDetails::export_all(&cfg)?;
    CreateClientInput::export_all(&cfg)?;
    CreatedClient::export_all(&cfg)?;
    SecretField::export_all(&cfg)?;
    SaveFormat::export_all(&cfg)?;
    Ok(())
}

/// The committed bindings folder.
pub fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/bindings")
}

/// `*.ts` files of a folder, by name.
pub fn read_ts_files(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".ts") {
            files.insert(name, std::fs::read_to_string(entry.path())?);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_up_to_date() {
        let tmp = std::env::temp_dir().join(format!(
            "skep-bindings-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        export_all(&tmp).unwrap();
        let fresh = read_ts_files(&tmp).unwrap();
        std::fs::remove_dir_all(&tmp).unwrap();
        assert!(fresh.contains_key("AppError.ts") && fresh.contains_key("CreatedClient.ts"));

        let dir = committed_dir();
        if std::env::var("UPDATE_BINDINGS").as_deref() == Ok("1") {
            std::fs::create_dir_all(&dir).unwrap();
            for name in read_ts_files(&dir).unwrap().keys() {
                std::fs::remove_file(dir.join(name)).unwrap();
            }
            for (name, text) in &fresh {
                std::fs::write(dir.join(name), text).unwrap();
            }
            return;
        }
        let committed = read_ts_files(&dir).unwrap();
        let stale: std::collections::BTreeSet<&String> = fresh
            .keys()
            .chain(committed.keys())
            .filter(|name| fresh.get(*name) != committed.get(*name))
            .collect();
        assert!(
            stale.is_empty(),
            "TypeScript bindings in ui/src/api/bindings are stale ({stale:?}); \
             run `UPDATE_BINDINGS=1 cargo test -p skep bindings` and commit them"
        );
    }

    #[test]
    fn error_binding_is_one_flat_object() {
        let cfg = Config::new();
        let decl = AppError::decl(&cfg);
        assert!(decl.contains("kind: ErrorKind"), "{decl}");
        assert!(decl.contains("retryAfterSecs: number | null"), "{decl}");
        let kinds = ErrorKind::decl(&cfg);
        assert!(kinds.contains("\"keychain_unavailable\""), "{kinds}");
    }
}
