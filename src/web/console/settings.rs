//! The settings page (`/t/{tenant}/settings`): the tenant's profile — its scenario contract,
//! release environment, modes today and rehearsal target — and each provider's current and
//! target mode. Every viewer reads it; the managing director changes it (the permission table
//! says so), one write per form.

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use uuid::Uuid;

use super::view::viewer_may;
use super::viewer::Reader;
use super::writer::{Write, WriteForm, Writer};
use super::{ConsoleView, Viewer};
use crate::db::profile::{self, Settled};
use crate::db::write::WriteError;
use crate::i18n::Tr;
use crate::readiness::permissions::{Action, Target};
use crate::readiness::profile::{Mode, ModeError, ProfileEdit, ProfileField, ProviderMode};
use crate::readiness::state::ReadinessState;
use crate::web::frame::Frame;
use crate::web::notice::{self, Notice, NoticeCode};
use crate::web::{AppState, Result, TenantView};

/// The settings page and its one write.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new().route("/t/{tenant}/settings", get(settings_page).post(save))
}

/// One value of the page: its form name, label, the value shown (or as typed) and why it was
/// refused (a message, in the reader's language).
struct Setting {
    name: String,
    label: String,
    value: String,
    error: Option<String>,
}

/// A provider's row: its name and its two modes.
struct ProviderSetting {
    name: String,
    current: Setting,
    target: Setting,
}

impl ProviderSetting {
    fn modes(&self) -> [&Setting; 2] {
        [&self.current, &self.target]
    }
}

#[derive(Template)]
#[template(path = "settings/page.html")]
struct SettingsPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    may_edit: bool,
    fields: Vec<Setting>,
    providers: Vec<ProviderSetting>,
    /// Why the last form was refused (a message id).
    problem: Option<&'static str>,
    key: Uuid,
}

impl SettingsPage<'_> {
    fn csrf(&self) -> &str {
        self.v.viewer.as_ref().map_or("", |v| v.csrf.as_str())
    }
}

/// The form name of a provider's mode.
fn provider_name(key: &str, which: ProviderMode) -> String {
    format!("{which}.{key}")
}

/// What the page shows: the stored values, or what was typed where a form was refused.
struct Shown {
    typed: BTreeMap<String, String>,
    errors: BTreeMap<String, ModeError>,
    problem: Option<&'static str>,
    status: StatusCode,
}

impl Shown {
    fn stored() -> Self {
        Self {
            typed: BTreeMap::new(),
            errors: BTreeMap::new(),
            problem: None,
            status: StatusCode::OK,
        }
    }
}

fn setting(tr: Tr, shown: &Shown, name: String, label: String, stored: &str) -> Setting {
    Setting {
        value: shown
            .typed
            .get(&name)
            .cloned()
            .unwrap_or_else(|| stored.to_owned()),
        error: shown
            .errors
            .get(&name)
            .map(|e| tr.t(&format!("settings-error-{e}"))),
        label,
        name,
    }
}

fn settings(tr: Tr, state: &ReadinessState, shown: &Shown) -> (Vec<Setting>, Vec<ProviderSetting>) {
    let fields = ProfileField::ALL
        .into_iter()
        .map(|field| {
            let label = tr.t(&format!("settings-field-{field}"));
            let stored = field.of(&state.profile);
            setting(tr, shown, field.as_str().to_owned(), label, stored)
        })
        .collect();
    let providers = state
        .providers
        .iter()
        .map(|p| {
            let name = tr.or_raw("provider", &p.key);
            let mode = |which: ProviderMode| {
                let label = tr.t2(
                    &format!("settings-provider-{which}"),
                    "provider",
                    name.as_str(),
                    "key",
                    p.key.as_str(),
                );
                setting(tr, shown, provider_name(&p.key, which), label, which.of(p))
            };
            ProviderSetting {
                current: mode(ProviderMode::Current),
                target: mode(ProviderMode::Target),
                name: name.clone(),
            }
        })
        .collect();
    (fields, providers)
}

fn may_edit(view: &TenantView, viewer: Option<&Viewer>) -> bool {
    viewer_may(view, viewer, Action::SetProfile, Target::Tenant)
}

async fn render(read: &Reader, shown: Shown) -> Result<Response> {
    let may_edit = may_edit(&read.view, read.viewer.as_ref());
    let (fields, providers) = settings(read.view.tr(read.lang), &read.view.console.state, &shown);
    let (frame, v) = read.parts("/settings");
    let page = SettingsPage {
        frame,
        v,
        may_edit,
        fields,
        providers,
        problem: shown.problem,
        key: Uuid::new_v4(),
    };
    Ok((shown.status, Html(page.render()?)).into_response())
}

/// `GET /t/{tenant}/settings`.
async fn settings_page(read: Reader, notice: Option<axum::Extension<Notice>>) -> Result<Response> {
    render(&read.with_notice(notice), Shown::stored()).await
}

/// The settings form: the profile's values and the providers' modes, by name.
#[derive(Debug, serde::Deserialize)]
pub struct SettingsForm {
    csrf: String,
    idempotency_key: Uuid,
    #[serde(flatten)]
    values: BTreeMap<String, String>,
}

impl WriteForm for SettingsForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl SettingsForm {
    /// The edit the form asks for, or what was typed and why each refused value was (a value
    /// the form does not send stays as it is).
    fn edit(&self, state: &ReadinessState) -> std::result::Result<ProfileEdit, Shown> {
        let mut edit = ProfileEdit::default();
        let mut errors = BTreeMap::new();
        let mut read = |name: String| -> Option<Mode> {
            let typed = self.values.get(&name)?;
            Mode::parse(typed).map_err(|e| errors.insert(name, e)).ok()
        };
        for field in ProfileField::ALL {
            if let Some(mode) = read(field.as_str().to_owned()) {
                edit.fields.push((field, mode));
            }
        }
        for p in &state.providers {
            for which in ProviderMode::ALL {
                if let Some(mode) = read(provider_name(&p.key, which)) {
                    edit.providers.push((p.key.clone(), which, mode));
                }
            }
        }
        if errors.is_empty() {
            return Ok(edit);
        }
        let typed = self
            .values
            .iter()
            .map(|(name, value)| {
                let kept: String = value.chars().take(200).collect();
                (name.clone(), crate::readiness::evidence::as_typed(&kept))
            })
            .collect();
        Err(Shown {
            typed,
            errors,
            problem: Some("settings-refused"),
            status: StatusCode::UNPROCESSABLE_ENTITY,
        })
    }
}

/// `POST /t/{tenant}/settings`: one edit of the profile, then back to the page.
async fn save(
    State(app): State<AppState>,
    Write { by, form }: Write<SettingsForm>,
) -> Result<Response> {
    let view = by.tenant(&app).await?;
    if !may_edit(&view, Some(&by.viewer)) {
        return Err(crate::web::AppError::Forbidden);
    }
    let edit = match form.edit(&view.console.state) {
        Ok(edit) => edit,
        Err(shown) => return refuse(&app, &by, shown).await,
    };
    let code = match profile::set(&app.pool, &by.author(&app), form.idempotency_key, &edit).await {
        Ok(Settled::Written(_)) => NoticeCode::ProfileSaved,
        Ok(Settled::Unchanged) => NoticeCode::ProfileUnchanged,
        // A GO stands and the edit would move an item's status: nothing was written.
        Err(WriteError::WithdrawUnconfirmed) => {
            let shown = Shown {
                problem: Some("settings-would-withdraw"),
                status: StatusCode::CONFLICT,
                ..Shown::stored()
            };
            return refuse(&app, &by, shown).await;
        }
        Err(error) => return Err(error.into()),
    };
    app.cache.invalidate(&by.tenant);
    let page = Redirect::to(&by.console_url("/settings", ""));
    Ok(notice::leave(
        page.into_response(),
        Notice::new(code, "profile"),
    ))
}

/// The page again after a refused form, for its writer.
async fn refuse(app: &AppState, by: &Writer, shown: Shown) -> Result<Response> {
    render(&by.reader(app).await?, shown).await
}
