//! The API keys of the People page: the managing director creates a key (its text shown once,
//! on the page the form answers with) and revokes one. Each is a write through the [`Write`]
//! extractor (session, same origin, CSRF); the database asks the permission table.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use time::OffsetDateTime;

use super::people::{Shown, ShownLink, render};
use super::writer::{Write, WriteForm, Writer};
use crate::db::api_keys::{self, KeyError, Listed, NewKey};
use crate::db::people::Roster;
use crate::i18n::Lang;
use crate::readiness::api_key::{KeyName, Scope};
use crate::web::{AppError, AppState, Result};

/// The keys' writes.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/people/api-keys", post(create))
        .route("/t/{tenant}/people/api-keys/{name}/revoke", post(revoke))
}

/// How long a new key may work, as the form offers it.
const EXPIRIES: [(&str, i64); 4] = [("never", 0), ("30", 30), ("90", 90), ("365", 365)];

/// Every message id the keys' part of the page builds.
pub fn message_ids() -> Vec<String> {
    Scope::ALL
        .iter()
        .map(|s| format!("people-keys-scope-{}", s.as_str()))
        .chain(
            EXPIRIES
                .iter()
                .map(|(e, _)| format!("people-keys-expires-{e}")),
        )
        .chain(REFUSALS.iter().map(|r| format!("people-keys-refused-{r}")))
        .collect()
}

/// Why a key form was refused, as message id suffixes.
const REFUSALS: [&str; 4] = ["name", "scope", "exists", "unknown"];

/// A key, as its row shows it: never its text.
pub struct KeyLine {
    /// Its name.
    pub name: String,
    /// Its scope, in words.
    pub scope: String,
    /// How its text begins (`rc_key_` and its lookup).
    pub begins: String,
    /// When it was created, and by whom.
    pub created: String,
    /// When it stops working.
    pub expires: String,
    /// When it was last used.
    pub last_used: String,
}

/// A choice of the form.
pub struct KeyChoice {
    /// Its value.
    pub value: &'static str,
    /// Its label.
    pub label: String,
}

/// The keys' part of the page.
pub struct KeysPart {
    /// The live keys.
    pub keys: Vec<KeyLine>,
    /// The scopes to choose from.
    pub scopes: Vec<KeyChoice>,
    /// The expiries to choose from.
    pub expiries: Vec<KeyChoice>,
}

fn when(lang: Lang, at: Option<OffsetDateTime>, none: &str) -> String {
    let tr = lang.tr();
    at.map_or_else(|| tr.t(none), |at| tr.datetime(&at))
}

/// The keys' part of the page in `lang`; who created each key by their name in `roster` (an
/// operator as the trail names them).
pub fn part(lang: Lang, keys: Vec<Listed>, roster: &Roster) -> KeysPart {
    let tr = lang.tr();
    let name_of = |actor: &str| {
        roster
            .people
            .iter()
            .find(|p| p.actor == actor)
            .map_or_else(|| actor.to_owned(), |p| p.name.clone())
    };
    KeysPart {
        keys: keys
            .into_iter()
            .map(|k| KeyLine {
                scope: tr.t(&format!("people-keys-scope-{}", k.scope.as_str())),
                begins: format!("{}{}…", crate::readiness::api_key::PREFIX, k.lookup),
                created: tr.t2(
                    "people-keys-created-by",
                    "date",
                    tr.datetime(&k.created_at),
                    "by",
                    name_of(&k.created_by),
                ),
                expires: when(lang, k.expires_at, "people-keys-expires-never"),
                last_used: when(lang, k.last_used_at, "people-never"),
                name: k.name,
            })
            .collect(),
        scopes: Scope::ALL
            .iter()
            .map(|s| KeyChoice {
                value: s.as_str(),
                label: tr.t(&format!("people-keys-scope-{}", s.as_str())),
            })
            .collect(),
        expiries: EXPIRIES
            .iter()
            .map(|(e, _)| KeyChoice {
                value: e,
                label: tr.t(&format!("people-keys-expires-{e}")),
            })
            .collect(),
    }
}

/// The key form as typed.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    expires: String,
}

impl WriteForm for KeyForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The page again with a refusal of the keys' form.
async fn refused(
    app: &AppState,
    by: &Writer,
    refusal: &'static str,
    status: StatusCode,
) -> Result<Response> {
    let shown = Shown::key_refused(format!("people-keys-refused-{refusal}"), status);
    render(app, &by.tenant, by.lang, &by.session, shown, None).await
}

/// What the database's refusal says on the page; an error otherwise.
fn refusal(error: KeyError) -> std::result::Result<(&'static str, StatusCode), AppError> {
    match error {
        KeyError::Exists(_) => Ok(("exists", StatusCode::CONFLICT)),
        KeyError::Unknown(_) => Ok(("unknown", StatusCode::NOT_FOUND)),
        KeyError::Expired => Ok(("scope", StatusCode::UNPROCESSABLE_ENTITY)),
        KeyError::Forbidden => Err(AppError::Forbidden),
        KeyError::NoTenant(_) => Err(AppError::NotFound),
        KeyError::Db(error) => Err(error.into()),
    }
}

/// `POST /t/{tenant}/people/api-keys`: the key, shown once on the page it answers with.
async fn create(
    State(app): State<AppState>,
    Write { by, form }: Write<KeyForm>,
) -> Result<Response> {
    let Ok(name) = KeyName::parse(&form.name) else {
        return refused(&app, &by, "name", StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let (Some(scope), Some(days)) = (
        Scope::parse(&form.scope),
        EXPIRIES
            .iter()
            // A form sent without a choice asks for what the list offers first: no expiry.
            .find(|(e, _)| *e == form.expires || (form.expires.is_empty() && *e == "never"))
            .map(|(_, d)| *d),
    ) else {
        return refused(&app, &by, "scope", StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let expires_at = (days > 0).then(|| app.clock.now() + time::Duration::days(days));
    let new = NewKey {
        name,
        scope,
        expires_at,
    };
    let (stamp, who) = by.stamp(&app);
    match api_keys::create(&app.pool, &by.tenant, &new, who, &stamp).await {
        Ok(created) => {
            app.cache.invalidate(&by.tenant);
            let tr = by.lang.tr();
            let shown = Shown::key(ShownLink {
                what: tr.t2(
                    "people-keys-made",
                    "name",
                    new.name.as_str(),
                    "scope",
                    tr.t(&format!("people-keys-scope-{}", scope.as_str())),
                ),
                url: created.key,
                help: expires_at.map_or_else(
                    || tr.t("people-keys-until-never"),
                    |at| tr.t1("people-keys-until", "date", tr.datetime(&at)),
                ),
                copy: "people-keys-copy",
                // What it says already: "Copy it now: it is not shown again."
                once: None,
            });
            render(&app, &by.tenant, by.lang, &by.session, shown, None).await
        }
        Err(error) => {
            let (refusal, status) = refusal(error)?;
            refused(&app, &by, refusal, status).await
        }
    }
}

/// `POST /t/{tenant}/people/api-keys/{name}/revoke`: it stops working at once.
async fn revoke(
    State(app): State<AppState>,
    Path(path): Path<(String, String)>,
    Write { by, .. }: Write<KeyForm>,
) -> Result<Response> {
    let (_, name) = path;
    let (stamp, who) = by.stamp(&app);
    match api_keys::revoke(&app.pool, &by.tenant, &name, who, &stamp).await {
        Ok(()) => {
            app.cache.invalidate(&by.tenant);
            Ok(Redirect::to(&format!(
                "/t/{}/people?lang={}&done=key_revoked#people-keys-title",
                by.tenant,
                by.lang.code()
            ))
            .into_response())
        }
        Err(error) => {
            let (refusal, status) = refusal(error)?;
            refused(&app, &by, refusal, status).await
        }
    }
}
