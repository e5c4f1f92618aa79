//! The platform's list of tenants: one indexed query over `tenants` and `tenant_summaries`
//! (which each tenant's writes keep), in slug order, paged by keyset. No tenant is entered or
//! evaluated to draw it.

use sqlx::PgPool;
use time::OffsetDateTime;

use super::DbError;
use crate::readiness::DecisionCode;
use crate::readiness::lifecycle::TenantStatus;

/// Which tenants the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only tenants in this status.
    pub status: Option<TenantStatus>,
    /// Only tenants whose decision is this.
    pub decision: Option<DecisionCode>,
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedTenant {
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Where it is in its life.
    pub status: TenantStatus,
    /// Its decision, once it has a summary.
    pub decision: Option<DecisionCode>,
    /// Gates ready and in all, once it has a summary.
    pub gates: Option<(i32, i32)>,
    /// Its last change: of its status or of its state.
    pub changed_at: OffsetDateTime,
}

type Row = (
    String,
    String,
    String,
    Option<String>,
    Option<i32>,
    Option<i32>,
    OffsetDateTime,
);

const COLUMNS: &str = "select t.slug, t.name, t.status, s.decision, s.gates_ready, s.gates_total,
        greatest(t.updated_at, coalesce(s.changed_at, t.updated_at))";

/// Up to `limit` tenants after the slug `after`, in slug order. Each filter reads its own
/// index: slugs of live tenants, by status, or the summaries by decision. (Parameters: `$1`
/// after, `$2` limit, then the status and the decision that are given, in that order.)
pub async fn page(
    pool: &PgPool,
    filter: ListFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<ListedTenant>, DbError> {
    let after = after.unwrap_or("");
    let sql = match (filter.status, filter.decision) {
        (None, None) => format!(
            "{COLUMNS} from tenants t left join tenant_summaries s on s.tenant_id = t.id
             where t.deleted_at is null and lower(t.slug) > $1
             order by lower(t.slug) limit $2"
        ),
        (Some(_), None) => format!(
            "{COLUMNS} from tenants t left join tenant_summaries s on s.tenant_id = t.id
             where t.deleted_at is null and t.status = $3 and lower(t.slug) > $1
             order by lower(t.slug) limit $2"
        ),
        (None, Some(_)) => format!(
            "{COLUMNS} from tenant_summaries s join tenants t on t.id = s.tenant_id
             where t.deleted_at is null and s.decision = $3 and lower(s.slug) > $1
             order by lower(s.slug) limit $2"
        ),
        (Some(_), Some(_)) => format!(
            "{COLUMNS} from tenant_summaries s join tenants t on t.id = s.tenant_id
             where t.deleted_at is null and t.status = $3 and s.decision = $4
               and lower(s.slug) > $1
             order by lower(s.slug) limit $2"
        ),
    };
    let mut query = sqlx::query_as::<_, Row>(&sql).bind(after).bind(limit);
    if let Some(status) = filter.status {
        query = query.bind(status.as_str());
    }
    if let Some(decision) = filter.decision {
        query = query.bind(decision.as_str());
    }
    let rows = query.fetch_all(pool).await?;
    rows.into_iter().map(listed).collect()
}

fn listed(
    (slug, name, status, decision, ready, total, changed_at): Row,
) -> Result<ListedTenant, DbError> {
    let shape = |e: crate::readiness::code::UnknownCode| DbError::Seed(e.to_string());
    Ok(ListedTenant {
        slug,
        name,
        status: status.parse().map_err(shape)?,
        decision: decision
            .map(|d| {
                DecisionCode::parse(&d)
                    .ok_or_else(|| DbError::Seed(format!("unknown decision {d}")))
            })
            .transpose()?,
        gates: ready.zip(total),
        changed_at,
    })
}
