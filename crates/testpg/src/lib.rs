//! Throwaway PostgreSQL clusters for tests and benchmarks: `initdb` into a temporary directory,
//! `postgres` on 127.0.0.1 at a free port (unix socket in the same directory, `fsync=off`),
//! stopped and deleted when the [`Cluster`] is dropped — or, for the per-binary [`shared`]
//! cluster that lives in a static, when the test process exits.
//!
//! How the cleanup survives a static that is never dropped: `postgres` runs under a small shell
//! that holds the read end of a pipe whose write end only this process has. When this process
//! ends (normally, by panic or by a signal), the pipe closes, the shell stops `postgres` (fast
//! shutdown) and removes the directory.
//!
//! The binaries come from `KANSLI_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin` (where
//! Debian's `postgresql` package puts them, off the `PATH`), else `initdb` on the `PATH`.
//! `initdb` refuses to run as root, so under euid 0 (CI) every server-side program runs as the
//! `postgres` user (or `nobody`) through `runuser`, in a directory owned by that user.
//!
//! Missing PostgreSQL is a loud skip ("SKIPPED: PostgreSQL not installed" on stderr) outside CI
//! and a failure when `CI` is set: see [`shared`].

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The superuser every cluster gets.
pub const USER: &str = "kansli";
/// Its password (TCP connections use scram-sha-256, so wrong credentials can be tested).
pub const PASSWORD: &str = "kansli-test";

/// Why a cluster could not be started or used.
#[derive(Debug, thiserror::Error)]
pub enum TestPgError {
    /// No PostgreSQL binaries were found.
    #[error(
        "PostgreSQL not installed (no initdb in KANSLI_PG_BIN, /usr/lib/postgresql/*/bin or PATH)"
    )]
    NotInstalled,
    /// A program could not be run.
    #[error("cannot run {program}: {source}")]
    Spawn {
        /// The program.
        program: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A program ran and failed.
    #[error("{program} failed: {output}")]
    Failed {
        /// The program.
        program: String,
        /// Its stderr and stdout (or the server log).
        output: String,
    },
    /// The temporary directory could not be prepared.
    #[error("cannot prepare the cluster's directory: {0}")]
    Dir(std::io::Error),
}

/// A running throwaway cluster.
#[derive(Debug)]
pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    /// The watchdog shell; dropping its stdin stops the server and removes `dir`.
    watchdog: Mutex<Option<(Child, ChildStdin)>>,
}

/// The directory holding `initdb`, `postgres`, `pg_isready` and `createdb`.
pub fn find_bin_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("KANSLI_PG_BIN") {
        let dir = PathBuf::from(dir);
        return dir.join("initdb").is_file().then_some(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        let initdb = std::fs::canonicalize(dir.join("initdb")).ok()?;
        let bin = initdb.parent()?.to_path_buf();
        bin.join("postgres").is_file().then_some(bin)
    })
}

/// The unprivileged user server programs run as when this process is root.
fn run_as() -> Option<(String, u32, u32)> {
    let uid = command_output(Command::new("id").arg("-u")).ok()?;
    if uid.trim() != "0" {
        return None;
    }
    for user in ["postgres", "nobody"] {
        let uid = command_output(Command::new("id").args(["-u", user]));
        let gid = command_output(Command::new("id").args(["-g", user]));
        if let (Ok(uid), Ok(gid)) = (uid, gid)
            && let (Ok(uid), Ok(gid)) = (uid.trim().parse(), gid.trim().parse())
        {
            return Some((user.to_string(), uid, gid));
        }
    }
    None
}

/// Runs a command to completion; its stdout, or an error with its output.
fn command_output(command: &mut Command) -> Result<String, TestPgError> {
    let program = format!("{:?}", command.get_program());
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|source| TestPgError::Spawn {
            program: program.clone(),
            source,
        })?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(TestPgError::Failed {
            program,
            output: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stderr),
                String::from_utf8_lossy(&output.stdout)
            ),
        })
    }
}

/// A port nobody listens on right now (the server binds it a moment later; a lost race is
/// retried by [`Cluster::start`]).
fn free_port() -> Result<u16, TestPgError> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(TestPgError::Dir)?;
    let port = listener.local_addr().map_err(TestPgError::Dir)?.port();
    Ok(port)
}

/// The shell that runs `postgres` and cleans up when its stdin closes. Arguments: bin dir,
/// cluster dir, port.
const WATCHDOG: &str = r#"
"$1/postgres" -D "$2/data" -k "$2" -h 127.0.0.1 -p "$3" \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c max_connections=300 -c shared_buffers=64MB >"$2/postgres.log" 2>&1 &
pid=$!
cat >/dev/null
kill -INT "$pid" 2>/dev/null
wait "$pid"
rm -rf "$2"
"#;

impl Cluster {
    /// Initialises and starts a new cluster (three tries, each in a new directory, in case
    /// another process takes the free port first).
    pub fn start() -> Result<Cluster, TestPgError> {
        let bin = find_bin_dir().ok_or(TestPgError::NotInstalled)?;
        let user = run_as();
        let mut last_error = None;
        for _attempt in 0..3 {
            let mut builder = tempfile::Builder::new();
            builder.prefix("kansli-pg-");
            // Under root, TMPDIR may lie in a folder the unprivileged user cannot enter.
            let dir = match user {
                Some(_) => builder.tempdir_in("/tmp"),
                None => builder.tempdir(),
            }
            .map_err(TestPgError::Dir)?
            .keep();
            match Cluster::init_and_start(&bin, &dir, user.as_ref()) {
                Ok(cluster) => return Ok(cluster),
                Err(error) => {
                    let _ = std::fs::remove_dir_all(&dir);
                    last_error = Some(error);
                }
            }
        }
        Err(last_error.unwrap_or(TestPgError::NotInstalled))
    }

    fn init_and_start(
        bin: &Path,
        dir: &Path,
        user: Option<&(String, u32, u32)>,
    ) -> Result<Cluster, TestPgError> {
        let pwfile = dir.join("pwfile");
        std::fs::write(&pwfile, PASSWORD).map_err(TestPgError::Dir)?;
        if let Some((_, uid, gid)) = user {
            for path in [dir, pwfile.as_path()] {
                std::os::unix::fs::chown(path, Some(*uid), Some(*gid)).map_err(TestPgError::Dir)?;
            }
        }
        // Server-side programs: as the unprivileged user when root.
        let server_command = |program: &Path| -> Command {
            let mut command = match user {
                Some((name, _, _)) => {
                    let mut c = Command::new("runuser");
                    c.args(["-u", name, "--"]).arg(program);
                    c
                }
                None => Command::new(program),
            };
            command.current_dir(dir);
            command
        };
        command_output(
            server_command(&bin.join("initdb"))
                .arg("-D")
                .arg(dir.join("data"))
                .args([
                    "-U",
                    USER,
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                ])
                .arg(format!("--pwfile={}", pwfile.display()))
                .args(["-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]),
        )?;
        let port = free_port()?;
        let mut child = server_command(Path::new("sh"))
            .arg("-c")
            .arg(WATCHDOG)
            .arg("kansli-testpg")
            .arg(bin)
            .arg(dir)
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| TestPgError::Spawn {
                program: "postgres (under sh)".into(),
                source,
            })?;
        let stdin = child.stdin.take();
        // Dropped on failure: the watchdog stops the server and removes the directory.
        let cluster = Cluster {
            dir: dir.to_path_buf(),
            bin: bin.to_path_buf(),
            port,
            watchdog: Mutex::new(stdin.map(|stdin| (child, stdin))),
        };
        cluster.wait_ready()?;
        Ok(cluster)
    }

    /// Waits until the server accepts connections (30 s at most).
    fn wait_ready(&self) -> Result<(), TestPgError> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = Command::new(self.bin.join("pg_isready"))
                .args(["-q", "-h", "127.0.0.1", "-p", &self.port.to_string()])
                .stdin(Stdio::null())
                .status()
                .map_err(|source| TestPgError::Spawn {
                    program: "pg_isready".into(),
                    source,
                })?;
            if ready.success() {
                return Ok(());
            }
            let log = std::fs::read_to_string(self.dir.join("postgres.log")).unwrap_or_default();
            // "the database system is starting up" is pg_isready's own knock, not a failure.
            let failed = log
                .lines()
                .any(|l| l.contains("FATAL") && !l.contains("starting up"));
            if failed || Instant::now() > deadline {
                return Err(TestPgError::Failed {
                    program: "postgres".into(),
                    output: log,
                });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The TCP port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The directory with the PostgreSQL binaries this cluster runs.
    pub fn bin_dir(&self) -> &Path {
        &self.bin
    }

    /// The URL of a database on this cluster, with the superuser's credentials.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{USER}:{PASSWORD}@127.0.0.1:{}/{database}",
            self.port
        )
    }

    /// Creates a database and returns its URL.
    pub fn create_database(&self, name: &str) -> Result<String, TestPgError> {
        command_output(
            Command::new(self.bin.join("createdb"))
                .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", USER])
                .env("PGPASSWORD", PASSWORD)
                .arg(name),
        )?;
        Ok(self.url(name))
    }

    /// Creates a database with a name unique in this process and returns its URL.
    pub fn fresh_database(&self) -> Result<String, TestPgError> {
        static NEXT: AtomicU32 = AtomicU32::new(1);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        self.create_database(&format!("kansli_t{}_{n}", std::process::id()))
    }

    /// Runs `psql` with a command on a database (for tests that inspect or break things).
    pub fn psql(&self, database: &str, sql: &str) -> Result<String, TestPgError> {
        command_output(
            Command::new(self.bin.join("psql"))
                .args(["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"])
                .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", USER])
                .args(["-d", database, "-c", sql])
                .env("PGPASSWORD", PASSWORD),
        )
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Ok(mut guard) = self.watchdog.lock()
            && let Some((mut child, mut stdin)) = guard.take()
        {
            let _ = stdin.flush();
            drop(stdin);
            let _ = child.wait();
        }
    }
}

/// This test binary's one cluster, started on first use.
///
/// `None` (after printing "SKIPPED: PostgreSQL not installed" to stderr) when PostgreSQL is
/// not installed and `CI` is not set. Panics — failing the test — when PostgreSQL is missing
/// under `CI`, or installed but unable to start: a test harness has no one else to report to.
pub fn shared() -> Option<&'static Cluster> {
    static SHARED: OnceLock<Option<Cluster>> = OnceLock::new();
    let cluster = SHARED.get_or_init(|| match Cluster::start() {
        Ok(cluster) => Some(cluster),
        Err(TestPgError::NotInstalled) if !in_ci() => None,
        Err(error) => panic!("cannot start a PostgreSQL cluster for the tests: {error}"),
    });
    if cluster.is_none() {
        eprintln!(
            "\n*** SKIPPED: PostgreSQL not installed — the PostgreSQL half of this test did not run \
             (install the `postgresql` package, or set KANSLI_PG_BIN) ***\n"
        );
    }
    cluster.as_ref()
}

/// A new database on this binary's shared cluster, or `None` when PostgreSQL is not installed
/// (see [`shared`]).
pub fn fresh_database_url() -> Option<String> {
    let cluster = shared()?;
    match cluster.fresh_database() {
        Ok(url) => Some(url),
        Err(error) => panic!("cannot create a test database: {error}"),
    }
}

/// Whether this runs in CI (`CI` set to anything but empty, `0` or `false`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cluster_starts_serves_and_goes_away() {
        let Some(bin) = find_bin_dir() else {
            eprintln!("SKIPPED: PostgreSQL not installed");
            assert!(!in_ci(), "PostgreSQL must be installed in CI");
            return;
        };
        let cluster = Cluster::start().expect("start");
        assert_eq!(cluster.bin_dir(), bin);
        let url = cluster.fresh_database().expect("createdb");
        let database = url.rsplit('/').next().expect("name");
        let out = cluster.psql(database, "SELECT 40 + 2").expect("psql");
        assert_eq!(out.trim(), "42");
        let dir = cluster.dir.clone();
        assert!(dir.is_dir());
        drop(cluster);
        assert!(!dir.exists(), "the cluster's directory is removed");
    }
}
