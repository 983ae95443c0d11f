//! The built-in Sandbox organization: an in-process `console_sandbox` started on demand (on the
//! Tauri async runtime) and stopped on exit. `SKEP_SANDBOX_ADDR=127.0.0.1:PORT` pins its port so
//! the e2e harness can reach it. Its `/__sandbox/*` control routes are off, except in a
//! `test-hooks` build given `SKEP_SANDBOX_CONTROL_TOKEN` (see `state::sandbox_config_from`).

use parking_lot::Mutex;
use std::net::SocketAddr;

use console_api::Secret;
use console_sandbox::{Sandbox, SandboxConfig};

use crate::error::{AppError, AppResult};
use crate::organizations::SandboxInfo;

/// Env var naming the sandbox's fixed listen address.
pub const SANDBOX_ADDR_ENV: &str = "SKEP_SANDBOX_ADDR";

pub struct SandboxHost {
    addr: Option<SocketAddr>,
    config: Mutex<Option<SandboxConfig>>,
    running: tokio::sync::Mutex<Option<Sandbox>>,
    info: Mutex<Option<SandboxInfo>>,
}

/// What a client needs to talk to the running sandbox.
pub struct SandboxConnection {
    pub info: SandboxInfo,
    pub client_secret: Secret,
}

impl SandboxHost {
    pub fn new(addr: Option<SocketAddr>, config: Option<SandboxConfig>) -> Self {
        Self {
            addr,
            config: Mutex::new(config),
            running: tokio::sync::Mutex::new(None),
            info: Mutex::new(None),
        }
    }

    /// Parse `SKEP_SANDBOX_ADDR` (must be a loopback `IP:PORT`).
    pub fn addr_from_env() -> Result<Option<SocketAddr>, String> {
        match std::env::var(SANDBOX_ADDR_ENV) {
            Ok(v) if !v.trim().is_empty() => v
                .trim()
                .parse::<SocketAddr>()
                .map_err(|e| format!("{SANDBOX_ADDR_ENV}={v:?} is not IP:PORT ({e})"))
                .and_then(|a| {
                    if a.ip().is_loopback() {
                        Ok(Some(a))
                    } else {
                        Err(format!("{SANDBOX_ADDR_ENV} must be a loopback address"))
                    }
                }),
            _ => Ok(None),
        }
    }

    /// Facts of the running sandbox, if started.
    pub fn info(&self) -> Option<SandboxInfo> {
        self.info.lock().clone()
    }

    /// Start the sandbox if needed; return how to connect to it.
    pub async fn ensure(&self) -> AppResult<SandboxConnection> {
        let mut running = self.running.lock().await;
        if running.is_none() {
            let config = self.config.lock().take().unwrap_or_default();
            let started = match self.addr {
                Some(addr) => Sandbox::start_on(addr, config).await,
                None => Sandbox::start(config).await,
            };
            let sandbox =
                started.map_err(|e| AppError::io("Could not start the built-in sandbox", &e))?;
            tracing::info!(addr = %sandbox.addr(), "sandbox started");
            *running = Some(sandbox);
        }
        let sandbox = running
            .as_ref()
            .ok_or_else(|| AppError::internal("the sandbox did not start"))?;
        let creds = sandbox.default_credentials();
        let info = SandboxInfo {
            client_id: creds.client_id.clone(),
            token_url: sandbox.token_url(),
            api_base_url: sandbox.base_url(),
            audience: sandbox.audience(),
        };
        *self.info.lock() = Some(info.clone());
        Ok(SandboxConnection {
            info,
            client_secret: Secret::new(creds.client_secret.clone()),
        })
    }

    /// Stop the sandbox (on app exit).
    pub async fn stop(&self) {
        let taken = self.running.lock().await.take();
        if let Some(sandbox) = taken {
            sandbox.stop().await;
            tracing::info!("sandbox stopped");
        }
        *self.info.lock() = None;
    }

    /// Run `f` with the running sandbox (tests: faults, counters).
    #[cfg(test)]
    pub async fn with_running<T>(&self, f: impl FnOnce(&Sandbox) -> T) -> Option<T> {
        self.running.lock().await.as_ref().map(f)
    }
}
