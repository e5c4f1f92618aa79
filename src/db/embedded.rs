//! The embedded default: a private PostgreSQL cluster under `--data-dir`, on a Unix socket only.
//!
//! Layout of the data directory:
//!
//! ```text
//! <data-dir>/.readiness-console   marker: this directory belongs to the console
//! <data-dir>/lock                 held (flock) by the one process using the directory
//! <data-dir>/postgres/            the cluster (initdb on first run)
//! <data-dir>/run/                 the Unix socket directory
//! <data-dir>/postgres.log         the server's log
//! ```
//!
//! While a console serves a directory, a tool that only reads (`verify-audit`) reaches its
//! server through the socket ([`RunningServer`]) instead of claiming the directory.
//!
//! PostgreSQL refuses to run as root; when the console is started as root, the server runs as
//! the `postgres` system user (created by Debian's package) through `runuser`.

use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MARKER: &str = ".readiness-console";
const MARKER_TEXT: &str = "readiness-console data directory, layout 1\n";
/// The superuser created by `initdb`; it connects only over the private socket.
pub const SUPERUSER: &str = "postgres";
/// Where Debian installs server binaries, one folder per major version.
const DEBIAN_LIB: &str = "/usr/lib/postgresql";
/// A Unix socket path must fit in `sun_path` (108 bytes with the terminating NUL).
const MAX_SOCKET_PATH: usize = 107;
/// The server's lock file in the cluster; its first line is the postmaster's pid.
const POSTMASTER_PID: &str = "postmaster.pid";
/// The server's socket, in the socket directory.
const SOCKET: &str = ".s.PGSQL.5432";
/// The socket's lock file, also headed by the postmaster's pid.
const SOCKET_LOCK: &str = ".s.PGSQL.5432.lock";

/// Why the embedded cluster cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    /// No server binaries were found.
    #[error(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in \
         --postgres-bin (READINESS_POSTGRES_BIN), on PATH or under {DEBIAN_LIB}/*/bin: \
         install them with `apt-get install -y postgresql`, or set DATABASE_URL to use an \
         existing server"
    )]
    BinariesMissing,
    /// Another process holds the data directory.
    #[error(
        "{0} is in use by another readiness-console process; stop it first or choose another \
         --data-dir"
    )]
    InUse(PathBuf),
    /// The directory holds something that is not ours.
    #[error(
        "{0} is not empty and is not a readiness-console data directory (no {MARKER} marker); \
         nothing was changed: choose an empty or new --data-dir"
    )]
    Foreign(PathBuf),
    /// Another process holds the data directory, but no server of it is running to read
    /// through.
    #[error(
        "{0} is in use by another readiness-console process whose PostgreSQL server is not \
         running (it may be starting or restarting): try again in a moment, or stop it first"
    )]
    NotServing(PathBuf),
    /// Our directory, but the cluster in it is damaged or of another version.
    #[error("{0}; nothing was changed")]
    Corrupt(String),
    /// The socket path would be too long.
    #[error(
        "the socket path {0} is longer than the {MAX_SOCKET_PATH} bytes a Unix socket allows: \
         choose a shorter --data-dir"
    )]
    SocketPathTooLong(PathBuf),
    /// Running as root without a `postgres` user.
    #[error(
        "running as root, the server must run as the `postgres` system user, which does not \
         exist: install PostgreSQL from Debian's packages (`apt-get install -y postgresql`)"
    )]
    NoPostgresUser,
    /// A PostgreSQL tool failed.
    #[error("{tool} failed: {detail}")]
    Tool {
        /// Which tool.
        tool: String,
        /// What it printed.
        detail: String,
    },
    /// A file system operation failed.
    #[error("{what} {path}: {source}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// On which path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> EmbeddedError {
    let path = path.to_owned();
    move |source| EmbeddedError::Io { what, path, source }
}

/// A private cluster, locked for this process for as long as the value lives.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    cluster: PathBuf,
    socket_dir: PathBuf,
    log: PathBuf,
    bin: PathBuf,
    /// `Some(("postgres", uid, gid))` when started as root.
    run_as: Option<(String, u32, u32)>,
    options: Vec<String>,
    _lock: File,
}

impl EmbeddedPostgres {
    /// Claims `data_dir` for this process (creating it if needed), checks what it holds, finds
    /// the server binaries and initialises the cluster on first use. Nothing is overwritten.
    ///
    /// `options` are extra `name=value` server settings, passed as `-c`. The server binaries are
    /// searched for on PATH, then under Debian's folders; see [`EmbeddedPostgres::open_with`].
    pub fn open(data_dir: &Path, options: Vec<String>) -> Result<Self, EmbeddedError> {
        Self::open_with(data_dir, options, None)
    }

    /// [`EmbeddedPostgres::open`] with the server binaries taken from `binaries` when given
    /// (the operator's `--postgres-bin`), instead of searched for.
    pub fn open_with(
        data_dir: &Path,
        options: Vec<String>,
        binaries: Option<&Path>,
    ) -> Result<Self, EmbeddedError> {
        let bin = find_binaries(binaries).ok_or(EmbeddedError::BinariesMissing)?;
        fs::DirBuilder::new()
            .recursive(true)
            .create(data_dir)
            .map_err(io("cannot create", data_dir))?;
        let data_dir = data_dir
            .canonicalize()
            .map_err(io("cannot resolve", data_dir))?;
        let marker = data_dir.join(MARKER);
        if !marker.exists() {
            let mut entries = fs::read_dir(&data_dir).map_err(io("cannot read", &data_dir))?;
            if entries.next().is_some() {
                return Err(EmbeddedError::Foreign(data_dir));
            }
            fs::write(&marker, MARKER_TEXT).map_err(io("cannot write", &marker))?;
        }
        let lock_path = data_dir.join("lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io("cannot open", &lock_path))?;
        if lock.try_lock().is_err() {
            return Err(EmbeddedError::InUse(data_dir));
        }
        let cluster = data_dir.join("postgres");
        let socket_dir = data_dir.join("run");
        let socket = socket_dir.join(SOCKET);
        if socket.as_os_str().len() > MAX_SOCKET_PATH {
            return Err(EmbeddedError::SocketPathTooLong(socket));
        }
        let run_as = if is_root()? {
            Some(postgres_user()?)
        } else {
            None
        };
        let this = Self {
            log: data_dir.join("postgres.log"),
            cluster,
            socket_dir,
            bin,
            run_as,
            options,
            _lock: lock,
        };
        this.prepare_dirs()?;
        this.check_or_init()?;
        Ok(this)
    }

    fn prepare_dirs(&self) -> Result<(), EmbeddedError> {
        for dir in [&self.cluster, &self.socket_dir] {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io("cannot create", dir))?;
            if let Some((_, uid, gid)) = &self.run_as {
                std::os::unix::fs::chown(dir, Some(*uid), Some(*gid))
                    .map_err(io("cannot hand to the postgres user", dir))?;
            }
        }
        if let Some((_, uid, gid)) = &self.run_as {
            if !self.log.exists() {
                File::create(&self.log).map_err(io("cannot create", &self.log))?;
            }
            std::os::unix::fs::chown(&self.log, Some(*uid), Some(*gid))
                .map_err(io("cannot hand to the postgres user", &self.log))?;
        }
        Ok(())
    }

    fn check_or_init(&self) -> Result<(), EmbeddedError> {
        let version_file = self.cluster.join("PG_VERSION");
        let empty = fs::read_dir(&self.cluster)
            .map_err(io("cannot read", &self.cluster))?
            .next()
            .is_none();
        if empty {
            let mut cmd = self.command("initdb");
            cmd.arg("-D").arg(&self.cluster).args([
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]);
            return run(cmd, "initdb").map(drop);
        }
        let found = fs::read_to_string(&version_file).map_err(|_| {
            EmbeddedError::Corrupt(format!(
                "{} holds files but no PG_VERSION: it is not a PostgreSQL cluster",
                self.cluster.display()
            ))
        })?;
        let ours = self.major_version()?;
        if found.trim() != ours {
            return Err(EmbeddedError::Corrupt(format!(
                "{} was made by PostgreSQL {} but the server binaries found are version {ours}",
                self.cluster.display(),
                found.trim()
            )));
        }
        Ok(())
    }

    fn major_version(&self) -> Result<String, EmbeddedError> {
        let mut cmd = self.command_plain("postgres");
        cmd.arg("--version");
        let out = run(cmd, "postgres --version")?;
        let text = String::from_utf8_lossy(&out.stdout);
        text.split_whitespace()
            .find_map(|w| w.split('.').next().filter(|m| m.parse::<u32>().is_ok()))
            .map(str::to_owned)
            .ok_or_else(|| EmbeddedError::Tool {
                tool: "postgres --version".into(),
                detail: text.trim().to_owned(),
            })
    }

    /// Starts the server (stopping first a server left running by a process that died, and
    /// clearing the lock files of one that was killed).
    pub fn start(&self) -> Result<(), EmbeddedError> {
        if self.is_running() {
            self.stop()?;
        }
        self.remove_stale_lock_files()?;
        let mut server_options = format!(
            "-c listen_addresses='' -c unix_socket_directories='{}' -c unix_socket_permissions=0700",
            self.socket_dir.display()
        );
        for option in &self.options {
            server_options.push_str(" -c ");
            server_options.push_str(option);
        }
        let mut cmd = self.command("pg_ctl");
        cmd.arg("-D")
            .arg(&self.cluster)
            .arg("-l")
            .arg(&self.log)
            .args(["-o", &server_options, "-w", "-t", "60", "start"]);
        run(cmd, "pg_ctl start").map(drop).map_err(|e| match e {
            EmbeddedError::Tool { tool, detail } => EmbeddedError::Tool {
                tool,
                detail: format!("{detail} (see {})", self.log.display()),
            },
            other => other,
        })
    }

    /// The process id of the running server: the one `postmaster.pid` names, if that process
    /// is a live `postgres`. Cheap (two small file reads, no process spawned), so it can be
    /// asked every second.
    pub fn postmaster_pid(&self) -> Option<u32> {
        let pid = lock_file_pid(&self.cluster.join(POSTMASTER_PID))?;
        is_live_postgres(pid).then_some(pid)
    }

    /// Whether the server is running.
    ///
    /// Not `pg_ctl status`: that only asks whether the pid exists, and a server that was
    /// killed stays a zombie until whoever adopted it reaps it, which a container's first
    /// process may do late or never.
    pub fn is_running(&self) -> bool {
        self.postmaster_pid().is_some()
    }

    /// A server that was killed (or the machine that lost power) leaves `postmaster.pid` and
    /// the socket's lock file behind. PostgreSQL removes them itself when the pid in them is
    /// gone, but not when it is a zombie or was reused by another program: then it refuses to
    /// start. Called only when no server of ours runs, and we hold the data directory's lock,
    /// so a lock file that names no live `postgres` is stale.
    fn remove_stale_lock_files(&self) -> Result<(), EmbeddedError> {
        for file in [
            self.cluster.join(POSTMASTER_PID),
            self.socket_dir.join(SOCKET_LOCK),
        ] {
            if file.exists() && !lock_file_pid(&file).is_some_and(is_live_postgres) {
                fs::remove_file(&file).map_err(io("cannot remove the stale lock file", &file))?;
            }
        }
        Ok(())
    }

    /// Stops the server, waiting for a clean shutdown; a server that is not running is left
    /// alone.
    pub fn stop(&self) -> Result<(), EmbeddedError> {
        if !self.is_running() {
            return Ok(());
        }
        let mut cmd = self.command("pg_ctl");
        cmd.arg("-D")
            .arg(&self.cluster)
            .args(["-m", "fast", "-w", "-t", "60", "stop"]);
        run(cmd, "pg_ctl stop").map(drop)
    }

    /// The command line that stops this cluster, for a watcher that outlives the process
    /// (the test harness stops its cluster this way when the test binary exits).
    pub fn stop_command_line(&self) -> Vec<String> {
        let cmd = self.command("pg_ctl");
        let mut line = vec![cmd.get_program().to_string_lossy().into_owned()];
        line.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
        line.extend([
            "-D".to_owned(),
            self.cluster.display().to_string(),
            "-m".to_owned(),
            "fast".to_owned(),
            "stop".to_owned(),
        ]);
        line
    }

    /// A connection URL over the private socket.
    pub fn url(&self, user: &str, database: &str) -> String {
        socket_url(&self.socket_dir, user, database)
    }

    fn command_plain(&self, tool: &str) -> Command {
        Command::new(self.bin.join(tool))
    }

    fn command(&self, tool: &str) -> Command {
        match &self.run_as {
            Some((user, _, _)) => {
                let mut cmd = Command::new("runuser");
                cmd.args(["-u", user, "--"]).arg(self.bin.join(tool));
                // The postgres user may not be allowed into the caller's working directory.
                cmd.current_dir("/");
                cmd
            }
            None => self.command_plain(tool),
        }
    }
}

fn socket_url(socket_dir: &Path, user: &str, database: &str) -> String {
    format!(
        "postgres://{user}@localhost/{database}?host={}",
        socket_dir.display()
    )
}

/// The server of a console that holds a data directory and serves it, for a tool that only
/// reads (`verify-audit`): it connects through the server's socket instead of claiming the
/// directory, which the console holds for as long as it runs. Nothing is started or stopped.
#[derive(Debug, Clone)]
pub struct RunningServer {
    socket_dir: PathBuf,
}

impl RunningServer {
    /// The running server of the console holding `data_dir` (which [`EmbeddedPostgres::open`]
    /// refused as in use): the directory must be ours, and the postmaster its cluster's
    /// `postmaster.pid` names a live `postgres`.
    pub fn find(data_dir: &Path) -> Result<Self, EmbeddedError> {
        let data_dir = data_dir
            .canonicalize()
            .map_err(io("cannot resolve", data_dir))?;
        if !data_dir.join(MARKER).exists() {
            return Err(EmbeddedError::Foreign(data_dir));
        }
        let pid = lock_file_pid(&data_dir.join("postgres").join(POSTMASTER_PID));
        if !pid.is_some_and(is_live_postgres) {
            return Err(EmbeddedError::NotServing(data_dir));
        }
        Ok(Self {
            socket_dir: data_dir.join("run"),
        })
    }

    /// A connection URL over the server's socket.
    pub fn url(&self, user: &str, database: &str) -> String {
        socket_url(&self.socket_dir, user, database)
    }
}

fn run(mut cmd: Command, tool: &str) -> Result<Output, EmbeddedError> {
    let out = cmd.output().map_err(|e| EmbeddedError::Tool {
        tool: tool.to_owned(),
        detail: e.to_string(),
    })?;
    if out.status.success() {
        Ok(out)
    } else {
        let mut detail = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        if detail.is_empty() {
            detail = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        }
        Err(EmbeddedError::Tool {
            tool: tool.to_owned(),
            detail,
        })
    }
}

/// The folder holding `initdb`, `pg_ctl` and `postgres`: `named` (which must hold all three),
/// else on PATH, else Debian's newest.
fn find_binaries(named: Option<&Path>) -> Option<PathBuf> {
    let has_all = |dir: &Path| {
        ["initdb", "pg_ctl", "postgres"]
            .iter()
            .all(|t| dir.join(t).is_file())
    };
    if let Some(dir) = named {
        return has_all(dir).then(|| dir.to_owned());
    }
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path).find_map(|dir| {
            let pg_ctl = dir.join("pg_ctl");
            // Debian links pg_ctl into /usr/local/bin or /usr/bin; follow it to the real folder.
            let real = pg_ctl.canonicalize().ok()?;
            let folder = real.parent()?.to_owned();
            has_all(&folder).then_some(folder)
        })
    });
    on_path.or_else(|| {
        let mut versions: Vec<(u32, PathBuf)> = fs::read_dir(DEBIAN_LIB)
            .ok()?
            .filter_map(|e| {
                let e = e.ok()?;
                let major = e.file_name().to_str()?.parse::<u32>().ok()?;
                let bin = e.path().join("bin");
                has_all(&bin).then_some((major, bin))
            })
            .collect();
        versions.sort();
        versions.pop().map(|(_, bin)| bin)
    })
}

/// The pid on the first line of a PostgreSQL lock file.
fn lock_file_pid(path: &Path) -> Option<u32> {
    fs::read_to_string(path)
        .ok()?
        .lines()
        .next()?
        .trim()
        .parse()
        .ok()
}

/// Whether `pid` is a live (not zombie) `postgres` process, from `/proc/<pid>/stat`.
fn is_live_postgres(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| stat_is_live_postgres(&stat))
}

/// Reads `/proc/<pid>/stat` (`pid (comm) state …`): the command is `postgres` and the state
/// is neither zombie nor dead. A pid reused by another program is not our server.
fn stat_is_live_postgres(stat: &str) -> bool {
    // The command may itself hold spaces and parentheses: it ends at the last `)`.
    let Some((head, rest)) = stat.rsplit_once(')') else {
        return false;
    };
    let comm = head.split_once('(').map(|(_, comm)| comm);
    let state = rest.split_whitespace().next();
    comm == Some("postgres") && state.is_some_and(|s| !matches!(s, "Z" | "X" | "x"))
}

/// Whether this process runs as root. On Linux `/proc/self` belongs to the effective user.
fn is_root() -> Result<bool, EmbeddedError> {
    let path = Path::new("/proc/self");
    let meta = fs::metadata(path).map_err(io("cannot read", path))?;
    Ok(meta.uid() == 0)
}

fn postgres_user() -> Result<(String, u32, u32), EmbeddedError> {
    let passwd =
        fs::read_to_string("/etc/passwd").map_err(io("cannot read", Path::new("/etc/passwd")))?;
    passwd
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            (fields.first() == Some(&SUPERUSER)).then(|| {
                Some((
                    SUPERUSER.to_owned(),
                    fields.get(2)?.parse().ok()?,
                    fields.get(3)?.parse().ok()?,
                ))
            })?
        })
        .ok_or(EmbeddedError::NoPostgresUser)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_live_postgres_process_counts_as_the_running_server() {
        let cases = [
            ("4242 (postgres) S 1 4242 4242 0 -1 4194560", true),
            ("4242 (postgres) R 1 4242 4242 0 -1 4194560", true),
            ("4242 (postgres) Z 1 4242 4242 0 -1 4194308", false),
            ("4242 (postgres) X 1 4242 4242 0 -1 4194308", false),
            ("4242 (bash) S 1 4242 4242 0 -1 4194560", false),
            ("4242 (post) gres) S 1 4242 4242 0 -1 4194560", false),
            ("4242 (postgres)", false),
            ("", false),
        ];
        for (stat, live) in cases {
            assert_eq!(stat_is_live_postgres(stat), live, "{stat:?}");
        }
    }

    #[test]
    fn a_lock_file_is_read_for_the_pid_on_its_first_line() {
        let dir = std::env::temp_dir().join(format!("lockfile-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let cases = [
            ("4242\n/var/lib/postgres\n1700000000\n", Some(4242)),
            ("  4242  \n", Some(4242)),
            ("-4242\n", None),
            ("", None),
            ("junk\n", None),
        ];
        for (text, pid) in cases {
            let file = dir.join(POSTMASTER_PID);
            fs::write(&file, text).unwrap();
            assert_eq!(lock_file_pid(&file), pid, "{text:?}");
        }
        assert_eq!(lock_file_pid(&dir.join("absent")), None);
        fs::remove_dir_all(&dir).unwrap();
    }
}
