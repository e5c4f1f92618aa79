//! The dry-run: the five steps of `ProductionAdapterDryRun.v1` in one transaction on the target
//! that is rolled back at the end, then a check that nothing stayed.

use serde_json::{Value, json};
use sqlx::{Connection, PgConnection};
use uuid::Uuid;

use super::probes::{as_tenant, expected_objects, gap, new_tenant, rls_guard};
use super::{Limits, Outcome, Reason, Step, Target, reason, timed};
use crate::readiness::programme::ExpectedTarget;
use crate::readiness::scenario::records_sha256;
use crate::readiness::state::Actor;

/// The frozen snapshot the dry-run carries.
#[derive(Debug, Clone)]
pub struct Frozen {
    /// Its version.
    pub version: i32,
    /// Its SHA-256, as frozen.
    pub sha256: String,
    /// Its records: kind, id, canonical JSON, in checksum order.
    pub records: Vec<(String, String, String)>,
}

/// The snapshot checksum of records in any order: sorted by (kind, id), then
/// [`records_sha256`].
pub fn records_sha256_sorted(records: &mut [(String, String, String)]) -> String {
    records.sort_by(|a, b| (a.0.as_str(), a.1.as_str()).cmp(&(b.0.as_str(), b.1.as_str())));
    records_sha256(records.iter().map(|(_, _, canonical)| canonical.as_str()))
}

const ITEMS: [&str; 5] = [
    "dry_run.export_snapshot",
    "dry_run.schema_map",
    "dry_run.rbac_claims",
    "dry_run.replay_transcript",
    "dry_run.rollback_checkpoint",
];

/// Runs the five steps. `actors` are the scenario's five actors; `frozen` the snapshot;
/// `expected` what the tenant's programme expects in the target.
pub async fn run(
    target: &Target,
    limits: Limits,
    actors: &[Actor],
    frozen: &Frozen,
    expected: &ExpectedTarget,
) -> Outcome {
    let mut outcome = Outcome {
        endpoint: Some(target.endpoint.clone()),
        ..Outcome::default()
    };
    // 1. Export: the frozen records, checked against the checksum they were frozen with.
    let mut records = frozen.records.clone();
    let export = timed(ITEMS[0], async {
        let sha = records_sha256_sorted(&mut records);
        if sha == frozen.sha256 {
            Ok((
                None,
                json!({ "version": frozen.version, "rows": records.len(), "sha256": sha }),
            ))
        } else {
            Err(Reason::ChecksumMismatch)
        }
    })
    .await;
    outcome
        .summary
        .insert("rows_exported".into(), records.len().to_string());
    outcome
        .summary
        .insert("sha256_before".into(), frozen.sha256.clone());
    let exported = export.passed;
    outcome.steps.push(export);
    let mut conn = match (exported, target.connect(limits).await) {
        (true, Ok(conn)) => conn,
        (passed, result) => {
            let why = result.err().unwrap_or(Reason::Blocked);
            for item in &ITEMS[1..] {
                let mut step = Step::blocked(item);
                if passed {
                    step.reason = why;
                }
                outcome.steps.push(step);
            }
            return outcome;
        }
    };
    let tenant = format!("rehearsal-{}", Uuid::new_v4().simple());
    let steps = rehearse(&mut conn, &tenant, (actors, expected), frozen, &records).await;
    let all_passed = steps.iter().all(|s| s.passed);
    for step in &steps {
        if let Some(rows) = step.detail.get("rows_read_back") {
            outcome
                .summary
                .insert("rows_read_back".into(), rows.to_string());
        }
        if let Some(sha) = step.detail.get("sha256_after").and_then(Value::as_str) {
            outcome
                .summary
                .insert("sha256_after".into(), sha.to_owned());
        }
    }
    outcome.steps.extend(steps);
    // 5. The rollback checkpoint: the transaction is gone, and so is every row it wrote.
    let check = if all_passed {
        timed(ITEMS[4], no_trace(&mut conn, &tenant)).await
    } else {
        Step::blocked(ITEMS[4])
    };
    outcome.steps.push(check);
    let total: i64 = outcome.steps.iter().map(|s| s.duration_ms).sum();
    outcome
        .summary
        .insert("duration_ms".into(), total.to_string());
    let _ = conn.close().await;
    outcome
}

/// Steps 2–4 inside one transaction, rolled back whatever happens.
async fn rehearse(
    conn: &mut PgConnection,
    tenant: &str,
    (actors, expected): (&[Actor], &ExpectedTarget),
    frozen: &Frozen,
    records: &[(String, String, String)],
) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut tx = match conn.begin().await {
        Ok(tx) => tx,
        Err(error) => {
            let why = reason(&error);
            for item in &ITEMS[1..4] {
                let mut step = Step::blocked(item);
                step.reason = why;
                steps.push(step);
            }
            return steps;
        }
    };
    // 2. The schema map: every object the runbook expects, RLS forced, a role that obeys it.
    let map = timed(ITEMS[1], async {
        rls_guard(&mut tx, expected).await?;
        let (_, present) = gap(&mut tx, expected).await.map_err(|e| reason(&e))?;
        Ok((
            Some(present),
            json!({ "present": present, "expected": expected_objects(expected) }),
        ))
    })
    .await;
    let ok = map.passed;
    steps.push(map);
    if !ok {
        steps.extend([Step::blocked(ITEMS[2]), Step::blocked(ITEMS[3])]);
        let _ = tx.rollback().await;
        return steps;
    }
    // 3. The RBAC claims of the five actors, written and read back under the tenant's context.
    let claims = timed(ITEMS[2], async {
        let work = async {
            new_tenant(&mut tx, tenant).await?;
            for actor in actors {
                sqlx::query(
                    "insert into bfg_flowcontrol.users
                         (user_id, tenant_id, role_key, display_name, permissions)
                     values ($1, $2, $3, $4, $5)",
                )
                .bind(format!("{tenant}:{}", actor.id))
                .bind(tenant)
                .bind(actor.role.as_str())
                .bind(&actor.name)
                .bind(&actor.permissions)
                .execute(&mut *tx)
                .await?;
            }
            let read: Vec<(String, Vec<String>)> = sqlx::query_as(
                "select role_key, permissions from bfg_flowcontrol.users order by user_id",
            )
            .fetch_all(&mut *tx)
            .await?;
            Ok::<_, sqlx::Error>(read)
        };
        let read = work.await.map_err(|e| reason(&e))?;
        let mut expected: Vec<(String, Vec<String>)> = actors
            .iter()
            .map(|a| (a.role.as_str().to_owned(), a.permissions.clone()))
            .collect();
        let mut got = read.clone();
        expected.sort();
        got.sort();
        if got == expected {
            Ok((
                Some(i32::try_from(read.len()).unwrap_or(i32::MAX)),
                json!({ "actors": read.len() }),
            ))
        } else {
            Err(Reason::IsolationBroken)
        }
    })
    .await;
    let ok = claims.passed;
    steps.push(claims);
    if !ok {
        steps.push(Step::blocked(ITEMS[3]));
        let _ = tx.rollback().await;
        return steps;
    }
    // 4. The replay: the snapshot written through the runbook's tables and read back.
    let replay = timed(ITEMS[3], async {
        let payload: Vec<Value> = records
            .iter()
            .filter_map(|(_, _, c)| serde_json::from_str(c).ok())
            .collect();
        let snapshot_id = format!("{tenant}:v{}", frozen.version);
        let work = async {
            sqlx::query(
                "insert into bfg_flowcontrol.scenario_snapshots
                     (snapshot_id, tenant_id, checksum, schema_version, payload)
                 values ($1, $2, $3, 'BFGScenarioSnapshot.v1', $4)",
            )
            .bind(&snapshot_id)
            .bind(tenant)
            .bind(format!(
                "bfg-{}",
                &frozen.sha256[..8.min(frozen.sha256.len())]
            ))
            .bind(sqlx::types::Json(&payload))
            .execute(&mut *tx)
            .await?;
            let actor = actors.first().map(|a| format!("{tenant}:{}", a.id));
            sqlx::query(
                "insert into bfg_flowcontrol.audit_events
                     (event_id, tenant_id, actor_id, source, payload)
                 values ($1, $2, $3, 'readiness-console-rehearsal', $4)",
            )
            .bind(format!("{snapshot_id}:replay"))
            .bind(tenant)
            .bind(actor)
            .bind(json!({ "snapshot": snapshot_id, "rows": payload.len() }))
            .execute(&mut *tx)
            .await?;
            let back: sqlx::types::Json<Vec<Value>> = sqlx::query_scalar(
                "select payload from bfg_flowcontrol.scenario_snapshots where snapshot_id = $1",
            )
            .bind(&snapshot_id)
            .fetch_one(&mut *tx)
            .await?;
            Ok::<_, sqlx::Error>(back.0)
        };
        let back = work.await.map_err(|e| reason(&e))?;
        let mut read: Vec<(String, String, String)> = back
            .iter()
            .map(|v| {
                let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
                (field("kind"), field("id"), v.to_string())
            })
            .collect();
        let after = records_sha256_sorted(&mut read);
        if after == frozen.sha256 {
            Ok((
                Some(i32::try_from(read.len()).unwrap_or(i32::MAX)),
                json!({ "rows_written": payload.len(), "rows_read_back": read.len(),
                        "sha256_before": frozen.sha256, "sha256_after": after }),
            ))
        } else {
            Err(Reason::ChecksumMismatch)
        }
    })
    .await;
    steps.push(replay);
    let _ = tx.rollback().await;
    steps
}

/// After the rollback: no row of the rehearsal tenant in any of the runbook's tables.
async fn no_trace(conn: &mut PgConnection, tenant: &str) -> Result<(Option<i32>, Value), Reason> {
    let work = async {
        let mut tx = conn.begin().await?;
        as_tenant(&mut tx, tenant).await?;
        let left: i64 = sqlx::query_scalar(
            "select (select count(*) from bfg_flowcontrol.tenants where tenant_id = $1)
                  + (select count(*) from bfg_flowcontrol.users where tenant_id = $1)
                  + (select count(*) from bfg_flowcontrol.scenario_snapshots where tenant_id = $1)
                  + (select count(*) from bfg_flowcontrol.audit_events where tenant_id = $1)",
        )
        .bind(tenant)
        .fetch_one(&mut *tx)
        .await?;
        tx.rollback().await?;
        Ok::<_, sqlx::Error>(left)
    };
    match work.await {
        Ok(0) => Ok((None, json!({ "rows_left": 0, "rolled_back": true }))),
        Ok(_) => Err(Reason::TargetError),
        Err(error) => Err(reason(&error)),
    }
}
