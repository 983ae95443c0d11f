//! Test hook: record every secret the sandbox hands out (API client secrets, created client
//! secrets, access tokens) into a file, so an end-to-end suite can search everything the app
//! wrote for each exact value afterwards.
//!
//! Inert unless the environment variable [`RECORD_ENV`] names a file when the sandbox starts.
//! The file is created owner-only (0600) and appended to, one `kind<TAB>value` line per secret;
//! several sandboxes (processes) may share it. It is meant for a throwaway test directory.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use parking_lot::Mutex;

/// `CONSOLE_SANDBOX_RECORD_SECRETS=/path/file`: append issued secrets there.
pub const RECORD_ENV: &str = "CONSOLE_SANDBOX_RECORD_SECRETS";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    ApiClientSecret,
    ClientSecret,
    AccessToken,
    ConnectorSecret,
    MonitoringPassword,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::ApiClientSecret => "api_client_secret",
            Kind::ClientSecret => "client_secret",
            Kind::AccessToken => "access_token",
            Kind::ConnectorSecret => "connector_secret",
            Kind::MonitoringPassword => "monitoring_password",
        }
    }
}

pub(crate) struct Recorder {
    file: Option<Mutex<File>>,
}

impl Recorder {
    pub(crate) fn from_env() -> Recorder {
        let file = std::env::var_os(RECORD_ENV)
            .filter(|p| !p.is_empty())
            .and_then(|p| match open(Path::new(&p)) {
                Ok(f) => Some(Mutex::new(f)),
                Err(e) => {
                    tracing::warn!(error = %e, "{RECORD_ENV}: cannot open the file; not recording");
                    None
                }
            });
        Recorder { file }
    }

    pub(crate) fn record(&self, kind: Kind, value: &str) {
        let Some(file) = &self.file else { return };
        let mut f = file.lock();
        // One write per line (O_APPEND): lines of several processes do not interleave.
        let line = format!("{}\t{value}\n", kind.label());
        if let Err(e) = f.write_all(line.as_bytes()).and_then(|()| f.flush()) {
            tracing::warn!(error = %e, "{RECORD_ENV}: cannot write");
        }
    }
}

fn open(path: &Path) -> std::io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_one_line_per_secret_owner_only() {
        let dir = std::env::temp_dir().join(format!("sandbox-record-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("issued.tsv");
        let rec = Recorder {
            file: Some(Mutex::new(open(&path).unwrap())),
        };
        rec.record(Kind::ApiClientSecret, "s1");
        rec.record(Kind::AccessToken, "eyJ.t.x");
        rec.record(Kind::ClientSecret, "s2");
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "api_client_secret\ts1\naccess_token\teyJ.t.x\nclient_secret\ts2\n"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Inert without the variable's file.
        let off = Recorder { file: None };
        off.record(Kind::ClientSecret, "never");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
