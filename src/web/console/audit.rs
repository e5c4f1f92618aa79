//! The audit trail (`/t/{tenant}/audit`): filtered keyset pages of the chain, the chain's
//! verification, and the proof bundle download.

use askama::Template;
use axum::extract::{Path, RawQuery, State};

use crate::web::extract::Query;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum_htmx::HxRequest;
use time::OffsetDateTime;

use super::ConsoleView;
use super::viewer::Reader;
use crate::chain::{Unaccounted, Verification};
use crate::db::audit::{self, Page, PageEvent, PageQuery, Verdict};
use crate::i18n::Lang;
use crate::readiness::AuditAction;
use crate::web::frame::Frame;
use crate::web::{AppError, AppState, Result, record_tenant};
use axum::Router;
use axum::routing::get;

/// The audit trail, its verification and the proof bundle.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/audit", get(audit_page))
        .route("/t/{tenant}/audit/verify", get(verify))
        .route("/t/{tenant}/bundle", get(bundle))
}

/// How dates are typed in the filters (what `<input type="date">` sends).
const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// The filters as typed in the query string. Everything is text, so a mistyped value is
/// reported on the page instead of failing the request.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Filters {
    before: Option<String>,
    after: Option<String>,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

impl Filters {
    /// The query, and the message ids of the filters that could not be read (then ignored).
    fn parse(&self) -> (PageQuery, Vec<&'static str>) {
        let mut problems = Vec::new();
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let mut date = |s: &str, id: &'static str| {
            let s = s.trim();
            if s.is_empty() {
                return None;
            }
            match time::Date::parse(s, DATE) {
                Ok(date) => Some(date.midnight().assume_utc()),
                Err(_) => {
                    problems.push(id);
                    None
                }
            }
        };
        let from = date(&self.from, "audit-filter-bad-from");
        // "To" includes its whole day.
        let to = date(&self.to, "audit-filter-bad-to").map(|d| d + time::Duration::DAY);
        let cursor = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<i64>().ok());
        // An actor id and a section key are plain names: anything else names nobody.
        let mut name = |s: &str| {
            let s = text(s)?;
            let plain = s.len() <= 128
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
            if !plain && !problems.contains(&"audit-filter-bad-name") {
                problems.push("audit-filter-bad-name");
            }
            plain.then_some(s)
        };
        let actor = name(&self.actor);
        let section = name(&self.section);
        let query = PageQuery {
            before: cursor(&self.before),
            after: cursor(&self.after),
            actor,
            action: text(&self.action).and_then(|a| AuditAction::parse(&a)),
            section,
            from,
            to,
        };
        (query, problems)
    }

    /// The query string of these filters with another cursor.
    fn with_cursor(&self, cursor: &str, seq: i64, lang: &str) -> String {
        let mut url = url::form_urlencoded::Serializer::new(String::new());
        url.append_pair("lang", lang);
        for (name, value) in [
            ("actor", &self.actor),
            ("action", &self.action),
            ("section", &self.section),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !value.trim().is_empty() {
                url.append_pair(name, value.trim());
            }
        }
        if !cursor.is_empty() {
            url.append_pair(cursor, &seq.to_string());
        }
        url.finish()
    }

    /// A date as typed, for the form, when it is a date (the field takes nothing else).
    fn date_value(value: &str) -> &str {
        if time::Date::parse(value.trim(), DATE).is_ok() {
            value.trim()
        } else {
            ""
        }
    }

    fn start_date(&self) -> &str {
        Self::date_value(&self.from)
    }

    fn end_date(&self) -> &str {
        Self::date_value(&self.to)
    }

    fn is_filtered(&self) -> bool {
        [
            &self.actor,
            &self.action,
            &self.section,
            &self.from,
            &self.to,
        ]
        .iter()
        .any(|s| !s.trim().is_empty())
    }
}

#[derive(Template)]
#[template(path = "audit/page.html")]
struct AuditPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    page: Page,
    filters: Filters,
    problems: Vec<&'static str>,
    public_key: String,
    verify: VerifyPartial,
    older: Option<String>,
    newer: Option<String>,
    newest: Option<String>,
}

#[derive(Template)]
#[template(path = "audit/_verify.html")]
struct VerifyPartial {
    tr: crate::i18n::Tr,
    slug: String,
    signed_in: bool,
    result: Option<Verdict>,
    at: Option<OffsetDateTime>,
}

impl VerifyPartial {
    fn n(&self, n: &i64) -> String {
        self.tr.num(u64::try_from(*n).unwrap_or_default())
    }

    /// What a record the chain does not account for is, in the reader's language: the row
    /// by its kind and id, the event by its number.
    fn unaccounted_label(&self, unaccounted: &Unaccounted) -> String {
        let record = self.tr.t(&format!(
            "coverage-record-{}",
            unaccounted.record().as_str()
        ));
        match unaccounted {
            Unaccounted::Row { id, .. } => {
                self.tr
                    .t2("coverage-row", "record", record, "id", self.n(id))
            }
            Unaccounted::Event { seq, .. } => {
                self.tr
                    .t2("coverage-event", "record", record, "seq", self.n(seq))
            }
        }
    }

    /// The audit trail's page of an event the verdict names.
    fn event_href(&self, unaccounted: &Unaccounted) -> Option<String> {
        match unaccounted {
            Unaccounted::Event { seq, .. } => Some(format!(
                "/t/{}/audit?lang={}&before={}#e-{seq}",
                self.slug,
                self.tr.lang().code(),
                seq + 1
            )),
            Unaccounted::Row { .. } => None,
        }
    }

    fn nu(&self, n: &usize) -> String {
        self.tr.num(u64::try_from(*n).unwrap_or_default())
    }
}

impl AuditPage<'_> {
    fn action_label(&self, action: &str) -> String {
        self.v.tr.or_raw("audit-action", action)
    }

    /// A target: an item's page when it names an item.
    fn target_href(&self, event: &PageEvent) -> Option<String> {
        target_href(&self.v, &event.target)
    }

    fn target_label(&self, event: &PageEvent) -> String {
        target_label(&self.v, &event.action, &event.target)
    }

    fn actors(&self) -> Vec<(String, String)> {
        self.v
            .view
            .console
            .state
            .actors
            .iter()
            .map(|a| (a.id.clone(), self.v.actor_line(&a.id)))
            .collect()
    }

    fn sections(&self) -> Vec<(&'static str, String)> {
        super::items_of(&self.v.view.layout)
            .map(|key| (key, self.v.tr.t(&format!("section-name-{key}"))))
            .collect()
    }

    fn actions(&self) -> Vec<(&'static str, String)> {
        AuditAction::ALL
            .iter()
            .map(|a| (a.as_str(), self.action_label(a.as_str())))
            .collect()
    }
}

/// The page of an event's target on the proof path, when it names an item.
pub(super) fn target_href(v: &ConsoleView<'_>, target: &str) -> Option<String> {
    v.ev().item(target).map(|_| v.item_href(target))
}

/// An event's target in words: an item by its label, a People event's subject by name, else
/// the target's code in words (or as recorded).
pub(super) fn target_label(v: &ConsoleView<'_>, action: &str, target: &str) -> String {
    if v.ev().item(target).is_some() {
        v.item_label(target)
    } else if let Some(label) = people_target(v, action, target) {
        label
    } else {
        v.tr.or_raw("audit-target", target)
    }
}

/// The subject of a People event in words: the person by name, a role by its label, an item
/// by its label (the target's form is `readiness::people`'s).
fn people_target(v: &ConsoleView<'_>, action: &str, target: &str) -> Option<String> {
    use crate::readiness::people::split_target;
    let state = &v.view.console.state;
    let name = |id: &str| {
        state
            .actor(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    };
    let role = |code: &str| {
        crate::readiness::state::Role::parse(code).map_or_else(
            || code.to_owned(),
            |r| v.tr.t(&format!("role-{}", r.as_str())),
        )
    };
    match AuditAction::parse(action)? {
        AuditAction::InvitePerson
        | AuditAction::AcceptInvitation
        | AuditAction::DisableAccount
        | AuditAction::EnableAccount
        | AuditAction::IssuePasswordReset
        | AuditAction::ResetPassword
        | AuditAction::LinkIdentity
        | AuditAction::SignUp => Some(name(target)),
        AuditAction::ChangeRole => {
            let (actor, to) = split_target(target)?;
            Some(format!("{} → {}", name(actor), role(to)))
        }
        AuditAction::AssignOwner | AuditAction::UnpinOwner => {
            let (item, actor) = split_target(target)?;
            Some(format!("{} → {}", v.item_label(item), name(actor)))
        }
        AuditAction::SetRoleOwner => {
            let (of, actor) = split_target(target)?;
            Some(format!("{} → {}", role(of), name(actor)))
        }
        // The person the role's default was, no longer its default.
        AuditAction::ClearRoleOwner => {
            let (of, actor) = split_target(target)?;
            Some(format!("{} ({})", role(of), name(actor)))
        }
        _ => None,
    }
}

impl Filters {
    /// The links to the older and newer pages of `page`, and back to the newest one.
    fn links(
        &self,
        tenant: &str,
        lang: Lang,
        query: &PageQuery,
        page: &Page,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let code = lang.code();
        let base = format!("/t/{tenant}/audit?");
        let link = |cursor: &str, seq: i64| base.clone() + &self.with_cursor(cursor, seq, code);
        let older = page.events.last().filter(|_| page.older);
        let newer = page.events.first().filter(|_| page.newer);
        let paged = query.before.is_some() || query.after.is_some();
        (
            older.map(|e| link("before", e.seq)),
            newer.map(|e| link("after", e.seq)),
            paged.then(|| link("", 0)),
        )
    }
}

/// `GET /t/{tenant}/audit`: a page of the trail, newest first. Anonymous pages are memoised
/// with the tenant's view, which every appended event replaces.
pub(super) async fn audit_page(
    State(app): State<AppState>,
    RawQuery(raw): RawQuery,
    Query(filters): Query<Filters>,
    read: Reader,
) -> Result<Response> {
    let (tenant, lang) = (read.tenant.as_str(), read.lang);
    let memo = format!("{}?{}", lang.code(), raw.unwrap_or_default());
    let anonymous = read.viewer.is_none();
    if anonymous && let Some(page) = read.view.audit_page(&memo) {
        return Ok(super::super::vary_on_htmx(Html(page).into_response()));
    }
    let (query, problems) = filters.parse();
    let page = audit::page(&app.pool, tenant, &query)
        .await?
        .ok_or(AppError::NotFound)?;
    let (older, newer, newest) = filters.links(tenant, lang, &query, &page);
    let verify = VerifyPartial {
        tr: lang.tr(),
        slug: tenant.to_owned(),
        signed_in: !anonymous,
        result: None,
        at: None,
    };
    let (frame, v) = read.parts("/audit");
    let html = axum::body::Bytes::from(
        AuditPage {
            frame,
            v,
            page,
            filters,
            problems,
            public_key: app.key.public_hex(),
            verify,
            older,
            newer,
            newest,
        }
        .render()?,
    );
    if anonymous {
        read.view.keep_audit_page(memo, html.clone());
    }
    Ok(super::super::vary_on_htmx(Html(html).into_response()))
}

/// `GET /t/{tenant}/audit/verify`: recomputes the chain (signed-in users: it reads every event)
/// and shows the verdict — as a fragment for htmx, else on its own page.
pub(super) async fn verify(
    State(app): State<AppState>,
    HxRequest(htmx): HxRequest,
    read: Reader,
) -> Result<Response> {
    if read.viewer.is_none() {
        return Err(AppError::SignInRequired);
    }
    let (tenant, lang) = (read.tenant.as_str(), read.lang);
    let result = audit::verify_with_records(&app.pool, tenant, Some(&app.key.public_hex()), &[])
        .await?
        .ok_or(AppError::NotFound)?;
    if let Verification::Broken { seq, reason } = &result.chain {
        tracing::error!(seq, %reason, "the audit chain does not verify");
    }
    if let Some(first) = result.unaccounted.first() {
        tracing::error!(
            unaccounted = result.unaccounted.len(),
            %first,
            "records and audit events do not account for each other"
        );
    }
    let partial = VerifyPartial {
        tr: lang.tr(),
        slug: tenant.to_owned(),
        signed_in: true,
        result: Some(result),
        at: Some(app.clock.now()),
    };
    if htmx {
        return Ok(super::super::vary_on_htmx(
            Html(partial.render()?).into_response(),
        ));
    }
    let (frame, v) = read.parts("/audit/verify");
    let html = VerifyPage { frame, v, partial }.render()?;
    Ok(super::super::vary_on_htmx(Html(html).into_response()))
}

#[derive(Template)]
#[template(path = "audit/verify.html")]
struct VerifyPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    partial: VerifyPartial,
}

/// `GET /t/{tenant}/bundle`: the proof bundle as one tar file.
pub(super) async fn bundle(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
) -> Result<Response> {
    record_tenant(&tenant);
    proof_bundle_response(&app, &tenant).await
}

/// The proof bundle of `tenant` as a download: what the audit page and the API serve.
pub(crate) async fn proof_bundle_response(app: &AppState, tenant: &str) -> Result<Response> {
    let (name, bytes) = super::bundle::proof_bundle(app, tenant).await?;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-tar"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response())
}
