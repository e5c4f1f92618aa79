//! The connection probes and the schema gap analysis. Writes happen only inside transactions
//! that are rolled back.

use serde_json::json;
use sqlx::{Connection, PgConnection};
use uuid::Uuid;

use super::{Limits, Outcome, Reason, Step, Target, reason, timed};
use crate::readiness::code::code_enum;
use crate::readiness::programme::{ExpectedSchema, ExpectedTable, ExpectedTarget};

code_enum! {
    /// What kind of object a line of the gap analysis expects.
    pub enum GapKind as "gap kind" {
        /// The runbook's schema.
        Schema => "schema",
        /// One of its tables.
        Table => "table",
        /// One of a table's columns.
        Column => "column",
        /// Row-level security enabled on a table.
        RlsEnabled => "rls_enabled",
        /// Row-level security forced on a table.
        RlsForced => "rls_forced",
        /// A table's tenant policy.
        Policy => "policy",
    }
}

impl GapKind {
    /// Whether a missing object of this kind means the runbook's schema is missing, as opposed
    /// to its row-level security.
    fn is_schema(self) -> bool {
        matches!(self, Self::Schema | Self::Table | Self::Column)
    }
}

/// One line of the gap analysis: an object the runbook expects, and what the target has.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GapLine {
    /// What kind of object.
    pub kind: GapKind,
    /// The object, e.g. `bfg_flowcontrol.users.role_key`.
    pub object: String,
    /// Whether the target has it.
    pub found: bool,
}

/// Reads the target's catalogue and compares it with what the tenant's programme expects
/// (`programme.target`): every expected object, found or missing, and how many of the objects
/// "schema and RLS" counts ([`ExpectedTarget::objects`]) are present.
pub async fn gap(
    conn: &mut PgConnection,
    expected: &ExpectedTarget,
) -> Result<(Vec<GapLine>, i32), sqlx::Error> {
    let mut lines = Vec::new();
    let mut present = 0;
    // Row-level security counts once, for every table of every schema that expects it.
    let mut rls = true;
    let mut rls_expected = false;
    for schema in &expected.schemas {
        let (schema_lines, complete, rls_ok) = schema_gap(conn, schema).await?;
        lines.extend(schema_lines);
        present += complete;
        rls &= rls_ok;
        rls_expected |= schema.tables.iter().any(ExpectedTable::expects_rls);
    }
    present += i32::from(rls_expected && rls);
    Ok((lines, present))
}

/// One schema's lines: the schema, its tables and their columns, then the row-level security
/// of the tables that expect it. Also how many of its objects are present (the schema and each
/// complete table) and whether its row-level security is all there.
async fn schema_gap(
    conn: &mut PgConnection,
    expected: &ExpectedSchema,
) -> Result<(Vec<GapLine>, i32, bool), sqlx::Error> {
    let name = expected.name.as_str();
    let schema: bool =
        sqlx::query_scalar("select exists (select 1 from pg_namespace where nspname = $1)")
            .bind(name)
            .fetch_one(&mut *conn)
            .await?;
    let columns: Vec<(String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text from information_schema.columns
         where table_schema = $1",
    )
    .bind(name)
    .fetch_all(&mut *conn)
    .await?;
    let tables: Vec<(String, bool, bool)> = sqlx::query_as(
        "select c.relname::text, c.relrowsecurity, c.relforcerowsecurity
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = $1 and c.relkind in ('r', 'p')",
    )
    .bind(name)
    .fetch_all(&mut *conn)
    .await?;
    let policies: Vec<(String, String, String)> = sqlx::query_as(
        "select tablename::text, policyname::text, coalesce(qual, '') from pg_policies
         where schemaname = $1",
    )
    .bind(name)
    .fetch_all(&mut *conn)
    .await?;
    let mut lines = vec![GapLine {
        kind: GapKind::Schema,
        object: name.to_owned(),
        found: schema,
    }];
    let mut present = i32::from(schema);
    for table in &expected.tables {
        let has_table = tables.iter().any(|(t, _, _)| *t == table.name);
        lines.push(GapLine {
            kind: GapKind::Table,
            object: format!("{name}.{}", table.name),
            found: has_table,
        });
        let mut complete = has_table;
        for column in &table.columns {
            let found = columns.iter().any(|(t, c)| *t == table.name && c == column);
            complete &= found;
            lines.push(GapLine {
                kind: GapKind::Column,
                object: format!("{name}.{}.{column}", table.name),
                found,
            });
        }
        present += i32::from(complete);
    }
    let mut rls = true;
    for table in expected.tables.iter().filter(|t| t.expects_rls()) {
        let flags = tables.iter().find(|(t, _, _)| *t == table.name);
        let enabled = flags.is_some_and(|(_, e, _)| *e);
        let forced = flags.is_some_and(|(_, _, f)| *f);
        let object = format!("{name}.{}", table.name);
        let mut wanted = Vec::new();
        if table.rls_enabled {
            wanted.push((GapKind::RlsEnabled, object.clone(), enabled));
        }
        if table.rls_forced {
            wanted.push((GapKind::RlsForced, object.clone(), forced));
        }
        if let Some(policy) = &table.policy {
            // The policy must read the tenant from the schema's setting, when it names one.
            let has_policy = policies.iter().any(|(t, p, qual)| {
                *t == table.name
                    && p == policy
                    && expected
                        .tenant_setting
                        .as_deref()
                        .is_none_or(|setting| qual.contains(setting))
            });
            wanted.push((GapKind::Policy, format!("{object}:{policy}"), has_policy));
        }
        for (kind, object, found) in wanted {
            rls &= found;
            lines.push(GapLine {
                kind,
                object,
                found,
            });
        }
    }
    Ok((lines, present, rls))
}

/// The gap analysis as a run: it decides `runbook.schema_rls` (present/expected objects).
pub async fn gap_run(target: &Target, limits: Limits, expected: &ExpectedTarget) -> Outcome {
    let objects = expected_objects(expected);
    let mut outcome = Outcome {
        endpoint: Some(target.endpoint.clone()),
        ..Outcome::default()
    };
    let mut conn = match target.connect(limits).await {
        Ok(conn) => conn,
        Err(why) => {
            outcome.steps.push(failed("runbook.schema_rls", why));
            return outcome;
        }
    };
    let step = timed("runbook.schema_rls", async {
        let (lines, present) = gap(&mut conn, expected).await.map_err(|e| reason(&e))?;
        Ok((
            Some(present),
            json!({ "present": present, "expected": objects, "lines": lines }),
        ))
    })
    .await;
    let present = step.found.unwrap_or(0);
    outcome
        .summary
        .insert("schema_rls".into(), format!("{present}/{objects}"));
    // Measured, but passed only when every object is there.
    let mut step = step;
    if step.passed && present < objects {
        step.passed = false;
        step.reason = Reason::SchemaMissing;
    }
    outcome.steps.push(step);
    let _ = conn.close().await;
    outcome
}

/// How many objects "schema and RLS" counts, as the probes' figures are numbered.
pub(super) fn expected_objects(expected: &ExpectedTarget) -> i32 {
    i32::try_from(expected.objects()).unwrap_or(i32::MAX)
}

fn failed(item: &'static str, why: Reason) -> Step {
    Step {
        item,
        passed: false,
        found: None,
        reason: why,
        detail: json!({}),
        duration_ms: 0,
    }
}

/// Checks what the RBAC session relies on: a role that does not bypass row-level security, the
/// expected tables with their row-level security.
pub async fn rls_guard(conn: &mut PgConnection, expected: &ExpectedTarget) -> Result<(), Reason> {
    let bypass: bool = sqlx::query_scalar(
        "select rolsuper or rolbypassrls from pg_roles where rolname = current_user",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| reason(&e))?;
    if bypass {
        return Err(Reason::BypassesRls);
    }
    let (lines, _) = gap(conn, expected).await.map_err(|e| reason(&e))?;
    let missing = |schema: bool| {
        lines
            .iter()
            .any(|l| l.kind.is_schema() == schema && !l.found)
    };
    if missing(true) {
        return Err(Reason::SchemaMissing);
    }
    if missing(false) {
        return Err(Reason::RlsNotForced);
    }
    Ok(())
}

/// The four connection probes (and `wiring.live_credentials`, which needs TLS).
pub async fn connection(target: &Target, limits: Limits, expected: &ExpectedTarget) -> Outcome {
    let items = [
        "connection.endpoint_reachability",
        "connection.tls_fingerprint",
        "connection.rbac_session",
        "connection.write_probe",
        "wiring.live_credentials",
    ];
    let mut outcome = Outcome {
        endpoint: Some(target.endpoint.clone()),
        ..Outcome::default()
    };
    let mut connected = None;
    let reach = timed(items[0], async {
        let mut conn = target.connect(limits).await?;
        let version: String = sqlx::query_scalar("select current_setting('server_version')")
            .fetch_one(&mut conn)
            .await
            .map_err(|e| reason(&e))?;
        connected = Some(conn);
        Ok((None, json!({ "server_version": version })))
    })
    .await;
    if let Some(version) = reach.detail.get("server_version").and_then(|v| v.as_str()) {
        outcome
            .summary
            .insert("server_version".into(), version.to_owned());
    }
    outcome.steps.push(reach);
    let Some(mut conn) = connected else {
        outcome
            .steps
            .extend(items[1..].iter().map(|item| Step::blocked(item)));
        return outcome;
    };
    // TLS: the certificate's SHA-256 over TCP; a Unix socket (or a local server without TLS)
    // is recorded as "not TLS"; a remote server without TLS fails.
    let tls = timed(items[1], async {
        let Some((host, port)) = &target.tcp else {
            return Ok((None, json!({ "tls": "not_tls", "socket": true })));
        };
        match super::tls::fingerprint(host, *port, limits.connect).await? {
            Some(sha) => Ok((None, json!({ "tls": sha }))),
            None if target.local => Ok((None, json!({ "tls": "not_tls", "local": true }))),
            None => Err(Reason::NotTlsRemote),
        }
    })
    .await;
    let fingerprint = tls
        .detail
        .get("tls")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    outcome.tls.clone_from(&fingerprint);
    outcome.steps.push(tls);
    let probe_tenant = format!("rehearsal-{}", Uuid::new_v4().simple());
    let rbac = timed(items[2], async {
        rls_guard(&mut conn, expected).await?;
        isolation(&mut conn, &probe_tenant)
            .await
            .map_err(|e| reason(&e))?
    })
    .await;
    let rbac_passed = rbac.passed;
    outcome.steps.push(rbac);
    if rbac_passed {
        outcome
            .steps
            .push(timed(items[3], write_probe(&mut conn, &probe_tenant)).await);
    } else {
        outcome.steps.push(Step::blocked(items[3]));
    }
    // Live credentials only over TLS.
    let encrypted = fingerprint.filter(|f| f != "not_tls");
    outcome.steps.push(Step {
        item: items[4],
        passed: encrypted.is_some(),
        found: None,
        reason: if encrypted.is_some() {
            Reason::Ok
        } else {
            Reason::NotTlsRemote
        },
        detail: json!({ "tls": encrypted.as_deref().unwrap_or("not_tls") }),
        duration_ms: 0,
    });
    let _ = conn.close().await;
    outcome
}

/// Sets the tenant context as the runbook's policies read it (`bfg.tenant_id`), for the rest
/// of the transaction.
pub(super) async fn as_tenant(tx: &mut PgConnection, tenant: &str) -> Result<(), sqlx::Error> {
    sqlx::query("select set_config('bfg.tenant_id', $1, true)")
        .bind(tenant)
        .execute(&mut *tx)
        .await
        .map(drop)
}

/// Adds a tenant row (the tenants table is not tenant-scoped) and enters it.
pub(super) async fn new_tenant(tx: &mut PgConnection, tenant: &str) -> Result<(), sqlx::Error> {
    sqlx::query("insert into bfg_flowcontrol.tenants (tenant_id, name) values ($1, $1)")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    as_tenant(tx, tenant).await
}

/// Inserts a user of `tenant` (whose context is set).
async fn probe_user(tx: &mut PgConnection, tenant: &str, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into bfg_flowcontrol.users (user_id, tenant_id, role_key, display_name)
         values ($1, $2, 'probe', $3)",
    )
    .bind(format!("{tenant}-user"))
    .bind(tenant)
    .bind(name)
    .execute(&mut *tx)
    .await
    .map(drop)
}

/// Inside a rolled-back transaction: a row of another tenant is written under that tenant's
/// context, then, under ours, it must be invisible.
async fn isolation(
    conn: &mut PgConnection,
    tenant: &str,
) -> Result<Result<(Option<i32>, serde_json::Value), Reason>, sqlx::Error> {
    let other = format!("{tenant}-other");
    let mut tx = conn.begin().await?;
    new_tenant(&mut tx, &other).await?;
    probe_user(&mut tx, &other, "Isolation probe").await?;
    new_tenant(&mut tx, tenant).await?;
    let visible: i64 = sqlx::query_scalar("select count(*) from bfg_flowcontrol.users")
        .fetch_one(&mut *tx)
        .await?;
    tx.rollback().await?;
    if visible == 0 {
        Ok(Ok((None, json!({ "other_tenant_rows_visible": 0 }))))
    } else {
        Ok(Err(Reason::IsolationBroken))
    }
}

/// Inside a rolled-back transaction: insert, read back.
async fn write_probe(
    conn: &mut PgConnection,
    tenant: &str,
) -> Result<(Option<i32>, serde_json::Value), Reason> {
    let work = async {
        let mut tx = conn.begin().await?;
        new_tenant(&mut tx, tenant).await?;
        probe_user(&mut tx, tenant, "Write probe").await?;
        let read: i64 =
            sqlx::query_scalar("select count(*) from bfg_flowcontrol.users where user_id = $1")
                .bind(format!("{tenant}-user"))
                .fetch_one(&mut *tx)
                .await?;
        tx.rollback().await?;
        Ok::<_, sqlx::Error>(read)
    };
    match work.await {
        Ok(1) => Ok((
            None,
            json!({ "written": 1, "read_back": 1, "rolled_back": true }),
        )),
        Ok(_) => Err(Reason::IsolationBroken),
        Err(error) => Err(reason(&error)),
    }
}
