//! The People page (`/t/{tenant}/people`, the managing director's alone): the tenant's people —
//! name, username or email, role, how they sign in, status, last sign-in — and its forms:
//! invite a person, change a role, disable or enable an account, send a password-reset link,
//! and name who owns each check and decision, per item or per role — or give an item back to
//! its role, and clear a role's default.
//!
//! Each form is a write through the [`Write`] extractor (session, same origin, CSRF); the
//! database asks the permission table and the pure rules of [`crate::readiness::people`]. A
//! refusal draws the page again with its message and what was typed, and writes nothing; an
//! invitation or a reset draws the page with its one-time link, shown this once.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use time::OffsetDateTime;
use uuid::Uuid;

use super::viewer::{DoneQuery, manager_of};
use super::writer::{Write, WriteForm, Writer};
use super::{ConsoleView, page_parts};
use crate::db::people::{self, Invited, NewPerson, PeopleError, ResetIssued, Roster};
use crate::db::tenants::Purpose;
use crate::db::write::WriteError;
use crate::i18n::Lang;
use crate::readiness::ItemKind;
use crate::readiness::code::code_enum;
use crate::readiness::people::{Email, PersonName, PersonStatus, Refusal, SignInMethod};
use crate::readiness::permissions::Action;
use crate::readiness::state::Role;
use crate::web::frame::Frame;
use crate::web::notice::Notice;
use crate::web::{AppError, AppState, Locale, Result, TenantView, record_tenant};

/// The People page and its writes.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/people", get(people_page))
        .route("/t/{tenant}/people/invite", post(invite))
        .route("/t/{tenant}/people/{actor}/{action}", post(person))
        .route("/t/{tenant}/owners/{item}", post(assign_owner))
        .route("/t/{tenant}/owners/{item}/unpin", post(unpin_owner))
        .route("/t/{tenant}/role-owners/{role}", post(set_role_owner))
        .route(
            "/t/{tenant}/role-owners/{role}/clear",
            post(clear_role_owner),
        )
}

code_enum! {
    /// What a person's form does (the last segment of its URL).
    pub enum PersonAction as "person action" {
        /// Give them another role.
        Role => "role",
        /// Disable their account.
        Disable => "disable",
        /// Enable it again.
        Enable => "enable",
        /// Send them a password-reset link.
        Reset => "reset",
    }
}

code_enum! {
    /// What the page says a write did (`?done=`): message `people-done-{code}`.
    pub enum Done as "people done" {
        /// A role changed.
        Role => "role",
        /// An account was disabled.
        Disabled => "disabled",
        /// An account was enabled.
        Enabled => "enabled",
        /// An item has a new owner.
        Assigned => "assigned",
        /// A role has a new default owner.
        RoleOwner => "role_owner",
        /// An API key was revoked.
        KeyRevoked => "key_revoked",
        /// An item was given back to its role.
        Unpinned => "unpinned",
        /// A role's default owner was cleared.
        RoleOwnerCleared => "role_owner_cleared",
    }
}

/// The message ids the page builds from codes.
pub fn message_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for refusal in Refusal::ALL {
        ids.push(format!("people-refused-{refusal}"));
    }
    for status in PersonStatus::ALL {
        ids.push(format!("people-status-{status}"));
    }
    for method in SignInMethod::ALL {
        ids.push(format!("people-method-{method}"));
    }
    for done in Done::ALL {
        ids.push(format!("people-done-{done}"));
    }
    ids
}

/// A choice of a `<select>`: its value, its label, whether it is chosen.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// One person's row.
struct PersonLine {
    actor: String,
    name: String,
    login: String,
    role: String,
    method: String,
    status: PersonStatus,
    status_label: String,
    last_sign_in: String,
    invitation: Option<String>,
    roles: Vec<Choice>,
}

/// An item whose owner the director names.
struct OwnerLine {
    key: String,
    label: String,
    role: String,
    owner: String,
    pinned: bool,
    people: Vec<Choice>,
}

/// A role whose default owner the director names.
struct RoleLine {
    role: &'static str,
    label: String,
    default: Option<String>,
    people: Vec<Choice>,
}

/// The one-time link a write made (or an API key or a webhook's secret it created), shown this
/// once.
pub(super) struct ShownLink {
    /// The sentence saying what it is for.
    pub(super) what: String,
    /// The link, the key or the secret.
    pub(super) url: String,
    /// The line under it: until when it works (a secret, which does not expire, says it is
    /// shown once).
    pub(super) help: String,
    /// The message id of its copy button's label.
    pub(super) copy: &'static str,
    /// The message id saying it is shown only once, unless `what` says so already.
    pub(super) once: Option<&'static str>,
}

/// The invitation form as typed.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    idempotency_key: Option<Uuid>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

impl WriteForm for InviteForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

#[derive(Template)]
#[template(path = "people/page.html")]
struct PeoplePage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    people: Vec<PersonLine>,
    owners: Vec<OwnerLine>,
    roles: Vec<RoleLine>,
    invite_roles: Vec<Choice>,
    typed: InviteForm,
    problem: Option<String>,
    done: Option<String>,
    link: Option<ShownLink>,
    /// The API keys.
    keys: super::api_keys::KeysPart,
    /// Why the keys' form was refused.
    key_problem: Option<String>,
    /// What a key's write did, said in the keys' section.
    key_done: Option<String>,
    /// A new API key, shown this once in the keys' section.
    key_link: Option<ShownLink>,
}

impl PeoplePage<'_> {
    fn csrf(&self) -> &str {
        self.v.viewer.as_ref().map_or("", |v| v.csrf.as_str())
    }

    /// A new idempotency key for each form: the page holds many, each its own write.
    fn fresh_key(&self) -> Uuid {
        Uuid::new_v4()
    }
}

/// What the page shows besides the roster.
#[derive(Default)]
pub(super) struct Shown {
    typed: InviteForm,
    problem: Option<Refusal>,
    done: Option<Done>,
    /// A one-time link, shown this once.
    link: Option<ShownLink>,
    /// A new API key, shown this once.
    key_link: Option<ShownLink>,
    /// The message id of the keys' form's refusal.
    key_problem: Option<String>,
    /// The answer's status (200 unless refused).
    status: Option<StatusCode>,
}

impl Shown {
    /// The page showing a new API key, once.
    pub(super) fn key(link: ShownLink) -> Self {
        Self {
            key_link: Some(link),
            ..Self::default()
        }
    }

    /// The page refusing the keys' form with the message `id`, answered `status`.
    pub(super) fn key_refused(id: String, status: StatusCode) -> Self {
        Self {
            key_problem: Some(id),
            status: Some(status),
            ..Self::default()
        }
    }
}

fn role_label(lang: Lang, role: Role) -> String {
    lang.tr().t(&format!("role-{}", role.as_str()))
}

fn date(lang: Lang, at: Option<OffsetDateTime>) -> String {
    at.map_or_else(|| lang.tr().t("people-never"), |at| lang.tr().datetime(&at))
}

fn lines(lang: Lang, roster: &Roster) -> Vec<PersonLine> {
    let tr = lang.tr();
    roster
        .people
        .iter()
        // An API key's service account is listed with its keys, not among the people.
        .filter(|p| p.role != Some(Role::Service))
        .map(|p| PersonLine {
            actor: p.actor.clone(),
            name: p.name.clone(),
            login: p
                .username
                .clone()
                .or_else(|| p.email.clone())
                .unwrap_or_default(),
            role: p.role.map_or_else(String::new, |r| role_label(lang, r)),
            method: tr.t(&format!("people-method-{}", p.method)),
            status: p.status,
            status_label: tr.t(&format!("people-status-{}", p.status)),
            last_sign_in: date(lang, p.last_sign_in_at),
            invitation: p
                .invitation_expires_at
                .filter(|_| p.status == PersonStatus::Invited)
                .map(|at| tr.t1("people-invitation-until", "date", tr.datetime(&at))),
            roles: Role::ALL
                .into_iter()
                .map(|r| Choice {
                    value: r.as_str().to_owned(),
                    label: role_label(lang, r),
                    selected: p.role == Some(r),
                })
                .collect(),
        })
        .collect()
}

/// The people who may own what `role` owns: they hold it and are not disabled; for an owner
/// check (`services`), the service accounts of live `attest` keys too.
fn eligible(roster: &Roster, role: Role, services: bool, chosen: Option<&str>) -> Vec<Choice> {
    roster
        .people
        .iter()
        .filter(|p| {
            let holds = p.role == Some(role) || (services && p.role == Some(Role::Service));
            holds && p.status != PersonStatus::Disabled
        })
        .map(|p| Choice {
            value: p.actor.clone(),
            label: p.name.clone(),
            selected: chosen == Some(p.actor.as_str()),
        })
        .collect()
}

fn owner_lines(
    lang: Lang,
    v: &ConsoleView<'_>,
    view: &TenantView,
    roster: &Roster,
) -> Vec<OwnerLine> {
    let state = &view.console.state;
    view.console
        .catalogue
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| matches!(i.kind, ItemKind::OwnerCheck | ItemKind::Decision))
        .filter_map(|i| {
            let role = i
                .owner_role
                .filter(|r| crate::readiness::people::role_writes(*r))?;
            Some(OwnerLine {
                key: i.key.clone(),
                label: v.item_label(&i.key),
                role: role_label(lang, role),
                owner: i
                    .owner
                    .as_deref()
                    .and_then(|o| state.actor(o))
                    .map_or_else(|| lang.tr().t("people-nobody"), |a| a.name.clone()),
                pinned: roster.pinned.contains(&i.key),
                people: eligible(
                    roster,
                    role,
                    i.kind == ItemKind::OwnerCheck,
                    i.owner.as_deref(),
                ),
            })
        })
        .collect()
}

fn role_lines(lang: Lang, view: &TenantView, roster: &Roster) -> Vec<RoleLine> {
    Role::ALL
        .into_iter()
        .filter(|r| crate::readiness::people::role_writes(*r))
        .filter(|r| {
            view.console
                .catalogue
                .sections
                .iter()
                .flat_map(|s| &s.items)
                .any(|i| i.owner_role == Some(*r))
        })
        .map(|role| {
            let chosen = roster.role_owners.get(&role).map(String::as_str);
            RoleLine {
                role: role.as_str(),
                label: role_label(lang, role),
                default: chosen
                    .and_then(|a| view.console.state.actor(a))
                    .map(|a| a.name.clone()),
                people: eligible(roster, role, false, chosen),
            }
        })
        .collect()
}

/// The page, for a viewer who may manage people; 403 for anyone else signed in.
pub(super) async fn render(
    app: &AppState,
    tenant: &str,
    lang: Lang,
    session: &tower_sessions::Session,
    shown: Shown,
    notice: Option<axum::Extension<Notice>>,
) -> Result<Response> {
    let (view, viewer) = manager_of(app, tenant, session, notice, Action::ManagePeople).await?;
    let roster = people::roster(&app.pool, tenant)
        .await?
        .ok_or(AppError::NotFound)?;
    let keys = crate::db::api_keys::list(&app.pool, tenant)
        .await?
        .ok_or(AppError::NotFound)?;
    let path = format!("/t/{tenant}/people");
    let (frame, v) = page_parts(lang, &path, tenant, &view, Some(viewer));
    let tr = lang.tr();
    let typed_role = Role::parse(&shown.typed.role);
    let page = PeoplePage {
        people: lines(lang, &roster),
        owners: owner_lines(lang, &v, &view, &roster),
        roles: role_lines(lang, &view, &roster),
        invite_roles: Role::ALL
            .into_iter()
            .map(|r| Choice {
                value: r.as_str().to_owned(),
                label: role_label(lang, r),
                selected: typed_role == Some(r),
            })
            .collect(),
        typed: InviteForm {
            name: crate::readiness::evidence::as_typed(&shown.typed.name),
            email: crate::readiness::evidence::as_typed(&shown.typed.email),
            ..InviteForm::default()
        },
        problem: shown.problem.map(|p| tr.t(&format!("people-refused-{p}"))),
        // A key's write is said where the keys are, which its answer scrolls to.
        done: (shown.done.filter(|d| *d != Done::KeyRevoked))
            .map(|d| tr.t(&format!("people-done-{d}"))),
        key_done: (shown.done.filter(|d| *d == Done::KeyRevoked))
            .map(|d| tr.t(&format!("people-done-{d}"))),
        link: shown.link,
        key_link: shown.key_link,
        keys: super::api_keys::part(lang, keys, &roster),
        key_problem: shown.key_problem.map(|id| tr.t(&id)),
        frame,
        v,
    };
    let status = shown.status.unwrap_or(StatusCode::OK);
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /t/{tenant}/people`.
async fn people_page(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Query(query): Query<DoneQuery>,
    Locale(lang): Locale,
    session: tower_sessions::Session,
    notice: Option<axum::Extension<Notice>>,
) -> Result<Response> {
    record_tenant(&tenant);
    let shown = Shown {
        done: query.done.as_deref().and_then(Done::parse),
        ..Shown::default()
    };
    render(&app, &tenant, lang, &session, shown, notice).await
}

/// The status a refusal is answered with: a conflict with what is stored, or bad input.
fn refusal_status(refusal: Refusal) -> StatusCode {
    match refusal {
        Refusal::LastDirector | Refusal::EmailTaken | Refusal::NotPinned | Refusal::NoDefault => {
            StatusCode::CONFLICT
        }
        Refusal::UnknownPerson | Refusal::UnknownItem => StatusCode::NOT_FOUND,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The page again, for its writer, after a refusal: its message, what was typed, nothing
/// written.
async fn refuse(
    app: &AppState,
    by: &Writer,
    refusal: Refusal,
    typed: InviteForm,
) -> Result<Response> {
    let shown = Shown {
        typed,
        problem: Some(refusal),
        status: Some(refusal_status(refusal)),
        ..Shown::default()
    };
    render(app, &by.tenant, by.lang, &by.session, shown, None).await
}

/// A refusal of the rules becomes the page again; anything else an error.
async fn answer(
    app: &AppState,
    by: &Writer,
    result: std::result::Result<Response, PeopleError>,
    typed: InviteForm,
) -> Result<Response> {
    match result {
        Ok(response) => {
            app.cache.invalidate(&by.tenant);
            Ok(response)
        }
        Err(PeopleError::Refused(refusal)) => refuse(app, by, refusal, typed).await,
        Err(PeopleError::Write(WriteError::NotFound)) => Err(AppError::NotFound),
        Err(PeopleError::Write(error)) => Err(error.into()),
    }
}

/// The absolute link of a one-time token, on the host the director reached the console by.
fn link_url(headers: &HeaderMap, https: bool, tenant: &str, segment: &str, token: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if https { "https" } else { "http" };
    format!("{scheme}://{host}/t/{tenant}/{segment}/{token}")
}

/// `POST /t/{tenant}/people/invite`: the person and their invitation; the page with the
/// link, shown once.
async fn invite(
    State(app): State<AppState>,
    headers: HeaderMap,
    Write { by, form }: Write<InviteForm>,
) -> Result<Response> {
    let parsed = (|| {
        Ok::<_, Refusal>(NewPerson {
            name: PersonName::parse(&form.name)?,
            email: Email::parse(&form.email)?,
            role: crate::readiness::people::parse_role(&form.role)?,
        })
    })();
    let new = match parsed {
        Ok(new) => new,
        Err(refusal) => return refuse(&app, &by, refusal, form).await,
    };
    let key = form.idempotency_key.unwrap_or_else(Uuid::new_v4);
    match people::invite(&app.pool, &by.author(&app), key, &new).await {
        Ok(Invited::Fresh {
            token, expires_at, ..
        }) => {
            app.cache.invalidate(&by.tenant);
            let tr = by.lang.tr();
            let shown = Shown {
                link: Some(ShownLink {
                    what: tr.t1("people-invited", "name", new.name.as_str()),
                    url: link_url(&headers, app.https, &by.tenant, "invite", &token),
                    help: tr.t1("people-link-until", "date", tr.datetime(&expires_at)),
                    copy: "people-copy",
                    once: Some("people-link-once"),
                }),
                ..Shown::default()
            };
            render(&app, &by.tenant, by.lang, &by.session, shown, None).await
        }
        Ok(Invited::Replayed) => Ok(done(&by, None).into_response()),
        Err(error) => answer(&app, &by, Err(error), form).await,
    }
}

/// Back to the page, saying what was done.
fn done(by: &Writer, done: Option<Done>) -> Redirect {
    let query = done.map_or_else(String::new, |d| format!("&done={d}"));
    Redirect::to(&format!(
        "/t/{}/people?lang={}{query}",
        by.tenant,
        by.lang.code()
    ))
}

/// A form of one person's row, of an item's owner, or of a role's default owner.
#[derive(Debug, serde::Deserialize)]
pub struct ChoiceForm {
    csrf: String,
    idempotency_key: Uuid,
    /// The role chosen (a role change) or the person chosen (an owner).
    #[serde(default)]
    choice: String,
}

impl WriteForm for ChoiceForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /t/{tenant}/people/{actor}/{action}`.
async fn person(
    State(app): State<AppState>,
    Path((_, actor, action)): Path<(String, String, String)>,
    headers: HeaderMap,
    Write { by, form }: Write<ChoiceForm>,
) -> Result<Response> {
    let action = PersonAction::parse(&action).ok_or(AppError::NotFound)?;
    let author = by.author(&app);
    let key = form.idempotency_key;
    let result = match action {
        PersonAction::Role => match crate::readiness::people::parse_role(&form.choice) {
            Ok(role) => people::change_role(&app.pool, &author, key, &actor, role)
                .await
                .map(|_| done(&by, Some(Done::Role)).into_response()),
            Err(refusal) => Err(refusal.into()),
        },
        PersonAction::Disable | PersonAction::Enable => {
            let enabled = action == PersonAction::Enable;
            let said = if enabled {
                Done::Enabled
            } else {
                Done::Disabled
            };
            people::set_enabled(&app.pool, &author, key, &actor, enabled)
                .await
                .map(|_| done(&by, Some(said)).into_response())
        }
        PersonAction::Reset => match people::issue_reset(&app.pool, &author, key, &actor).await {
            Ok(ResetIssued::Fresh {
                purpose,
                token,
                expires_at,
            }) => {
                let tr = by.lang.tr();
                let view = by.tenant(&app).await?;
                let name = view
                    .console
                    .state
                    .actor(&actor)
                    .map_or_else(|| actor.clone(), |a| a.name.clone());
                let (what, segment) = match purpose {
                    Purpose::Invite => ("people-invited", "invite"),
                    Purpose::Reset => ("people-reset-issued", "reset"),
                };
                let shown = Shown {
                    link: Some(ShownLink {
                        what: tr.t1(what, "name", name),
                        url: link_url(&headers, app.https, &by.tenant, segment, &token),
                        help: tr.t1("people-link-until", "date", tr.datetime(&expires_at)),
                        copy: "people-copy",
                        once: Some("people-link-once"),
                    }),
                    ..Shown::default()
                };
                return render(&app, &by.tenant, by.lang, &by.session, shown, None).await;
            }
            Ok(ResetIssued::Replayed) => Ok(done(&by, None).into_response()),
            Err(error) => Err(error),
        },
    };
    answer(&app, &by, result, InviteForm::default()).await
}

/// `POST /t/{tenant}/owners/{item}`: the item's owner is the person chosen.
async fn assign_owner(
    State(app): State<AppState>,
    Path((_, item)): Path<(String, String)>,
    Write { by, form }: Write<ChoiceForm>,
) -> Result<Response> {
    let result = people::assign_owner(
        &app.pool,
        &by.author(&app),
        form.idempotency_key,
        &item,
        form.choice.trim(),
    )
    .await
    .map(|_| done(&by, Some(Done::Assigned)).into_response());
    answer(&app, &by, result, InviteForm::default()).await
}

/// `POST /t/{tenant}/role-owners/{role}`: the role's default owner is the person chosen.
async fn set_role_owner(
    State(app): State<AppState>,
    Path((_, role)): Path<(String, String)>,
    Write { by, form }: Write<ChoiceForm>,
) -> Result<Response> {
    let role = Role::parse(&role).ok_or(AppError::NotFound)?;
    let result = people::set_role_owner(
        &app.pool,
        &by.author(&app),
        form.idempotency_key,
        role,
        form.choice.trim(),
    )
    .await
    .map(|_| done(&by, Some(Done::RoleOwner)).into_response());
    answer(&app, &by, result, InviteForm::default()).await
}

/// `POST /t/{tenant}/owners/{item}/unpin`: the item is given back to its role.
async fn unpin_owner(
    State(app): State<AppState>,
    Path((_, item)): Path<(String, String)>,
    Write { by, form }: Write<ChoiceForm>,
) -> Result<Response> {
    let result = people::unpin_owner(&app.pool, &by.author(&app), form.idempotency_key, &item)
        .await
        .map(|_| done(&by, Some(Done::Unpinned)).into_response());
    answer(&app, &by, result, InviteForm::default()).await
}

/// `POST /t/{tenant}/role-owners/{role}/clear`: the role has no default owner any more.
async fn clear_role_owner(
    State(app): State<AppState>,
    Path((_, role)): Path<(String, String)>,
    Write { by, form }: Write<ChoiceForm>,
) -> Result<Response> {
    let role = Role::parse(&role).ok_or(AppError::NotFound)?;
    let result = people::clear_role_owner(&app.pool, &by.author(&app), form.idempotency_key, role)
        .await
        .map(|_| done(&by, Some(Done::RoleOwnerCleared)).into_response());
    answer(&app, &by, result, InviteForm::default()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_about_what_is_stored_is_a_conflict_and_bad_input_is_unprocessable() {
        assert_eq!(refusal_status(Refusal::LastDirector), StatusCode::CONFLICT);
        assert_eq!(refusal_status(Refusal::EmailTaken), StatusCode::CONFLICT);
        assert_eq!(
            refusal_status(Refusal::Email),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            refusal_status(Refusal::UnknownPerson),
            StatusCode::NOT_FOUND
        );
    }
}
