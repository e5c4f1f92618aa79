//! Every sentence of the key figures, the copilot and the decision section is computed from the
//! state. The demo's story is walked state by state (seeded; decisions recorded; every gate
//! green; GO signed; GO withdrawn by a revocation, two ways), and in each state and language
//! every such sentence on the page is checked three ways:
//!
//! - its wording is the one the state calls for (the table below, by message id);
//! - its text is exactly that message with figures this test reads from `evaluate` on the
//!   state loaded back from PostgreSQL, and every number in it is one of those figures;
//! - it says nothing the state contradicts (rules below, by their words in each language).

use std::collections::BTreeMap;

use readiness_console::db::{self, write};
use readiness_console::i18n::{Arg, Lang};
use readiness_console::readiness::evidence::EvidenceNote;
use readiness_console::readiness::narrative::Slot;
use readiness_console::readiness::state::ReadinessState;
use readiness_console::readiness::{Count, DecisionCode, Evaluation, ItemKind, evaluate};

use crate::support::{ANNA, MAREK, TestApp, eventually, html_unescape};

/// The states of the demo's story the console is rendered in.
#[derive(Debug, Clone, Copy)]
enum Story {
    /// The demo as seeded.
    Seeded,
    /// The managing director has recorded every provider and infrastructure decision.
    DecisionsRecorded,
    /// Every owner check, decision and probe green, a snapshot frozen: not yet signed.
    AllGreen,
    /// Then GO signed through the sign-off write.
    Go,
    /// Then the dispatcher revokes "role headers mapped": the ladder falls to the preflight.
    GoWithdrawnByAPassageRevocation,
    /// Then instead the managing director revokes the live provider: the ladder falls to
    /// infrastructure or credentials, and choosing the provider is needed again.
    GoWithdrawnByRevokingTheProvider,
}

/// The states of the story, in the order of the columns of `WORDING`, and the decision each
/// must show.
const STORIES: [(Story, &str); 6] = [
    (Story::Seeded, "BLOCKED_PENDING_DRY_RUN"),
    (Story::DecisionsRecorded, "BLOCKED_PENDING_DRY_RUN"),
    (Story::AllGreen, "BLOCKED_PENDING_SIGNOFF"),
    (Story::Go, "GO"),
    (
        Story::GoWithdrawnByAPassageRevocation,
        "BLOCKED_PENDING_PREFLIGHT",
    ),
    (
        Story::GoWithdrawnByRevokingTheProvider,
        "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS",
    ),
];

/// What each state must say: the wording of every sentence but the decision's, by slot (the
/// `<code>` of its `prose-<slot>-<code>` message id), one column per state of `STORIES`. (The
/// decision section's sentence says the decision: its code is the decision's, in lowercase
/// words.) After a revocation withdrew the GO, the prompt says so.
const WORDING: &str = "
    slot            seeded       decided      green        go           passage      provider
    kpi-contract    demo         demo         demo         go           demo         demo
    kpi-actors      mapped       mapped       rehearsed    go           rehearsed    rehearsed
    kpi-providers   complete     complete     complete     complete     complete     complete
    kpi-preflight   open         open         complete     complete     open         complete
    kpi-cutover     open         open         complete     complete     open         complete
    kpi-connection  open         open         complete     complete     complete     complete
    gates           open         open         complete     complete     open         complete
    percent         basis        basis        basis        basis        basis        basis
    card-providers  complete     complete     complete     complete     complete     complete
    card-session    demo         demo         demo         go           demo         demo
    card-preflight  unfrozen     unfrozen     complete     complete     open         complete
    card-runbook    gated        gated        ready        ready        gated        ready
    card-release    gated        gated        ready        ready        pending      ready
    card-rollback   gated        gated        ready        ready        pending      ready
    prompt          undecided    decided      signoff      go           withdrawn    withdrawn
    needed-heading  provider     evidence     signoff      nothing      evidence     provider
    needed-title    provider     evidence     signoff      nothing      evidence     provider
    needed-detail   open         open         signoff      go           open         complete
    target          unproven     unproven     replayed     live         replayed     replayed
    auth            unconfirmed  unconfirmed  wired        wired        unconfirmed  wired
";

/// The wording `WORDING` gives each slot in the state of this column of `STORIES`.
fn wording(column: usize) -> BTreeMap<String, String> {
    // After the opening line break, the header.
    let mut codes: BTreeMap<String, String> = WORDING
        .lines()
        .skip(2)
        .filter_map(|row| {
            let mut words = row.split_whitespace();
            Some((words.next()?.to_owned(), words.nth(column)?.to_owned()))
        })
        .collect();
    let decision = STORIES[column].1.to_lowercase().replace('_', "-");
    codes.insert("decision".to_owned(), decision);
    codes
}

/// What the state is, in the terms the contradiction rules speak of.
struct Facts {
    go: bool,
    provider_decided: bool,
    decisions_recorded: bool,
    release_and_cutover_complete: bool,
    replay_proven: bool,
    auth_confirmed: bool,
}

impl Facts {
    fn of(ev: &Evaluation) -> Self {
        let ready = |key: &str| ev.item(key).is_some_and(|i| i.is_ready());
        Self {
            go: ev.decision.is_go(),
            provider_decided: ready("provider_acceptance.live_provider"),
            decisions_recorded: decisions(ev).complete(),
            release_and_cutover_complete: ev.count("release").complete()
                && ev.count("cutover").complete(),
            replay_proven: ev.count("connection").complete() && ev.count("dry_run").complete(),
            auth_confirmed: AUTH_CONFIRMATIONS.iter().all(|k| ready(k)),
        }
    }
}

/// Words no sentence may say when the state holds: (why, when, in es / fr / en).
type Rule = (&'static str, fn(&Facts) -> bool, [&'static str; 4]);

const RULES: &[Rule] = &[
    (
        "the provider is decided",
        |f| f.provider_decided,
        [
            "Elegir el proveedor real",
            "Choisir le fournisseur réel",
            "Choose the real DB/auth provider",
            "Escolher o provedor real",
        ],
    ),
    (
        "every decision is recorded",
        |f| f.decisions_recorded,
        [
            "Registrar las decisiones",
            "Consigner les décisions",
            "Record the remaining",
            "Registrar as decisões",
        ],
    ),
    (
        "release and data cutover are complete",
        |f| f.release_and_cutover_complete,
        [
            "no dé la producción por preparada",
            "n’annoncez pas que la production est prête",
            "do not claim production readiness",
            "não declare prontidão",
        ],
    ),
    (
        "connection and dry-run prove the replay",
        |f| f.replay_proven,
        [
            "aún no está probado",
            "pas encore éprouvée",
            "not yet proven",
            "ainda não está comprovado",
        ],
    ),
    (
        "the owners confirmed auth",
        |f| f.auth_confirmed,
        [
            "requieren la confirmación",
            "doivent être confirmés",
            "need owner confirmation",
            "precisam da confirmação",
        ],
    ),
    (
        "production is GO: nothing is blocked",
        |f| f.go,
        [
            "sigue bloquead",
            "reste bloquée",
            "remains blocked",
            "continua bloquead",
        ],
    ),
    (
        "production is GO: traffic may flow",
        |f| f.go,
        [
            "sigue desactivado",
            "reste désactivé",
            "stays disabled",
            "continua desativado",
        ],
    ),
    (
        "production is GO: no decision is needed",
        |f| f.go,
        [
            "Decisión necesaria",
            "Décision requise",
            "Decision needed",
            "Decisão necessária",
        ],
    ),
    (
        "production is GO: no blocked code",
        |f| f.go,
        ["BLOCKED_PENDING"; 4],
    ),
    (
        "production is not GO: no GO is signed",
        |f| !f.go,
        ["está firmado", "est signé", "GO is signed", "está assinado"],
    ),
    (
        "production is not GO: it may not go ahead",
        |f| !f.go,
        [
            "seguir adelante",
            "aller de l’avant",
            "may go ahead",
            "seguir em frente",
        ],
    ),
    (
        "production is not GO: no live traffic",
        |f| !f.go,
        [
            "puede recibir tráfico real",
            "peut recevoir le trafic",
            "may receive live production traffic",
            "pode receber tráfego real",
        ],
    ),
];

/// Sentences the seed page typed once for every state; none may come back, in any state.
const FIXED_SENTENCES: [&str; 8] = [
    "until the infrastructure owners choose the live provider",
    "The target is ready for local replay, not for live production traffic",
    "OIDC, roles and secret handling need owner confirmation before code wiring.",
    "Local demo can proceed while production remains blocked",
    "hasta que los responsables de infraestructura elijan el proveedor real",
    "El destino está preparado para la reproducción local, no para tráfico real de producción",
    "jusqu’à ce que les responsables de l’infrastructure choisissent le fournisseur réel",
    "La cible est prête pour le rejeu local, pas pour le trafic de production réel",
];

/// The three items that speak of OIDC, roles and secret handling.
const AUTH_CONFIRMATIONS: [&str; 3] = [
    "provider_acceptance.auth_rbac_owner",
    "passage.role_headers",
    "passage.secrets_auth",
];

async fn version_of(app: &TestApp, item: &str) -> i32 {
    let mut tx = app.db.demo_tx().await;
    sqlx::query_scalar("select version from catalogue_items where key = $1")
        .bind(item)
        .fetch_one(&mut *tx)
        .await
        .unwrap()
}

async fn revoke(app: &TestApp, actor: &'static str, item: &str) {
    let version = version_of(app, item).await;
    let reason = EvidenceNote::parse("Revoked after the GO for the walk-through").unwrap();
    // The revoker confirms that the revocation withdraws the GO, as the form asks.
    let written = app
        .db
        .writer(actor)
        .check_with(
            item,
            version,
            &write::CheckCommand::Revoke(reason),
            readiness_console::db::signature::Consent::Given,
        )
        .await;
    assert!(
        matches!(written, Ok(write::Written::Applied(_))),
        "{written:?}"
    );
}

async fn sign_go(app: &TestApp) {
    // Signed on the state as it stands, as the page's form would carry it.
    let signed = app.db.writer(ANNA).sign_off_go().await;
    assert!(
        matches!(signed, Ok(write::Written::Applied(_))),
        "{signed:?}"
    );
}

impl Story {
    async fn set_up(self, app: &TestApp) {
        match self {
            Self::Seeded => {}
            Self::DecisionsRecorded => {
                // Anna records each decision through the same write the form uses.
                for (item, value) in [
                    (
                        "provider_acceptance.live_provider",
                        "db-auth-session-adapter",
                    ),
                    ("provider_acceptance.auth_rbac_owner", "OIDC/RBAC"),
                    (
                        "provider_acceptance.tenant_secrets_boundary",
                        "tenant-rbac-adapter",
                    ),
                    ("infrastructure.hosting", "Managed PostgreSQL, EU account"),
                    ("infrastructure.region", "EU"),
                    ("infrastructure.runtime_owner", "Platform on-call rota"),
                    (
                        "infrastructure.secrets_backup",
                        "Managed secrets, nightly backups",
                    ),
                ] {
                    let note = "Recorded for the prose walk-through";
                    let written = app.db.writer(ANNA).decide(item, 0, value, note).await;
                    assert!(matches!(written, Ok(write::Written::Applied(_))), "{item}");
                }
            }
            Self::AllGreen => app.db.make_all_green().await,
            Self::Go => {
                app.db.make_all_green().await;
                sign_go(app).await;
            }
            Self::GoWithdrawnByAPassageRevocation => {
                app.db.make_all_green().await;
                sign_go(app).await;
                revoke(app, MAREK, "passage.role_headers").await;
            }
            Self::GoWithdrawnByRevokingTheProvider => {
                app.db.make_all_green().await;
                sign_go(app).await;
                revoke(app, ANNA, "provider_acceptance.live_provider").await;
            }
        }
    }
}

/// Every element carrying `data-prose`, in page order: its message id and its text.
fn sentences(body: &str) -> Vec<(String, String)> {
    let marker = "data-prose=\"";
    body.match_indices(marker)
        .map(|(at, _)| {
            let rest = &body[at + marker.len()..];
            let id = rest[..rest.find('"').unwrap()].to_owned();
            let start = rest.find('>').unwrap() + 1;
            let end = rest[start..].find('<').unwrap() + start;
            (id, html_unescape(rest[start..end].trim()))
        })
        .collect()
}

/// The slot an id belongs to: the longest `prose-<slot>-` it starts with.
fn slot_of(id: &str) -> Slot {
    Slot::ALL
        .into_iter()
        .filter(|s| id.starts_with(&format!("prose-{}-", s.as_str())))
        .max_by_key(|s| s.as_str().len())
        .unwrap_or_else(|| panic!("{id} names no slot"))
}

/// Provider and infrastructure decisions recorded, of all of them.
fn decisions(ev: &Evaluation) -> Count {
    let all: Vec<bool> = ["provider_acceptance", "infrastructure"]
        .iter()
        .flat_map(|s| &ev.section(s).unwrap().items)
        .filter(|i| i.kind == ItemKind::Decision)
        .map(|i| i.is_ready())
        .collect();
    Count {
        ready: all.iter().filter(|r| **r).count() as u32,
        total: all.len() as u32,
    }
}

/// The figures a slot states, read here from the evaluation and the state: counts by name
/// (`""` for `$ready`/`$total`), plain numbers, and the decision code it names.
struct Figures {
    counts: Vec<(&'static str, Count)>,
    numbers: Vec<(&'static str, u32)>,
    decision: Option<DecisionCode>,
}

fn figures(slot: Slot, code: &str, ev: &Evaluation, state: &ReadinessState) -> Figures {
    let c = |key: &str| ev.count(key);
    let providers = Count {
        ready: state
            .providers
            .iter()
            .filter(|p| !p.target_mode.is_empty())
            .count() as u32,
        total: state.providers.len() as u32,
    };
    let checklist =
        ev.sections
            .iter()
            .filter(|s| s.key != "gates")
            .fold(Count::default(), |sum, s| Count {
                ready: sum.ready + s.count.ready,
                total: sum.total + s.count.total,
            });
    let auth = Count {
        ready: AUTH_CONFIRMATIONS
            .iter()
            .filter(|k| ev.item(k).unwrap().is_ready())
            .count() as u32,
        total: AUTH_CONFIRMATIONS.len() as u32,
    };
    let none = || Figures {
        counts: vec![],
        numbers: vec![],
        decision: None,
    };
    let one = |count: Count| Figures {
        counts: vec![("", count)],
        numbers: vec![],
        decision: None,
    };
    let local = |section: &str| Figures {
        counts: vec![("", c(section))],
        numbers: vec![],
        decision: ev.local_decision(section),
    };
    match slot {
        Slot::KpiContract | Slot::CardSession | Slot::NeededHeading => none(),
        Slot::KpiActors => Figures {
            counts: vec![],
            numbers: vec![("count", state.scenario_actors().count() as u32)],
            decision: None,
        },
        Slot::KpiProviders | Slot::CardProviders => one(providers),
        Slot::KpiPreflight | Slot::CardPreflight => one(c("preflight")),
        Slot::KpiCutover => one(c("passage")),
        Slot::KpiConnection => one(c("connection")),
        Slot::Gates => one(c("gates")),
        Slot::Percent => Figures {
            counts: vec![("", checklist)],
            numbers: vec![("gates", c("gates").total)],
            decision: None,
        },
        Slot::CardRunbook => local("runbook"),
        Slot::CardRelease => local("release"),
        Slot::CardRollback => local("rollback"),
        // "Choose the provider", "sign", "nothing pending" speak of no count.
        Slot::NeededTitle if !matches!(code, "decisions" | "evidence") => none(),
        Slot::Prompt | Slot::NeededTitle => Figures {
            counts: vec![("", decisions(ev))],
            numbers: vec![],
            decision: Some(ev.decision),
        },
        Slot::NeededDetail => Figures {
            counts: vec![("release", c("release")), ("cutover", c("cutover"))],
            numbers: vec![],
            decision: Some(ev.decision),
        },
        Slot::Target => Figures {
            counts: vec![("connection", c("connection")), ("dry_run", c("dry_run"))],
            numbers: vec![],
            decision: None,
        },
        Slot::Auth => one(auth),
        Slot::Decision => Figures {
            counts: match ev.decision {
                DecisionCode::BlockedPendingDryRun => {
                    vec![("connection", c("connection")), ("dry_run", c("dry_run"))]
                }
                DecisionCode::BlockedPendingPreflight => vec![("preflight", c("preflight"))],
                DecisionCode::BlockedPendingDataCutover => vec![("cutover", c("cutover"))],
                DecisionCode::BlockedPendingInfrastructureOrCredentials => vec![
                    ("infrastructure", c("infrastructure")),
                    ("wiring", c("wiring")),
                    ("gates", c("gates")),
                ],
                _ => vec![("gates", c("gates"))],
            },
            numbers: vec![],
            decision: None,
        },
    }
}

impl Figures {
    /// As Fluent arguments, with the names every sentence may speak of.
    fn args(&self, state: &ReadinessState) -> Vec<(String, Arg)> {
        let mut args = Vec::new();
        for (name, count) in &self.counts {
            let prefix = if name.is_empty() {
                String::new()
            } else {
                format!("{name}_")
            };
            args.push((format!("{prefix}ready"), Arg::from(count.ready)));
            args.push((format!("{prefix}total"), Arg::from(count.total)));
        }
        for (name, n) in &self.numbers {
            args.push(((*name).to_owned(), Arg::from(*n)));
        }
        if let Some(code) = self.decision {
            args.push(("decision".to_owned(), Arg::from(code.as_str())));
        }
        let checksum = state.snapshot.as_ref().map_or("", |s| s.checksum.as_str());
        for (name, text) in [
            ("target", state.profile.adapter_target.as_str()),
            ("contract", state.profile.scenario_contract.as_str()),
            ("auth", state.profile.auth_mode.as_str()),
            ("checksum", checksum),
        ] {
            args.push((name.to_owned(), Arg::from(text)));
        }
        args
    }

    /// Every number the sentence states is one of these figures; each count's total is
    /// stated, and its ready part too unless it is complete ("all 5"); an `x/y` is a count.
    fn check_numbers(&self, text: &str, context: &str) {
        let tokens: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '/'))
            .filter(|t| !t.is_empty())
            .collect();
        let mut numbers = Vec::new();
        for token in &tokens {
            if let Some((a, b)) = token.split_once('/')
                && let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>())
            {
                assert!(
                    self.counts
                        .iter()
                        .any(|(_, c)| c.ready == a && c.total == b),
                    "{context}: {a}/{b} is none of its counts: {text}"
                );
                numbers.extend([a, b]);
            } else if let Ok(n) = token.parse::<u32>() {
                numbers.push(n);
            }
        }
        let allowed: Vec<u32> = self
            .counts
            .iter()
            .flat_map(|(_, c)| [c.ready, c.total])
            .chain(self.numbers.iter().map(|(_, n)| *n))
            .collect();
        for n in &numbers {
            assert!(
                allowed.contains(n),
                "{context}: {n} is none of its figures {allowed:?}: {text}"
            );
        }
        for (_, count) in &self.counts {
            assert!(
                numbers.contains(&count.total),
                "{context}: the total of {count} is not stated: {text}"
            );
            if !count.complete() {
                assert!(
                    numbers.contains(&count.ready),
                    "{context}: the ready part of {count} is not stated: {text}"
                );
            }
        }
        for (_, n) in &self.numbers {
            assert!(numbers.contains(n), "{context}: {n} is not stated: {text}");
        }
    }
}

#[tokio::test]
async fn every_sentence_states_the_evaluations_figures_and_nothing_the_state_contradicts() {
    for (column, &(story, decision)) in STORIES.iter().enumerate() {
        let app = TestApp::spawn().await;
        story.set_up(&app).await;
        eventually(|| async { app.decision().await == decision }).await;
        let console = db::load_console(&app.db.app, "bfg-control")
            .await
            .unwrap()
            .unwrap();
        let ev = evaluate(&console.catalogue, &console.state);
        let state = &console.state;
        assert_eq!(ev.decision.as_str(), decision, "{story:?}");
        let facts = Facts::of(&ev);
        let expected = wording(column);
        assert_eq!(
            expected.len(),
            Slot::ALL.len(),
            "{story:?}: a slot unworded"
        );

        for (position, lang) in Lang::ALL.into_iter().enumerate() {
            let tr = lang.tr();
            let page = app.page_in("", lang).await;
            assert_eq!(page.status, 200);
            let said = sentences(&page.body);
            // One sentence per slot, in page order.
            let slots: Vec<Slot> = said.iter().map(|(id, _)| slot_of(id)).collect();
            assert_eq!(slots, Slot::ALL, "{story:?} {lang:?}");
            for (id, text) in &said {
                let slot = slot_of(id);
                let context = format!("{story:?} {lang:?} {id}");
                let code = &id[format!("prose-{}-", slot.as_str()).len()..];
                assert_eq!(code, expected[slot.as_str()], "{context}");

                let figures = figures(slot, code, &ev, state);
                let args = figures.args(state);
                let args: Vec<(&str, Arg)> =
                    args.iter().map(|(n, a)| (n.as_str(), a.clone())).collect();
                assert_eq!(text, &tr.t_args(id, &args), "{context}");
                figures.check_numbers(text, &context);

                for (why, holds, words) in RULES {
                    if holds(&facts) {
                        assert!(
                            !text.contains(words[position]),
                            "{context}: says \"{}\" although {why}: {text}",
                            words[position]
                        );
                    }
                }
            }
            for fixed in FIXED_SENTENCES {
                assert!(
                    !page.body.contains(fixed),
                    "{story:?} {lang:?}: the fixed sentence \"{fixed}\" is back"
                );
            }
        }
    }
}

/// The text of a message outside its placeables (`{ … }`, nested), where a typed figure would
/// stand.
fn outside_placeables(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn no_figure_is_typed_into_the_prose() {
    // Number words by language (Spanish "once" is eleven; English "once" is not a number).
    let number_words = |lang: Lang| -> &'static [&'static str] {
        match lang.code() {
            "en" => &[
                "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve",
            ],
            "es" => &[
                "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
                "doce",
            ],
            "fr" => &[
                "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
                "douze",
            ],
            "pt-BR" => &[
                "dois", "duas", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez",
                "onze", "doze",
            ],
            other => panic!("number words of {other} are not listed"),
        }
    };
    // The prose, and the messages around it that count the gates.
    let counted = |id: &str| {
        id.starts_with("prose-")
            || id.starts_with("ladder-")
            || [
                "checklist-intro",
                "copilot-percent",
                "action-detail-signoff",
            ]
            .contains(&id)
    };
    let mut checked = 0;
    for lang in Lang::ALL {
        for (id, text) in crate::locales::messages(lang.code()) {
            if !counted(&id) {
                continue;
            }
            checked += 1;
            let outside = outside_placeables(&text).to_lowercase();
            assert!(
                !outside.chars().any(|c| c.is_ascii_digit()),
                "{lang:?} {id} types a figure: {text}"
            );
            for word in outside.split(|c: char| !c.is_alphabetic()) {
                assert!(
                    !number_words(lang).contains(&word),
                    "{lang:?} {id} spells a figure ({word}): {text}"
                );
            }
        }
    }
    let prose = readiness_console::readiness::narrative::message_ids().len();
    assert!(checked >= 3 * prose, "only {checked} messages checked");
}
