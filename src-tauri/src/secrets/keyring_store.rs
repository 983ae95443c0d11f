//! The OS keychain through the `keyring` crate: Secret Service on Linux and the BSDs, the
//! Keychain on macOS, Credential Manager on Windows (chosen per target in `Cargo.toml`).
//!
//! A locked keychain makes the Secret Service show a password prompt, and `keyring` waits for
//! its answer without a time limit. So every call runs on its own thread and the caller waits at
//! most [`call_timeout`]: a prompt nobody answers cannot freeze a command (nor the app). Calls
//! that may prompt run one at a time (one prompt at most), and once a prompt was dismissed or
//! not answered in time, no new prompt is raised while the keychain stays locked: such calls
//! fail at once with a plain "locked" message. [`SecretStore::check`] never prompts.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use console_api::Secret;
#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
use dbus_secret_service::{EncryptionType, SecretService};
use parking_lot::Mutex;

use super::{KeychainError, SecretStore, SERVICE};

/// Overrides how long one keychain call may take, in milliseconds (read once; tests only).
pub const TIMEOUT_ENV: &str = "SKEP_KEYCHAIN_TIMEOUT_MS";
/// Time for a person to answer the keychain's unlock prompt.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// `check` asks only whether the keychain is there and unlocked: no prompt, short.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// The OS keychain through the `keyring` crate (Secret Service on Linux).
#[derive(Debug, Clone, Default)]
pub struct KeyringStore;

/// One prompting call at a time.
static GATE: Mutex<()> = Mutex::new(());
/// When the call holding [`GATE`] started (unix ms; 0 = none).
static BUSY_SINCE_MS: AtomicU64 = AtomicU64::new(0);
/// An unlock prompt was dismissed or went unanswered: no new prompt while still locked.
static DECLINED: AtomicBool = AtomicBool::new(false);

/// How long one keychain call may take ([`TIMEOUT_ENV`] or 30 s).
pub fn call_timeout() -> Duration {
    static T: OnceLock<Duration> = OnceLock::new();
    *T.get_or_init(|| {
        std::env::var(TIMEOUT_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(|ms| Duration::from_millis(ms.clamp(100, 600_000)))
            .unwrap_or(DEFAULT_TIMEOUT)
    })
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn locked() -> KeychainError {
    KeychainError::Unavailable("the keychain is locked".into())
}

fn no_answer(timeout: Duration) -> KeychainError {
    KeychainError::Unavailable(format!(
        "the keychain did not answer within {} s; it may be locked and waiting for its password",
        timeout.as_secs().max(1)
    ))
}

/// Marks a prompting call as running ([`BUSY_SINCE_MS`]) until dropped, even if it panics.
struct Busy;

impl Busy {
    fn start() -> Busy {
        BUSY_SINCE_MS.store(now_ms().max(1), Ordering::SeqCst);
        Busy
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY_SINCE_MS.store(0, Ordering::SeqCst);
    }
}

/// Run `op` on its own thread and wait at most `timeout` for it. `prompting` calls hold
/// [`GATE`] while they run.
fn bounded<T: Send + 'static>(
    timeout: Duration,
    prompting: bool,
    op: impl FnOnce() -> Result<T, KeychainError> + Send + 'static,
) -> Result<T, KeychainError> {
    if prompting {
        let since = BUSY_SINCE_MS.load(Ordering::SeqCst);
        let overdue = now_ms().saturating_sub(since) > timeout.as_millis() as u64;
        if since != 0 && (overdue || DECLINED.load(Ordering::SeqCst)) {
            // An earlier call still waits for a prompt nobody answered.
            return Err(no_answer(timeout));
        }
    }
    let deadline = Instant::now() + timeout;
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("skep-keychain".into())
        .spawn(move || {
            let _gate = prompting.then(|| GATE.lock());
            if Instant::now() >= deadline {
                return; // the caller gave up while this call waited for its turn
            }
            let result = {
                let _busy = prompting.then(Busy::start);
                op()
            };
            let _ = tx.send(result);
        })
        .map_err(|_| KeychainError::Failed("the keychain could not be asked (no thread)".into()))?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            if prompting {
                DECLINED.store(true, Ordering::SeqCst);
            }
            Err(no_answer(timeout))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(KeychainError::Failed(
            "the keychain call ended without an answer".into(),
        )),
    }
}

/// Whether the keychain is there and its default collection unlocked. Never prompts.
#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn check_unlocked() -> Result<(), KeychainError> {
    let ss = SecretService::connect(EncryptionType::Plain).map_err(|e| {
        KeychainError::Unavailable(format!("no Secret Service could be reached: {e}"))
    })?;
    let collection = ss.get_default_collection().map_err(|e| match e {
        dbus_secret_service::Error::NoResult => {
            KeychainError::Unavailable("no default keyring is set up".into())
        }
        other => KeychainError::Unavailable(format!("no Secret Service could be reached: {other}")),
    })?;
    if collection.is_locked().map_err(|e| {
        KeychainError::Unavailable(format!(
            "the keychain could not be asked whether it is locked: {e}"
        ))
    })? {
        return Err(locked());
    }
    Ok(())
}

/// Whether the keychain answers: reading an entry Skep never writes (macOS's Keychain and
/// Windows' Credential Manager are unlocked with the session; a missing entry prompts for nothing).
#[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
fn check_unlocked() -> Result<(), KeychainError> {
    match entry("keychain-check").and_then(|e| e.get_password()) {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(map_err(e)),
    }
}

/// A call that may make the keychain prompt for its password.
fn prompting<T: Send + 'static>(
    op: impl FnOnce() -> Result<T, keyring::Error> + Send + 'static,
) -> Result<T, KeychainError> {
    let timeout = call_timeout();
    if DECLINED.load(Ordering::SeqCst) && BUSY_SINCE_MS.load(Ordering::SeqCst) == 0 {
        // No second prompt: only go on once the keychain was unlocked some other way.
        bounded(CHECK_TIMEOUT.min(timeout), false, check_unlocked)?;
        DECLINED.store(false, Ordering::SeqCst);
    }
    bounded(timeout, true, move || {
        op().map_err(|e| {
            let declined = matches!(e, keyring::Error::NoStorageAccess(_));
            let mapped = map_err(e);
            if declined {
                DECLINED.store(true, Ordering::SeqCst);
            }
            mapped
        })
    })
}

fn entry(account: &str) -> Result<keyring::Entry, keyring::Error> {
    keyring::Entry::new(SERVICE, account)
}

impl SecretStore for KeyringStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
        let account = account.to_string();
        prompting(move || match entry(&account)?.get_password() {
            Ok(s) => Ok(Some(Secret::new(s))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), KeychainError> {
        let account = account.to_string();
        let secret = Secret::new(secret);
        prompting(move || entry(&account)?.set_password(secret.expose()))
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        let account = account.to_string();
        prompting(move || match entry(&account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        })
    }

    fn check(&self) -> Result<(), KeychainError> {
        bounded(CHECK_TIMEOUT.min(call_timeout()), false, check_unlocked)
    }
}

/// Fixed words per error kind: keyring's own texts can carry raw bytes of an entry (`BadEncoding`).
fn map_err(e: keyring::Error) -> KeychainError {
    use keyring::Error as K;
    match e {
        #[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
        K::NoStorageAccess(inner) => match inner.downcast_ref::<dbus_secret_service::Error>() {
            Some(dbus_secret_service::Error::Prompt) => KeychainError::Unavailable(
                "the keychain is locked and unlocking it was cancelled".into(),
            ),
            Some(dbus_secret_service::Error::Locked) => locked(),
            _ => KeychainError::Unavailable(
                "the keychain is locked or no default keyring is set up".into(),
            ),
        },
        #[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
        K::NoStorageAccess(_) => {
            KeychainError::Unavailable("the keychain is locked or refused Skep access".into())
        }
        #[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
        K::PlatformFailure(inner) => {
            KeychainError::Unavailable(format!("no Secret Service could be reached: {inner}"))
        }
        #[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
        K::PlatformFailure(_) => {
            KeychainError::Unavailable("the keychain could not be reached".into())
        }
        K::BadEncoding(_) => {
            KeychainError::Failed("a keychain entry of Skep does not hold text".into())
        }
        K::TooLong(..) | K::Invalid(..) => {
            KeychainError::Failed("the keychain refused the entry's name or size".into())
        }
        K::Ambiguous(_) => KeychainError::Failed(
            "the keychain holds several entries for the same organization".into(),
        ),
        K::NoEntry => KeychainError::Failed("the keychain entry does not exist".into()),
        _ => KeychainError::Failed("the keychain reported an unexpected error".into()),
    }
}

/// Against the real Secret Service: run under `dbus-run-session` with an unlocked throwaway
/// gnome-keyring (see tests/e2e), e.g.
/// `SKEP_REAL_KEYCHAIN=1 cargo test -p skep real_keychain -- --ignored --test-threads=1`.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[ignore = "needs a Secret Service (dbus-run-session + unlocked gnome-keyring)"]
    fn real_keychain_round_trip() {
        if std::env::var("SKEP_REAL_KEYCHAIN").as_deref() != Ok("1") {
            return;
        }
        let store = KeyringStore;
        store.check().unwrap();
        let account = format!("test/{}", uuid::Uuid::new_v4().simple());
        assert!(store.get(&account).unwrap().is_none());
        store.set(&account, "s3cr=t'\"").unwrap();
        assert_eq!(store.get(&account).unwrap().unwrap().expose(), "s3cr=t'\"");
        store.set(&account, "second").unwrap();
        assert_eq!(store.get(&account).unwrap().unwrap().expose(), "second");
        store.delete(&account).unwrap();
        assert!(store.get(&account).unwrap().is_none());
        store.delete(&account).unwrap();
    }

    #[test]
    #[ignore = "needs a session bus without an unlocked keyring"]
    fn real_keychain_unavailable_is_reported() {
        if std::env::var("SKEP_NO_KEYCHAIN").as_deref() != Ok("1") {
            return;
        }
        match KeyringStore.check() {
            Err(KeychainError::Unavailable(msg)) => assert!(!msg.is_empty()),
            other => panic!("expected Unavailable, got {other:?}"),
        }
    }
}
