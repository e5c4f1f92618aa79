//! A tenant's programme as stored (`tenant_programmes`): written, parsed, by `seed-demo`,
//! `tenant create` and `tenant programme`; read back by `console_state` (its sections and
//! ladder, in the same document as the state), by [`labels`] (its labels, once per distinct
//! programme file a process shows) and by the rehearsals (the objects the gap analysis
//! expects). Nothing here parses TOML: a cold load reads columns.

use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

use super::DbError;
use crate::readiness::catalogue::{DecisionCode, Rung};
use crate::readiness::programme::{ExpectedTarget, LanguageLabels, Programme};
use std::collections::BTreeMap;

/// A rung of the ladder as stored: its code and the sections it requires.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct RungRow {
    pub code: String,
    pub requires: Vec<String>,
}

impl RungRow {
    fn of(rung: &Rung) -> Self {
        Self {
            code: rung.code.as_str().to_owned(),
            requires: rung.requires.clone(),
        }
    }

    /// The rung, or the code that cannot be read.
    pub fn rung(self) -> Result<Rung, String> {
        let code = DecisionCode::parse(&self.code).ok_or(self.code)?;
        Ok(Rung {
            code,
            requires: self.requires,
        })
    }
}

/// The programme's version as the tables store it.
pub(super) fn version(programme: &Programme) -> i32 {
    i32::try_from(programme.version).unwrap_or(i32::MAX)
}

/// Writes the programme of the tenant entered in `tx`, replacing the one it had.
pub(super) async fn store(
    tx: &mut PgConnection,
    tenant: Uuid,
    programme: &Programme,
) -> Result<(), DbError> {
    let sections: Vec<&str> = programme
        .catalogue
        .sections
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    let ladder: Vec<RungRow> = programme.catalogue.ladder.iter().map(RungRow::of).collect();
    sqlx::query(
        "insert into tenant_programmes
            (tenant_id, name, version, sha256, source, sections, ladder, labels, target,
             signatures_required)
         values ($1, $2, $3, $4, $5, $6::json, $7::json, $8::json, $9::json, $10)
         on conflict (tenant_id) do update set
            name = excluded.name, version = excluded.version, sha256 = excluded.sha256,
            source = excluded.source, sections = excluded.sections, ladder = excluded.ladder,
            labels = excluded.labels, target = excluded.target,
            signatures_required = excluded.signatures_required, updated_at = now()",
    )
    .bind(tenant)
    .bind(&programme.name)
    .bind(version(programme))
    .bind(crate::bundle::sha256(programme.source.as_bytes()))
    .bind(&programme.source)
    .bind(serde_json::to_string(&sections)?)
    .bind(serde_json::to_string(&ladder)?)
    .bind(serde_json::to_string(&programme.labels)?)
    .bind(serde_json::to_string(&programme.target)?)
    .bind(i32::try_from(programme.signatures_required.get()).unwrap_or(i32::MAX))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The objects the gap analysis expects in the target of the tenant entered in `tx`; `None`
/// when it stores no programme (a tenant of before programmes were stored, which runs the
/// demo's).
pub(crate) async fn target(tx: &mut PgConnection) -> Result<Option<ExpectedTarget>, DbError> {
    let target: Option<sqlx::types::Json<ExpectedTarget>> =
        sqlx::query_scalar("select target from tenant_programmes")
            .fetch_optional(&mut *tx)
            .await?;
    Ok(target.map(|sqlx::types::Json(t)| t))
}

/// The person the programme of the tenant entered in `tx` names for each of its items (the
/// `[owners]` person of the item's role), by item key: from the programme it stores, parsed
/// (a write's need, not a load's), or the demo's for a tenant stored before programmes were.
pub(super) async fn owners(
    tx: &mut PgConnection,
    slug: &str,
) -> Result<std::collections::HashMap<String, String>, DbError> {
    let source: Option<String> = sqlx::query_scalar("select source from tenant_programmes")
        .fetch_optional(&mut *tx)
        .await?;
    let parsed;
    let catalogue = match source {
        // A text stored before programmes had `[profile]` is read too.
        Some(text) => {
            parsed = crate::readiness::programme::stored_catalogue(
                &text,
                &crate::readiness::programme::languages(),
            )
            .map_err(|problems| DbError::Programme {
                slug: slug.to_owned(),
                problem: problems.first().map_or_else(String::new, |p| {
                    format!("line {}: {}", p.line, p.problem.message_id())
                }),
            })?;
            &parsed
        }
        None => &crate::readiness::programme::demo().catalogue,
    };
    Ok(catalogue
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|i| Some((i.key.clone(), i.owner.clone()?)))
        .collect())
}

/// The labels of the programme the tenant `slug` runs, per language (empty for a tenant
/// without a stored programme). Read apart from the state, since they are the same for every
/// tenant of one programme file and most of its bytes: a process reads them once per file.
pub async fn labels(
    pool: &sqlx::PgPool,
    slug: &str,
) -> Result<BTreeMap<String, LanguageLabels>, DbError> {
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(BTreeMap::new());
    };
    let labels: Option<sqlx::types::Json<BTreeMap<String, LanguageLabels>>> =
        sqlx::query_scalar("select labels from tenant_programmes")
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(labels.map(|l| l.0).unwrap_or_default())
}
