//! Command-line and environment configuration. Every flag has an environment variable.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};

use crate::readiness::RehearsalKind;

/// A database URL: it may hold a password, so it never prints.
#[derive(Clone)]
pub struct SecretUrl(String);

impl SecretUrl {
    /// The URL itself, for connecting only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretUrl(<redacted>)")
    }
}

impl std::str::FromStr for SecretUrl {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

/// The rehearsal kinds on the command line, spelled as their codes. Implemented here rather
/// than derived on the enum, so that the pure core does not know about the command line.
impl ValueEnum for RehearsalKind {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// JSON when standard error is not a terminal, readable text otherwise.
    Auto,
    /// One JSON object per line.
    Json,
    /// Readable text.
    Pretty,
}

/// The readiness console.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Where the embedded PostgreSQL cluster lives when DATABASE_URL is not set.
    #[arg(long, env = "READINESS_DATA_DIR", default_value = "var", global = true)]
    pub data_dir: PathBuf,

    /// Use this PostgreSQL server (as the app role) instead of the embedded one.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<SecretUrl>,

    /// With DATABASE_URL: the owner role's URL, used for migrations and the demo seed.
    #[arg(
        long,
        env = "MIGRATION_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub migration_database_url: Option<SecretUrl>,

    /// The Ed25519 key that signs the audit chain's checkpoints, created on first use.
    /// Default: `audit-signing.key` in the data directory. Keep it out of the database's
    /// backups' reach: whoever holds it can sign checkpoints.
    #[arg(long, env = "READINESS_AUDIT_KEY", global = true)]
    pub audit_key: Option<PathBuf>,

    /// A directory whose files rehearsal targets may be named from (`file:` references;
    /// repeatable). Default: `secrets` in the data directory. Files elsewhere, and symlinks
    /// leading out, are refused.
    #[arg(
        long = "secret-dir",
        env = "READINESS_SECRET_DIRS",
        value_delimiter = ',',
        global = true
    )]
    pub secret_dirs: Vec<PathBuf>,

    /// The prefix of the environment variables rehearsal targets may be named from (`env:`
    /// references).
    #[arg(
        long,
        env = "READINESS_TARGET_ENV_PREFIX",
        default_value = crate::rehearsal::SecretPolicy::DEFAULT_ENV_PREFIX,
        global = true
    )]
    pub target_env_prefix: String,

    /// Log format.
    #[arg(
        long,
        env = "LOG_FORMAT",
        value_enum,
        default_value = "auto",
        global = true
    )]
    pub log_format: LogFormat,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the console.
    Serve(ServeArgs),
    /// Apply the database migrations and exit.
    Migrate,
    /// Create the demo tenant BFG Control (never overwrites an existing one) and exit.
    SeedDemo,
    /// Recompute a tenant's audit chain and check that every acceptance, revocation,
    /// decision, probe result and sign-off has its event; exit non-zero naming the first
    /// broken event and every record not accounted for. Works while the console serves the
    /// same data directory (through its server's socket).
    VerifyAudit {
        /// The tenant's slug.
        #[arg(long)]
        tenant: String,
        /// Also check against checkpoints kept elsewhere: a `checkpoints.jsonl` from an earlier
        /// proof bundle.
        #[arg(long)]
        checkpoints: Option<PathBuf>,
        /// Trust this public key (64 hex digits, as shown on the audit page) instead of the
        /// audit key file's.
        #[arg(long)]
        public_key: Option<String>,
        /// Fail unless the head itself is covered by a signed checkpoint (events after the
        /// newest checkpoint are otherwise only reported).
        #[arg(long)]
        require_signed_head: bool,
    },
    /// Check a `BFGScenarioSnapshot.v1` file and import it for a tenant, as the snapshot page
    /// does; with `--freeze`, freeze it as the next snapshot version too.
    ImportSnapshot {
        /// The tenant's slug.
        #[arg(long)]
        tenant: String,
        /// The JSON-lines file.
        #[arg(long)]
        file: PathBuf,
        /// The actor the audit trail records: the managing director or the dispatcher.
        #[arg(long)]
        actor: String,
        /// Freeze the import as a new snapshot version.
        #[arg(long)]
        freeze: bool,
    },
    /// Run a rehearsal against the tenant's target database, as the rehearsal page does, and
    /// record it: `connection` (the probes), `gap` (the schema gap analysis) or `dry_run` (spelled
    /// as in the rehearsal page's URL and the logs).
    Rehearse {
        /// What to run.
        #[arg(value_enum)]
        kind: RehearsalKind,
        /// The tenant's slug.
        #[arg(long)]
        tenant: String,
        /// The actor the audit trail records: the managing director or the dispatcher.
        #[arg(long)]
        actor: String,
    },
    /// Check a downloaded proof bundle offline: its SHA256SUMS manifest, the audit chain inside
    /// and the checkpoint signatures. Exits non-zero naming what is wrong.
    VerifyBundle {
        /// The bundle (`.tar`).
        file: PathBuf,
        /// Trust this public key (64 hex digits, as shown on the audit page) instead of the one
        /// the bundle carries.
        #[arg(long)]
        public_key: Option<String>,
        /// Fail unless the bundle's head is covered by a signed checkpoint (a bundle whose head
        /// is not is refused anyway; this also refuses one with no events at all).
        #[arg(long)]
        require_signed_head: bool,
    },
}

impl Cli {
    /// Where secret references may point.
    pub fn secret_policy(&self) -> crate::rehearsal::SecretPolicy {
        let dirs = if self.secret_dirs.is_empty() {
            vec![self.data_dir.join("secrets")]
        } else {
            self.secret_dirs.clone()
        };
        crate::rehearsal::SecretPolicy {
            dirs: dirs
                .into_iter()
                .map(|dir| std::path::absolute(&dir).unwrap_or(dir))
                .collect(),
            env_prefix: self.target_env_prefix.clone(),
        }
    }

    /// Where the audit signing key lives.
    pub fn audit_key_path(&self) -> PathBuf {
        self.audit_key
            .clone()
            .unwrap_or_else(|| self.data_dir.join("audit-signing.key"))
    }
}

/// Options of `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "READINESS_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Extra setting for the embedded PostgreSQL server, `name=value` (repeatable).
    #[arg(
        long = "postgres-option",
        env = "READINESS_POSTGRES_OPTIONS",
        value_delimiter = ','
    )]
    pub postgres_options: Vec<String>,

    /// Served behind HTTPS: session cookies become `Secure` and take the `__Host-` prefix.
    #[arg(long, env = "READINESS_HTTPS")]
    pub https: bool,

    /// Connections in the app's pool.
    #[arg(long, env = "READINESS_DB_POOL", default_value_t = 8)]
    pub pool_size: u32,

    /// Serve `/_bench/static`, a fixed body the size of the console, for the benchmark.
    #[arg(long, env = "READINESS_BENCH_BASELINE", hide = true)]
    pub bench_baseline: bool,

    /// Load and evaluate the tenant on every request (the benchmark's uncached row).
    #[arg(long, env = "READINESS_NO_STATE_CACHE", hide = true)]
    pub no_state_cache: bool,
}
