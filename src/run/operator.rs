//! `operator create`: a platform operator's account, as the owner role. The password comes
//! from the environment or standard input, never from argv.

use std::io::{BufRead as _, Write as _};

use anyhow::Context;

use super::Database;
use crate::clock::Clock;
use crate::config::Cli;
use crate::db::operators::{self, OperatorError};
use crate::readiness::lifecycle::PASSWORD_LENGTH;

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
    let length = password.chars().count();
    if !PASSWORD_LENGTH.contains(&length) {
        anyhow::bail!(
            "an operator's password has {} to {} characters (set {PASSWORD_ENV} or type it on \
             standard input)",
            PASSWORD_LENGTH.start(),
            PASSWORD_LENGTH.end()
        );
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
