//! The process and the webview are locked down: no core dump can carry a secret, and the CSP
//! closes what `default-src` does not cover.

/// Run in a child process by [`the_app_process_cannot_dump_core`]: applies the start-up
/// hardening to that child and prints what the kernel then says about it.
#[test]
#[ignore = "runs in a child process of the_app_process_cannot_dump_core"]
fn hardening_child() {
    crate::no_core_dumps();
    #[cfg(target_os = "linux")]
    {
        // SAFETY: PR_GET_DUMPABLE takes no argument and returns the flag.
        let dumpable = unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) };
        println!("\nHARDENING Dumpable: {dumpable}");
        let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
        for line in limits.lines() {
            if line.starts_with("Max core file size") {
                println!("\nHARDENING {line}");
            }
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn the_app_process_cannot_dump_core() {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "tests::hardening::hardening_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let line = |prefix: &str| {
        stdout
            .lines()
            .find_map(|l| {
                l.strip_prefix("HARDENING ")
                    .filter(|l| l.starts_with(prefix))
            })
            .unwrap_or_else(|| panic!("no {prefix} line in {stdout}"))
            .to_string()
    };
    let dumpable = line("Dumpable:");
    assert_eq!(dumpable.split_whitespace().nth(1), Some("0"), "{dumpable}");
    let core = line("Max core file size");
    let fields: Vec<_> = core.split_whitespace().collect();
    // "Max core file size  <soft>  <hard>  bytes"
    assert_eq!(fields[4..6], ["0", "0"], "{core}");
}

#[test]
fn csp_closes_form_action_and_base_uri() {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string");
    let directives: Vec<Vec<&str>> = csp
        .split(';')
        .map(|d| d.split_whitespace().collect())
        .filter(|d: &Vec<&str>| !d.is_empty())
        .collect();
    let get = |name: &str| {
        directives
            .iter()
            .find(|d| d[0] == name)
            .map(|d| d[1..].to_vec())
    };
    // Neither falls back to default-src: each must be set on its own.
    assert_eq!(get("form-action"), Some(vec!["'none'"]), "{csp}");
    assert_eq!(get("base-uri"), Some(vec!["'none'"]), "{csp}");
    assert_eq!(get("default-src"), Some(vec!["'self'"]), "{csp}");
    assert!(
        get("script-src").is_none(),
        "scripts follow default-src 'self': {csp}"
    );
}

/// One raw HTTP/1.1 request to `addr` with `Host: host`; the status code.
fn raw_status(addr: &str, method: &str, path: &str, host: &str) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {out:?}"))
}

/// The built-in Sandbox as the app configures it at launch (no test-hook token): its
/// `/__sandbox/*` control routes do not exist, and no route answers to a non-loopback `Host`.
#[test]
fn the_built_in_sandbox_has_no_control_routes_and_checks_the_host() {
    let mut setup = super::Setup::new("builtin-control-off");
    setup.sandbox_config = Some(crate::state::sandbox_config_from(|_| None));
    let h = setup.start();
    let _: serde_json::Value = h.ok("list_clusters", serde_json::json!({}));
    let base = h.state().sandbox.info().unwrap().api_base_url;
    let addr = base.strip_prefix("http://").unwrap().to_string();
    for (method, path) in [
        ("GET", "/__sandbox/counters"),
        ("POST", "/__sandbox/revoke-tokens"),
        ("POST", "/__sandbox/api-clients"),
        ("POST", "/__sandbox/faults"),
    ] {
        assert_eq!(
            raw_status(&addr, method, path, "127.0.0.1"),
            404,
            "{method} {path}"
        );
    }
    // Nothing was revoked: the app's cached token still lists.
    let _: serde_json::Value = h.ok("list_clusters", serde_json::json!({}));
    assert_eq!(h.builtin_sandbox(|s| s.counters()).tokens_issued, 1);
    for path in ["/clusters", "/oauth/token", "/__sandbox/counters"] {
        assert_eq!(
            raw_status(&addr, "GET", path, "evil.example"),
            421,
            "{path}"
        );
    }
}
