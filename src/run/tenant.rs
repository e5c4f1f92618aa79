//! `tenant create | list | suspend | resume | delete | programme | purge`: the lifecycle from the command
//! line, as the owner role, through a serving console's server when one holds the data
//! directory. Every refusal is one sentence and a non-zero exit.

use std::io::Write as _;

use anyhow::Context;

use super::Database;
use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::config::{Cli, TenantCommand};
use crate::db::tenants::{self, NewTenant, Operator, TenantError};
use crate::readiness::lifecycle::{Command, NewSlug};
use crate::readiness::programme::{self, Programme};
use crate::readiness::sso::{SsoSettings, TypedSettings};
use crate::rehearsal::{RefError, SecretRef};

/// Runs one tenant command.
pub(super) async fn run(
    cli: &Cli,
    clock: &Clock,
    command: &TenantCommand,
    operator: &str,
) -> anyhow::Result<()> {
    // Refused before connecting: a bad slug or an unreadable file needs no database.
    let create = match command {
        TenantCommand::Create {
            slug, programme, ..
        } => Some((NewSlug::parse(slug)?, programme_of(programme)?)),
        _ => None,
    };
    let sso = match command {
        TenantCommand::Sso { .. } => Some(sso_settings(cli, command)?),
        _ => None,
    };
    let next = match command {
        TenantCommand::Programme { file, .. } => Some(programme_of(file)?),
        _ => None,
    };
    let db = Database::open_or_attach(cli).await?;
    let result = async {
        db.prepare(cli, clock).await?;
        let owner = db.owner()?;
        let key = CheckpointKey::load_or_create(&cli.audit_key_path())?;
        let request_id = format!("cli-{}", uuid::Uuid::new_v4());
        let by = Operator {
            name: operator,
            request_id: &request_id,
            key: &key,
            clock,
        };
        let mut out = std::io::stdout();
        match command {
            TenantCommand::Create {
                name,
                md_name,
                md_email,
                public_url,
                ..
            } => {
                let Some((slug, programme)) = create else {
                    anyhow::bail!("the tenant to create was not read");
                };
                let new = NewTenant {
                    slug,
                    name,
                    programme: &programme,
                    md_name,
                    md_email,
                };
                let created = tenants::create(owner, &new, &by).await?;
                let slug = new.slug.as_str();
                writeln!(
                    out,
                    "tenant {slug} created and active, programme {} version {}",
                    programme.name, programme.version
                )?;
                writeln!(
                    out,
                    "invitation for {md_name} <{md_email}>, valid until {} and once only \
                     (it is not shown again):",
                    created
                        .expires_at
                        .format(&time::format_description::well_known::Rfc3339)
                        .unwrap_or_default()
                )?;
                writeln!(
                    out,
                    "{}/t/{slug}/invite/{}",
                    public_url.trim_end_matches('/'),
                    created.invitation
                )?;
            }
            TenantCommand::List => {
                for t in tenants::list(owner).await? {
                    writeln!(
                        out,
                        "{:<24} {:<12} {:<32} {} v{}{}",
                        t.slug,
                        t.status,
                        t.name,
                        t.programme_name.as_deref().unwrap_or("-"),
                        t.programme_version.unwrap_or(0),
                        t.suspended_reason
                            .map(|r| format!(" ({r})"))
                            .unwrap_or_default()
                    )?;
                }
            }
            TenantCommand::Suspend { slug, reason } => {
                let reason = reason.trim();
                if reason.is_empty() {
                    anyhow::bail!("say why {slug} is suspended: --reason must not be empty");
                }
                let command = Command::Suspend {
                    reason: reason.to_owned(),
                };
                let status = tenants::command(owner, slug, &command, &by).await?;
                writeln!(out, "tenant {slug} is {status}")?;
            }
            TenantCommand::Resume { slug } => {
                let status = tenants::command(owner, slug, &Command::Resume, &by).await?;
                writeln!(out, "tenant {slug} is {status}")?;
            }
            TenantCommand::Delete { slug } => {
                let status = tenants::command(owner, slug, &Command::Delete, &by).await?;
                writeln!(
                    out,
                    "tenant {slug} is {status}: it is purged by `tenant purge`"
                )?;
            }
            TenantCommand::Programme { slug, .. } => {
                let Some(programme) = &next else {
                    anyhow::bail!("the programme file was not read");
                };
                let changed = tenants::change_programme(owner, slug, programme, &by).await?;
                writeln!(
                    out,
                    "tenant {slug} moved from {name} version {} to version {}: {} items added, \
                     {} retired (their history stays)",
                    changed.from,
                    changed.to,
                    changed.added.len(),
                    changed.retired.len(),
                    name = programme.name,
                )?;
            }
            TenantCommand::Sso { slug, .. } => {
                let Some(settings) = &sso else {
                    anyhow::bail!("the single sign-on settings were not read");
                };
                if !crate::db::sso::configure(owner, slug, settings).await? {
                    anyhow::bail!("there is no active tenant {slug}");
                }
                writeln!(
                    out,
                    "tenant {slug} signs in through {} as client {}: {} claim values of `{}` \
                     mapped to roles; sign-up {}; password sign-in {}",
                    settings.issuer,
                    settings.client_id,
                    settings.role_map.len(),
                    settings.role_claim,
                    settings
                        .sign_up
                        .map_or_else(|| "off".to_owned(), |r| format!("as {}", r.as_str())),
                    if settings.password_sign_in {
                        "on"
                    } else {
                        "off"
                    },
                )?;
            }
            TenantCommand::Purge { older_than } => {
                let older = time::Duration::try_from(older_than.0)
                    .context("the --older-than duration is too long")?;
                let purged = tenants::purge(owner, older, &by).await?;
                for p in &purged {
                    writeln!(
                        out,
                        "tenant {} purged: {} rows removed, final audit head #{} {}",
                        p.slug,
                        p.rows,
                        p.head.0,
                        if p.head.1.is_empty() { "-" } else { &p.head.1 }
                    )?;
                }
                writeln!(out, "{} tenants purged", purged.len())?;
            }
        }
        Ok::<_, anyhow::Error>(())
    }
    .await;
    db.close().await;
    result.map_err(one_sentence)
}

/// The settings `tenant sso` was given, checked before connecting: the secret reference by
/// the secret policy (as a rehearsal target's), the rest by the core's rules.
fn sso_settings(cli: &Cli, command: &TenantCommand) -> anyhow::Result<SsoSettings> {
    let TenantCommand::Sso {
        issuer,
        client_id,
        client_secret_ref,
        role_claim,
        map,
        allow_sign_up,
        default_role,
        no_password_sign_in,
        ..
    } = command
    else {
        anyhow::bail!("not a single sign-on command");
    };
    let reference = SecretRef::parse(client_secret_ref).map_err(|error| {
        anyhow::anyhow!(
            "--client-secret-ref must be env:NAME or file:/absolute/path, naming where the \
             secret is kept, not the secret ({})",
            error.as_str()
        )
    })?;
    let policy = cli.secret_policy();
    policy.admits(&reference).map_err(|error| match error {
        RefError::EnvPrefix => anyhow::anyhow!(
            "--client-secret-ref may only name environment variables beginning with {}",
            policy.env_prefix
        ),
        _ => anyhow::anyhow!(
            "--client-secret-ref may only name files under the secret directories (--secret-dir)"
        ),
    })?;
    let typed = TypedSettings {
        issuer,
        client_id,
        client_secret_ref: &reference.as_text(),
        role_claim,
        mappings: map,
        allow_sign_up: *allow_sign_up,
        default_role: default_role.as_deref(),
        password_sign_in: !no_password_sign_in,
    };
    Ok(SsoSettings::parse(&typed)?)
}

/// A tenant refusal as its own sentence, without the chain of contexts under it.
fn one_sentence(error: anyhow::Error) -> anyhow::Error {
    match error.downcast::<TenantError>() {
        Ok(TenantError::Db(db)) => anyhow::Error::new(db),
        Ok(other) => anyhow::anyhow!("{other}"),
        Err(error) => error,
    }
}

/// The programme in its file, checked as `programme check` checks it: an unreadable or
/// invalid file is refused in one sentence naming its first problem.
fn programme_of(path: &std::path::Path) -> anyhow::Result<Programme> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the programme file {}", path.display()))?;
    match programme::parse(&text, &programme::languages()) {
        Ok(programme) => Ok(programme),
        Err(problems) => {
            let lang = crate::programme_cli::language(None);
            let first = problems
                .first()
                .map(|p| crate::programme_cli::render(path, p, lang))
                .unwrap_or_default();
            anyhow::bail!(
                "the programme file is not valid ({} problems; `programme check` lists them all): {first}",
                problems.len()
            )
        }
    }
}
