//! `webhook add | list | remove`: a tenant's webhook endpoints from the command line, as the
//! owner role, through a serving console's server when one holds the data directory. Every
//! refusal is one sentence and a non-zero exit.

use std::io::Write as _;

use anyhow::Context;

use crate::clock::Clock;
use crate::config::{Cli, WebhookCommand};
use crate::db::tenants::Stamp;
use crate::db::webhooks::{self, NewEndpoint};
use crate::readiness::outbox;

/// Runs one webhook command as `operator`.
pub(super) async fn run(
    cli: &Cli,
    clock: &Clock,
    command: &WebhookCommand,
    operator: &str,
) -> anyhow::Result<()> {
    // Refused before connecting: a bad URL, event list or destination needs no database.
    let new = match command {
        WebhookCommand::Add {
            url,
            events,
            allow_private,
            ..
        } => {
            let url = outbox::parse_url(url).map_err(|r| anyhow::anyhow!(r.sentence()))?;
            let events = outbox::parse_events(events.split(','))
                .map_err(|r| anyhow::anyhow!(r.sentence()))?;
            crate::webhook::check_destination(&url, *allow_private)
                .await
                .map_err(|r| anyhow::anyhow!(r.sentence()))?;
            Some((url, events))
        }
        _ => None,
    };
    let result = super::as_operator(cli, clock, async |run| {
        let (owner, key) = (run.owner, run.key);
        let stamp = Stamp {
            key,
            clock,
            request_id: run.request_id,
        };
        let by = format!("operator:{operator}");
        let mut out = std::io::stdout();
        match command {
            WebhookCommand::Add { tenant, .. } => {
                let Some((url, events)) = &new else {
                    anyhow::bail!("the endpoint to add was not read");
                };
                let id = uuid::Uuid::new_v4();
                let secret = crate::webhook::secret_of(key, id);
                let hint = crate::webhook::hint_of(&secret);
                let endpoint = NewEndpoint {
                    id,
                    url,
                    events,
                    secret_hint: &hint,
                };
                webhooks::add(owner, tenant, &endpoint, by.as_str(), &stamp).await?;
                writeln!(
                    out,
                    "webhook endpoint {id} added to {tenant} for {}; its signing secret is shown \
                     once and never again:",
                    events
                        .iter()
                        .map(|e| e.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
                writeln!(out, "{secret}")?;
            }
            WebhookCommand::List { tenant } => {
                let endpoints = webhooks::list(owner, tenant)
                    .await?
                    .with_context(|| format!("there is no tenant {tenant}"))?;
                for e in endpoints {
                    writeln!(
                        out,
                        "{}  {}  {}  secret sha256 {}…  added {} by {}",
                        e.id,
                        e.url,
                        e.events
                            .iter()
                            .map(|k| k.as_str())
                            .collect::<Vec<_>>()
                            .join(","),
                        e.secret_hint,
                        e.created_at
                            .format(&time::format_description::well_known::Rfc3339)
                            .unwrap_or_default(),
                        e.created_by,
                    )?;
                }
            }
            WebhookCommand::Remove { tenant, id } => {
                let change = (webhooks::Change::Remove, *id);
                webhooks::change(owner, tenant, change, by.as_str(), &stamp).await?;
                writeln!(
                    out,
                    "webhook endpoint {id} of {tenant} removed: nothing more is sent to it"
                )?;
            }
        }
        Ok(())
    })
    .await;
    result.map_err(|error| match error.downcast::<webhooks::HookError>() {
        Ok(webhooks::HookError::Db(db)) => anyhow::Error::new(db),
        Ok(other) => anyhow::anyhow!("{other}"),
        Err(error) => error,
    })
}
