//! The console page and its sections, each also served alone as an htmx partial.
//!
//! Handlers stay short: tenant → evaluation (cached) → view → template. The view turns codes
//! and numbers of the [`Evaluation`] into words through Fluent; templates only lay them out.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_htmx::HxRequest;
use tower_sessions::Session;

mod audit;
mod bundle;
mod files;
mod print;
mod proof;
mod rehearsal;
mod sections;
mod signature;
mod signoff;
mod snapshot;
mod writes;

use super::frame::Frame;
use super::session;
use super::{AppError, AppState, Locale, Result, TenantView, record_tenant, vary_on_htmx};
use crate::i18n::{Arg, Lang, Tr};
use crate::readiness::catalogue::{self, DecisionCode, LADDER};
use crate::readiness::narrative::{self, Figure, Narrative, Sentence};
use crate::readiness::state::Role;
use crate::readiness::{Count, Evaluation, ItemKind, NextAction, Status, demo};

/// The console's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}", get(console_page))
        .route("/t/{tenant}/sections/{section}", get(section))
        .route("/t/{tenant}/print", get(print_page))
        .route(
            "/t/{tenant}/items/{item}/{action}",
            axum::routing::post(writes::item_write),
        )
        .route("/t/{tenant}/signoff", axum::routing::post(signoff::signoff))
        .route("/t/{tenant}/packets/{name}", get(files::packet_file))
        .route("/t/{tenant}/proof", get(proof::proof_page))
        .route("/t/{tenant}/items/{key}", get(proof::item_page))
        .route("/t/{tenant}/audit", get(audit::audit_page))
        .route("/t/{tenant}/audit/verify", get(audit::verify))
        .route("/t/{tenant}/bundle", get(audit::bundle))
        .route("/t/{tenant}/snapshot", get(snapshot::snapshot_page))
        .route(
            "/t/{tenant}/snapshot/import",
            axum::routing::post(snapshot::import)
                .layer(axum::extract::DefaultBodyLimit::max(snapshot::MAX_UPLOAD)),
        )
        .route("/t/{tenant}/rehearsal", get(rehearsal::rehearsal_page))
        .route("/t/{tenant}/rehearsal/run", get(rehearsal::poll))
        .route(
            "/t/{tenant}/rehearsal/target",
            axum::routing::post(rehearsal::set_target),
        )
        .route(
            "/t/{tenant}/rehearsal/{kind}",
            axum::routing::post(rehearsal::start),
        )
        .route(
            "/t/{tenant}/snapshot/freeze",
            axum::routing::post(snapshot::freeze),
        )
}

/// `GET /`: the demo tenant's console, keeping a `?lang=`.
pub async fn home(RawQuery(query): RawQuery) -> Redirect {
    match query {
        Some(q) => Redirect::to(&format!("/t/{}?{q}", demo::SLUG)),
        None => Redirect::to(&format!("/t/{}", demo::SLUG)),
    }
}

/// Who is looking, when someone is signed in: their actor, their CSRF token, and a form they
/// were filling in (kept when a write was refused).
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The signed-in actor.
    pub actor: String,
    /// The session's CSRF token, put in every form.
    pub csrf: String,
    /// The evidence typed into one item's form, and why it was not accepted.
    pub draft: Option<Draft>,
    /// What the write that led to this page did (see [`viewer_for_page`]).
    pub notice: Option<crate::web::notice::Notice>,
}

/// Typed evidence that a refused write keeps.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// The item.
    pub item: String,
    /// The decision's value as typed.
    pub value: String,
    /// The note as typed.
    pub note: String,
    /// The link as typed.
    pub url: String,
    /// The checksum as typed.
    pub checksum: String,
    /// The message id saying why it was refused.
    pub error: String,
}

/// The session key of evidence typed into a form whose session had ended.
pub(crate) const PENDING_DRAFT: &str = "pending_draft";

/// The viewer signed in to `tenant`, if any, with the evidence they typed before their session
/// ended (kept until that form is sent again).
pub(super) async fn viewer_of(session: &Session, tenant: &str) -> Option<Viewer> {
    let signed = session::viewer(session, tenant).await?;
    let draft = session
        .get::<(String, Draft)>(PENDING_DRAFT)
        .await
        .ok()
        .flatten()
        .filter(|(t, _)| t == tenant)
        .map(|(_, draft)| draft);
    Some(Viewer {
        actor: signed.actor,
        csrf: session::csrf_token(session).await,
        draft,
        notice: None,
    })
}

/// [`viewer_of`] for a page a write's redirect lands on: with the notice the write left (the
/// [`crate::web::notice::carry`] middleware found it on the request, and clears it: said once).
pub(super) async fn viewer_for_page(
    session: &Session,
    tenant: &str,
    notice: Option<axum::Extension<crate::web::notice::Notice>>,
) -> Option<Viewer> {
    let mut viewer = viewer_of(session, tenant).await?;
    viewer.notice = notice.map(|axum::Extension(notice)| notice);
    Some(viewer)
}

/// The notice region alone, swapped out of band with a write's changed section.
#[derive(Template)]
#[template(path = "_notice.html")]
pub(super) struct NoticeFragment {
    pub(super) text: String,
    pub(super) oob: bool,
}

/// A notice in words: what was done, to which item (by its label) or which run.
pub(super) fn notice_text(
    tr: &crate::i18n::Tr,
    view: &TenantView,
    notice: &crate::web::notice::Notice,
) -> String {
    use crate::web::notice::NoticeCode;
    let id = format!("notice-{}", notice.code.as_str());
    let subject = match notice.code {
        NoticeCode::Accepted | NoticeCode::Decided | NoticeCode::Revoked => tr.t1(
            &item_label_id(&notice.subject),
            "environment",
            &view.console.state.profile.environment,
        ),
        NoticeCode::RunStarted => tr.t(&format!("rehearsal-kind-{}", notice.subject)),
        NoticeCode::SignedGo | NoticeCode::RecordedNoGo | NoticeCode::TargetSaved => {
            notice.subject.clone()
        }
    };
    tr.t1(&id, "subject", subject)
}

/// What a tenant page starts from: its frame and the view of the tenant for `viewer`.
fn page_parts<'a>(
    lang: Lang,
    path: &str,
    tenant: &'a str,
    view: &'a TenantView,
    viewer: Option<Viewer>,
) -> (Frame, ConsoleView<'a>) {
    let frame = frame_for(lang, path, tenant, view, viewer.as_ref());
    (frame, ConsoleView::new(lang.tr(), tenant, view, viewer))
}

/// The frame of a tenant page: who is signed in, or a way to sign in.
fn frame_for(
    lang: Lang,
    path: &str,
    tenant: &str,
    view: &TenantView,
    viewer: Option<&Viewer>,
) -> Frame {
    let frame = Frame::new(lang, path);
    match viewer {
        None => frame.signed_out(tenant),
        Some(viewer) => {
            let tr = lang.tr();
            let who = match view.console.state.actor(&viewer.actor) {
                Some(actor) => format!(
                    "{} · {}",
                    actor.name,
                    tr.t(&format!("role-{}", actor.role.as_str()))
                ),
                None => viewer.actor.clone(),
            };
            let mut frame = frame.signed_in(tenant, who, viewer.csrf.clone());
            frame.notice = viewer
                .notice
                .as_ref()
                .map(|notice| notice_text(&tr, view, notice));
            frame
        }
    }
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
        v: ConsoleView::new(lang.tr(), slug, view, viewer),
        oob: false,
    };
    Ok(page.render()?)
}

async fn section(
    State(app): State<AppState>,
    Path((tenant, section)): Path<(String, String)>,
    HxRequest(htmx): HxRequest,
    Locale(lang): Locale,
    session: Session,
) -> Result<Response> {
    record_tenant(&tenant);
    let key = SectionKey::parse(&section).ok_or(AppError::NotFound)?;
    let view = app.tenant(&tenant).await?;
    let viewer = viewer_of(&session, &tenant).await;
    // HX-Request only chooses the shape of the answer; it is never a security check.
    let html = if htmx {
        SectionFragment {
            v: ConsoleView::new(lang.tr(), &tenant, &view, viewer),
            key,
            oob: false,
        }
        .render()?
    } else {
        section_page(&view, lang, &tenant, key, viewer)?
    };
    Ok(vary_on_htmx(Html(html).into_response()))
}

/// A section alone in the page frame.
fn section_page(
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
        v: ConsoleView::new(lang.tr(), tenant, view, viewer),
        key,
        oob: false,
    };
    Ok(page.render()?)
}

/// `GET /t/{tenant}/print`: the go/no-go summary on one A4 page, generated now.
async fn print_page(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
) -> Result<Response> {
    record_tenant(&tenant);
    let view = app.tenant(&tenant).await?;
    let viewer = viewer_of(&session, &tenant).await;
    let page = PrintPage {
        frame: frame_for(
            lang,
            &format!("/t/{tenant}/print"),
            &tenant,
            &view,
            viewer.as_ref(),
        ),
        v: ConsoleView::new(lang.tr(), &tenant, &view, viewer),
        generated: time::OffsetDateTime::now_utc(),
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

/// The sections of the console, in page order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKey {
    /// Header figures.
    Kpis,
    /// Integration readiness copilot.
    Copilot,
    /// The nine-gate blocker checklist.
    Checklist,
    /// The production readiness decision.
    Decision,
    /// A section of the catalogue's items, by its catalogue key.
    Items(&'static str),
    /// Links from each blocker to its evidence.
    ProofPath,
    /// Provider contracts, current → target mode.
    Providers,
    /// The live session: how the tenant runs now.
    Session,
    /// The RBAC map of the scenario's actors.
    Rbac,
    /// The environments of the rollout plan.
    Environments,
}

impl SectionKey {
    /// Page order.
    pub const ALL: [SectionKey; 21] = [
        Self::Kpis,
        Self::Copilot,
        Self::Checklist,
        Self::Decision,
        Self::Items("provider_acceptance"),
        Self::Items("infrastructure"),
        Self::ProofPath,
        Self::Items("wiring"),
        Self::Providers,
        Self::Session,
        Self::Rbac,
        Self::Items("passage"),
        Self::Items("decision_board"),
        Self::Items("runbook"),
        Self::Items("cutover"),
        Self::Items("connection"),
        Self::Items("dry_run"),
        Self::Items("preflight"),
        Self::Items("release"),
        Self::Items("rollback"),
        Self::Environments,
    ];

    /// The id used in URLs, anchors and message ids.
    pub fn id(self) -> &'static str {
        match self {
            Self::Kpis => "kpis",
            Self::Copilot => "copilot",
            Self::Checklist => "checklist",
            Self::Decision => "decision",
            Self::Items(key) => key,
            Self::ProofPath => "proof_path",
            Self::Providers => "providers",
            Self::Session => "session",
            Self::Rbac => "rbac",
            Self::Environments => "environments",
        }
    }

    /// The message id of its heading.
    fn title_id(self) -> String {
        match self {
            Self::Items(key) => format!("section-name-{key}"),
            other => format!("section-{}", other.id()),
        }
    }

    fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
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
struct SectionFragment<'a> {
    v: ConsoleView<'a>,
    key: SectionKey,
    /// Sent as an out-of-band swap beside another section.
    oob: bool,
}

/// A figure tile of the header.
pub struct Tile {
    label: String,
    value: String,
    /// Where the figure is explained: the proof path's section.
    href: Option<String>,
    /// The value is a name rather than a figure.
    text: bool,
    detail: Prose,
    state: &'static str,
}

/// A summary card of the copilot.
pub struct Card {
    title: String,
    text: Prose,
    state: &'static str,
}

/// A sentence of the narrative in words, with the message id it was chosen by: the element
/// carries the id, so the page says which wording each state took.
pub struct Prose {
    id: String,
    text: String,
}

/// The sentences of the decision section.
pub struct DecisionProse {
    prompt: Prose,
    needed_heading: Prose,
    needed_title: Prose,
    needed_detail: Prose,
    target: Prose,
    auth: Prose,
    decision: Prose,
}

/// The recommended next action, in words.
pub struct ActionView {
    title: String,
    detail: String,
    step: Option<String>,
    who: Option<String>,
}

/// One gate of the blocker checklist.
pub struct GateView {
    label: String,
    /// The gate's page on the proof path.
    href: String,
    status: String,
    state: &'static str,
    count: Option<String>,
    waiting: Option<String>,
}

/// One rung of the decision ladder.
pub struct RungView {
    code: &'static str,
    label: String,
    state: &'static str,
    state_word: String,
}

/// Ready or not, as a CSS state.
fn state_of(ready: bool) -> &'static str {
    if ready { "ready" } else { "open" }
}

/// The message id of an item's label: `item-` and its key with `.` as `-`.
fn item_label_id(key: &str) -> String {
    format!("item-{}", key.replace('.', "-"))
}

/// Everything the console's templates read, for one tenant in one language.
pub struct ConsoleView<'a> {
    tr: Tr,
    slug: &'a str,
    view: &'a TenantView,
    viewer: Option<Viewer>,
}

impl<'a> ConsoleView<'a> {
    fn new(tr: Tr, slug: &'a str, view: &'a TenantView, viewer: Option<Viewer>) -> Self {
        Self {
            tr,
            slug,
            view,
            viewer,
        }
    }

    fn ev(&self) -> &Evaluation {
        &self.view.evaluation
    }

    fn tenant_name(&self) -> &str {
        &self.view.console.state.profile.name
    }

    fn target(&self) -> &str {
        &self.view.console.state.profile.adapter_target
    }

    fn count(&self, section: &str) -> Count {
        self.ev().count(section)
    }

    fn sections(&self) -> [SectionKey; 21] {
        SectionKey::ALL
    }

    fn section_url(&self, key: &SectionKey) -> String {
        format!(
            "/t/{}/sections/{}?lang={}",
            self.slug,
            key.id(),
            self.tr.lang().code()
        )
    }

    fn section_title(&self, key: &SectionKey) -> String {
        self.tr.t(&key.title_id())
    }

    fn decision_code(&self) -> &'static str {
        self.ev().decision.as_str()
    }

    fn is_go(&self) -> bool {
        self.ev().decision.is_go()
    }

    fn actor_line(&self, id: &str) -> String {
        match self.view.console.state.actor(id) {
            Some(actor) => format!("{} · {}", actor.name, self.tr.or_raw("unit", &actor.unit)),
            None => id.to_owned(),
        }
    }

    fn kpis(&self) -> Vec<Tile> {
        let tr = self.tr;
        let state = &self.view.console.state;
        let actors = state.scenario_actors().count();
        let n = self.narrative();
        let count_tile = |id: &str, section: &str, detail: &Sentence| {
            let count = self.count(section);
            Tile {
                label: tr.t(&format!("kpi-{id}-label")),
                value: count.to_string(),
                href: Some(self.proof_href(section)),
                text: false,
                detail: self.say(detail),
                state: state_of(count.complete()),
            }
        };
        vec![
            Tile {
                label: tr.t("kpi-contract-label"),
                value: state.profile.scenario_contract.clone(),
                href: None,
                text: true,
                detail: self.say(&n.kpi_contract),
                state: "neutral",
            },
            Tile {
                label: tr.t("kpi-actors-label"),
                value: tr.num(actors as u64),
                href: None,
                text: false,
                detail: self.say(&n.kpi_actors),
                state: "neutral",
            },
            Tile {
                label: tr.t("kpi-providers-label"),
                value: tr.num(state.providers.len() as u64),
                href: None,
                text: false,
                detail: self.say(&n.kpi_providers),
                state: "neutral",
            },
            count_tile("preflight", "preflight", &n.kpi_preflight),
            count_tile("cutover", "passage", &n.kpi_cutover),
            count_tile("connection", "connection", &n.kpi_connection),
        ]
    }

    fn narrative(&self) -> &Narrative {
        &self.view.narrative
    }

    /// A sentence of the narrative in this language: its figures, and the names it may speak
    /// of (the target, the scenario contract, the auth mode, the snapshot checksum).
    fn say(&self, sentence: &Sentence) -> Prose {
        let state = &self.view.console.state;
        let checksum = state.snapshot.as_ref().map_or("", |s| s.checksum.as_str());
        let mut args: Vec<(String, Arg)> = sentence
            .figures()
            .into_iter()
            .map(|(name, figure)| {
                let arg = match figure {
                    Figure::Number(n) => Arg::from(n),
                    Figure::Code(code) => Arg::from(code.as_str()),
                };
                (name, arg)
            })
            .collect();
        for (name, text) in [
            ("target", self.target()),
            ("contract", state.profile.scenario_contract.as_str()),
            ("auth", state.profile.auth_mode.as_str()),
            ("checksum", checksum),
        ] {
            args.push((name.to_owned(), Arg::from(text)));
        }
        let args: Vec<(&str, Arg)> = args.iter().map(|(n, a)| (n.as_str(), a.clone())).collect();
        let id = sentence.message_id();
        Prose {
            text: self.tr.t_args(&id, &args),
            id,
        }
    }

    fn gates_summary(&self) -> Prose {
        self.say(&self.narrative().gates)
    }

    fn percent(&self) -> u32 {
        self.ev().percent
    }

    fn percent_text(&self) -> String {
        self.tr.t1("copilot-percent", "percent", self.percent())
    }

    fn percent_help(&self) -> Prose {
        self.say(&self.narrative().percent)
    }

    fn next_action(&self) -> Option<ActionView> {
        let tr = self.tr;
        let action = self.ev().next_action.as_ref()?;
        Some(match action {
            NextAction::SignOff => ActionView {
                title: tr.t("action-title-signoff"),
                detail: {
                    let gates = self.count("gates");
                    tr.t3(
                        "action-detail-signoff",
                        "ready",
                        gates.ready,
                        "total",
                        gates.total,
                        "target",
                        self.target(),
                    )
                },
                step: None,
                who: self
                    .view
                    .console
                    .state
                    .actors
                    .iter()
                    .find(|a| a.role == Role::ManagingDirector)
                    .map(|a| tr.t1("action-owner", "owner", self.actor_line(&a.id))),
            },
            NextAction::Item {
                key,
                section,
                owner,
            } => {
                let item = self.ev().item(key);
                let fact = self.view.console.catalogue.item(key).and_then(|d| d.fact);
                let count = self.count(section);
                let (title, detail) = match fact {
                    Some(fact) => (
                        tr.t(&format!("action-title-fact-{}", fact.as_str())),
                        tr.t(&format!("action-detail-fact-{}", fact.as_str())),
                    ),
                    None => (
                        tr.t(&format!("action-title-{section}")),
                        tr.t2(
                            &format!("action-detail-{section}"),
                            "ready",
                            count.ready,
                            "total",
                            count.total,
                        ),
                    ),
                };
                let who = match (owner, item.map(|i| i.kind)) {
                    (Some(owner), _) => {
                        Some(tr.t1("action-owner", "owner", self.actor_line(owner)))
                    }
                    (None, Some(ItemKind::Probe)) => Some(tr.t("action-who-probe")),
                    _ => None,
                };
                ActionView {
                    title,
                    detail,
                    step: Some(tr.t1("action-step", "item", self.item_label(key))),
                    who,
                }
            }
        })
    }

    fn cards(&self) -> Vec<Card> {
        let tr = self.tr;
        let ev = self.ev();
        let n = self.narrative();
        let ready = |key: &str| ev.item(key).is_some_and(|i| i.is_ready());
        let card = |id: &str, text: &Sentence, ready: bool| Card {
            title: tr.t(&format!("copilot-card-{id}-title")),
            text: self.say(text),
            state: state_of(ready),
        };
        vec![
            card(
                "providers",
                &n.card_providers,
                ready("gates.provider_contracts"),
            ),
            card("session", &n.card_session, ready("gates.session_adapter")),
            card(
                "preflight",
                &n.card_preflight,
                self.count("preflight").complete(),
            ),
            card("runbook", &n.card_runbook, self.count("runbook").complete()),
            card("release", &n.card_release, self.count("release").complete()),
            card(
                "rollback",
                &n.card_rollback,
                self.count("rollback").complete(),
            ),
        ]
    }

    /// An item's label; labels may name the release environment.
    fn item_label(&self, key: &str) -> String {
        let environment = &self.view.console.state.profile.environment;
        self.tr.t1(&item_label_id(key), "environment", environment)
    }

    /// An item's permalink on the proof path.
    fn item_href(&self, key: &str) -> String {
        format!(
            "/t/{}/items/{key}?lang={}",
            self.slug,
            self.tr.lang().code()
        )
    }

    /// A section's place on the proof path.
    fn proof_href(&self, section: &str) -> String {
        format!(
            "/t/{}/proof?lang={}#s-{section}",
            self.slug,
            self.tr.lang().code()
        )
    }

    fn gates(&self) -> Vec<GateView> {
        let tr = self.tr;
        self.ev()
            .section("gates")
            .map(|gates| {
                gates
                    .items
                    .iter()
                    .map(|item| GateView {
                        label: self.item_label(&item.key),
                        href: self.item_href(&item.key),
                        status: tr.t(if item.is_ready() {
                            "gate-status-ready"
                        } else if item.status == Status::Misconfigured {
                            "status-misconfigured"
                        } else {
                            "gate-status-review"
                        }),
                        state: if item.status == Status::Misconfigured {
                            "misconfigured"
                        } else {
                            state_of(item.is_ready())
                        },
                        count: item.progress.first().map(ToString::to_string),
                        waiting: (!item.is_ready() && !item.waiting_on.is_empty()).then(|| {
                            let names: Vec<String> = item
                                .waiting_on
                                .iter()
                                .map(|s| tr.t(&format!("section-name-{s}")))
                                .collect();
                            tr.t1("gate-waiting-on", "sections", names.join(", "))
                        }),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn decision_prose(&self) -> DecisionProse {
        let n = self.narrative();
        DecisionProse {
            prompt: self.say(&n.prompt),
            needed_heading: self.say(&n.needed_heading),
            needed_title: self.say(&n.needed_title),
            needed_detail: self.say(&n.needed_detail),
            target: self.say(&n.target),
            auth: self.say(&n.auth),
            decision: self.say(&n.decision),
        }
    }

    /// The infrastructure decision prompt, as the printable summary also shows it.
    fn decision_prompt(&self) -> Prose {
        self.say(&self.narrative().prompt)
    }

    fn selected_target(&self) -> String {
        self.ev()
            .item("decision_board.adapter_selection")
            .filter(|i| i.is_ready())
            .and_then(|i| i.value.clone())
            .unwrap_or_else(|| self.tr.t("decision-target-none"))
    }

    fn auth_target(&self) -> String {
        self.view
            .console
            .state
            .providers
            .iter()
            .find(|p| p.key == "auth_rbac")
            .map(|p| p.target_mode.clone())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| self.tr.t("decision-auth-none"))
    }

    fn verdict(&self) -> String {
        self.tr.t(if self.is_go() {
            "decision-verdict-go"
        } else {
            "decision-verdict-nogo"
        })
    }

    fn ladder(&self) -> Vec<RungView> {
        let tr = self.tr;
        let current = self.ev().decision;
        let position = |code| {
            LADDER
                .iter()
                .position(|r| r.code == code)
                .unwrap_or(LADDER.len())
        };
        let at = position(current);
        let gates = self.count("gates").total;
        LADDER
            .iter()
            .map(|r| r.code)
            .chain([DecisionCode::Go])
            .enumerate()
            .map(|(i, code)| {
                let state = match i.cmp(&at) {
                    std::cmp::Ordering::Less => "passed",
                    std::cmp::Ordering::Equal => "current",
                    std::cmp::Ordering::Greater => "ahead",
                };
                RungView {
                    code: code.as_str(),
                    label: tr.t1(&format!("ladder-{}", code.slug()), "gates", gates),
                    state,
                    state_word: tr.t(&format!(
                        "ladder-state-{}",
                        if code == DecisionCode::Go && state == "current" {
                            "reached"
                        } else {
                            state
                        }
                    )),
                }
            })
            .collect()
    }
}

/// The catalogue sections the page lists item by item.
pub fn listed_sections() -> impl Iterator<Item = &'static str> {
    SectionKey::ALL.into_iter().filter_map(|k| match k {
        SectionKey::Items(section) => Some(section),
        _ => None,
    })
}

/// Every message id the code builds at run time (the templates' literal ids are found by
/// reading them). The locale parity test checks both sets against `locales/`.
pub fn dynamic_message_ids() -> Vec<String> {
    let cat = catalogue::standard();
    let mut ids = Vec::new();
    for notice in crate::web::notice::NoticeCode::ALL {
        ids.push(format!("notice-{}", notice.as_str()));
    }
    for section in &cat.sections {
        ids.push(format!("section-name-{}", section.key));
        ids.push(format!("action-title-{}", section.key));
        ids.push(format!("action-detail-{}", section.key));
        for item in &section.items {
            ids.push(item_label_id(&item.key));
            if let Some(fact) = item.fact {
                ids.push(format!("action-title-fact-{}", fact.as_str()));
                ids.push(format!("action-detail-fact-{}", fact.as_str()));
            }
        }
    }
    for key in SectionKey::ALL {
        ids.push(key.title_id());
        if let SectionKey::Items(section) = key {
            ids.push(format!("intro-{section}"));
        }
    }
    for section in &cat.sections {
        let listed = listed_sections().any(|s| s == section.key);
        if listed {
            for item in &section.items {
                ids.push(format!("{}-detail", item_label_id(&item.key)));
            }
        }
    }
    for key in crate::readiness::packets::PacketKey::ALL {
        ids.push(format!("packet-{key}-intro"));
    }
    for kind in ItemKind::ALL {
        ids.push(format!("kind-{}", kind.as_str()));
    }
    for status in Status::ALL {
        ids.push(format!("status-{}", status.as_str()));
    }
    for role in Role::ALL {
        ids.push(format!("role-{}", role.as_str()));
    }
    let state = demo::state(time::OffsetDateTime::UNIX_EPOCH);
    for group in crate::readiness::evaluate::batch_groups(&state) {
        ids.push(format!("batch-{}", group.key));
    }
    for error in crate::readiness::evidence::EvidenceError::ALL {
        ids.push(format!("evidence-{}", error.as_str()));
    }
    for provider in &state.providers {
        ids.push(format!("provider-{}", provider.key));
        ids.push(format!("provider-detail-{}", provider.key));
    }
    for env in crate::readiness::Environment::ALL {
        ids.push(format!("environment-{env}"));
        ids.push(format!("environment-{env}-detail"));
    }
    for id in ["preflight", "cutover", "connection"] {
        ids.push(format!("kpi-{id}-label"));
    }
    for id in [
        "providers",
        "session",
        "preflight",
        "runbook",
        "release",
        "rollback",
    ] {
        ids.push(format!("copilot-card-{id}-title"));
    }
    ids.extend(narrative::message_ids());
    for rung in LADDER.iter().map(|r| r.code).chain([DecisionCode::Go]) {
        ids.push(format!("ladder-{}", rung.slug()));
    }
    for rung_state in ["passed", "current", "ahead", "reached"] {
        ids.push(format!("ladder-state-{rung_state}"));
    }
    for month in 1..=12 {
        ids.push(format!("month-{month}"));
    }
    for kind in [
        "bad-request",
        "not-found",
        "forbidden",
        "sign-in-required",
        "unavailable",
        "internal",
    ] {
        ids.push(format!("error-title-{kind}"));
        ids.push(format!("error-body-{kind}"));
    }
    for actor in &state.actors {
        ids.push(format!("unit-{}", actor.unit));
    }
    for action in crate::readiness::AuditAction::ALL {
        ids.push(format!("audit-action-{action}"));
    }
    for fault in crate::chain::Fault::ALL {
        ids.push(format!("audit-fault-{}", fault.as_str()));
    }
    for record in crate::chain::Record::ALL {
        ids.push(format!("coverage-record-{}", record.as_str()));
    }
    for code in crate::readiness::scenario::Problem::CODES {
        ids.push(format!("scenario-error-{code}"));
    }
    for kind in crate::readiness::scenario::RecordKind::ALL {
        ids.push(format!("scenario-kind-{}", kind.as_str()));
    }
    for kind in crate::readiness::RehearsalKind::ALL {
        for id in ["rehearsal-kind-", "rehearsal-run-"] {
            ids.push(format!("{id}{kind}"));
        }
        ids.push(format!("rehearsal-kind-{kind}-help"));
    }
    for state in crate::readiness::RunState::ALL {
        ids.push(format!("rehearsal-state-{state}"));
    }
    for reason in crate::rehearsal::Reason::ALL {
        ids.push(format!("rehearsal-reason-{reason}"));
    }
    // A run's own reason: a refusal's code, or the time limit's.
    for reason in crate::rehearsal::RunReason::all() {
        ids.push(format!("rehearsal-reason-{reason}"));
    }
    for refusal in crate::rehearsal::Refusal::ALL {
        ids.push(format!("rehearsal-refused-{}", refusal.as_str()));
    }
    for error in crate::rehearsal::RefError::ALL {
        ids.push(format!("rehearsal-ref-{}", error.as_str()));
    }
    for kind in crate::rehearsal::probes::GapKind::ALL {
        ids.push(format!("rehearsal-gap-kind-{kind}"));
    }
    ids.extend(signature::SENTENCE_IDS.map(str::to_owned));
    for action in crate::readiness::signature::WithdrawingAction::ALL {
        ids.push(signature::withdrawn_id(Some(action)));
    }
    ids.push(signature::withdrawn_id(None));
    for target in crate::readiness::AuditTarget::ALL {
        ids.push(format!("audit-target-{target}"));
    }
    ids.sort();
    ids.dedup();
    ids
}
