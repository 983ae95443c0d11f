//! `console-sandbox`: run the Console API emulator alone.
//!
//! ```text
//! console-sandbox --addr 127.0.0.1:8787 [--seed demo|empty|generated:N:M] [--ready-after 20s]
//!                 [--token-ttl 24h] [--latency 0ms] [--token-latency 0ms] [--no-rate-limit]
//!                 [--not-enterprise]
//! ```
//!
//! A development tool: its `/__sandbox/*` control routes are open to loopback callers, or need
//! the header `x-sandbox-control-token` when `CONSOLE_SANDBOX_CONTROL_TOKEN` is set.

use std::net::{SocketAddr, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use console_sandbox::{ControlAccess, Sandbox, SandboxConfig, Seed};

const USAGE: &str =
    "usage: console-sandbox [--addr 127.0.0.1:8787] [--seed demo|empty|generated:N:M] \
[--ready-after 20s] [--token-ttl 24h] [--latency 0ms] [--token-latency 0ms] [--no-rate-limit] [--not-enterprise]

The /__sandbox/* control routes (faults, clock, counters, token revocation, new API clients)
are open to loopback callers. Set CONSOLE_SANDBOX_CONTROL_TOKEN to require the header
x-sandbox-control-token: <that value> on them instead. Every route refuses a Host header other
than localhost, 127.x.x.x or [::1] (with an optional port) with 421.";

/// Env var: when set (non-empty), the control routes need this token.
const CONTROL_TOKEN_ENV: &str = "CONSOLE_SANDBOX_CONTROL_TOKEN";

/// The control routes of the standalone tool: open, or behind `token` when given (non-empty).
fn control_access(token: Option<String>) -> ControlAccess {
    match token {
        Some(t) if !t.is_empty() => ControlAccess::Token(t),
        _ => ControlAccess::Open,
    }
}

#[derive(Debug)]
struct Args {
    addr: SocketAddr,
    config: SandboxConfig,
}

fn parse_duration(flag: &str, s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{flag}: '{s}' is not a duration (e.g. 500ms, 20s, 5m, 24h)"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        _ => {
            return Err(format!(
                "{flag}: unknown unit '{unit}' (use ms, s, m, h or d)"
            ))
        }
    };
    if !secs.is_finite() || !(0.0..=1e10).contains(&secs) {
        return Err(format!("{flag}: '{s}' is out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

fn parse_seed(s: &str) -> Result<Seed, String> {
    match s {
        "demo" => Ok(Seed::Demo),
        "empty" => Ok(Seed::Empty),
        _ => {
            let bad = || format!("--seed: '{s}' is not demo, empty or generated:CLUSTERS:CLIENTS");
            let rest = s.strip_prefix("generated:").ok_or_else(bad)?;
            let (n, m) = rest.split_once(':').ok_or_else(bad)?;
            Ok(Seed::Generated {
                clusters: n.parse().map_err(|_| bad())?,
                clients_per_cluster: m.parse().map_err(|_| bad())?,
            })
        }
    }
}

fn parse_addr(s: &str) -> Result<SocketAddr, String> {
    if let Ok(a) = s.parse::<SocketAddr>() {
        return Ok(a);
    }
    // Host names (e.g. localhost:8787): take the first resolved address.
    s.to_socket_addrs()
        .ok()
        .and_then(|mut it| it.next())
        .ok_or_else(|| format!("--addr: '{s}' is not an address like 127.0.0.1:8787"))
}

fn parse_args(
    mut args: impl Iterator<Item = String>,
    control_token: Option<String>,
) -> Result<Option<Args>, String> {
    let mut addr = "127.0.0.1:8787".to_string();
    let mut config = SandboxConfig {
        control: control_access(control_token),
        ..SandboxConfig::default()
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--addr" => addr = value()?,
            "--seed" => config.seed = parse_seed(&value()?)?,
            "--ready-after" => config.ready_after = parse_duration(&flag, &value()?)?,
            "--token-ttl" => {
                config.token_ttl = parse_duration(&flag, &value()?)?;
                if config.token_ttl < Duration::from_secs(1) {
                    return Err("--token-ttl must be at least 1s".into());
                }
            }
            "--latency" => config.latency = parse_duration(&flag, &value()?)?,
            "--token-latency" => config.token_latency = parse_duration(&flag, &value()?)?,
            "--no-rate-limit" => config.token_rate_limit = None,
            "--not-enterprise" => config.enterprise = false,
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    let addr = parse_addr(&addr)?;
    if !addr.ip().is_loopback() {
        return Err(format!(
            "refusing to listen on {addr}: the sandbox only binds loopback addresses \
             (127.0.0.1 or ::1)"
        ));
    }
    Ok(Some(Args { addr, config }))
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let args = match parse_args(
        std::env::args().skip(1),
        std::env::var(CONTROL_TOKEN_ENV).ok(),
    ) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("console-sandbox: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("console-sandbox: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(args))
}

async fn run(args: Args) -> ExitCode {
    let sandbox = match Sandbox::start_on(args.addr, args.config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("console-sandbox: cannot listen on {}: {e}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    let creds = sandbox.default_credentials();
    // This is the credentials file Camunda's Console offers: printing the secret is the point.
    let text = format!(
        "sandbox listening on {base}\n\
         export CAMUNDA_CONSOLE_CLIENT_ID='{id}'\n\
         export CAMUNDA_CONSOLE_CLIENT_SECRET='{secret}'\n\
         export CAMUNDA_OAUTH_URL='{token_url}'\n\
         export CAMUNDA_CONSOLE_BASE_URL='{base}'\n\
         export CAMUNDA_CONSOLE_OAUTH_AUDIENCE='{audience}'\n",
        base = sandbox.base_url(),
        id = creds.client_id,
        secret = creds.client_secret,
        token_url = sandbox.token_url(),
        audience = sandbox.audience(),
    );
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        // A closed stdout is not a reason to stop serving.
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    }
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("console-sandbox: cannot wait for Ctrl-C: {e}");
    }
    sandbox.stop().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(
            parse_duration("x", "500ms").unwrap(),
            Duration::from_millis(500)
        );
        assert_eq!(parse_duration("x", "20s").unwrap(), Duration::from_secs(20));
        assert_eq!(parse_duration("x", "20").unwrap(), Duration::from_secs(20));
        assert_eq!(
            parse_duration("x", "1.5m").unwrap(),
            Duration::from_secs(90)
        );
        assert_eq!(
            parse_duration("x", "24h").unwrap(),
            Duration::from_secs(86_400)
        );
        assert_eq!(parse_duration("x", "0ms").unwrap(), Duration::ZERO);
        assert!(parse_duration("x", "").is_err());
        assert!(parse_duration("x", "5 weeks").is_err());
        assert!(parse_duration("x", "-5s").is_err());
        assert!(parse_duration("x", "1e400s").is_err());
    }

    #[test]
    fn seeds_and_addresses() {
        assert_eq!(parse_seed("demo").unwrap(), Seed::Demo);
        assert_eq!(parse_seed("empty").unwrap(), Seed::Empty);
        assert_eq!(
            parse_seed("generated:100:5").unwrap(),
            Seed::Generated {
                clusters: 100,
                clients_per_cluster: 5
            }
        );
        assert!(parse_seed("generated:100").is_err());
        let args = |v: &[&str]| parse_args(v.iter().map(|s| s.to_string()), None);
        let a = args(&["--addr", "127.0.0.1:0", "--no-rate-limit", "--token-ttl=1h"])
            .unwrap()
            .unwrap();
        assert_eq!(a.addr.port(), 0);
        assert!(a.config.token_rate_limit.is_none());
        assert_eq!(a.config.token_ttl, Duration::from_secs(3600));
        assert!(args(&["--addr", "[::1]:0"]).unwrap().is_some());
        assert!(args(&["--addr", "0.0.0.0:0"])
            .unwrap_err()
            .contains("loopback"));
        assert!(args(&["--token-ttl", "0s"]).is_err());
        assert!(args(&["--help"]).unwrap().is_none());
    }

    #[test]
    fn control_routes_open_unless_a_token_is_set() {
        let parse = |token: Option<&str>| {
            parse_args(std::iter::empty(), token.map(str::to_string))
                .unwrap()
                .unwrap()
                .config
                .control
        };
        assert_eq!(parse(None), ControlAccess::Open);
        assert_eq!(parse(Some("")), ControlAccess::Open);
        assert_eq!(parse(Some("t0ken")), ControlAccess::Token("t0ken".into()));
        let shown = format!("{:?}", parse(Some("t0ken")));
        assert!(!shown.contains("t0ken"), "{shown}");
        assert!(USAGE.contains(CONTROL_TOKEN_ENV));
    }
}
