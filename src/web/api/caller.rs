//! Who calls the API: the [`Caller`] extractor checks the API key against the tenant's cached
//! state (no query on a warm request), the tenant's status, and the rate limits.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use uuid::Uuid;

use super::problem::{ApiError, ErrorCode};
use crate::config::ApiRates;
use crate::i18n::Lang;
use crate::readiness::api_key::{self, Presented, StoredKey};
use crate::readiness::lifecycle::TenantStatus;
use crate::web::{AppState, Locale, TenantView};

/// An authenticated API request: its tenant's view, the key it presented, its language and id.
pub struct Caller {
    /// The tenant's evaluated state, as cached.
    pub view: Arc<TenantView>,
    /// Which of the view's keys was presented.
    key: usize,
    /// The negotiated language of titles and problems.
    pub lang: Lang,
    /// The request's `x-request-id`.
    request_id: Option<axum::http::HeaderValue>,
    /// The request's `If-None-Match`, if any.
    pub if_none_match: Option<axum::http::HeaderValue>,
}

impl Caller {
    /// The key presented.
    pub fn key(&self) -> &StoredKey {
        &self.view.console.api_keys[self.key]
    }

    /// The request's id, as the audit trail records it.
    pub fn request_id(&self) -> &str {
        self.request_id
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
    }

    /// The tenant's slug.
    pub fn slug(&self) -> &str {
        &self.view.console.slug
    }
}

/// The API's rate limits, per key and per tenant, and when each key was last noted as used.
pub struct ApiLimits {
    per_key: DefaultKeyedRateLimiter<Uuid>,
    per_tenant: DefaultKeyedRateLimiter<Uuid>,
    /// Keys noted as used within the last minute: `last_used_at` is written at most once a
    /// minute per key, off the request.
    noted: moka::sync::Cache<Uuid, ()>,
}

impl std::fmt::Debug for ApiLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiLimits").finish_non_exhaustive()
    }
}

/// How often `last_used_at` is written for a key in use.
const NOTE_EVERY: Duration = Duration::from_secs(60);

impl ApiLimits {
    /// Limits of `rates` requests per minute, each allowed in a burst.
    pub fn new(rates: ApiRates) -> Self {
        let quota = |per_minute: u32| {
            Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN))
        };
        Self {
            per_key: RateLimiter::keyed(quota(rates.per_key)),
            per_tenant: RateLimiter::keyed(quota(rates.per_tenant)),
            noted: moka::sync::Cache::builder()
                .max_capacity(100_000)
                .time_to_live(NOTE_EVERY)
                .build(),
        }
    }

    /// Counts a request of `key` of `tenant`: `Err` with the seconds to wait when over a limit.
    fn admit(&self, tenant: Uuid, key: Uuid) -> Result<(), u64> {
        let wait = |not_until: governor::NotUntil<_>| {
            not_until
                .wait_time_from(DefaultClock::default().now())
                .as_secs_f64()
                .ceil() as u64
        };
        self.per_key.check_key(&key).map_err(wait)?;
        self.per_tenant.check_key(&tenant).map_err(wait)?;
        Ok(())
    }

    /// Whether `key` should be noted as used now (true at most once a minute).
    fn note(&self, key: Uuid) -> bool {
        if self.noted.contains_key(&key) {
            return false;
        }
        self.noted.insert(key, ());
        true
    }
}

/// The tenant a `/v1/tenants/{slug}/…` path names.
fn slug_of(path: &str) -> Option<&str> {
    path.strip_prefix("/v1/tenants/")?.split('/').next()
}

/// The token of an `Authorization: Bearer …` header.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        let Locale(lang) = match parts.extensions.get::<Locale>() {
            Some(locale) => *locale,
            None => Locale::from_parts(parts.uri.query(), &parts.headers),
        };
        let request_id = parts.headers.get("x-request-id").cloned();
        let if_none_match = parts.headers.get(header::IF_NONE_MATCH).cloned();
        let slug = slug_of(parts.uri.path()).unwrap_or_default();
        let presented = bearer(parts)
            .and_then(Presented::parse)
            .ok_or_else(ApiError::unauthorized)?;
        let now = app.clock.now();
        let view = match app.tenant(slug).await {
            Ok(view) => Some(view),
            Err(crate::web::AppError::NotFound) => None,
            Err(other) => return Err(other.into()),
        };
        let found = view
            .as_ref()
            .and_then(|v| api_key::find(&v.console.api_keys, &presented, now))
            .map(|k| k.id);
        let (Some(view), Some(id)) = (view.clone(), found) else {
            // Not a live key of this tenant: whose is it? Asked of the database for an unknown,
            // a revoked and an expired key alike, so that all three take the same time.
            let owner = crate::db::api_keys::tenant_of(
                &app.pool,
                presented.lookup(),
                presented.sha256(),
                now,
            )
            .await?;
            return Err(match (owner, view) {
                (None, _) => ApiError::unauthorized(),
                (Some(_), None) => ApiError::new(
                    StatusCode::NOT_FOUND,
                    ErrorCode::TenantNotFound,
                    "api-detail-tenant-not-found",
                ),
                (Some(_), Some(_)) => ApiError::forbidden("api-detail-other-tenant"),
            });
        };
        let key = view
            .console
            .api_keys
            .iter()
            .position(|k| k.id == id)
            .unwrap_or_default();
        match view.console.status {
            TenantStatus::Active => {}
            TenantStatus::Suspended => {
                return Err(ApiError::new(
                    StatusCode::LOCKED,
                    ErrorCode::TenantSuspended,
                    "api-detail-tenant-suspended",
                ));
            }
            _ => {
                return Err(ApiError::new(
                    StatusCode::NOT_FOUND,
                    ErrorCode::TenantNotFound,
                    "api-detail-tenant-not-found",
                ));
            }
        }
        app.api
            .admit(view.console.tenant_id, id)
            .map_err(ApiError::rate_limited)?;
        if app.api.note(id) {
            let (pool, slug) = (app.pool.clone(), view.console.slug.clone());
            tokio::spawn(async move {
                if let Err(error) = crate::db::api_keys::touch(&pool, &slug, id, now).await {
                    tracing::warn!(%error, "could not note an API key's last use");
                }
            });
        }
        Ok(Self {
            view,
            key,
            lang,
            request_id,
            if_none_match,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenant_path_names_its_slug() {
        assert_eq!(
            slug_of("/v1/tenants/bfg-control/readiness"),
            Some("bfg-control")
        );
        assert_eq!(slug_of("/v1/tenants/acme"), Some("acme"));
        assert_eq!(slug_of("/v1/openapi.json"), None);
    }

    #[test]
    fn a_key_over_its_limit_waits() {
        let limits = ApiLimits::new(ApiRates {
            per_key: 2,
            per_tenant: 100,
        });
        let (tenant, key) = (Uuid::new_v4(), Uuid::new_v4());
        assert_eq!(limits.admit(tenant, key), Ok(()));
        assert_eq!(limits.admit(tenant, key), Ok(()));
        let wait = limits.admit(tenant, key).expect_err("over the limit");
        assert!((1..=30).contains(&wait), "{wait}");
        // Another key of the tenant is not held back by the first.
        assert_eq!(limits.admit(tenant, Uuid::new_v4()), Ok(()));
    }
}
