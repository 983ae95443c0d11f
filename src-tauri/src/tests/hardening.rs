//! The process and the webview are locked down: no core dump can carry a secret, and the CSP
//! closes what `default-src` does not cover.

use std::process::Command;

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
    let out = Command::new(std::env::current_exe().unwrap())
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
