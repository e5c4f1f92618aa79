//! The console page, each of its sections alone (as a page or an htmx partial), and the
//! printable summary.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_htmx::HxRequest;
use tower_sessions::Session;

use super::keys::SectionKey;
use super::view::ConsoleView;
use super::viewer::{Reader, Viewer, frame_for, viewer_for_page};
use crate::i18n::Lang;
use crate::readiness::demo;
use crate::web::frame::Frame;
use crate::web::{AppError, AppState, Locale, Result, TenantView, record_tenant, vary_on_htmx};

/// The console page, its sections and its printable summary.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}", get(console_page))
        .route("/t/{tenant}/sections/{section}", get(section))
        .route("/t/{tenant}/print", get(print_page))
}

/// `GET /`: the demo tenant's console, keeping a `?lang=`.
pub async fn home(RawQuery(query): RawQuery) -> Redirect {
    match query {
        Some(q) => Redirect::to(&format!("/t/{}?{q}", demo::SLUG)),
        None => Redirect::to(&format!("/t/{}", demo::SLUG)),
    }
}

/// The notice region alone, swapped out of band with a write's changed section.
#[derive(Template)]
#[template(path = "_notice.html")]
pub(super) struct NoticeFragment {
    pub(super) text: String,
    pub(super) oob: bool,
}

async fn console_page(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
    notice: Option<axum::Extension<crate::web::notice::Notice>>,
) -> Result<Response> {
    record_tenant(&tenant);
    let view = app.tenant(&tenant).await?;
    let html = match viewer_for_page(&session, &tenant, notice).await {
        // Anonymous pages depend on the state and the language only: memoised.
        None => view.page(lang, |view| render_page(view, lang, &tenant, None))?,
        Some(viewer) => render_page(&view, lang, &tenant, Some(viewer))?.into(),
    };
    Ok(vary_on_htmx(Html(html).into_response()))
}

/// Renders the whole console page.
pub fn render_page(
    view: &TenantView,
    lang: Lang,
    slug: &str,
    viewer: Option<Viewer>,
) -> Result<String> {
    let page = ConsolePage {
        frame: frame_for(lang, &format!("/t/{slug}"), slug, view, viewer.as_ref()),
        v: ConsoleView::new(view.tr(lang), slug, view, viewer),
        oob: false,
    };
    // The page is about 85 KB: one allocation of its size instead of a dozen doublings.
    let mut html = String::with_capacity(PAGE_BYTES);
    page.render_into(&mut html)?;
    Ok(html)
}

/// What a console page weighs, about: the buffer it is rendered into.
const PAGE_BYTES: usize = 128 * 1024;

async fn section(
    Path((_, section)): Path<(String, String)>,
    HxRequest(htmx): HxRequest,
    read: Reader,
) -> Result<Response> {
    let Reader {
        tenant,
        view,
        lang,
        viewer,
    } = read;
    let key = SectionKey::parse(&view.layout, &section).ok_or(AppError::NotFound)?;
    // HX-Request only chooses the shape of the answer; it is never a security check.
    let html = if htmx {
        let v = ConsoleView::new(view.tr(lang), &tenant, &view, viewer);
        SectionFragment { v, key, oob: false }.render()?
    } else {
        section_page(&view, lang, &tenant, key, viewer)?
    };
    Ok(vary_on_htmx(Html(html).into_response()))
}

/// A section alone in the page frame.
pub(super) fn section_page(
    view: &TenantView,
    lang: Lang,
    tenant: &str,
    key: SectionKey,
    viewer: Option<Viewer>,
) -> Result<String> {
    let page = SectionPage {
        frame: frame_for(
            lang,
            &format!("/t/{tenant}/sections/{}", key.id()),
            tenant,
            view,
            viewer.as_ref(),
        ),
        v: ConsoleView::new(view.tr(lang), tenant, view, viewer),
        key,
        oob: false,
    };
    Ok(page.render()?)
}

/// `GET /t/{tenant}/print`: the go/no-go summary on one A4 page, generated now.
async fn print_page(State(app): State<AppState>, read: Reader) -> Result<Response> {
    let (frame, v) = read.parts("/print");
    let page = PrintPage {
        frame,
        v,
        generated: app.clock.now(),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "console/print.html")]
struct PrintPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    generated: time::OffsetDateTime,
}

#[derive(Template)]
#[template(path = "console/page.html")]
struct ConsolePage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    oob: bool,
}

#[derive(Template)]
#[template(path = "console/section_page.html")]
struct SectionPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    key: SectionKey,
    oob: bool,
}

#[derive(Template)]
#[template(path = "console/_section.html")]
pub(super) struct SectionFragment<'a> {
    pub(super) v: ConsoleView<'a>,
    pub(super) key: SectionKey,
    /// Sent as an out-of-band swap beside another section.
    pub(super) oob: bool,
}

/// Each section of the page with a fingerprint of what it shows: the fragment as anyone sees
/// it (in English, signed out), the versions its items' forms carry, and the people who may
/// act (whose forms a viewer is drawn depends on them). Two views give a section the same
/// fingerprint exactly when a viewer's copy of it would not change; the live consoles refresh
/// the others (see [`crate::web::live`]).
pub(crate) fn section_fingerprints(view: &TenantView) -> Result<Vec<(SectionKey, u64)>> {
    use std::hash::{Hash, Hasher};
    let slug = view.console.slug.as_str();
    let state = &view.console.state;
    let mut people = std::collections::hash_map::DefaultHasher::new();
    for actor in &state.actors {
        (&actor.id, &actor.name, &actor.unit, actor.role.as_str()).hash(&mut people);
        actor.permissions.hash(&mut people);
    }
    let people = people.finish();
    let mut versions: Vec<(&String, &i32)> = state.item_versions.iter().collect();
    versions.sort();
    view.layout
        .iter()
        .map(|&key| {
            let v = ConsoleView::new(view.tr(Lang::En), slug, view, None);
            let html = SectionFragment { v, key, oob: false }.render()?;
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (people, html).hash(&mut hasher);
            if let SectionKey::Items(section) = key {
                versions
                    .iter()
                    .filter(|(item, _)| SectionKey::of_item(&view.layout, item) == Some(key))
                    .for_each(|entry| entry.hash(&mut hasher));
                section.hash(&mut hasher);
            }
            Ok((key, hasher.finish()))
        })
        .collect()
}
