//! `skep-bench`: the Rust side of `make bench`. Prints one JSON object on stdout.
//!
//! ```text
//! skep-bench tokens   [--calls 100] [--runs 5]
//!     Token economy: a fresh console-api Client (cold token cache) makes N concurrent
//!     list_clusters calls against an in-process sandbox; the sandbox counts token requests.
//! skep-bench fanout   [--clusters 100] [--clients 20] [--latency-ms 50] [--concurrency 16] [--runs 5]
//!     Fan-out: list the clients of every cluster (what an organization-wide client search needs)
//!     with `console_api::Client::list_clients_of` (bounded concurrency), against a sandbox adding latency to every API request; compared
//!     with one list_clients request measured in the same run (and one sequential pass).
//! ```

use std::process::ExitCode;
use std::time::{Duration, Instant};

use console_api::{Client, Config, Secret};
use console_sandbox::{ApiPermission, Sandbox, SandboxConfig, Seed};
use serde_json::{json, Value};
use tokio::task::JoinSet;

type Res<T> = Result<T, String>;

struct Args(Vec<String>);

impl Args {
    fn value(&self, flag: &str) -> Option<&str> {
        self.0
            .iter()
            .position(|a| a == flag)
            .and_then(|i| self.0.get(i + 1))
            .map(String::as_str)
    }
    fn num(&self, flag: &str, default: u64) -> Res<u64> {
        match self.value(flag) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("{flag}: '{v}' is not a number")),
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median, min, max of `v` (ms).
fn stats(v: &[f64]) -> Value {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let median = if s.is_empty() {
        f64::NAN
    } else if s.len() % 2 == 1 {
        s[s.len() / 2]
    } else {
        (s[s.len() / 2 - 1] + s[s.len() / 2]) / 2.0
    };
    json!({
        "median": median,
        "min": s.first().copied().unwrap_or(f64::NAN),
        "max": s.last().copied().unwrap_or(f64::NAN),
        "n": s.len(),
    })
}

fn client_for(sandbox: &Sandbox) -> Res<Client> {
    let creds = sandbox.default_credentials();
    client_with(
        &sandbox.base_url(),
        &sandbox.token_url(),
        &sandbox.audience(),
        creds.client_id,
        creds.client_secret,
    )
}

fn client_with(
    base: &str,
    token_url: &str,
    audience: &str,
    id: String,
    secret: String,
) -> Res<Client> {
    let mut config = Config::saas(id, Secret::new(secret));
    config.api_base_url = base.to_string();
    config.token_url = token_url.to_string();
    config.audience = audience.to_string();
    Client::new(config).map_err(|e| format!("console-api client: {e}"))
}

async fn sandbox(seed: Seed, latency: Duration) -> Res<Sandbox> {
    let config = SandboxConfig {
        seed,
        latency,
        token_rate_limit: None, // count every token request instead of rejecting some
        ..SandboxConfig::default()
    };
    Sandbox::start(config)
        .await
        .map_err(|e| format!("sandbox: {e}"))
}

async fn tokens(args: &Args) -> Res<Value> {
    let calls = args.num("--calls", 100)?;
    let runs = args.num("--runs", 5)?;
    let sb = sandbox(
        Seed::Generated {
            clusters: 10,
            clients_per_cluster: 0,
        },
        Duration::ZERO,
    )
    .await?;
    let mut per_run = Vec::new();
    for _ in 0..runs {
        // New API client credentials each run: console-api shares its token cache between
        // clients of the same credentials, so fresh credentials = a cold cache.
        let creds = sb.add_api_client(&[
            ApiPermission::GetClusters,
            ApiPermission::CreateClusters,
            ApiPermission::DeleteClusters,
            ApiPermission::GetClients,
            ApiPermission::CreateClients,
            ApiPermission::DeleteClients,
        ]);
        let client = client_with(
            &sb.base_url(),
            &sb.token_url(),
            &sb.audience(),
            creds.client_id,
            creds.client_secret,
        )?;
        sb.reset_counters();
        let mut set = JoinSet::new();
        for _ in 0..calls {
            let c = client.clone();
            set.spawn(async move { c.list_clusters().await.map(|l| l.len()) });
        }
        let mut ok = 0u64;
        let mut failed = 0u64;
        while let Some(r) = set.join_next().await {
            match r {
                Ok(Ok(_)) => ok += 1,
                _ => failed += 1,
            }
        }
        let c = sb.counters();
        per_run.push(json!({
            "token_requests": c.token_requests,
            "list_requests": c.routes.get("GET /clusters").copied().unwrap_or(0),
            "ok": ok,
            "failed": failed,
        }));
    }
    sb.stop().await;
    Ok(json!({ "calls": calls, "runs": per_run }))
}

/// The product's fan-out (`Client::list_clients_of`), timed: (wall time, clients found).
async fn list_all_clients(
    client: &Client,
    ids: &[String],
    concurrency: usize,
) -> Res<(Duration, usize)> {
    let started = Instant::now();
    let mut total = 0;
    for r in client.list_clients_of(ids, concurrency).await {
        total += r.map_err(|e| format!("list_clients: {e}"))?.len();
    }
    Ok((started.elapsed(), total))
}

async fn fanout(args: &Args) -> Res<Value> {
    let clusters = args.num("--clusters", 100)? as usize;
    let clients = args.num("--clients", 20)? as usize;
    let latency = Duration::from_millis(args.num("--latency-ms", 50)?);
    let concurrency = args.num("--concurrency", 16)? as usize;
    let runs = args.num("--runs", 5)?;
    let sb = sandbox(
        Seed::Generated {
            clusters,
            clients_per_cluster: clients,
        },
        latency,
    )
    .await?;
    let client = client_for(&sb)?;
    let ids: Vec<String> = client
        .list_clusters()
        .await
        .map_err(|e| format!("list_clusters: {e}"))?
        .into_iter()
        .map(|c| c.uuid)
        .collect();
    let first = ids.first().cloned().ok_or("the sandbox has no clusters")?;
    client
        .list_clients(&first)
        .await
        .map_err(|e| format!("list_clients: {e}"))?; // warm: token + connection
    let (mut single, mut wall, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    let mut found = 0;
    for run in 0..runs as usize {
        let one = Instant::now();
        client
            .list_clients(&ids[run % ids.len()])
            .await
            .map_err(|e| format!("list_clients: {e}"))?;
        let one = ms(one.elapsed());
        let (all, n) = list_all_clients(&client, &ids, concurrency).await?;
        found = n;
        single.push(one);
        wall.push(ms(all));
        ratio.push(ms(all) / one);
    }
    let (seq, _) = list_all_clients(&client, &ids, 1).await?;
    sb.reset_counters();
    let (_, _) = list_all_clients(&client, &ids, concurrency).await?;
    let counters = sb.counters();
    let max_in_flight = concurrency.min(ids.len());
    sb.stop().await;
    Ok(json!({
        "clusters": ids.len(),
        "clients_found": found,
        "clients_expected": ids.len() * clients,
        "latency_ms": ms(latency),
        "concurrency": concurrency,
        "max_in_flight": max_in_flight,
        "single_ms": stats(&single),
        "fanout_ms": stats(&wall),
        "ratio": stats(&ratio),
        "sequential_ms": ms(seq),
        "requests_per_fanout": counters.routes.values().sum::<u64>(),
        "token_requests_per_fanout": counters.token_requests,
    }))
}

#[tokio::main]
async fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = Args(argv.clone());
    let result = match argv.first().map(String::as_str) {
        Some("tokens") => tokens(&args).await,
        Some("fanout") => fanout(&args).await,
        _ => Err("usage: skep-bench tokens|fanout [options] (see src/main.rs)".into()),
    };
    match result {
        Ok(v) => {
            println!("{v}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("skep-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
