//! `api-key create | list | revoke`: a tenant's API keys from the command line, as the owner
//! role, through a serving console's server when one holds the data directory. Every refusal
//! is one sentence and a non-zero exit.

use std::io::Write as _;

use anyhow::Context;

use crate::clock::Clock;
use crate::config::{ApiKeyCommand, Cli};
use crate::db::api_keys::{self, NewKey};
use crate::db::tenants::Stamp;
use crate::readiness::api_key::{KeyName, Scope};

/// Runs one API key command as `operator`.
pub(super) async fn run(
    cli: &Cli,
    clock: &Clock,
    command: &ApiKeyCommand,
    operator: &str,
) -> anyhow::Result<()> {
    // Refused before connecting: a bad name, scope or expiry needs no database.
    let new = match command {
        ApiKeyCommand::Create {
            name,
            scope,
            expires_in,
            ..
        } => {
            let name = KeyName::parse(name).map_err(|e| anyhow::anyhow!("{e}"))?;
            let scope = Scope::parse(scope)
                .with_context(|| format!("the scope `{scope}` is not `read` or `attest`"))?;
            let expires_at = match expires_in {
                Some(d) => Some(
                    clock.now()
                        + time::Duration::try_from(d.0).context("the expiry is too far away")?,
                ),
                None => None,
            };
            Some(NewKey {
                name,
                scope,
                expires_at,
            })
        }
        _ => None,
    };
    let result = super::as_operator(cli, clock, async |run| {
        let owner = run.owner;
        let stamp = Stamp {
            key: run.key,
            clock,
            request_id: run.request_id,
        };
        let by = format!("operator:{operator}");
        let mut out = std::io::stdout();
        match command {
            ApiKeyCommand::Create { tenant, .. } => {
                let Some(new) = &new else {
                    anyhow::bail!("the key to create was not read");
                };
                let created = api_keys::create(owner, tenant, new, by.as_str(), &stamp).await?;
                writeln!(
                    out,
                    "API key {} ({}) created for {tenant}, acting as {}; it is shown once and \
                     never again:",
                    new.name.as_str(),
                    new.scope.as_str(),
                    created.actor
                )?;
                writeln!(out, "{}", created.key)?;
            }
            ApiKeyCommand::List { tenant } => {
                let keys = api_keys::list(owner, tenant)
                    .await?
                    .with_context(|| format!("there is no tenant {tenant}"))?;
                let when = |t: Option<time::OffsetDateTime>| {
                    t.and_then(|t| {
                        t.format(&time::format_description::well_known::Rfc3339)
                            .ok()
                    })
                    .unwrap_or_else(|| "-".to_owned())
                };
                for k in keys {
                    writeln!(
                        out,
                        "{:<24} {:<7} rc_key_{}…  created {} by {}  expires {}  last used {}",
                        k.name,
                        k.scope.as_str(),
                        k.lookup,
                        when(Some(k.created_at)),
                        k.created_by,
                        when(k.expires_at),
                        when(k.last_used_at),
                    )?;
                }
            }
            ApiKeyCommand::Revoke { tenant, name } => {
                api_keys::revoke(owner, tenant, name, by.as_str(), &stamp).await?;
                writeln!(
                    out,
                    "API key {name} of {tenant} revoked: it no longer works"
                )?;
            }
        }
        Ok(())
    })
    .await;
    result.map_err(|error| match error.downcast::<api_keys::KeyError>() {
        Ok(api_keys::KeyError::Db(db)) => anyhow::Error::new(db),
        Ok(other) => anyhow::anyhow!("{other}"),
        Err(error) => error,
    })
}
