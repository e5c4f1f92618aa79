//! The platform operator's commands, as the owner role: `operator create` (the password from
//! the environment or standard input, never from argv) and `doctor`.

use std::io::{BufRead as _, Write as _};

use anyhow::Context;

use super::Database;
use crate::clock::Clock;
use crate::config::Cli;
use crate::db::operators::{self, OperatorError};
use crate::readiness::lifecycle::{AccountRefusal, PASSWORD_LENGTH};
use crate::readiness::password_policy;

/// The environment variable a password may come from.
const PASSWORD_ENV: &str = "READINESS_OPERATOR_PASSWORD";

/// The password: from [`PASSWORD_ENV`], else the first line of standard input.
fn password() -> anyhow::Result<String> {
    let password = match std::env::var(PASSWORD_ENV) {
        Ok(password) => password,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    match password_policy::check(&password) {
        Ok(()) => {}
        Err(AccountRefusal::PasswordCommon) => anyhow::bail!(
            "this password is on the list of common passwords: choose another (set \
             {PASSWORD_ENV} or type it on standard input)"
        ),
        Err(_) => anyhow::bail!(
            "an operator's password has {} to {} characters (set {PASSWORD_ENV} or type it on \
             standard input)",
            PASSWORD_LENGTH.start(),
            PASSWORD_LENGTH.end()
        ),
    }
    Ok(password)
}

/// Creates the operator `username`.
pub(super) async fn create(cli: &Cli, clock: &Clock, username: &str) -> anyhow::Result<()> {
    if !operators::valid_username(username) {
        return Err(OperatorError::Username.into());
    }
    let password = password()?;
    let hash = crate::password::hash(&password)?;
    let db = Database::open_or_attach(cli).await?;
    let result = async {
        db.prepare(cli, clock).await?;
        operators::create(db.owner()?, username, &hash).await?;
        writeln!(
            std::io::stdout(),
            "operator {username} created: sign in at /platform/sign-in"
        )?;
        Ok(())
    }
    .await;
    db.close().await;
    result
}

/// `doctor`: every health check, one line each; an error naming each failing check.
pub(super) async fn doctor(cli: &Cli, clock: &Clock) -> anyhow::Result<()> {
    let db = Database::open_or_attach(cli).await?;
    let result = async {
        db.prepare(cli, clock).await?;
        let findings = crate::db::doctor::examine(db.owner()?, clock.now()).await?;
        let mut out = std::io::stdout();
        for finding in &findings {
            let check = finding.check.as_str();
            if finding.passes() {
                writeln!(out, "ok      {check}")?;
            } else {
                writeln!(out, "FAILED  {check}: {}", finding.tenants.join(", "))?;
            }
        }
        let failed: Vec<String> = findings
            .iter()
            .filter(|f| !f.passes())
            .map(|f| format!("{} ({})", f.check.as_str(), f.tenants.join(", ")))
            .collect();
        if !failed.is_empty() {
            anyhow::bail!(
                "{} of {} health checks failed: {}",
                failed.len(),
                findings.len(),
                failed.join("; ")
            );
        }
        Ok(())
    }
    .await;
    db.close().await;
    result
}
