//! The scenario snapshot: importing a validated `BFGScenarioSnapshot.v1` payload, and freezing
//! an import into a new, immutable snapshot version whose row counts and checksum are
//! recomputed from the stored records.

use std::collections::BTreeMap;

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use super::signature::{Consent, guard, lock_head};
use super::write::{Author, Begun, Ending, WriteError, Written, begin, conclude};
use crate::readiness::permissions::Action;
use crate::readiness::scenario::{RecordKind, Scenario, records_sha256};
use crate::readiness::signature::WithdrawingAction;
use crate::readiness::{AuditAction, AuditTarget};

/// The audit target of snapshot events.
pub const TARGET: &str = AuditTarget::Scenario.as_str();

/// The file as received.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    /// SHA-256 of the file's bytes.
    pub sha256: &'a str,
    /// Its size.
    pub bytes: usize,
}

/// Stores a validated payload as a new import, in one transaction with its audit event.
/// Returns the import's id (or the id a replayed form produced) and the write.
pub async fn import(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    upload: Upload<'_>,
    scenario: &Scenario,
) -> Result<Written, WriteError> {
    let (mut tx, tenant) =
        match begin(pool, author, idempotency_key, Action::ImportSnapshot).await? {
            Begun::Fresh(tx, tenant) => (tx, tenant),
            Begun::Replayed(seq) => return Ok(Written::Replayed(seq)),
        };
    let sha256 = scenario.sha256();
    let id: i64 = sqlx::query_scalar(
        "insert into scenario_imports (tenant_id, actor_id, file_sha256, file_bytes, exported_at,
                                       rows, batch_rows, kind_rows, sha256)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
    )
    .bind(tenant)
    .bind(author.actor)
    .bind(upload.sha256)
    .bind(i64::try_from(upload.bytes).unwrap_or(i64::MAX))
    .bind(scenario.exported_at)
    .bind(i64::try_from(scenario.rows()).unwrap_or(i64::MAX))
    .bind(sqlx::types::Json(scenario.batch_rows()))
    .bind(sqlx::types::Json(scenario.kind_rows()))
    .bind(&sha256)
    .fetch_one(&mut *tx)
    .await?;
    // One statement for all records, whatever their number.
    let mut lines = Vec::with_capacity(scenario.records.len());
    let mut kinds = Vec::with_capacity(scenario.records.len());
    let mut ids = Vec::with_capacity(scenario.records.len());
    let mut texts = Vec::with_capacity(scenario.records.len());
    for record in &scenario.records {
        lines.push(i32::try_from(record.line).unwrap_or(i32::MAX));
        kinds.push(record.kind.as_str());
        ids.push(record.id.as_str());
        texts.push(record.canonical.as_str());
    }
    sqlx::query(
        "insert into scenario_records (tenant_id, import_id, line, kind, record_id, canonical)
         select $1, $2, * from unnest($3::int[], $4::text[], $5::text[], $6::text[])",
    )
    .bind(tenant)
    .bind(id)
    .bind(&lines)
    .bind(&kinds)
    .bind(&ids)
    .bind(&texts)
    .execute(&mut *tx)
    .await?;
    let event = author.event(AuditAction::ImportSnapshot, TARGET, Some(&sha256));
    let seq = conclude(tx, tenant, author, idempotency_key, &event, Ending::PLAIN).await?;
    Ok(Written::Applied(seq))
}

/// Freezes an import as the next snapshot version. The counts and the checksum are recomputed
/// from the stored records, so the snapshot says what the database holds, not what the form
/// claimed. A freeze that would withdraw a standing GO signature is refused
/// ([`WriteError::WithdrawUnconfirmed`]); see [`freeze_with`].
pub async fn freeze(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    import_id: i64,
) -> Result<Written, WriteError> {
    freeze_with(pool, author, idempotency_key, import_id, Consent::Withheld).await
}

/// [`freeze`], withdrawing a standing GO signature when the writer consented to it.
pub async fn freeze_with(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    import_id: i64,
    consent: Consent,
) -> Result<Written, WriteError> {
    let (mut tx, tenant) =
        match begin(pool, author, idempotency_key, Action::FreezeSnapshot).await? {
            Begun::Fresh(tx, tenant) => (tx, tenant),
            Begun::Replayed(seq) => return Ok(Written::Replayed(seq)),
        };
    // Holding the chain's head serialises freezes (versions never collide) and keeps sign-offs
    // out until the commit.
    lock_head(&mut tx, tenant).await?;
    let guard = guard(&mut tx, author.tenant).await?;
    let records: Vec<(String, String, String)> = sqlx::query_as(
        "select kind, record_id, canonical from scenario_records where import_id = $1
         order by kind collate \"C\", record_id collate \"C\"",
    )
    .bind(import_id)
    .fetch_all(&mut *tx)
    .await?;
    if records.is_empty() {
        return Err(WriteError::NotFound);
    }
    let mut batch_rows: BTreeMap<String, u64> = crate::readiness::scenario::BATCH_GROUPS
        .iter()
        .map(|g| ((*g).to_owned(), 0))
        .collect();
    for (kind, _, _) in &records {
        if let Some(kind) = RecordKind::ALL.into_iter().find(|k| k.as_str() == kind) {
            *batch_rows.entry(kind.batch_group().to_owned()).or_default() += 1;
        }
    }
    // The records come in checksum order (kind, id, byte-wise).
    let sha256 = records_sha256(records.iter().map(|(_, _, c)| c.as_str()));
    let version: i32 = sqlx::query_scalar(
        "insert into scenario_snapshots (tenant_id, version, rows, checksum, batch_rows,
                                         import_id, actor_id, sha256)
         select $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7
         from scenario_snapshots
         returning version",
    )
    .bind(tenant)
    .bind(i64::try_from(records.len()).unwrap_or(i64::MAX))
    .bind(format!("bfg-{}", &sha256[..8]))
    .bind(sqlx::types::Json(&batch_rows))
    .bind(import_id)
    .bind(author.actor)
    .bind(&sha256)
    .fetch_one(&mut *tx)
    .await?;
    let withdraws = match &guard {
        Some(guard) => guard.check(&mut tx, author.tenant, &[], consent).await?,
        None => None,
    };
    let action = WithdrawingAction::FreezeSnapshot;
    let event = author.event(action.into(), TARGET, Some(&sha256));
    let ending = Ending {
        withdraws: withdraws.as_ref().map(|w| (w, action)),
        ..Ending::default()
    };
    let seq = conclude(tx, tenant, author, idempotency_key, &event, ending).await?;
    tracing::info!(version, rows = records.len(), "scenario snapshot frozen");
    Ok(Written::Applied(seq))
}

/// An import, as the page lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ImportRow {
    /// Its id.
    pub id: i64,
    /// Who imported it.
    pub actor_id: String,
    /// SHA-256 of the uploaded file.
    pub file_sha256: String,
    /// The file's size.
    pub file_bytes: i64,
    /// Rows.
    pub rows: i64,
    /// Rows per batch group.
    pub batch_rows: sqlx::types::Json<BTreeMap<String, u64>>,
    /// Rows per kind.
    pub kind_rows: sqlx::types::Json<BTreeMap<String, u64>>,
    /// The records' checksum.
    pub sha256: String,
    /// When.
    pub imported_at: OffsetDateTime,
    /// The snapshot version it was frozen as last, if it was.
    pub frozen_as: Option<i32>,
}

/// A frozen version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SnapshotRow {
    /// Version.
    pub version: i32,
    /// Rows.
    pub rows: i64,
    /// `bfg-` short checksum.
    pub checksum: String,
    /// Full SHA-256 (absent on snapshots frozen before imports existed).
    pub sha256: Option<String>,
    /// Rows per batch group.
    pub batch_rows: sqlx::types::Json<BTreeMap<String, u64>>,
    /// The import it froze.
    pub import_id: Option<i64>,
    /// Who froze it.
    pub actor_id: Option<String>,
    /// When.
    pub frozen_at: OffsetDateTime,
}

/// The snapshot page's data: recent imports and every version, newest first.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The last imports.
    pub imports: Vec<ImportRow>,
    /// Every frozen version.
    pub snapshots: Vec<SnapshotRow>,
}

/// The tenant's imports (the last ten) and snapshots. Empty for an unknown tenant.
pub async fn history(pool: &PgPool, slug: &str) -> Result<History, DbError> {
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, slug).await?.is_none() {
        return Ok(History::default());
    }
    let imports = sqlx::query_as(
        "select i.id, i.actor_id, i.file_sha256, i.file_bytes, i.rows, i.batch_rows, i.kind_rows,
                i.sha256, i.imported_at,
                (select max(s.version) from scenario_snapshots s where s.import_id = i.id)
                    as frozen_as
         from scenario_imports i order by i.id desc limit 10",
    )
    .fetch_all(&mut *tx)
    .await?;
    let snapshots = sqlx::query_as(
        "select version, rows, checksum, sha256, batch_rows, import_id, actor_id, frozen_at
         from scenario_snapshots order by version desc",
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(History { imports, snapshots })
}
