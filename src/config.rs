//! Command-line and environment configuration. Every flag has an environment variable.
//!
//! The flags are parsed into [`Cli`]; `serve` turns them into one [`ServeConfig`]
//! ([`Cli::serve_config`]), which the app's state is built from once. The timings an operator
//! may tune default to [`defaults`], which [`ServeConfig::default`] (what tests run with) holds
//! too.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};

use crate::rehearsal::{Limits, SecretPolicy};

/// The defaults of the tunable timings and limits: the flags' and [`ServeConfig::default`]'s.
pub mod defaults {
    use std::time::Duration;

    /// Sign-in attempts allowed per account, and per client address, in one window…
    pub const SIGN_IN_ATTEMPTS: u32 = 10;
    /// API requests per minute allowed to one key.
    pub const API_PER_KEY: u32 = 600;
    /// API requests per minute allowed to all keys of one tenant together.
    pub const API_PER_TENANT: u32 = 3_000;
    /// …of this length.
    pub const SIGN_IN_WINDOW: Duration = Duration::from_secs(60);
    /// How long a request may take before it answers 503.
    pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
    /// How often a live console's stream sends a keep-alive comment (and looks at its session).
    pub const SSE_KEEP_ALIVE: Duration = Duration::from_secs(15);
    /// Idle time after which a session ends.
    pub const SESSION_IDLE: Duration = Duration::from_secs(30 * 60);
    /// How long a sign-in lasts at most, whatever the activity.
    pub const SESSION_LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);
    /// How often expired sessions are deleted from the store (an expired one is never accepted
    /// meanwhile).
    pub const SESSION_CLEANUP_EVERY: Duration = Duration::from_secs(60 * 60);
    /// How often the chains are looked at for a checkpoint that is due.
    pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(60);
}

/// A length of time on the command line: a whole number and a unit, `ms`, `s`, `m` or `h`
/// (`1500ms`, `90s`, `30m`, `12h`); a bare number is seconds. Zero is refused: every one of
/// these is a timeout or an interval, and none of them means anything at zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DurationArg(pub Duration);

impl std::str::FromStr for DurationArg {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let digits = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(digits);
        let unknown =
            || format!("`{text}` is not a length of time such as 1500ms, 90s, 30m or 12h");
        let number: u64 = number.parse().map_err(|_| unknown())?;
        let millis = match unit.trim() {
            "ms" => Some(number),
            "" | "s" => number.checked_mul(1_000),
            "m" | "min" => number.checked_mul(60_000),
            "h" => number.checked_mul(3_600_000),
            _ => return Err(unknown()),
        }
        .ok_or_else(|| format!("`{text}` is too long"))?;
        if millis == 0 {
            return Err(format!("`{text}`: must be longer than zero"));
        }
        Ok(Self(Duration::from_millis(millis)))
    }
}

impl fmt::Display for DurationArg {
    /// In the largest unit that says it exactly, so that `--help` shows the defaults as an
    /// operator would write them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.as_millis();
        match millis {
            m if m % 1_000 != 0 => write!(f, "{m}ms"),
            m if m % 3_600_000 == 0 => write!(f, "{}h", m / 3_600_000),
            m if m % 60_000 == 0 => write!(f, "{}m", m / 60_000),
            m => write!(f, "{}s", m / 1_000),
        }
    }
}

/// How long something is kept: a whole number of days (`30d`), or a [`DurationArg`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeArg(pub Duration);

impl std::str::FromStr for AgeArg {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let Some(days) = text.trim().strip_suffix('d') else {
            return text.parse::<DurationArg>().map(|d| Self(d.0));
        };
        let days: u64 = days
            .parse()
            .map_err(|_| format!("`{text}` is not a number of days such as 30d"))?;
        match days.checked_mul(86_400) {
            Some(0) => Err(format!("`{text}`: must be longer than zero")),
            Some(seconds) => Ok(Self(Duration::from_secs(seconds))),
            None => Err(format!("`{text}` is too long")),
        }
    }
}
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

    /// The folder holding `initdb`, `pg_ctl` and `postgres` for the embedded cluster. Default:
    /// found on PATH, else the newest under `/usr/lib/postgresql/*/bin`.
    #[arg(long, env = "READINESS_POSTGRES_BIN", global = true)]
    pub postgres_bin: Option<PathBuf>,

    /// How long rehearsals against the target may take.
    #[command(flatten)]
    pub rehearsal: RehearsalTimeouts,

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
    SeedDemo {
        /// Also create this many demo tenants, `demo-00001` onwards, in varied states, each
        /// with about a hundred audit events (for tests and benchmarks; the ones that exist
        /// already are left as they are).
        #[arg(long, env = "READINESS_SEED_TENANTS", default_value_t = 0)]
        tenants: usize,
    },
    /// Recompute a tenant's audit chain and check that every acceptance, revocation,
    /// decision, probe result and sign-off has its event; exit non-zero naming the first
    /// broken event and every record not accounted for. Works while the console serves the
    /// same data directory (through its server's socket).
    VerifyAudit {
        /// The tenant's slug.
        #[arg(
            long,
            required_unless_present = "platform",
            conflicts_with = "platform"
        )]
        tenant: Option<String>,
        /// Check the platform chain of tenant events instead of a tenant's audit chain.
        #[arg(long)]
        platform: bool,
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
    /// Create, list, suspend, resume, delete and purge tenants, each change recorded on the
    /// platform chain. Works while the console serves the same data directory.
    Tenant {
        /// What to do.
        #[command(subcommand)]
        command: TenantCommand,
        /// Who did it.
        #[command(flatten)]
        by: OperatorArg,
    },
    /// Create, list and revoke a tenant's API keys (each the key of a service account of the
    /// tenant), each change recorded on the tenant's audit chain. Works while the console
    /// serves the same data directory.
    ApiKey {
        /// What to do.
        #[command(subcommand)]
        command: ApiKeyCommand,
        /// Who did it.
        #[command(flatten)]
        by: OperatorArg,
    },
    /// Add, list and remove a tenant's webhook endpoints, each change recorded on the tenant's
    /// audit chain. Works while the console serves the same data directory.
    Webhook {
        /// What to do.
        #[command(subcommand)]
        command: WebhookCommand,
        /// Who did it.
        #[command(flatten)]
        by: OperatorArg,
    },
    /// Ask a console whether a tenant may deploy: exit 0 at GO; 1 when not GO (printing the
    /// decision, the blocking rung, what blocks it and who owns it); 2 when it cannot tell
    /// (unreachable, refused key, an answer it cannot read). The key is read from
    /// `READINESS_API_KEY`.
    Gate(GateArgs),
    /// Manage the platform's operators, who create, suspend, resume and delete tenants at
    /// `/platform` and never act inside a tenant.
    Operator {
        /// What to do.
        #[command(subcommand)]
        command: OperatorCommand,
    },
    /// Check the platform's health: no duplicate live slug, no tenant stuck provisioning for
    /// over an hour, none behind its programme file, soft deletes coherent, every tenant with
    /// events. Exits non-zero naming each failing check and its tenants.
    Doctor,
    /// Work with programme files (`ReadinessProgramme.v1`).
    Programme {
        /// What to do.
        #[command(subcommand)]
        action: ProgrammeCommand,
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

/// `--operator`: who the chain (the platform's for tenant commands, the tenant's for its keys
/// and webhooks) records as having given an operator's command.
#[derive(Debug, Clone, clap::Args)]
pub struct OperatorArg {
    /// Who the chain records as having done it: the platform chain for `tenant`, the tenant's
    /// audit chain for `api-key` and `webhook`.
    #[arg(
        long,
        env = "READINESS_OPERATOR",
        default_value = "operator",
        global = true
    )]
    pub operator: String,
}

/// The tenant commands.
#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a tenant with its programme and its managing director, and print the managing
    /// director's one-time invitation link.
    Create {
        /// The URL slug: lowercase letters, digits and hyphens.
        #[arg(long)]
        slug: String,
        /// The display name.
        #[arg(long)]
        name: String,
        /// The programme file.
        #[arg(long)]
        programme: PathBuf,
        /// The managing director's name.
        #[arg(long)]
        md_name: String,
        /// The managing director's e-mail address.
        #[arg(long)]
        md_email: String,
        /// The console's address the invitation link begins with.
        #[arg(
            long,
            env = "READINESS_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
    /// List every tenant with its status.
    List,
    /// Suspend a tenant: its pages answer 423 with the reason, and nothing is written.
    Suspend {
        /// The tenant's slug.
        #[arg(long)]
        slug: String,
        /// Why, shown on its pages.
        #[arg(long)]
        reason: String,
    },
    /// Serve a suspended tenant again.
    Resume {
        /// The tenant's slug.
        #[arg(long)]
        slug: String,
    },
    /// Delete a tenant: its pages answer 409 until it is purged.
    Delete {
        /// The tenant's slug.
        #[arg(long)]
        slug: String,
    },
    /// Move a tenant to a new version of its programme: the same programme, a higher version.
    /// Items that stay keep their acceptances; items it drops are retired with their history.
    Programme {
        /// The tenant's slug.
        #[arg(long)]
        slug: String,
        /// The programme file of the new version.
        #[arg(long)]
        file: PathBuf,
    },
    /// Configure the tenant's single sign-on through its identity provider (OpenID Connect),
    /// replacing what was configured. The console's redirect URI at the provider is
    /// `<public URL>/t/<slug>/sso/callback`.
    Sso {
        /// The tenant's slug.
        #[arg(long)]
        slug: String,
        /// The issuer URL, e.g. `https://id.example.com/realms/acme`.
        #[arg(long)]
        issuer: String,
        /// The console's client id at the provider.
        #[arg(long)]
        client_id: String,
        /// Where the client secret is kept: `env:NAME` or `file:/path`, allowed by
        /// `--target-env-prefix` and `--secret-dir` as for rehearsal targets. Never the secret.
        #[arg(long)]
        client_secret_ref: String,
        /// The ID token's claim whose values map to roles.
        #[arg(long, default_value = "groups")]
        role_claim: String,
        /// A claim value and the console role it gives, `value=role` (repeatable).
        #[arg(long = "map")]
        map: Vec<String>,
        /// Let a person the tenant does not know sign up, with `--default-role` (which is
        /// also the role of anyone whose claim maps to none).
        #[arg(long)]
        allow_sign_up: bool,
        /// The role of those who sign up.
        #[arg(long)]
        default_role: Option<String>,
        /// Turn the password form off: people sign in through the provider only.
        #[arg(long)]
        no_password_sign_in: bool,
    },
    /// Purge the tenants deleted longer ago than this (`30d`): each one's final audit head is
    /// recorded on the platform chain, then its rows are removed.
    Purge {
        /// How long a deleted tenant is kept, e.g. `30d`.
        #[arg(long)]
        older_than: AgeArg,
    },
}

/// The API key commands.
#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Create a key and print it, once: only its hash is kept.
    Create {
        /// The tenant's slug.
        #[arg(long)]
        tenant: String,
        /// The key's name (it names its service account too): 1 to 63 of a-z, 0-9 and '-'.
        #[arg(long)]
        name: String,
        /// `read` reads; `attest` also accepts and revokes the owner checks the key's service
        /// account is assigned.
        #[arg(long)]
        scope: String,
        /// Let the key stop working after this long (e.g. 90d); by default it works until
        /// revoked.
        #[arg(long)]
        expires_in: Option<AgeArg>,
    },
    /// List the tenant's live keys: never their text.
    List {
        /// The tenant's slug.
        #[arg(long)]
        tenant: String,
    },
    /// Revoke a key: it stops working at once, on every instance.
    Revoke {
        /// The tenant's slug.
        #[arg(long)]
        tenant: String,
        /// The key's name.
        #[arg(long)]
        name: String,
    },
}

/// The webhook commands.
#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    /// Add an endpoint and print its signing secret, once.
    Add {
        /// The tenant's slug.
        #[arg(long)]
        tenant: String,
        /// The receiver's `https://` URL.
        #[arg(long)]
        url: String,
        /// The event types it receives, comma separated (e.g. `item.accepted,signoff.go`).
        #[arg(long)]
        events: String,
        /// Let the URL's host resolve to a loopback, private or link-local address (the
        /// console must then be started with `--webhooks-allow-private` to send to it).
        #[arg(long, env = "READINESS_WEBHOOKS_ALLOW_PRIVATE")]
        allow_private: bool,
    },
    /// List the tenant's endpoints: never their secrets.
    List {
        /// The tenant's slug.
        #[arg(long)]
        tenant: String,
    },
    /// Remove an endpoint: nothing more is sent to it.
    Remove {
        /// The tenant's slug.
        #[arg(long)]
        tenant: String,
        /// The endpoint's id, as `webhook list` prints it.
        #[arg(long)]
        id: uuid::Uuid,
    },
}

/// What `gate` asks, and how it answers.
#[derive(Debug, clap::Args)]
pub struct GateArgs {
    /// The console's address (`https://console.example`).
    #[arg(long)]
    pub url: String,
    /// The tenant's slug.
    #[arg(long)]
    pub tenant: String,
    /// Ask again, backing off, until GO or the timeout.
    #[arg(long)]
    pub wait: bool,
    /// With `--wait`: how long to wait for GO.
    #[arg(long, default_value_t = DurationArg(Duration::from_secs(30 * 60)))]
    pub timeout: DurationArg,
    /// `text` (a sentence) or `json` (the decision, the blocking rung and the blockers).
    #[arg(long, value_enum, default_value_t = GateOutput::Text)]
    pub output: GateOutput,
}

/// How `gate` prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GateOutput {
    /// One sentence.
    Text,
    /// One JSON object.
    Json,
}

/// The operator commands.
#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Create an operator. The password is read from `READINESS_OPERATOR_PASSWORD` when set,
    /// else from the first line of standard input — never from the command line, where other
    /// users of the machine could read it.
    Create {
        /// The operator's username: 2 to 64 of a-z, 0-9, '.', '_' and '-'.
        #[arg(long)]
        username: String,
    },
}

/// What `programme` does.
#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// Validate a programme file: print one sentence and exit 0, or print each problem as
    /// `FILE:LINE:COL: message` and exit non-zero.
    Check {
        /// The TOML file.
        file: PathBuf,
        /// The language of the messages (`es`, `fr`, `en`, `pt-BR`); by default the one of
        /// LC_ALL, LC_MESSAGES or LANG, else English.
        #[arg(long)]
        lang: Option<String>,
    },
}

impl Cli {
    /// Where secret references may point.
    pub fn secret_policy(&self) -> SecretPolicy {
        let dirs = if self.secret_dirs.is_empty() {
            vec![self.data_dir.join("secrets")]
        } else {
            self.secret_dirs.clone()
        };
        SecretPolicy {
            dirs: dirs
                .into_iter()
                .map(|dir| std::path::absolute(&dir).unwrap_or(dir))
                .collect(),
            env_prefix: self.target_env_prefix.clone(),
        }
    }

    /// How long rehearsals against the target may take.
    pub fn rehearsal_limits(&self) -> Limits {
        self.rehearsal.limits()
    }

    /// What `serve` runs with: its own flags and the global ones it needs, resolved once.
    pub fn serve_config(&self, args: &ServeArgs) -> ServeConfig {
        ServeConfig {
            https: args.https,
            bench_baseline: args.bench_baseline,
            state_cache: !args.no_state_cache,
            cache_tenants: args.cache_tenants,
            request_timeout: args.request_timeout.0,
            sse_keep_alive: args.sse_keep_alive.0,
            access_log: args.access_log,
            sign_in: args.sign_in.limit(),
            sessions: args.sessions.lifetimes(),
            rehearsal: self.rehearsal_limits(),
            secrets: Arc::new(self.secret_policy()),
            session_cleanup_every: args.session_cleanup_every.0,
            checkpoint_every: args.checkpoint_every.0,
            oidc_allow_private: args.oidc_allow_private,
            api: ApiRates {
                per_key: args.api_per_key,
                per_tenant: args.api_per_tenant,
            },
            public_url: args
                .public_url
                .as_ref()
                .map(|u| u.trim_end_matches('/').to_owned()),
            webhooks: WebhookConfig {
                allow_private: args.webhooks_allow_private,
                ca: args.webhooks_ca.clone(),
                timeout: args.webhook_timeout.0,
            },
            mail: args.smtp_url.as_ref().map(|reference| MailConfig {
                reference: reference.clone(),
                from: args.mail_from.clone(),
                base_url: args.public_url.as_ref().map_or_else(
                    || {
                        let scheme = if args.https { "https" } else { "http" };
                        format!("{scheme}://{}", args.bind)
                    },
                    |u| u.trim_end_matches('/').to_owned(),
                ),
            }),
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

    /// How many tenants' evaluated states each instance keeps in memory (the least recently
    /// read go first; the next read of one loads it again).
    #[arg(
        long,
        env = "READINESS_CACHE_TENANTS",
        default_value_t = crate::db::cache::DEFAULT_TENANTS,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub cache_tenants: u64,

    /// How long a request waits for a connection of the app's pool; past it, it answers 503
    /// (short: during an outage a request is answered, not held).
    #[arg(
        long,
        env = "READINESS_DB_ACQUIRE_TIMEOUT",
        default_value_t = DurationArg(crate::db::APP_ACQUIRE_TIMEOUT)
    )]
    pub db_acquire_timeout: DurationArg,

    /// How long a request may take before it answers 503.
    #[arg(
        long,
        env = "READINESS_REQUEST_TIMEOUT",
        default_value_t = DurationArg(defaults::REQUEST_TIMEOUT)
    )]
    pub request_timeout: DurationArg,

    /// How often a live console's event stream sends a keep-alive comment; each tick also
    /// checks that the viewer's session still counts.
    #[arg(
        long,
        env = "READINESS_SSE_KEEP_ALIVE",
        default_value_t = DurationArg(defaults::SSE_KEEP_ALIVE)
    )]
    pub sse_keep_alive: DurationArg,

    /// Which requests get an `info` access line: `all` of them, or the `notable` ones only
    /// (refusals, failures, answers slower than half a second; each write logs its own line
    /// and is in the audit trail). `notable` is what a busy console wants: a formatted line per
    /// page view costs about a quarter of a cached page's throughput.
    #[arg(long, env = "READINESS_ACCESS_LOG", value_enum, default_value_t = AccessLog::All)]
    pub access_log: AccessLog,

    /// How many sign-in attempts are allowed.
    #[command(flatten)]
    pub sign_in: SignInArgs,

    /// How long a sign-in lasts.
    #[command(flatten)]
    pub sessions: SessionArgs,

    /// How often expired sessions are deleted from the store (an expired one is never accepted
    /// meanwhile).
    #[arg(
        long,
        env = "READINESS_SESSION_CLEANUP_EVERY",
        default_value_t = DurationArg(defaults::SESSION_CLEANUP_EVERY)
    )]
    pub session_cleanup_every: DurationArg,

    /// How often the audit chains are looked at for a checkpoint that is due (a chain that
    /// moved and was last signed over an hour ago).
    #[arg(
        long,
        env = "READINESS_CHECKPOINT_EVERY",
        default_value_t = DurationArg(defaults::CHECKPOINT_EVERY)
    )]
    pub checkpoint_every: DurationArg,

    /// Let a tenant's identity provider be at a loopback, private or link-local address
    /// (refused otherwise, so that whoever configures an issuer cannot reach the console's own
    /// network). For tests and providers on the same private network.
    #[arg(long, env = "READINESS_OIDC_ALLOW_PRIVATE")]
    pub oidc_allow_private: bool,

    /// The console's address as its users reach it (`https://console.example.com`): the
    /// identity providers' redirect URI begins with it. Default: the request's `Host`, with
    /// `https://` when `--https` is set.
    #[arg(long, env = "READINESS_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// API requests per minute allowed to one key (a burst of as many, refilled evenly); over
    /// it, 429 `RATE_LIMITED` with `Retry-After`. Counted per instance.
    #[arg(long, env = "READINESS_API_PER_KEY", default_value_t = defaults::API_PER_KEY,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub api_per_key: u32,

    /// API requests per minute allowed to all keys of one tenant together, per instance.
    #[arg(long, env = "READINESS_API_PER_TENANT", default_value_t = defaults::API_PER_TENANT,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub api_per_tenant: u32,

    /// Let webhook endpoints resolve to loopback, private or link-local addresses (refused
    /// otherwise, so that whoever adds an endpoint cannot reach the console's own network).
    /// For tests and receivers on the same private network.
    #[arg(long, env = "READINESS_WEBHOOKS_ALLOW_PRIVATE")]
    pub webhooks_allow_private: bool,

    /// A PEM file of certificates that webhook receivers' TLS may chain to, besides the public
    /// roots: an internal certificate authority.
    #[arg(long, env = "READINESS_WEBHOOKS_CA", value_name = "FILE")]
    pub webhooks_ca: Option<PathBuf>,

    /// How long a webhook receiver has to answer a try. A try's lease is this and 5 seconds:
    /// a delivery whose instance died is claimed again once it runs out.
    #[arg(long, env = "READINESS_WEBHOOK_TIMEOUT",
          default_value_t = DurationArg(crate::webhook::DEFAULT_TIMEOUT))]
    pub webhook_timeout: DurationArg,

    /// The SMTP server mail is sent through, by secret reference as rehearsal targets are
    /// (`env:NAME` or `file:/path`, within `--secret-dir` and `--target-env-prefix`), whose
    /// value is `smtp://user:pass@host:port` (`?tls=required` for STARTTLS) or `smtps://…`.
    /// Without it, no mail is queued or sent. The URL itself is never logged or shown.
    #[arg(long, env = "READINESS_SMTP_URL", value_name = "REFERENCE")]
    pub smtp_url: Option<String>,

    /// Who the console's mails are from.
    #[arg(
        long,
        env = "READINESS_MAIL_FROM",
        default_value = "Readiness Console <console@localhost>"
    )]
    pub mail_from: String,
}

/// How long rehearsals against the target may take: global flags.
#[derive(Debug, clap::Args)]
pub struct RehearsalTimeouts {
    /// How long a rehearsal may take to connect to the target.
    #[arg(
        long,
        env = "READINESS_REHEARSAL_CONNECT_TIMEOUT",
        default_value_t = DurationArg(Limits::default().connect),
        global = true
    )]
    pub rehearsal_connect_timeout: DurationArg,

    /// How long one statement of a rehearsal may run on the target (its `statement_timeout`).
    #[arg(
        long,
        env = "READINESS_REHEARSAL_STATEMENT_TIMEOUT",
        default_value_t = DurationArg(Limits::default().statement),
        global = true
    )]
    pub rehearsal_statement_timeout: DurationArg,

    /// How long a whole rehearsal may run; past it, it is cancelled and recorded as timed out.
    #[arg(
        long,
        env = "READINESS_REHEARSAL_RUN_TIMEOUT",
        default_value_t = DurationArg(Limits::default().run),
        global = true
    )]
    pub rehearsal_run_timeout: DurationArg,
}

impl RehearsalTimeouts {
    /// The limits the rehearsals run under.
    pub fn limits(&self) -> Limits {
        Limits {
            connect: self.rehearsal_connect_timeout.0,
            statement: self.rehearsal_statement_timeout.0,
            run: self.rehearsal_run_timeout.0,
        }
    }
}

/// The sign-in throttle's flags.
#[derive(Debug, clap::Args)]
pub struct SignInArgs {
    /// Sign-in attempts allowed per account, and per client address, in one
    /// `--sign-in-window`; past them, sign-in answers 429 before any password is checked.
    #[arg(
        long,
        env = "READINESS_SIGN_IN_ATTEMPTS",
        default_value_t = defaults::SIGN_IN_ATTEMPTS,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub sign_in_attempts: u32,

    /// The window `--sign-in-attempts` are counted in.
    #[arg(
        long,
        env = "READINESS_SIGN_IN_WINDOW",
        default_value_t = DurationArg(defaults::SIGN_IN_WINDOW)
    )]
    pub sign_in_window: DurationArg,
}

impl SignInArgs {
    /// The throttle they set.
    pub fn limit(&self) -> SignInLimit {
        SignInLimit {
            attempts: self.sign_in_attempts,
            window: self.sign_in_window.0,
        }
    }
}

/// The session lifetimes' flags.
#[derive(Debug, clap::Args)]
pub struct SessionArgs {
    /// Idle time after which a session ends.
    #[arg(
        long,
        env = "READINESS_SESSION_IDLE",
        default_value_t = DurationArg(defaults::SESSION_IDLE)
    )]
    pub session_idle: DurationArg,

    /// How long a sign-in lasts at most, whatever the activity.
    #[arg(
        long,
        env = "READINESS_SESSION_LIFETIME",
        default_value_t = DurationArg(defaults::SESSION_LIFETIME)
    )]
    pub session_lifetime: DurationArg,
}

impl SessionArgs {
    /// The lifetimes they set.
    pub fn lifetimes(&self) -> SessionLifetimes {
        SessionLifetimes {
            idle: self.session_idle.0,
            absolute: self.session_lifetime.0,
        }
    }
}

/// Sign-in attempts allowed per key (an account, a client address) in a fixed window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInLimit {
    /// Attempts allowed…
    pub attempts: u32,
    /// …per window of this length.
    pub window: Duration,
}

/// How long a sign-in lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLifetimes {
    /// Idle time after which the session ends.
    pub idle: Duration,
    /// The most a sign-in lasts, whatever the activity.
    pub absolute: Duration,
}

/// Which requests get an `info` access line (the others a `debug` one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AccessLog {
    /// Every request.
    All,
    /// Refusals, failures and slow answers.
    Notable,
}

/// Everything the served console is configured with, built once from the command line
/// ([`Cli::serve_config`]) and handed to [`crate::web::AppState::new`]. Its
/// [`Default`] is the flags' defaults, with no secret directory: what tests start from.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Served behind HTTPS: cookies are `Secure` and named with the `__Host-` prefix.
    pub https: bool,
    /// Serve `/_bench/static` (a fixed body) for the benchmark's baseline.
    pub bench_baseline: bool,
    /// Keep evaluated tenants cached (exact through `LISTEN/NOTIFY`); off, every request loads
    /// and evaluates (the benchmark's uncached row).
    pub state_cache: bool,
    /// How many tenants' evaluated states are kept in memory.
    pub cache_tenants: u64,
    /// How long a request may take before it answers 503.
    pub request_timeout: Duration,
    /// How often a live console's event stream sends a keep-alive comment.
    pub sse_keep_alive: Duration,
    /// Which requests get an `info` access line.
    pub access_log: AccessLog,
    /// Sign-in attempts allowed per account and per client address.
    pub sign_in: SignInLimit,
    /// How long a sign-in lasts.
    pub sessions: SessionLifetimes,
    /// How long rehearsals against the target may take.
    pub rehearsal: Limits,
    /// Where rehearsal targets' secret references may point.
    pub secrets: Arc<SecretPolicy>,
    /// How often expired sessions are deleted from the store.
    pub session_cleanup_every: Duration,
    /// How often the audit chains are looked at for a checkpoint that is due.
    pub checkpoint_every: Duration,
    /// Whether identity providers may be at non-public addresses.
    pub oidc_allow_private: bool,
    /// The console's public address, the identity providers' redirect URIs begin with.
    pub public_url: Option<String>,
    /// How webhooks are sent.
    pub webhooks: WebhookConfig,
    /// How mail is sent; `None`: it is not.
    pub mail: Option<MailConfig>,
    /// The API's rate limits.
    pub api: ApiRates,
}

/// The API's rate limits, in requests per minute, per instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiRates {
    /// For one key.
    pub per_key: u32,
    /// For all keys of one tenant together.
    pub per_tenant: u32,
}

impl Default for ApiRates {
    fn default() -> Self {
        Self {
            per_key: defaults::API_PER_KEY,
            per_tenant: defaults::API_PER_TENANT,
        }
    }
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            https: false,
            bench_baseline: false,
            state_cache: true,
            cache_tenants: crate::db::cache::DEFAULT_TENANTS,
            request_timeout: defaults::REQUEST_TIMEOUT,
            sse_keep_alive: defaults::SSE_KEEP_ALIVE,
            access_log: AccessLog::All,
            sign_in: SignInLimit {
                attempts: defaults::SIGN_IN_ATTEMPTS,
                window: defaults::SIGN_IN_WINDOW,
            },
            sessions: SessionLifetimes {
                idle: defaults::SESSION_IDLE,
                absolute: defaults::SESSION_LIFETIME,
            },
            rehearsal: Limits::default(),
            secrets: Arc::default(),
            session_cleanup_every: defaults::SESSION_CLEANUP_EVERY,
            checkpoint_every: defaults::CHECKPOINT_EVERY,
            oidc_allow_private: false,
            public_url: None,
            webhooks: WebhookConfig::default(),
            mail: None,
            api: ApiRates::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operator_command_reads_who_gives_it_after_its_subcommand_too() {
        use clap::Parser as _;
        for (args, expected) in [
            (vec!["tenant", "list", "--operator", "olga.ops"], "olga.ops"),
            (
                vec!["api-key", "--operator", "olga.ops", "list", "--tenant", "t"],
                "olga.ops",
            ),
            (vec!["webhook", "list", "--tenant", "t"], "operator"),
        ] {
            let cli = Cli::try_parse_from(std::iter::once("readiness-console").chain(args.clone()))
                .unwrap_or_else(|e| panic!("{args:?}: {e}"));
            let by = match cli.command {
                Command::Tenant { by, .. }
                | Command::ApiKey { by, .. }
                | Command::Webhook { by, .. } => by,
                _ => panic!("{args:?}"),
            };
            assert_eq!(by.operator, expected, "{args:?}");
        }
    }

    #[test]
    fn lengths_of_time_are_read_with_their_unit() {
        let cases = [
            ("1500ms", Duration::from_millis(1500)),
            ("90s", Duration::from_secs(90)),
            ("90", Duration::from_secs(90)),
            ("30m", Duration::from_secs(30 * 60)),
            ("12h", Duration::from_secs(12 * 3600)),
            (" 5 s ", Duration::from_secs(5)),
        ];
        for (text, expected) in cases {
            assert_eq!(
                text.parse::<DurationArg>(),
                Ok(DurationArg(expected)),
                "{text}"
            );
        }
    }

    #[test]
    fn zero_an_unknown_unit_and_an_overflow_are_refused() {
        for text in [
            "0s",
            "0",
            "",
            "s",
            "5d",
            "-5s",
            "1.5s",
            "99999999999999999999h",
        ] {
            assert!(text.parse::<DurationArg>().is_err(), "{text}");
        }
    }

    #[test]
    fn an_age_is_days_or_a_length_of_time() {
        let day = Duration::from_secs(86_400);
        assert_eq!("30d".parse::<AgeArg>(), Ok(AgeArg(day * 30)));
        assert_eq!("12h".parse::<AgeArg>(), Ok(AgeArg(day / 2)));
        for text in ["0d", "d", "-1d", "1.5d", "99999999999999999999d"] {
            assert!(text.parse::<AgeArg>().is_err(), "{text}");
        }
    }

    #[test]
    fn lengths_of_time_print_as_they_are_read() {
        for text in ["1500ms", "90s", "1m", "30m", "12h"] {
            let parsed: DurationArg = text.parse().unwrap();
            assert_eq!(parsed.to_string(), text);
        }
    }

    #[test]
    fn serve_defaults_are_the_config_defaults() {
        let cli = Cli::parse_from(["readiness-console", "serve"]);
        let Command::Serve(args) = &cli.command else {
            panic!("serve");
        };
        let parsed = cli.serve_config(args);
        let default = ServeConfig::default();
        assert_eq!(parsed.request_timeout, default.request_timeout);
        assert_eq!(parsed.sse_keep_alive, default.sse_keep_alive);
        assert_eq!(parsed.sign_in, default.sign_in);
        assert_eq!(parsed.sessions, default.sessions);
        let (p, d) = (parsed.rehearsal, default.rehearsal);
        assert_eq!(
            (p.connect, p.statement, p.run),
            (d.connect, d.statement, d.run)
        );
        assert_eq!(parsed.session_cleanup_every, default.session_cleanup_every);
        assert_eq!(parsed.checkpoint_every, default.checkpoint_every);
        assert_eq!(parsed.state_cache, default.state_cache);
        assert_eq!(parsed.cache_tenants, default.cache_tenants);
        assert_eq!(args.db_acquire_timeout.0, crate::db::APP_ACQUIRE_TIMEOUT);
    }

    #[test]
    fn serve_reads_every_timing_from_its_flags() {
        let cli = Cli::parse_from([
            "readiness-console",
            "serve",
            "--request-timeout=20s",
            "--sign-in-attempts=3",
            "--sign-in-window=5m",
            "--session-idle=10m",
            "--session-lifetime=8h",
            "--session-cleanup-every=30m",
            "--checkpoint-every=2m",
            "--rehearsal-connect-timeout=2s",
            "--rehearsal-statement-timeout=3s",
            "--rehearsal-run-timeout=4m",
            "--db-acquire-timeout=800ms",
            "--https",
        ]);
        let Command::Serve(args) = &cli.command else {
            panic!("serve");
        };
        let config = cli.serve_config(args);
        assert_eq!(config.request_timeout, Duration::from_secs(20));
        assert_eq!(
            config.sign_in,
            SignInLimit {
                attempts: 3,
                window: Duration::from_secs(300)
            }
        );
        assert_eq!(
            config.sessions,
            SessionLifetimes {
                idle: Duration::from_secs(600),
                absolute: Duration::from_secs(8 * 3600)
            }
        );
        assert_eq!(config.session_cleanup_every, Duration::from_secs(1800));
        assert_eq!(config.checkpoint_every, Duration::from_secs(120));
        let limits = config.rehearsal;
        assert_eq!(
            (limits.connect, limits.statement, limits.run),
            (
                Duration::from_secs(2),
                Duration::from_secs(3),
                Duration::from_secs(240)
            )
        );
        assert_eq!(args.db_acquire_timeout.0, Duration::from_millis(800));
        assert!(config.https);
    }
}

/// How webhooks are sent: `serve`'s webhook flags.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// Whether endpoints may resolve to non-public addresses.
    pub allow_private: bool,
    /// A PEM file of extra trusted certificates.
    pub ca: Option<PathBuf>,
    /// How long a receiver has to answer.
    pub timeout: Duration,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        Self {
            allow_private: false,
            ca: None,
            timeout: crate::webhook::DEFAULT_TIMEOUT,
        }
    }
}

impl WebhookConfig {
    /// The sender's settings, with the extra certificates read from their file.
    pub fn settings(&self) -> anyhow::Result<crate::webhook::Settings> {
        let extra_roots = match &self.ca {
            None => Vec::new(),
            Some(path) => {
                let pem = std::fs::read(path).map_err(|e| {
                    anyhow::anyhow!("cannot read the webhook CA file {}: {e}", path.display())
                })?;
                reqwest::Certificate::from_pem_bundle(&pem).map_err(|_| {
                    anyhow::anyhow!(
                        "the webhook CA file {} holds no PEM certificate",
                        path.display()
                    )
                })?
            }
        };
        Ok(crate::webhook::Settings {
            allow_private: self.allow_private,
            extra_roots,
            timeout: self.timeout,
        })
    }
}

/// How mail is sent: `serve`'s `--smtp-url` (a secret reference, resolved at start-up) and
/// `--mail-from`.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// The reference (`env:NAME`, `file:/path`) to the SMTP server's URL.
    pub reference: String,
    /// The mailbox mails are from.
    pub from: String,
    /// Where the mails' links point: `--public-url`, else the address `serve` listens on.
    pub base_url: String,
}

impl MailConfig {
    /// The sender's settings: the reference resolved where `policy` allows. The errors name the
    /// rule that failed, never what the reference holds.
    pub fn settings(
        &self,
        policy: &crate::rehearsal::SecretPolicy,
    ) -> anyhow::Result<crate::mail::Settings> {
        let reference = crate::rehearsal::SecretRef::parse(&self.reference).map_err(|e| {
            anyhow::anyhow!(
                "--smtp-url must be a secret reference (env:NAME or file:/path), not the URL \
                 itself ({})",
                e.as_str()
            )
        })?;
        let url = reference
            .resolve(policy)
            .map_err(|e| anyhow::anyhow!("cannot read the SMTP URL's reference: {}", e.as_str()))?;
        Ok(crate::mail::Settings {
            url,
            from: crate::mail::Settings::parse_from(&self.from)?,
            base_url: self.base_url.clone(),
            timeout: crate::mail::DEFAULT_TIMEOUT,
        })
    }
}
