//! The app's log: `tracing` events to stdout (as before) and to a log file in the platform's
//! log folder (`app_log_dir()`: `~/.local/share/dev.skep.app/logs` on Linux,
//! `~/Library/Logs/dev.skep.app` on macOS, `%LOCALAPPDATA%\dev.skep.app\logs` on Windows),
//! rotated by size. One level for both, from `RUST_LOG` (default `info`).
//!
//! The file is owner-only (0600, folder 0700 on Unix) and holds exactly what stdout shows: the
//! app never logs a secret (secrets are wrapped in redacting types), and the e2e suite's secret
//! scan reads this file too. The folder is known only once the app is built, so lines logged
//! before that are kept in memory (bounded) and written when the file opens.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// The log file's name in the log folder; older ones are `skep.log.1` … `skep.log.<KEEP>`.
pub const LOG_FILE_NAME: &str = "skep.log";
/// A log file is rotated once it would grow past this size.
pub const MAX_LOG_BYTES: u64 = 5 * 1024 * 1024;
/// How many rotated files are kept besides the current one.
pub const KEEP_ROTATED: usize = 3;
/// What is kept in memory before the file is open (older lines are dropped past this).
const PENDING_LIMIT: usize = 256 * 1024;

/// A size-rotated log file, shared by every writer `tracing` asks for.
#[derive(Clone)]
pub struct LogFile {
    inner: Arc<Mutex<Inner>>,
}

enum Inner {
    /// Not open yet: what was logged so far.
    Pending(Vec<u8>),
    Open(Open),
    /// Could not be opened: stdout only.
    Off,
}

struct Open {
    path: PathBuf,
    file: File,
    size: u64,
    max_bytes: u64,
    keep: usize,
}

impl Default for LogFile {
    fn default() -> Self {
        Self::new()
    }
}

impl LogFile {
    pub fn new() -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner::Pending(Vec::new()))),
        }
    }

    /// Open (or append to) `<dir>/skep.log`, owner-only, and write what was logged before.
    pub fn open(&self, dir: &Path) -> io::Result<PathBuf> {
        self.open_with(dir, MAX_LOG_BYTES, KEEP_ROTATED)
    }

    /// [`Self::open`] with another size limit and number of rotated files (tests).
    pub fn open_with(&self, dir: &Path, max_bytes: u64, keep: usize) -> io::Result<PathBuf> {
        let path = dir.join(LOG_FILE_NAME);
        let opened = create_private_dir(dir).and_then(|()| open_private(&path));
        let mut inner = self.inner.lock();
        let (file, size) = match opened {
            Ok(ok) => ok,
            Err(e) => {
                *inner = Inner::Off;
                return Err(e);
            }
        };
        let pending = match std::mem::replace(&mut *inner, Inner::Off) {
            Inner::Pending(bytes) => bytes,
            _ => Vec::new(),
        };
        let mut open = Open {
            path: path.clone(),
            file,
            size,
            max_bytes,
            keep,
        };
        open.write_all(&pending)?;
        *inner = Inner::Open(open);
        Ok(path)
    }

    /// The open file's path, if it is open.
    #[cfg(test)]
    pub fn path(&self) -> Option<PathBuf> {
        match &*self.inner.lock() {
            Inner::Open(open) => Some(open.path.clone()),
            _ => None,
        }
    }

    fn write_bytes(&self, buf: &[u8]) -> io::Result<()> {
        match &mut *self.inner.lock() {
            Inner::Pending(bytes) => {
                if bytes.len() + buf.len() <= PENDING_LIMIT {
                    bytes.extend_from_slice(buf);
                }
                Ok(())
            }
            Inner::Open(open) => open.write_all(buf),
            Inner::Off => Ok(()),
        }
    }
}

impl Open {
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if buf.is_empty() {
            return Ok(());
        }
        if self.size > 0 && self.size + buf.len() as u64 > self.max_bytes {
            self.rotate()?;
        }
        self.file.write_all(buf)?;
        self.size += buf.len() as u64;
        Ok(())
    }

    /// `skep.log` → `skep.log.1` → … → `skep.log.<keep>` (the oldest is dropped), then a new
    /// empty `skep.log`.
    fn rotate(&mut self) -> io::Result<()> {
        let numbered = |n: usize| PathBuf::from(format!("{}.{n}", self.path.display()));
        if self.keep == 0 {
            let _ = std::fs::remove_file(&self.path);
        } else {
            let _ = std::fs::remove_file(numbered(self.keep));
            for n in (1..self.keep).rev() {
                let _ = std::fs::rename(numbered(n), numbered(n + 1));
            }
            std::fs::rename(&self.path, numbered(1))?;
        }
        let (file, size) = open_private(&self.path)?;
        self.file = file;
        self.size = size;
        Ok(())
    }
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Append to `path` (created 0600 on Unix, and made 0600 if it was not); its current size.
fn open_private(path: &Path) -> io::Result<(File, u64)> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    let size = file.metadata()?.len();
    Ok((file, size))
}

/// One event's writer: `tracing` formats an event into one `write` call per piece.
pub struct LogFileWriter(LogFile);

impl Write for LogFileWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_bytes(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LogFile {
    type Writer = LogFileWriter;

    fn make_writer(&'a self) -> Self::Writer {
        LogFileWriter(self.clone())
    }
}

/// The level filter: `RUST_LOG` if it is set and valid, else `info`.
pub fn filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"))
}

/// The level in effect, as the diagnostics name it (`RUST_LOG`'s value, or `info`).
pub fn level_description() -> String {
    match std::env::var("RUST_LOG") {
        Ok(v) if EnvFilter::try_new(&v).is_ok() && !v.trim().is_empty() => v,
        _ => "info".to_string(),
    }
}

static GLOBAL: OnceLock<LogFile> = OnceLock::new();

/// The desktop app's logging: stdout plus the log file (opened later by [`open_in`]).
pub fn init() {
    let file = GLOBAL.get_or_init(LogFile::new).clone();
    let _ = tracing_subscriber::registry()
        .with(filter())
        .with(tracing_subscriber::fmt::layer().with_writer(io::stdout))
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(file),
        )
        .try_init();
}

/// Open the log file of [`init`] in `dir` (nothing to do when `init` was not called: tests).
pub fn open_in(dir: &Path) {
    let Some(file) = GLOBAL.get() else { return };
    match file.open(dir) {
        Ok(path) => tracing::info!(path = %path.display(), "logging to a file"),
        Err(e) => tracing::warn!(error = %e, dir = %dir.display(), "no log file"),
    }
}
