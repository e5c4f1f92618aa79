//! Rehearsals against the target database: the connection probes, the schema gap analysis and
//! the dry-run. The target is named by a **secret reference** — `env:NAME` or `file:/path` —
//! resolved only while a run connects; the resolved URL lives in a [`SecretUrl`] that never
//! prints, and only a redacted endpoint (host, port, database) is ever recorded.
//!
//! Everything done on the target happens inside transactions that are rolled back: a rehearsal
//! leaves no trace there.
//!
//! This module is the target database's adapter, and so the one place besides `crate::db` that
//! speaks SQL: to the target (and, only to tell the target from the console's own database, the
//! same identity query to the console's, [`own_identity`]). What a rehearsal records in the
//! console's database goes through `crate::db::rehearsal`.

pub mod dry_run;
pub mod probes;
pub mod tls;

use std::str::FromStr;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};

use crate::config::SecretUrl;
use crate::readiness::RunState;
use crate::readiness::code::{UnknownCode, code_enum};

/// A reference to where the target's URL is kept. Never the URL itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretRef {
    /// An environment variable of the console's process.
    Env(String),
    /// A file readable by the console's process.
    File(std::path::PathBuf),
}

/// Why a reference was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefError {
    /// Nothing was typed.
    Empty,
    /// It looks like a secret typed inline (a URL, a password, credentials).
    Inline,
    /// Neither `env:NAME` nor `file:/absolute/path`.
    Malformed,
    /// The file is not under a directory the operator allows (`--secret-dir`).
    OutsideSecretDirs,
    /// The variable's name does not start with the prefix the operator allows.
    EnvPrefix,
}

impl RefError {
    /// The code in message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Inline => "inline",
            Self::Malformed => "malformed",
            Self::OutsideSecretDirs => "outside_secret_dirs",
            Self::EnvPrefix => "env_prefix",
        }
    }

    /// Every error.
    pub const ALL: [Self; 5] = [
        Self::Empty,
        Self::Inline,
        Self::Malformed,
        Self::OutsideSecretDirs,
        Self::EnvPrefix,
    ];
}

/// Where secret references may point, as the operator configured it: `file:` references only
/// under these directories, `env:` references only to names with this prefix. Anything else
/// the console's process can read — its own configuration, `/etc/passwd`, a `.pgpass` — stays
/// out of reach of whoever may name a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretPolicy {
    /// Directories `file:` references may resolve under (after symlinks are resolved).
    pub dirs: Vec<std::path::PathBuf>,
    /// The prefix of the environment variables `env:` references may name.
    pub env_prefix: String,
}

impl Default for SecretPolicy {
    fn default() -> Self {
        Self {
            dirs: Vec::new(),
            env_prefix: Self::DEFAULT_ENV_PREFIX.to_owned(),
        }
    }
}

impl SecretPolicy {
    /// The prefix allowed when the operator names none.
    pub const DEFAULT_ENV_PREFIX: &'static str = "READINESS_TARGET_";
    /// The most a secret file may hold: a URL, not a document.
    pub const MAX_FILE_BYTES: u64 = 4096;

    /// Whether the reference points where the policy allows, judged on its text alone (no file
    /// is touched, so naming a target tells nothing about which files exist).
    pub fn admits(&self, reference: &SecretRef) -> Result<(), RefError> {
        match reference {
            SecretRef::Env(name) if name.starts_with(&self.env_prefix) => Ok(()),
            SecretRef::Env(_) => Err(RefError::EnvPrefix),
            SecretRef::File(path) => {
                // `..` could climb out of an allowed directory before any symlink is resolved.
                let plain = path
                    .components()
                    .all(|c| !matches!(c, std::path::Component::ParentDir));
                if plain && self.dirs.iter().any(|dir| path.starts_with(dir)) {
                    Ok(())
                } else {
                    Err(RefError::OutsideSecretDirs)
                }
            }
        }
    }

    /// Reads a `file:` reference: symlinks resolved first and the real path checked again
    /// against the allowed directories (themselves resolved), a regular file, at most
    /// [`Self::MAX_FILE_BYTES`].
    fn read_file(&self, path: &std::path::Path) -> Result<String, Refusal> {
        use std::io::Read as _;
        let real = std::fs::canonicalize(path).map_err(|_| Refusal::FileUnreadable)?;
        let inside = self
            .dirs
            .iter()
            .any(|dir| std::fs::canonicalize(dir).is_ok_and(|dir| real.starts_with(dir)));
        if !inside {
            return Err(Refusal::FileOutsideSecretDirs);
        }
        let file = std::fs::File::open(&real).map_err(|_| Refusal::FileUnreadable)?;
        let meta = file.metadata().map_err(|_| Refusal::FileUnreadable)?;
        if !meta.is_file() {
            return Err(Refusal::FileUnreadable);
        }
        if meta.len() > Self::MAX_FILE_BYTES {
            return Err(Refusal::FileTooLarge);
        }
        // The length is checked again on what is read: the file may grow in between.
        let mut bytes = Vec::new();
        file.take(Self::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| Refusal::FileUnreadable)?;
        if bytes.len() as u64 > Self::MAX_FILE_BYTES {
            return Err(Refusal::FileTooLarge);
        }
        String::from_utf8(bytes).map_err(|_| Refusal::MalformedUrl)
    }
}

impl SecretRef {
    /// Parses `env:NAME` or `file:/path`; refuses anything that holds a secret inline.
    pub fn parse(text: &str) -> Result<Self, RefError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(RefError::Empty);
        }
        let lower = text.to_ascii_lowercase();
        if lower.contains("://")
            || lower.contains('@')
            || lower.contains("password")
            || lower.starts_with("postgres")
            || lower.contains("host=")
        {
            return Err(RefError::Inline);
        }
        if let Some(name) = text.strip_prefix("env:") {
            let valid = (1..=128).contains(&name.len())
                && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            return if valid {
                Ok(Self::Env(name.to_owned()))
            } else {
                Err(RefError::Malformed)
            };
        }
        if let Some(path) = text.strip_prefix("file:") {
            let valid = path.starts_with('/')
                && path.len() <= 1000
                && path
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-'));
            return if valid {
                Ok(Self::File(path.into()))
            } else {
                Err(RefError::Malformed)
            };
        }
        Err(RefError::Malformed)
    }

    /// The reference as stored and shown.
    pub fn as_text(&self) -> String {
        match self {
            Self::Env(name) => format!("env:{name}"),
            Self::File(path) => format!("file:{}", path.display()),
        }
    }

    /// Reads the URL it points to, where `policy` allows, and checks that it is a PostgreSQL
    /// URL. The error says which rule failed, never what was found.
    pub fn resolve(&self, policy: &SecretPolicy) -> Result<SecretUrl, Refusal> {
        policy.admits(self).map_err(|error| match error {
            RefError::EnvPrefix => Refusal::EnvNotAllowed,
            _ => Refusal::FileOutsideSecretDirs,
        })?;
        let text = match self {
            Self::Env(name) => std::env::var(name).map_err(|_| Refusal::EnvUnset)?,
            Self::File(path) => policy.read_file(path)?,
        };
        Ok(SecretUrl::from_str(text.trim()).unwrap_or_else(|never| match never {}))
    }
}

/// Why a run did not start (nothing was done on the target, nothing recorded but the refusal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No target has been named.
    NoTarget,
    /// The environment variable is not set.
    EnvUnset,
    /// The variable's name lacks the allowed prefix.
    EnvNotAllowed,
    /// The file cannot be read.
    FileUnreadable,
    /// The file, once symlinks are resolved, is outside the allowed directories.
    FileOutsideSecretDirs,
    /// The file is larger than a URL can be.
    FileTooLarge,
    /// What it holds is not a `postgres://` or `postgresql://` URL.
    MalformedUrl,
    /// The URL's host is missing or has characters a host cannot have.
    UrlHost,
    /// The URL's port is not a port.
    UrlPort,
    /// The URL names no database, or one with characters outside `[A-Za-z0-9_.-]`.
    UrlDatabase,
    /// The URL has a parameter the console does not pass on.
    UrlParameter,
    /// The target is the console's own database.
    OwnDatabase,
    /// Another run is under way.
    Busy,
    /// The dry-run needs a frozen snapshot.
    NoSnapshot,
}

impl Refusal {
    /// The code stored and used in message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoTarget => "no_target",
            Self::EnvUnset => "env_unset",
            Self::EnvNotAllowed => "env_not_allowed",
            Self::FileUnreadable => "file_unreadable",
            Self::FileOutsideSecretDirs => "file_outside_secret_dirs",
            Self::FileTooLarge => "file_too_large",
            Self::MalformedUrl => "malformed_url",
            Self::UrlHost => "url_host",
            Self::UrlPort => "url_port",
            Self::UrlDatabase => "url_database",
            Self::UrlParameter => "url_parameter",
            Self::OwnDatabase => "own_database",
            Self::Busy => "busy",
            Self::NoSnapshot => "no_snapshot",
        }
    }

    /// Every refusal.
    pub const ALL: [Self; 14] = [
        Self::NoTarget,
        Self::EnvUnset,
        Self::EnvNotAllowed,
        Self::FileUnreadable,
        Self::FileOutsideSecretDirs,
        Self::FileTooLarge,
        Self::MalformedUrl,
        Self::UrlHost,
        Self::UrlPort,
        Self::UrlDatabase,
        Self::UrlParameter,
        Self::OwnDatabase,
        Self::Busy,
        Self::NoSnapshot,
    ];

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == code)
    }
}

/// Why a run ended without a verdict of its steps, as stored with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunReason {
    /// It was refused before touching the target.
    Refused(Refusal),
    /// It was cancelled at its time limit.
    TimedOut,
}

impl RunReason {
    /// Every reason: each refusal, then the time limit.
    pub fn all() -> impl Iterator<Item = Self> {
        Refusal::ALL
            .into_iter()
            .map(Self::Refused)
            .chain([Self::TimedOut])
    }

    /// The code stored and used in message ids: the refusal's, or the timed-out run state's.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Refused(refusal) => refusal.as_str(),
            Self::TimedOut => RunState::TimedOut.as_str(),
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::all().find(|r| r.as_str() == code)
    }

    /// The state a run with this reason is in.
    pub fn state(self) -> RunState {
        match self {
            Self::Refused(_) => RunState::Refused,
            Self::TimedOut => RunState::TimedOut,
        }
    }
}

impl std::str::FromStr for RunReason {
    type Err = UnknownCode;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Self::parse(code).ok_or_else(|| UnknownCode::new("run reason", code))
    }
}

impl std::fmt::Display for RunReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The parts of a target URL that may be shown, each checked against a strict character set.
/// The redacted endpoint is built from these and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Endpoint {
    /// A host name, an IP address, or the absolute folder of a Unix socket.
    host: String,
    port: u16,
    database: String,
}

impl Endpoint {
    /// The URL parameters passed on to the connection; any other is refused.
    const PARAMETERS: [&'static str; 2] = ["host", "sslmode"];

    fn parse(text: &str) -> Result<Self, Refusal> {
        let url = url::Url::parse(text).map_err(|error| match error {
            url::ParseError::InvalidPort => Refusal::UrlPort,
            url::ParseError::EmptyHost
            | url::ParseError::IdnaError
            | url::ParseError::InvalidIpv4Address
            | url::ParseError::InvalidIpv6Address
            | url::ParseError::InvalidDomainCharacter => Refusal::UrlHost,
            _ => Refusal::MalformedUrl,
        })?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(Refusal::MalformedUrl);
        }
        let mut socket = None;
        for (name, value) in url.query_pairs() {
            if !Self::PARAMETERS.contains(&name.as_ref()) {
                return Err(Refusal::UrlParameter);
            }
            if name == "host" {
                let folder = value.starts_with('/')
                    && value.len() <= 255
                    && value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-'));
                if !folder {
                    return Err(Refusal::UrlHost);
                }
                socket = Some(value.into_owned());
            }
        }
        let host = match (socket, url.host()) {
            (Some(folder), _) => folder,
            (None, Some(url::Host::Domain(name))) => {
                let valid = (1..=253).contains(&name.len())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
                if !valid {
                    return Err(Refusal::UrlHost);
                }
                name.to_owned()
            }
            (None, Some(url::Host::Ipv4(ip))) => ip.to_string(),
            (None, Some(url::Host::Ipv6(ip))) => format!("[{ip}]"),
            (None, None) => return Err(Refusal::UrlHost),
        };
        let port = url.port().unwrap_or(5432);
        if port == 0 {
            return Err(Refusal::UrlPort);
        }
        let database = url.path().strip_prefix('/').unwrap_or_default();
        let valid = (1..=63).contains(&database.len())
            && database
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !valid {
            return Err(Refusal::UrlDatabase);
        }
        Ok(Self {
            host,
            port,
            database: database.to_owned(),
        })
    }

    fn redacted(&self) -> String {
        format!("{}:{}/{}", self.host, self.port, self.database)
    }
}

/// How long a rehearsal may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// To connect.
    pub connect: Duration,
    /// Per statement on the target (`statement_timeout`).
    pub statement: Duration,
    /// The whole run; past it the run is cancelled and recorded as timed out.
    pub run: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(5),
            statement: Duration::from_secs(10),
            run: Duration::from_secs(60),
        }
    }
}

/// A resolved target: how to connect, and what may be shown of it. Its `Debug` shows the
/// endpoint only: the connect options hold the password.
#[derive(Clone)]
pub struct Target {
    options: PgConnectOptions,
    /// Host (or socket folder), port and database: no user, no password.
    pub endpoint: String,
    /// On this machine (a Unix socket or a loopback address).
    pub local: bool,
    /// Host and port over TCP; `None` for a Unix socket (where TLS does not apply).
    pub tcp: Option<(String, u16)>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Target({})", self.endpoint)
    }
}

impl Target {
    /// Parses a resolved URL: its visible parts must pass [`Endpoint`]'s strict rules before
    /// anything else reads it.
    pub fn new(url: &SecretUrl, limits: Limits) -> Result<Self, Refusal> {
        let endpoint = Endpoint::parse(url.expose())?;
        let options =
            PgConnectOptions::from_str(url.expose()).map_err(|_| Refusal::MalformedUrl)?;
        let socket = endpoint.host.starts_with('/');
        let local = socket || matches!(endpoint.host.as_str(), "localhost" | "127.0.0.1" | "[::1]");
        let tcp = (!socket).then(|| (options.get_host().to_owned(), endpoint.port));
        let statement = limits.statement.as_millis().to_string();
        let options = options
            .application_name("readiness-console-rehearsal")
            .options([("statement_timeout", statement.as_str())]);
        Ok(Self {
            options,
            endpoint: endpoint.redacted(),
            local,
            tcp,
        })
    }

    /// Connects within the limit.
    pub async fn connect(&self, limits: Limits) -> Result<PgConnection, Reason> {
        match tokio::time::timeout(limits.connect, PgConnection::connect_with(&self.options)).await
        {
            Ok(Ok(conn)) => Ok(conn),
            Ok(Err(error)) => Err(reason(&error)),
            Err(_) => Err(Reason::ConnectTimeout),
        }
    }
}

/// Which server and database a connection reaches: equal identities are the same database.
pub async fn identity(conn: &mut PgConnection) -> Result<String, sqlx::Error> {
    sqlx::query_scalar(
        "select pg_postmaster_start_time()::text || '|' || current_setting('port') || '|'
                || current_database()",
    )
    .fetch_one(conn)
    .await
}

/// The console's own identity, to refuse rehearsing on it.
pub async fn own_identity(pool: &PgPool) -> Result<String, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    identity(&mut conn).await
}

/// A failure as a code the console explains in the user's language. Server messages are not
/// kept: they can quote what the user typed.
pub fn reason(error: &sqlx::Error) -> Reason {
    match error {
        sqlx::Error::Database(e) => match e.code().as_deref() {
            Some("28P01" | "28000") => Reason::AuthFailed,
            Some("3D000") => Reason::NoDatabase,
            Some("57014") => Reason::StatementTimeout,
            Some("42P01" | "3F000") => Reason::SchemaMissing,
            Some("42501") => Reason::PermissionDenied,
            Some("55P03") => Reason::LockTimeout,
            _ => Reason::TargetError,
        },
        sqlx::Error::Io(_) => Reason::Unreachable,
        sqlx::Error::Tls(_) => Reason::TlsUnavailable,
        sqlx::Error::PoolTimedOut => Reason::ConnectTimeout,
        sqlx::Error::Protocol(text) if text.contains("TLS") || text.contains("SSL") => {
            Reason::TlsUnavailable
        }
        _ => Reason::TargetError,
    }
}

code_enum! {
    /// How a step ended: `ok`, or why not.
    pub enum Reason as "step reason" {
        /// It passed.
        Ok => "ok",
        /// The target refused the credentials.
        AuthFailed => "auth_failed",
        /// The target has no such database.
        NoDatabase => "no_database",
        /// A statement ran past `statement_timeout`.
        StatementTimeout => "statement_timeout",
        /// The runbook's schema, a table or a column is missing.
        SchemaMissing => "schema_missing",
        /// The role may not do what the step needs.
        PermissionDenied => "permission_denied",
        /// A lock was not granted in time.
        LockTimeout => "lock_timeout",
        /// The target failed in another way.
        TargetError => "target_error",
        /// Nothing answered at the endpoint.
        Unreachable => "unreachable",
        /// TLS could not be negotiated.
        TlsUnavailable => "tls_unavailable",
        /// The connection was not made in time.
        ConnectTimeout => "connect_timeout",
        /// A remote target without TLS.
        NotTlsRemote => "not_tls_remote",
        /// The role is superuser or bypasses row-level security.
        BypassesRls => "bypasses_rls",
        /// Row-level security is not enabled and forced with the tenant policies.
        RlsNotForced => "rls_not_forced",
        /// Another tenant's rows were visible.
        IsolationBroken => "isolation_broken",
        /// What was read back differs from what was written.
        ChecksumMismatch => "checksum_mismatch",
        /// An earlier step failed, so this one did not run.
        Blocked => "blocked",
    }
}

/// One step of a run: a probe, a dry-run step or the gap analysis.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Step {
    /// The console item it decides, e.g. `connection.write_probe`.
    pub item: &'static str,
    /// Whether it passed.
    pub passed: bool,
    /// For measuring steps: how many expected objects were found.
    pub found: Option<i32>,
    /// `ok`, or why not.
    pub reason: Reason,
    /// What it measured: rows, checksums, versions. Never a credential.
    pub detail: Value,
    /// How long it took.
    pub duration_ms: i64,
}

impl Step {
    /// A step that could not run because an earlier one failed.
    pub fn blocked(item: &'static str) -> Self {
        Self {
            item,
            passed: false,
            found: None,
            reason: Reason::Blocked,
            detail: json!({}),
            duration_ms: 0,
        }
    }
}

/// Times `work` and turns its outcome into a step.
pub async fn timed<F>(item: &'static str, work: F) -> Step
where
    F: std::future::Future<Output = Result<(Option<i32>, Value), Reason>>,
{
    let started = Instant::now();
    let outcome = work.await;
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    match outcome {
        Ok((found, detail)) => Step {
            item,
            passed: true,
            found,
            reason: Reason::Ok,
            detail,
            duration_ms,
        },
        Err(reason) => Step {
            item,
            passed: false,
            found: None,
            reason,
            detail: json!({}),
            duration_ms,
        },
    }
}

/// What a finished run recorded.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The redacted endpoint.
    pub endpoint: Option<String>,
    /// The certificate's fingerprint or `not_tls`.
    pub tls: Option<String>,
    /// Each step.
    pub steps: Vec<Step>,
    /// Figures for packets.
    pub summary: std::collections::BTreeMap<String, String>,
}

impl Outcome {
    /// Whether every step of the items of catalogue section `section` passed (and there was
    /// one).
    pub fn passed(&self, section: &str) -> bool {
        let mut own = self
            .steps
            .iter()
            .filter(|s| s.item.split_once('.').is_some_and(|(of, _)| of == section));
        own.clone().next().is_some() && own.all(|s| s.passed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runs_reason_is_a_refusal_or_the_time_limit_and_names_its_state() {
        for reason in RunReason::all() {
            assert_eq!(reason.as_str().parse(), Ok(reason));
        }
        assert_eq!(RunReason::all().count(), Refusal::ALL.len() + 1);
        assert_eq!(
            RunReason::parse("file_outside_secret_dirs"),
            Some(RunReason::Refused(Refusal::FileOutsideSecretDirs))
        );
        assert_eq!(RunReason::TimedOut.as_str(), "timed_out");
        assert_eq!(RunReason::TimedOut.state(), RunState::TimedOut);
        assert_eq!(RunReason::Refused(Refusal::Busy).state(), RunState::Refused);
        assert!("ok".parse::<RunReason>().is_err(), "a step's reason");
    }

    #[test]
    fn step_reasons_are_the_codes_transcripts_hold() {
        assert_eq!(
            Reason::CODES,
            [
                "ok",
                "auth_failed",
                "no_database",
                "statement_timeout",
                "schema_missing",
                "permission_denied",
                "lock_timeout",
                "target_error",
                "unreachable",
                "tls_unavailable",
                "connect_timeout",
                "not_tls_remote",
                "bypasses_rls",
                "rls_not_forced",
                "isolation_broken",
                "checksum_mismatch",
                "blocked",
            ]
        );
        assert_eq!(
            probes::GapKind::CODES,
            [
                "schema",
                "table",
                "column",
                "rls_enabled",
                "rls_forced",
                "policy"
            ]
        );
        let step = serde_json::to_value(Step::blocked("dry_run.schema_map")).unwrap();
        assert_eq!(step["reason"], "blocked");
    }

    #[test]
    fn a_run_passes_on_the_steps_of_its_section_alone() {
        let step = |item, passed| Step {
            passed,
            ..Step::blocked(item)
        };
        let outcome = Outcome {
            steps: vec![
                step("connection.endpoint_reachability", true),
                step("wiring.live_credentials", false),
            ],
            ..Outcome::default()
        };
        assert!(outcome.passed("connection"));
        assert!(!outcome.passed("wiring"));
        assert!(!outcome.passed("runbook"), "no step of its own");
        assert!(
            !outcome.passed("connection.endpoint"),
            "a section, not a prefix"
        );
    }

    #[test]
    fn references_name_where_the_secret_is_and_never_hold_it() {
        assert_eq!(
            SecretRef::parse("env:TARGET_DATABASE_URL"),
            Ok(SecretRef::Env("TARGET_DATABASE_URL".into()))
        );
        assert_eq!(
            SecretRef::parse(" file:/run/secrets/target ").map(|r| r.as_text()),
            Ok("file:/run/secrets/target".into())
        );
        for inline in [
            "postgres://app:hunter2@db.example/bfg",
            "env:postgresql://x",
            "file:/tmp/x@y",
            "host=db.example password=hunter2",
        ] {
            assert_eq!(SecretRef::parse(inline), Err(RefError::Inline), "{inline}");
        }
        for malformed in [
            "TARGET",
            "env:",
            "env:1X",
            "file:relative/path",
            "file:/a b",
            "vault:x",
        ] {
            assert_eq!(
                SecretRef::parse(malformed),
                Err(RefError::Malformed),
                "{malformed}"
            );
        }
        assert_eq!(SecretRef::parse("  "), Err(RefError::Empty));
    }

    #[test]
    fn the_endpoint_is_shown_without_credentials() {
        let url = SecretUrl::from_str("postgres://bfg:s3cret@db.example:6543/bfg_prod").unwrap();
        let target = Target::new(&url, Limits::default()).unwrap();
        assert_eq!(target.endpoint, "db.example:6543/bfg_prod");
        assert!(!target.local);
        assert!(!format!("{target:?}").contains("s3cret"));
        let local =
            SecretUrl::from_str("postgres://bfg:s3cret@localhost/bfg?host=/run/pg").unwrap();
        let target = Target::new(&local, Limits::default()).unwrap();
        assert_eq!(target.endpoint, "/run/pg:5432/bfg");
        assert!(target.local);
    }

    #[test]
    fn a_target_url_that_breaks_a_rule_is_refused_naming_the_rule() {
        let refused =
            |text: &str| Target::new(&SecretUrl::from_str(text).unwrap(), Limits::default()).err();
        for (text, rule) in [
            ("not a url", Refusal::MalformedUrl),
            ("root:x:0:0:root:/root:/bin/bash", Refusal::MalformedUrl),
            ("mysql://db.example/bfg", Refusal::MalformedUrl),
            ("postgres:///bfg", Refusal::UrlHost),
            ("postgres://db_example!/bfg", Refusal::UrlHost),
            ("postgres://db.example:99999/bfg", Refusal::UrlPort),
            ("postgres://db.example:0/bfg", Refusal::UrlPort),
            ("postgres://db.example/", Refusal::UrlDatabase),
            (
                "postgres://db.example/x:0:0:root:/root:/bin/bash",
                Refusal::UrlDatabase,
            ),
            ("postgres://db.example/bfg%0Aprod", Refusal::UrlDatabase),
            ("postgres://u@localhost/bfg?host=run/pg", Refusal::UrlHost),
            (
                "postgres://db.example/bfg?options=-c%20x",
                Refusal::UrlParameter,
            ),
        ] {
            assert_eq!(refused(text), Some(rule), "{text}");
        }
        assert_eq!(
            refused("postgresql://u:p@[::1]:5433/bfg?sslmode=require"),
            None,
            "IPv6 with sslmode"
        );
    }

    #[test]
    fn references_resolve_only_where_the_operator_allows() {
        let dir = std::env::temp_dir().join(format!("secret-policy-{}", std::process::id()));
        let allowed = dir.join("allowed");
        std::fs::create_dir_all(&allowed).unwrap();
        std::fs::write(allowed.join("target"), "postgres://u:p@db.example/bfg\n").unwrap();
        std::fs::write(dir.join("outside"), "postgres://u:p@db.example/bfg").unwrap();
        std::fs::write(allowed.join("big"), "x".repeat(5000)).unwrap();
        let _ = std::fs::remove_file(allowed.join("escape"));
        std::os::unix::fs::symlink(dir.join("outside"), allowed.join("escape")).unwrap();
        let policy = SecretPolicy {
            dirs: vec![allowed.clone()],
            ..SecretPolicy::default()
        };
        let file = |p: &std::path::Path| SecretRef::File(p.to_path_buf());
        assert!(file(&allowed.join("target")).resolve(&policy).is_ok());
        assert_eq!(
            file(&dir.join("outside")).resolve(&policy).err(),
            Some(Refusal::FileOutsideSecretDirs)
        );
        assert_eq!(
            file(&allowed.join("escape")).resolve(&policy).err(),
            Some(Refusal::FileOutsideSecretDirs),
            "a symlink out of the directory"
        );
        assert_eq!(
            policy.admits(&file(&allowed.join("../outside"))),
            Err(RefError::OutsideSecretDirs)
        );
        assert_eq!(
            file(&allowed.join("big")).resolve(&policy).err(),
            Some(Refusal::FileTooLarge)
        );
        assert_eq!(
            file(std::path::Path::new("/etc/passwd"))
                .resolve(&policy)
                .err(),
            Some(Refusal::FileOutsideSecretDirs)
        );
        assert_eq!(
            policy.admits(&SecretRef::Env("HOME".into())),
            Err(RefError::EnvPrefix)
        );
        assert_eq!(
            SecretRef::Env("HOME".into()).resolve(&policy).err(),
            Some(Refusal::EnvNotAllowed)
        );
        assert_eq!(
            policy.admits(&SecretRef::Env("READINESS_TARGET_URL".into())),
            Ok(())
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
