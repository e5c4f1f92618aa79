//! The GO signature in words, wherever it appears (the decision section, the print view, the
//! proof page, item pages; `templates/console/_signature.html`): who signed and when, the state
//! it holds for, or the write that withdrew it — with links to that event and that item — and
//! the confirmation that forms ask for while a GO stands.

use crate::i18n::{Arg, Tr};
use crate::readiness::Signature;
use crate::readiness::signature::{self, WithdrawingAction};
use crate::readiness::state::Signoff;
use crate::web::TenantView;

use super::ConsoleView;

/// A piece of a sentence: text, or text linking somewhere.
pub struct Part {
    pub(super) text: String,
    pub(super) href: Option<String>,
}

/// The latest sign-off as the page shows it.
pub struct SignatureView {
    /// The [`Signature`] code, for the CSS class.
    pub(super) state: &'static str,
    /// "Holds", "Withdrawn", "No longer holds"; none for NO-GO or unsigned.
    pub(super) badge: Option<String>,
    /// Who signed what, when; for a withdrawn signature, what withdrew it.
    pub(super) line: Vec<Part>,
    /// What the signature holds for, or what a withdrawn one means now.
    pub(super) detail: Vec<Part>,
    /// "1 of 2 signatures", where the programme requires more than one.
    pub(super) count: Option<String>,
    /// Who signed the standing round, and when, where the programme requires more than one.
    pub(super) signers: Vec<String>,
}

/// The warning and required checkbox of a form whose write would withdraw a standing GO.
pub struct WithdrawConfirm {
    /// The checkbox's id.
    pub(super) id: String,
    pub(super) warning: String,
    pub(super) label: String,
}

/// The message ids of the sentences built here, besides [`withdrawn_id`]'s (for the locale
/// parity test: they are passed to [`sentence`], not to `t`).
pub const SENTENCE_IDS: [&str; 8] = [
    "signoff-last-no-go",
    "signoff-cosign",
    "signature-standing",
    "signature-partial",
    "signature-holds",
    "signature-holds-empty-chain",
    "signature-holds-unrecorded",
    "signature-withdrawn-detail",
];

/// The sentence of a signature withdrawn by `action` (`None`: an action the console does not
/// know).
pub fn withdrawn_id(action: Option<WithdrawingAction>) -> String {
    format!(
        "signature-withdrawn-{}",
        action.map_or("unknown", WithdrawingAction::as_str)
    )
}

/// Marks a link's place in a translated sentence; never typed by anyone.
const MARK: char = '\u{E000}';

/// Translates `id` with `args`, where each of `links` (argument name, href, text) becomes a link
/// in the sentence wherever the language puts it.
fn sentence(tr: Tr, id: &str, args: &[(&str, Arg)], links: &[(&str, String, String)]) -> Vec<Part> {
    let mut all: Vec<(&str, Arg)> = args.to_vec();
    for (i, (name, _, _)) in links.iter().enumerate() {
        all.push((name, Arg::from(format!("{MARK}{i}{MARK}"))));
    }
    tr.t_args(id, &all)
        .split(MARK)
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(at, piece)| {
            // Between two marks: a link's index.
            let link = (at % 2 == 1)
                .then(|| piece.parse::<usize>().ok())
                .flatten()
                .and_then(|i| links.get(i));
            match link {
                Some((_, href, text)) => Part {
                    text: text.clone(),
                    href: Some(href.clone()),
                },
                None => Part {
                    text: piece.to_owned(),
                    href: None,
                },
            }
        })
        .collect()
}

/// What a confirming form does: a write that certainly changes an item's status, or one that
/// changes one only if its result differs (a rehearsal run, a snapshot freeze).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Withdrawing {
    /// Accepting, deciding or revoking an item.
    Certainly,
    /// A rehearsal run.
    IfARunChangesAStatus,
    /// A snapshot freeze.
    IfAFreezeChangesAStatus,
}

/// The confirmation a form asks for while a GO stands that the write could withdraw.
pub(super) fn withdraw_confirm(
    tr: Tr,
    view: &TenantView,
    id: String,
    withdrawing: Withdrawing,
) -> Option<WithdrawConfirm> {
    let state = &view.console.state;
    signature::withdrawable(state)?;
    // Everyone whose signature the write would withdraw: the round's signers, oldest first.
    let owner = signature::round(state)
        .iter()
        .map(|s| {
            state
                .actor(&s.actor)
                .map_or_else(|| s.actor.clone(), |a| a.name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let warning = match withdrawing {
        Withdrawing::Certainly => tr.t1("signature-confirm-warning", "owner", owner),
        Withdrawing::IfARunChangesAStatus => tr.t1("signature-confirm-warning-run", "owner", owner),
        Withdrawing::IfAFreezeChangesAStatus => {
            tr.t1("signature-confirm-warning-freeze", "owner", owner)
        }
    };
    Some(WithdrawConfirm {
        id,
        warning,
        label: tr.t("signature-confirm-label"),
    })
}

impl ConsoleView<'_> {
    /// The link to one event of the audit trail.
    fn event_link(&self, seq: i64) -> (String, String) {
        (
            format!(
                "/t/{}/audit?lang={}&before={}#e-{seq}",
                self.slug,
                self.tr.lang().code(),
                seq + 1
            ),
            format!("#{seq}"),
        )
    }

    /// The latest sign-off, in words and links.
    pub(super) fn signature(&self) -> SignatureView {
        let tr = self.tr;
        let code = self.ev().signature;
        let Some(signoff) = self.view.console.state.signoff.as_ref() else {
            let never = format!("{} {}", tr.t("print-signoff"), tr.t("print-not-signed"));
            return SignatureView {
                state: code.as_str(),
                badge: None,
                line: plain(never),
                detail: Vec::new(),
                count: self.signature_count(),
                signers: Vec::new(),
            };
        };
        let owner = || Arg::from(self.actor_line(&signoff.actor));
        let date = || Arg::from(tr.datetime(&signoff.at));
        let (badge, line, detail) = match code {
            Signature::Unsigned | Signature::NoGo => {
                let reason = Arg::from(signoff.reason.clone().unwrap_or_default());
                let args = [("owner", owner()), ("date", date()), ("reason", reason)];
                let line = sentence(tr, "signoff-last-no-go", &args, &[]);
                (None, line, Vec::new())
            }
            Signature::Standing => (
                Some(tr.t("signature-badge-standing")),
                sentence(
                    tr,
                    "signature-standing",
                    &[("owner", owner()), ("date", date())],
                    &[],
                ),
                self.holds_for(signoff),
            ),
            Signature::Partial => {
                let tally = self.ev().signatures;
                let first = signature::round(&self.view.console.state)
                    .first()
                    .copied()
                    .unwrap_or(signoff);
                let args = [
                    ("signed", Arg::from(tally.ready)),
                    ("required", Arg::from(tally.total)),
                    (
                        "missing",
                        Arg::from(tally.total.saturating_sub(tally.ready)),
                    ),
                ];
                (
                    Some(tr.t("signature-badge-partial")),
                    sentence(tr, "signature-partial", &args, &[]),
                    self.holds_for(first),
                )
            }
            Signature::Withdrawn => (
                Some(tr.t("signature-badge-withdrawn")),
                self.withdrawn_line(signoff, owner(), date()),
                sentence(tr, "signature-withdrawn-detail", &[], &[]),
            ),
            Signature::Lapsed => (
                Some(tr.t("signature-badge-lapsed")),
                plain(tr.t2("signature-lapsed", "owner", owner(), "date", date())),
                plain(tr.t("signature-lapsed-detail")),
            ),
        };
        SignatureView {
            state: code.as_str(),
            badge,
            line,
            detail,
            count: self.signature_count(),
            signers: self.signers(),
        }
    }

    /// "1 of 2 signatures": the distinct managing directors whose GO stands, of how many the
    /// programme requires; `None` where it requires one (the page then reads as it always did).
    pub(super) fn signature_count(&self) -> Option<String> {
        let tally = self.ev().signatures;
        (tally.total > 1).then(|| {
            self.tr.t2(
                "signature-count",
                "signed",
                tally.ready,
                "required",
                tally.total,
            )
        })
    }

    /// Who signed the standing round, and when, oldest first; none where the programme requires
    /// one signature (the line names its signer).
    fn signers(&self) -> Vec<String> {
        if self.ev().signatures.total <= 1 {
            return Vec::new();
        }
        signature::round(&self.view.console.state)
            .into_iter()
            .map(|s| {
                self.tr.t2(
                    "signature-signer",
                    "owner",
                    self.actor_line(&s.actor),
                    "date",
                    self.tr.datetime(&s.at),
                )
            })
            .collect()
    }

    /// This viewer's own GO in the round that stands, if they signed it.
    pub(super) fn own_signature(&self) -> Option<&Signoff> {
        let actor = &self.viewer.as_ref()?.actor;
        signature::round(&self.view.console.state)
            .into_iter()
            .find(|s| &s.actor == actor)
    }

    /// What a standing signature holds for: the state at the event it was given on.
    fn holds_for(&self, signoff: &Signoff) -> Vec<Part> {
        let tr = self.tr;
        let Some(digest) = signoff.state_digest.as_deref() else {
            return sentence(tr, "signature-holds-unrecorded", &[], &[]);
        };
        let digest = Arg::from(signature::short(digest));
        match signoff.state_seq {
            Some(seq) => {
                let (href, text) = self.event_link(seq);
                sentence(
                    tr,
                    "signature-holds",
                    &[("digest", digest)],
                    &[("event", href, text)],
                )
            }
            None => sentence(
                tr,
                "signature-holds-empty-chain",
                &[("digest", digest)],
                &[],
            ),
        }
    }

    /// "GO signed by … — withdrawn at event #31 when … revoked “…”".
    fn withdrawn_line(&self, signoff: &Signoff, owner: Arg, date: Arg) -> Vec<Part> {
        let Some(w) = signoff.withdrawal.as_ref() else {
            return Vec::new();
        };
        let id = withdrawn_id(w.action);
        let actor = self
            .view
            .console
            .state
            .actor(&w.actor)
            .map_or_else(|| w.actor.clone(), |a| a.name.clone());
        let (event_href, event_text) = self.event_link(w.seq);
        sentence(
            self.tr,
            &id,
            &[
                ("owner", owner),
                ("date", date),
                ("actor", Arg::from(actor)),
            ],
            &[
                ("event", event_href, event_text),
                ("item", self.item_href(&w.item), self.item_label(&w.item)),
            ],
        )
    }

    /// Whether the event `seq` withdrew the latest GO signature.
    pub(super) fn withdrew_signature(&self, seq: &i64) -> bool {
        self.view
            .console
            .state
            .signoff
            .as_ref()
            .and_then(|s| s.withdrawal.as_ref())
            .is_some_and(|w| w.seq == *seq)
    }

    /// The confirmation for an item form with this id, while a GO stands.
    pub(super) fn withdraw_confirm(&self, form_id: &str) -> Option<WithdrawConfirm> {
        withdraw_confirm(
            self.tr,
            self.view,
            format!("{form_id}-confirm"),
            Withdrawing::Certainly,
        )
    }

    /// The digest of the state this page was drawn from, carried by the GO form: the round's,
    /// where partial signatures stand.
    pub(super) fn state_digest(&self) -> String {
        signature::signing_digest(self.ev(), &self.view.console.state)
    }
}

/// A sentence with no link in it.
fn plain(text: String) -> Vec<Part> {
    vec![Part { text, href: None }]
}
