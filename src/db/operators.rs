//! Platform operators' accounts (the owner creates them; the app role checks passwords).

use sqlx::PgPool;

use super::DbError;

/// Why an operator was not created.
#[derive(Debug, thiserror::Error)]
pub enum OperatorError {
    /// The username cannot be an operator's.
    #[error("an operator's username is 2 to 64 of a-z, 0-9, '.', '_' and '-'")]
    Username,
    /// Another operator has it.
    #[error("an operator named {0} exists already")]
    Exists(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Whether `username` can be an operator's (the table's check, said before asking it).
pub fn valid_username(username: &str) -> bool {
    (2..=64).contains(&username.len())
        && username.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// Creates the operator `username` with the argon2id PHC string `password_hash`; as the owner.
pub async fn create(
    owner: &PgPool,
    username: &str,
    password_hash: &str,
) -> Result<(), OperatorError> {
    if !valid_username(username) {
        return Err(OperatorError::Username);
    }
    let inserted = sqlx::query(
        "insert into operators (username, password_hash) values ($1, $2)
         on conflict (username) do nothing",
    )
    .bind(username)
    .bind(password_hash)
    .execute(owner)
    .await
    .map_err(DbError::from)?
    .rows_affected();
    if inserted == 0 {
        return Err(OperatorError::Exists(username.to_owned()));
    }
    Ok(())
}

/// The password hash of the operator `username`, if there is one.
pub async fn password_hash(pool: &PgPool, username: &str) -> Result<Option<String>, DbError> {
    Ok(
        sqlx::query_scalar("select password_hash from operators where username = $1")
            .bind(username)
            .fetch_optional(pool)
            .await?,
    )
}
