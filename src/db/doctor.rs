//! The platform's health checks against the database, as the owner role (it reads every
//! tenant, deleted ones too, and the platform chain): `readiness-console doctor` and the
//! health panel of `/platform`.

use sqlx::PgPool;
use time::OffsetDateTime;

use super::DbError;
use crate::readiness::health::{self, Finding, HealthCheck};

/// Every check, in [`HealthCheck::ALL`]'s order, as of `now`.
pub async fn examine(owner: &PgPool, now: OffsetDateTime) -> Result<Vec<Finding>, DbError> {
    let mut findings = Vec::new();
    for check in HealthCheck::ALL {
        let tenants = match check {
            HealthCheck::DuplicateSlugs => {
                slugs(
                    owner,
                    "select t.slug from tenants t
                     where t.deleted_at is null and lower(t.slug) in (
                         select lower(slug) from tenants where deleted_at is null
                         group by 1 having count(*) > 1)
                     order by t.slug",
                    None,
                )
                .await?
            }
            HealthCheck::StuckProvisioning => {
                slugs(
                    owner,
                    "select slug from tenants
                     where status = 'provisioning' and updated_at < $1 order by slug",
                    Some(now - health::STUCK_AFTER),
                )
                .await?
            }
            HealthCheck::ProgrammeBehind => programme_behind(owner).await?,
            HealthCheck::SoftDeleteIncoherent => {
                slugs(
                    owner,
                    "select slug from tenants
                     where (deleted_at is not null and status not in ('deleting', 'deleted'))
                        or (status = 'deleted' and deleted_at is null)
                     order by slug",
                    None,
                )
                .await?
            }
            HealthCheck::WithoutEvents => {
                slugs(
                    owner,
                    "select t.slug from tenants t
                     where not exists (select from tenant_events e where e.tenant_id = t.id)
                     order by t.slug",
                    None,
                )
                .await?
            }
        };
        findings.push(Finding { check, tenants });
    }
    Ok(findings)
}

async fn slugs(
    owner: &PgPool,
    sql: &str,
    at: Option<OffsetDateTime>,
) -> Result<Vec<String>, DbError> {
    let mut query = sqlx::query_scalar(sql);
    if let Some(at) = at {
        query = query.bind(at);
    }
    Ok(query.fetch_all(owner).await?)
}

async fn programme_behind(owner: &PgPool) -> Result<Vec<String>, DbError> {
    let running: Vec<(String, String, i32)> = sqlx::query_as(
        "select slug, programme_name, programme_version from tenants
         where deleted_at is null and programme_name is not null
           and programme_version is not null
         order by slug",
    )
    .fetch_all(owner)
    .await?;
    let files: Vec<(&str, u32)> = crate::readiness::programme::bundled()
        .iter()
        .map(|p| (p.name.as_str(), p.version))
        .collect();
    let running = running.iter().map(|(slug, name, version)| {
        (
            slug.as_str(),
            name.as_str(),
            u32::try_from(*version).unwrap_or(0),
        )
    });
    Ok(health::programme_behind(running, &files))
}
