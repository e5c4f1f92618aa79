//! The status policy, in one place: every request under `/t/{tenant}/…` passes through
//! [`policy`] before any handler, extractor or session, and is answered by its tenant's status
//! ([`crate::readiness::lifecycle::TenantStatus::access`]): active → served; suspended → 423
//! with the reason; provisioning or deleting → 409; deleted or unknown → 404.
//!
//! The status comes with the tenant's view, cached or loaded here for the handler after (no
//! query on a cached page, one on a cold one); for a write while no cache is live, from the
//! tenant directory, one small query by slug.
//!
//! axum cannot list its routes, so [`TENANT_ROUTES`] lists them, and a test holds it to the
//! `.route("/t/…")` calls of the source: the every-route × every-status test walks it.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{AppError, AppState, TenantView};
use crate::db;
use crate::readiness::lifecycle::{Access, TenantStatus};
use crate::readiness::names::TenantSlug;

/// A tenant route: its path as the router declares it, and the methods it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenantRoute {
    /// The path, with `{tenant}` and the other parameters as in the router.
    pub path: &'static str,
    /// It answers `GET`.
    pub get: bool,
    /// It answers `POST`.
    pub post: bool,
}

const fn get(path: &'static str) -> TenantRoute {
    TenantRoute {
        path,
        get: true,
        post: false,
    }
}

const fn post(path: &'static str) -> TenantRoute {
    TenantRoute {
        path,
        get: false,
        post: true,
    }
}

const fn both(path: &'static str) -> TenantRoute {
    TenantRoute {
        path,
        get: true,
        post: true,
    }
}

/// Every route under `/t/{tenant}`.
pub const TENANT_ROUTES: &[TenantRoute] = &[
    get("/t/{tenant}"),
    get("/t/{tenant}/sections/{section}"),
    get("/t/{tenant}/print"),
    get("/t/{tenant}/proof"),
    get("/t/{tenant}/items/{key}"),
    post("/t/{tenant}/items/{item}/{action}"),
    get("/t/{tenant}/packets/{name}"),
    get("/t/{tenant}/audit"),
    get("/t/{tenant}/audit/verify"),
    get("/t/{tenant}/bundle"),
    post("/t/{tenant}/signoff"),
    get("/t/{tenant}/snapshot"),
    post("/t/{tenant}/snapshot/import"),
    post("/t/{tenant}/snapshot/freeze"),
    get("/t/{tenant}/rehearsal"),
    get("/t/{tenant}/rehearsal/run"),
    post("/t/{tenant}/rehearsal/target"),
    post("/t/{tenant}/rehearsal/{kind}"),
    both("/t/{tenant}/settings"),
    get("/t/{tenant}/account"),
    post("/t/{tenant}/account/password"),
    post("/t/{tenant}/account/sessions"),
    post("/t/{tenant}/account/reminders"),
    get("/t/{tenant}/inbox"),
    get("/t/{tenant}/inbox/badge"),
    both("/t/{tenant}/sign-in"),
    post("/t/{tenant}/sign-out"),
    both("/t/{tenant}/invite/{token}"),
    get("/t/{tenant}/sso"),
    get("/t/{tenant}/sso/callback"),
    both("/t/{tenant}/reset/{token}"),
    both("/t/{tenant}/unsubscribe/{token}"),
    get("/t/{tenant}/people"),
    post("/t/{tenant}/people/invite"),
    post("/t/{tenant}/people/api-keys"),
    post("/t/{tenant}/people/api-keys/{name}/revoke"),
    post("/t/{tenant}/people/{actor}/{action}"),
    post("/t/{tenant}/owners/{item}"),
    post("/t/{tenant}/owners/{item}/unpin"),
    post("/t/{tenant}/role-owners/{role}"),
    post("/t/{tenant}/role-owners/{role}/clear"),
    both("/t/{tenant}/webhooks"),
    post("/t/{tenant}/webhooks/{id}/remove"),
    post("/t/{tenant}/webhooks/deliveries/{id}/retry"),
    get("/t/{tenant}/events"),
];

/// The slug of a path under `/t/`, if it is one.
fn slug_of(path: &str) -> Option<&str> {
    path.strip_prefix("/t/")
        .map(|rest| rest.split('/').next().unwrap_or_default())
}

/// The status of the tenant with this slug, from its view; `None` when there is none the app
/// may see. While the cache is live, a tenant not cached yet is loaded (and cached) here, so
/// the handler after finds it: a cold page is one statement. Without a live cache, a read is
/// loaded here too, and handed to its handler for this request alone (see [`loaded`]); a write
/// gets the directory's one small query, and its handler loads what it needs.
async fn status_of(
    app: &AppState,
    slug: &str,
    read: bool,
) -> Result<Option<(TenantStatus, Option<String>, Option<Arc<TenantView>>)>, AppError> {
    if app.cache.is_live() || read {
        return match app.tenant(slug).await {
            Ok(view) => Ok(Some((
                view.console.status,
                view.console.suspended_reason.clone(),
                (!app.cache.is_live()).then_some(view),
            ))),
            Err(AppError::NotFound) => Ok(None),
            Err(error) => Err(error),
        };
    }
    Ok(db::tenants::directory(&app.pool, slug)
        .await?
        .map(|d| (d.status, d.suspended_reason, None)))
}

tokio::task_local! {
    /// The view the policy loaded for a read while no cache is live: its handler uses it rather
    /// than loading the same state a second time. A read changes nothing, so the state it was
    /// let in by is the state it shows.
    static LOADED: Arc<TenantView>;
}

/// The view the policy loaded for this request, if it loaded one of `slug` (see [`LOADED`]).
pub(super) fn loaded(slug: &str) -> Option<Arc<TenantView>> {
    LOADED
        .try_with(|view| (view.console.slug == slug).then(|| view.clone()))
        .ok()
        .flatten()
}

/// The status policy (see the module's documentation).
pub(super) async fn policy(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let Some(slug) = slug_of(request.uri().path()) else {
        return next.run(request).await;
    };
    if TenantSlug::parse(slug).is_none() {
        return AppError::NotFound.into_response();
    }
    let read = matches!(*request.method(), Method::GET | Method::HEAD);
    let (status, reason, view) = match status_of(&app, slug, read).await {
        Ok(Some(found)) => found,
        Ok(None) => return AppError::NotFound.into_response(),
        // The database is down and nothing is cached: the request goes on to its handler,
        // which either needs the database too (and answers 503) or needs nothing of the tenant
        // (a write without a session is sent to sign in). Nothing can be read or written
        // meanwhile, and a write enters only an active tenant in its own transaction.
        Err(AppError::Unavailable(error)) => {
            tracing::debug!(%error, "tenant status unknown while the database is unavailable");
            return next.run(request).await;
        }
        Err(error) => return error.into_response(),
    };
    match status.access() {
        Access::Served => match view {
            Some(view) => LOADED.scope(view, next.run(request)).await,
            None => next.run(request).await,
        },
        Access::Suspended => AppError::Suspended(reason.unwrap_or_default()).into_response(),
        Access::Provisioning => AppError::Provisioning.into_response(),
        Access::Deleting => AppError::Deleting.into_response(),
        Access::Gone => AppError::NotFound.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.route("/t/…", …)` of the web adapter's source: its path and whether `get(` and
    /// `post(` appear in its method router.
    fn routes_in_source() -> Vec<TenantRoute> {
        let mut found = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    found.extend(routes_in(&text));
                }
            }
        }
        found
    }

    fn routes_in(text: &str) -> Vec<TenantRoute> {
        let mut found = Vec::new();
        for (at, _) in text.match_indices(".route(") {
            let rest = text[at + ".route(".len()..].trim_start();
            let Some(literal) = rest.strip_prefix('"') else {
                continue;
            };
            let Some(end) = literal.find('"') else {
                continue;
            };
            let path = &literal[..end];
            if !path.starts_with("/t/{tenant}") {
                continue;
            }
            // The method router runs to the call's closing parenthesis.
            let mut depth = 1;
            let mut close = literal.len();
            for (i, c) in literal[end..].char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    close = end + i;
                    break;
                }
            }
            let methods = &literal[end..close];
            found.push(TenantRoute {
                path: Box::leak(path.to_owned().into_boxed_str()),
                get: methods.contains("get("),
                post: methods.contains("post("),
            });
        }
        found
    }

    #[test]
    fn the_table_of_tenant_routes_is_exactly_the_routes_the_router_declares() {
        let mut in_source = routes_in_source();
        let mut table = TENANT_ROUTES.to_vec();
        in_source.sort_by_key(|r| r.path);
        table.sort_by_key(|r| r.path);
        assert_eq!(in_source, table);
        assert!(table.len() > 20, "{}", table.len());
    }

    #[test]
    fn the_slug_is_the_first_segment_under_t() {
        assert_eq!(slug_of("/t/acme"), Some("acme"));
        assert_eq!(slug_of("/t/acme/items/x.y"), Some("acme"));
        assert_eq!(slug_of("/static/app.css"), None);
        assert_eq!(slug_of("/"), None);
    }
}
