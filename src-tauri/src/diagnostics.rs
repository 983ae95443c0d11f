//! Help → About Skep and Help → Copy diagnostics: what Skep is (version, commit, licence) and
//! where it runs (OS, webview, how many organizations) — for a bug report. Never a secret, an
//! organization's name, URL or id, a client id, a path or a user name.

use crate::dto::{AboutSkep, OrganizationKind, OrganizationsState};

/// The commit Skep was built from (build.rs: `git rev-parse`, or `SKEP_GIT_COMMIT` when set at
/// build time; `unknown` outside a git checkout).
pub const GIT_COMMIT: &str = env!("SKEP_GIT_COMMIT");

/// Version, commit and licence, as the About dialog shows them.
pub fn about() -> AboutSkep {
    AboutSkep {
        name: "Skep".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        commit: GIT_COMMIT.into(),
        license: env!("CARGO_PKG_LICENSE").into(),
        description: env!("CARGO_PKG_DESCRIPTION").into(),
    }
}

/// What the diagnostics report is made of (gathered by [`gather`], or given by a test).
#[derive(Debug, Clone)]
pub struct Facts {
    pub os: String,
    pub webview: String,
    pub saved_organizations: usize,
    pub environment_organization: bool,
    pub keychain_available: bool,
    pub log_level: String,
}

impl Facts {
    /// Counts only: no organization's name, id, URL or client id is taken from `state`.
    pub fn with_organizations(mut self, state: &OrganizationsState) -> Self {
        self.saved_organizations = state
            .organizations
            .iter()
            .filter(|o| o.kind == OrganizationKind::Saved)
            .count();
        self.environment_organization = state
            .organizations
            .iter()
            .any(|o| o.kind == OrganizationKind::Environment);
        self.keychain_available = state.keychain_available;
        self
    }
}

/// The facts of this process (organization counts left at zero: see [`Facts::with_organizations`]).
pub fn gather() -> Facts {
    Facts {
        os: os_description(),
        webview: webview_description(),
        saved_organizations: 0,
        environment_organization: false,
        keychain_available: false,
        log_level: crate::logging::level_description(),
    }
}

/// The text Help → Copy diagnostics puts on the clipboard.
pub fn report(facts: &Facts) -> String {
    let about = about();
    let total = facts.saved_organizations + usize::from(facts.environment_organization) + 1;
    format!(
        "Skep {version} (commit {commit})\n\
         OS: {os}\n\
         Webview: {webview}\n\
         Organizations: {total} ({saved} saved, {env} from the environment, the built-in Sandbox)\n\
         Keychain: {keychain}\n\
         Log level: {level}\n",
        version = about.version,
        commit = about.commit,
        os = facts.os,
        webview = facts.webview,
        saved = facts.saved_organizations,
        env = usize::from(facts.environment_organization),
        keychain = if facts.keychain_available {
            "available"
        } else {
            "not available"
        },
        level = facts.log_level,
    )
}

/// `WebKitGTK 2.50.1`, `WebView2 131.0.2903.70`, `WKWebView 20620.1.16`, or why not known.
fn webview_description() -> String {
    let engine = if cfg!(target_os = "windows") {
        "WebView2"
    } else if cfg!(target_os = "macos") {
        "WKWebView"
    } else {
        "WebKitGTK"
    };
    match tauri::webview_version() {
        Ok(v) => format!("{engine} {v}"),
        Err(_) => format!("{engine} (version unknown)"),
    }
}

/// The OS, its version and the CPU architecture, e.g. `Debian GNU/Linux 12 (bookworm), Linux
/// 6.1.0-18-amd64, x86_64`.
fn os_description() -> String {
    let arch = std::env::consts::ARCH;
    #[cfg(target_os = "linux")]
    {
        let distribution = std::fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|text| os_release_name(&text));
        let kernel = uname_release().map(|r| format!("Linux {r}"));
        let parts: Vec<String> = [distribution, kernel].into_iter().flatten().collect();
        if parts.is_empty() {
            return format!("Linux, {arch}");
        }
        format!("{}, {arch}", parts.join(", "))
    }
    #[cfg(target_os = "macos")]
    {
        let version = std::process::Command::new("sw_vers")
            .arg("-productVersion")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .filter(|v| !v.is_empty());
        match version {
            Some(v) => format!("macOS {v}, {arch}"),
            None => format!("macOS, {arch}"),
        }
    }
    #[cfg(target_os = "windows")]
    {
        let v = windows_version::OsVersion::current();
        format!("Windows {}.{}.{}, {arch}", v.major, v.minor, v.build)
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
    {
        let release = uname_release().map(|r| format!(" {r}")).unwrap_or_default();
        format!("{}{release}, {arch}", std::env::consts::OS)
    }
}

/// `PRETTY_NAME` of an os-release file (quotes removed).
pub(crate) fn os_release_name(text: &str) -> Option<String> {
    text.lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|v| v.trim().trim_matches('"').trim_matches('\'').to_string())
        .filter(|v| !v.is_empty())
}

/// The kernel release (`uname -r`).
#[cfg(all(unix, not(target_os = "macos")))]
fn uname_release() -> Option<String> {
    // SAFETY: `uname` fills the zeroed struct it is given; the fields are NUL-terminated.
    let mut name: libc::utsname = unsafe { std::mem::zeroed() };
    if unsafe { libc::uname(&mut name) } != 0 {
        return None;
    }
    // SAFETY: NUL-terminated by uname (the struct was zeroed, so at worst it ends at its end).
    let release = unsafe { std::ffi::CStr::from_ptr(name.release.as_ptr()) };
    Some(release.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_release_pretty_name() {
        let text = "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n";
        assert_eq!(
            os_release_name(text).as_deref(),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
        assert_eq!(os_release_name("ID=x\n"), None);
    }

    #[test]
    fn the_report_names_version_commit_os_webview_and_counts() {
        let facts = Facts {
            os: "Debian GNU/Linux 12 (bookworm), Linux 6.1.0, x86_64".into(),
            webview: "WebKitGTK 2.50.1".into(),
            saved_organizations: 2,
            environment_organization: true,
            keychain_available: true,
            log_level: "info".into(),
        };
        let text = report(&facts);
        assert!(text.starts_with(&format!(
            "Skep {} (commit {GIT_COMMIT})\n",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(text.contains("OS: Debian GNU/Linux 12 (bookworm), Linux 6.1.0, x86_64\n"));
        assert!(text.contains("Webview: WebKitGTK 2.50.1\n"));
        assert!(text.contains(
            "Organizations: 4 (2 saved, 1 from the environment, the built-in Sandbox)\n"
        ));
        assert!(text.contains("Keychain: available\n"));
    }

    #[test]
    fn the_commit_is_a_hash_or_unknown() {
        assert!(
            GIT_COMMIT == "unknown"
                || (GIT_COMMIT.len() >= 7 && GIT_COMMIT.chars().all(|c| c.is_ascii_hexdigit())),
            "{GIT_COMMIT}"
        );
        assert_eq!(about().license, "Apache-2.0");
    }
}
