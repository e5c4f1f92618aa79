//! Rehearsals against the target database: the connection probes, the schema gap analysis and
//! the dry-run. The target is named by a **secret reference** — `env:NAME` or `file:/path` —
//! resolved only while a run connects; the resolved URL lives in a [`SecretUrl`] that never
//! prints, and only a redacted endpoint (host, port, database) is ever recorded.
//!
//! Everything done on the target happens inside transactions that are rolled back: a rehearsal
//! leaves no trace there.

pub mod dry_run;
pub mod probes;
pub mod tls;

use std::str::FromStr;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};

use crate::config::SecretUrl;

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
}

impl RefError {
    /// The code in message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Inline => "inline",
            Self::Malformed => "malformed",
        }
    }

    /// Every error.
    pub const ALL: [Self; 3] = [Self::Empty, Self::Inline, Self::Malformed];
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
                && !path.chars().any(char::is_whitespace);
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

    /// Reads the URL it points to. The error says what is missing, never what was found.
    pub fn resolve(&self) -> Result<SecretUrl, Refusal> {
        let text = match self {
            Self::Env(name) => std::env::var(name).map_err(|_| Refusal::EnvUnset)?,
            Self::File(path) => {
                std::fs::read_to_string(path).map_err(|_| Refusal::FileUnreadable)?
            }
        };
        SecretUrl::from_str(text.trim()).map_err(|_| Refusal::MalformedUrl)
    }
}

/// Why a run did not start (nothing was done on the target, nothing recorded but the refusal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No target has been named.
    NoTarget,
    /// The environment variable is not set.
    EnvUnset,
    /// The file cannot be read.
    FileUnreadable,
    /// What it holds is not a PostgreSQL URL.
    MalformedUrl,
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
            Self::FileUnreadable => "file_unreadable",
            Self::MalformedUrl => "malformed_url",
            Self::OwnDatabase => "own_database",
            Self::Busy => "busy",
            Self::NoSnapshot => "no_snapshot",
        }
    }

    /// Every refusal.
    pub const ALL: [Self; 7] = [
        Self::NoTarget,
        Self::EnvUnset,
        Self::FileUnreadable,
        Self::MalformedUrl,
        Self::OwnDatabase,
        Self::Busy,
        Self::NoSnapshot,
    ];
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
    /// Parses a resolved URL.
    pub fn new(url: &SecretUrl, limits: Limits) -> Result<Self, Refusal> {
        let options =
            PgConnectOptions::from_str(url.expose()).map_err(|_| Refusal::MalformedUrl)?;
        let socket = options.get_socket().map(|p| p.display().to_string());
        let host = socket
            .clone()
            .unwrap_or_else(|| options.get_host().to_owned());
        let tcp = socket
            .is_none()
            .then(|| (options.get_host().to_owned(), options.get_port()));
        let local = host.starts_with('/')
            || matches!(host.as_str(), "localhost" | "127.0.0.1" | "::1" | "[::1]");
        let endpoint = format!(
            "{host}:{}/{}",
            options.get_port(),
            options.get_database().unwrap_or("-")
        );
        let statement = limits.statement.as_millis().to_string();
        let options = options
            .application_name("readiness-console-rehearsal")
            .options([("statement_timeout", statement.as_str())]);
        Ok(Self {
            options,
            endpoint,
            local,
            tcp,
        })
    }

    /// Connects within the limit.
    pub async fn connect(&self, limits: Limits) -> Result<PgConnection, &'static str> {
        match tokio::time::timeout(limits.connect, PgConnection::connect_with(&self.options)).await
        {
            Ok(Ok(conn)) => Ok(conn),
            Ok(Err(error)) => Err(reason(&error)),
            Err(_) => Err("connect_timeout"),
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
pub fn reason(error: &sqlx::Error) -> &'static str {
    match error {
        sqlx::Error::Database(e) => match e.code().as_deref() {
            Some("28P01" | "28000") => "auth_failed",
            Some("3D000") => "no_database",
            Some("57014") => "statement_timeout",
            Some("42P01" | "3F000") => "schema_missing",
            Some("42501") => "permission_denied",
            Some("55P03") => "lock_timeout",
            _ => "target_error",
        },
        sqlx::Error::Io(_) => "unreachable",
        sqlx::Error::Tls(_) => "tls_unavailable",
        sqlx::Error::PoolTimedOut => "connect_timeout",
        sqlx::Error::Protocol(text) if text.contains("TLS") || text.contains("SSL") => {
            "tls_unavailable"
        }
        _ => "target_error",
    }
}

/// Every failure reason a step may record.
pub const REASONS: [&str; 17] = [
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
];

/// One step of a run: a probe, a dry-run step or the gap analysis.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Step {
    /// The console item it decides, e.g. `connection.write_probe`.
    pub item: &'static str,
    /// Whether it passed.
    pub passed: bool,
    /// For measuring steps: how many expected objects were found.
    pub found: Option<i32>,
    /// `ok`, or why not (see [`REASONS`]).
    pub reason: &'static str,
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
            reason: "blocked",
            detail: json!({}),
            duration_ms: 0,
        }
    }
}

/// Times `work` and turns its outcome into a step.
pub async fn timed<F>(item: &'static str, work: F) -> Step
where
    F: std::future::Future<Output = Result<(Option<i32>, Value), &'static str>>,
{
    let started = Instant::now();
    let outcome = work.await;
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    match outcome {
        Ok((found, detail)) => Step {
            item,
            passed: true,
            found,
            reason: "ok",
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
    /// Whether every step of the items under `prefix` passed (and there was one).
    pub fn passed(&self, prefix: &str) -> bool {
        let mut own = self.steps.iter().filter(|s| s.item.starts_with(prefix));
        own.clone().next().is_some() && own.all(|s| s.passed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            Target::new(
                &SecretUrl::from_str("not a url").unwrap(),
                Limits::default()
            )
            .err(),
            Some(Refusal::MalformedUrl)
        );
    }
}
