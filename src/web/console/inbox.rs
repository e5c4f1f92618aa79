//! The inbox (`/t/{tenant}/inbox`), for anyone signed in: what waits on them now, and what
//! changed since their last visit; and the header's badge counting what waits on them, also
//! served alone (`/t/{tenant}/inbox/badge`) so that a page can refresh it.
//!
//! Both are reads: the last visit is the previous sign-in the audit chain already holds
//! ([`crate::db::visits`]), so looking at the inbox moves nothing.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use time::OffsetDateTime;
use tower_sessions::Session;

use super::ConsoleView;
use super::keys::item_anchor;
use super::viewer::Reader;
use crate::db::visits::{self, Change};
use crate::i18n::Tr;
use crate::readiness::inbox::{self, SINCE_LIMIT, Task, Waiting};
use crate::web::frame::{Frame, InboxBadge};
use crate::web::{AppState, Result, TenantView, session};

/// The page and the badge.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/inbox", get(inbox_page))
        .route("/t/{tenant}/inbox/badge", get(badge_partial))
}

/// The badge of `actor` in `tenant`: how many entries of their inbox wait on them.
pub(super) fn badge(tr: &Tr, tenant: &str, view: &TenantView, actor: &str) -> InboxBadge {
    let count = inbox::waiting_on(&view.evaluation, &view.console.state, actor).len();
    let lang = tr.lang().code();
    InboxBadge {
        href: format!("/t/{tenant}/inbox?lang={lang}"),
        url: format!("/t/{tenant}/inbox/badge?lang={lang}"),
        count,
        count_text: tr.num(u64::try_from(count).unwrap_or(u64::MAX)),
        name: tr.t("inbox-nav"),
        label: tr.t1("inbox-badge-label", "count", count),
    }
}

/// The message ids the page chooses by a code: one per task.
pub fn message_ids() -> Vec<String> {
    Task::ALL.iter().map(|t| task_id(*t)).collect()
}

/// The message id of what a task asks.
fn task_id(task: Task) -> String {
    format!("inbox-task-{}", task.as_str())
}

/// The badge alone: what the header draws.
#[derive(Template)]
#[template(path = "inbox/_badge.html")]
struct BadgePartial {
    badge: InboxBadge,
}

/// One entry of "waiting on you", in words.
struct WaitingRow {
    /// The task's code, for its CSS class.
    task: &'static str,
    /// What to do ("Accept").
    what: String,
    /// On what: the item's label, or the sign-off's.
    subject: String,
    /// Its section's name, for an item.
    section: Option<String>,
    /// Where to do it.
    act_href: String,
    /// The item's page on the proof path.
    proof_href: Option<String>,
    /// More about it: the signatures given, for the sign-off.
    detail: Option<String>,
}

/// One change since the last visit, in words.
struct ChangeRow {
    seq: i64,
    at: OffsetDateTime,
    who: String,
    what: String,
    target: String,
    /// The item's page on the proof path, else the event on the audit trail.
    href: String,
}

/// "Since your last visit": when it was, and what changed since.
struct Since {
    /// When the previous sign-in was; `None` on a first visit.
    visit: Option<OffsetDateTime>,
    changes: Vec<ChangeRow>,
    /// The audit trail for what the list leaves out, when it is cut.
    rest: Option<String>,
}

#[derive(Template)]
#[template(path = "inbox/page.html")]
struct InboxPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    waiting: Vec<WaitingRow>,
    /// Whether the person's role changes anything at all (else nothing will ever wait on them).
    acts: bool,
    since: Since,
}

/// `GET /t/{tenant}/inbox`: signed out, the way to sign in.
async fn inbox_page(
    State(app): State<AppState>,
    reader: Reader,
    session: Session,
) -> Result<Response> {
    let Some(signed) = session::viewer(&session, &reader.tenant).await else {
        let sign_in = format!("/t/{}/sign-in?lang={}", reader.tenant, reader.lang.code());
        return Ok(Redirect::to(&sign_in).into_response());
    };
    let visit = visits::previous(&app.pool, &reader.tenant, &signed.actor, &signed.sign_in).await?;
    let (changes, more) = match visit {
        Some(visit) => {
            visits::changes_since(&app.pool, &reader.tenant, visit.seq, SINCE_LIMIT).await?
        }
        None => (Vec::new(), false),
    };
    let (frame, v) = reader.parts("/inbox");
    let state = &reader.view.console.state;
    let waiting = inbox::waiting_on(v.ev(), state, &signed.actor)
        .iter()
        .map(|w| waiting_row(&v, w))
        .collect();
    let acts = state
        .actor(&signed.actor)
        .is_some_and(|a| crate::readiness::permissions::writes_anything(a.role));
    let rest = changes
        .last()
        .filter(|_| more)
        .map(|oldest| audit_rest(&v, oldest, visit.map(|v| v.at)));
    let since = Since {
        visit: visit.map(|v| v.at),
        changes: changes.iter().map(|c| change_row(&v, c)).collect(),
        rest,
    };
    let page = InboxPage {
        frame,
        v,
        waiting,
        acts,
        since,
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /t/{tenant}/inbox/badge`: the badge alone, for the page to swap in.
async fn badge_partial(reader: Reader) -> Result<Response> {
    let Some(viewer) = &reader.viewer else {
        // Signed out meanwhile (a live `state` event can race the stream's sign-in prompt):
        // no badge, and nothing for htmx to swap or report.
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let tr = reader.lang.tr();
    let badge = badge(&tr, &reader.tenant, &reader.view, &viewer.actor);
    Ok(Html(BadgePartial { badge }.render()?).into_response())
}

/// An entry in words, with where to act on it: an item's row on the console (its form), the
/// rehearsals for a probe, the sign-off form for the signature.
fn waiting_row(v: &ConsoleView<'_>, waiting: &Waiting) -> WaitingRow {
    let (slug, lang) = (v.slug, v.tr.lang().code());
    let task = waiting.task();
    let what = v.tr.t(&task_id(task));
    match waiting {
        Waiting::Item { key, section, .. } => WaitingRow {
            task: task.as_str(),
            what,
            subject: v.item_label(key),
            section: Some(v.tr.t(&format!("section-name-{section}"))),
            act_href: match task {
                Task::RunRehearsal => format!("/t/{slug}/rehearsal?lang={lang}"),
                _ => format!("/t/{slug}?lang={lang}#{}", item_anchor(key)),
            },
            proof_href: Some(v.item_href(key)),
            detail: None,
        },
        Waiting::Signature { signatures } => WaitingRow {
            task: task.as_str(),
            what,
            subject: v.tr.t("inbox-signoff-subject"),
            section: None,
            act_href: format!("/t/{slug}?lang={lang}#signoff"),
            proof_href: None,
            detail: Some(v.tr.t2(
                "inbox-signoff-detail",
                "given",
                signatures.ready,
                "required",
                signatures.total,
            )),
        },
    }
}

/// A change in words, linked into the proof path: the item's page, or else the event on the
/// audit trail.
fn change_row(v: &ConsoleView<'_>, change: &Change) -> ChangeRow {
    let href = super::audit::target_href(v, &change.target).unwrap_or_else(|| {
        format!(
            "/t/{}/audit?lang={}&before={}#e-{}",
            v.slug,
            v.tr.lang().code(),
            change.seq + 1,
            change.seq
        )
    });
    ChangeRow {
        seq: change.seq,
        at: change.at,
        who: match change.actor_id.as_deref() {
            Some(actor) if !actor.is_empty() => v.actor_line(actor),
            _ => v.tr.t("inbox-change-nobody"),
        },
        what: v.tr.or_raw("audit-action", &change.action),
        target: super::audit::target_label(v, &change.action, &change.target),
        href,
    }
}

/// The audit trail of the changes the list leaves out: older than the oldest shown, from the
/// day of the last visit.
fn audit_rest(v: &ConsoleView<'_>, oldest: &Change, visit: Option<OffsetDateTime>) -> String {
    let mut url = url::form_urlencoded::Serializer::new(String::new());
    url.append_pair("lang", v.tr.lang().code());
    url.append_pair("before", &oldest.seq.to_string());
    if let Some(at) = visit {
        let day = at.date();
        url.append_pair(
            "from",
            &format!(
                "{:04}-{:02}-{:02}",
                day.year(),
                u8::from(day.month()),
                day.day()
            ),
        );
    }
    format!("/t/{}/audit?{}", v.slug, url.finish())
}
