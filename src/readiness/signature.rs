//! The GO signature counts for the state it was given on.
//!
//! The managing director signs GO on one evaluated state: the decision, every item's status and
//! the audit head, summarised by [`state_digest`]. A later write that changes any item's status
//! withdraws the signature (like "dismiss stale approvals" in code review), and the writing
//! transaction records that withdrawal. GO then holds only while the latest GO signature is not
//! withdrawn: a withdrawn signature leaves the ladder at its first unsatisfied rung, and once
//! every gate is green again production waits at `BLOCKED_PENDING_SIGNOFF` for a new signature.
//! Re-accepting what was revoked never brings the old signature back.
//!
//! A programme may ask for more than one signature (`[signoff] required = N`, like a code
//! review's required approvals): GO is reached only when the Nth distinct managing director
//! signs GO on the same state. The signatures before it are standing partial signatures of one
//! round — each records the digest and the head of the round's first — and a signer cannot
//! count twice. A write that withdraws the latest withdraws them all; a NO-GO ends the round.
//! With one signature required (the demo, and every programme without the key) a round is
//! its one signature, as before.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::actions::AuditAction;
use super::catalogue::DecisionCode;
use super::code::code_enum;
use super::evaluate::{Count, Evaluation};
use super::state::{AuditHead, ReadinessState, Signoff};

/// Where the latest sign-off stands, as a code for templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signature {
    /// No sign-off was ever recorded.
    Unsigned,
    /// The latest sign-off is a NO-GO.
    NoGo,
    /// The latest sign-off is GO, nothing withdrew it, and the decision is GO.
    Standing,
    /// The latest sign-off is GO and nothing withdrew it, but fewer distinct managing directors
    /// have signed than the programme requires: production waits for the next signature.
    Partial,
    /// The latest sign-off is GO and a later write withdrew it.
    Withdrawn,
    /// The latest sign-off is GO and nothing recorded its withdrawal, yet a rung below it is no
    /// longer satisfied: the state changed without passing through the console's writes.
    Lapsed,
}

impl Signature {
    /// Every value.
    pub const ALL: [Self; 6] = [
        Self::Unsigned,
        Self::NoGo,
        Self::Standing,
        Self::Partial,
        Self::Withdrawn,
        Self::Lapsed,
    ];

    /// The code used in message ids and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unsigned => "unsigned",
            Self::NoGo => "no_go",
            Self::Standing => "standing",
            Self::Partial => "partial",
            Self::Withdrawn => "withdrawn",
            Self::Lapsed => "lapsed",
        }
    }
}

/// The write that withdrew a signature, by its audit action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithdrawingAction {
    /// An owner check was accepted.
    Accept,
    /// A decision was recorded.
    Decide,
    /// An acceptance or a decision was revoked.
    Revoke,
    /// A rehearsal step passed.
    ProbePassed,
    /// A rehearsal step failed.
    ProbeFailed,
    /// A scenario snapshot was frozen.
    FreezeSnapshot,
}

impl WithdrawingAction {
    /// Every action that can change an item's status.
    pub const ALL: [Self; 6] = [
        Self::Accept,
        Self::Decide,
        Self::Revoke,
        Self::ProbePassed,
        Self::ProbeFailed,
        Self::FreezeSnapshot,
    ];

    /// The audit action's code, stored with the withdrawal: the code of the audit event the
    /// withdrawing write appended.
    pub fn as_str(self) -> &'static str {
        AuditAction::from(self).as_str()
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == code)
    }
}

impl From<WithdrawingAction> for AuditAction {
    fn from(action: WithdrawingAction) -> Self {
        match action {
            WithdrawingAction::Accept => Self::Accept,
            WithdrawingAction::Decide => Self::Decide,
            WithdrawingAction::Revoke => Self::Revoke,
            WithdrawingAction::ProbePassed => Self::ProbePassed,
            WithdrawingAction::ProbeFailed => Self::ProbeFailed,
            WithdrawingAction::FreezeSnapshot => Self::FreezeSnapshot,
        }
    }
}

code_enum! {
    /// The managing director's sign-off, as the `signoffs` table stores it.
    pub enum SignoffDecision as "sign-off decision" {
        /// Production may go ahead.
        Go => "GO",
        /// Production may not.
        NoGo => "NO_GO",
    }
}

impl SignoffDecision {
    /// The audit event that records it.
    pub fn audit_action(self) -> AuditAction {
        match self {
            Self::Go => AuditAction::SignGo,
            Self::NoGo => AuditAction::RecordNoGo,
        }
    }
}

/// How many GO signatures production needs, each from a distinct managing director: from one
/// (the default) to [`SignaturesRequired::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SignaturesRequired(u8);

impl SignaturesRequired {
    /// One signature: the demo, and every programme that does not say.
    pub const ONE: Self = Self(1);
    /// The most a programme may ask for.
    pub const MAX: u8 = 5;

    /// `n` signatures, if `n` is between one and [`Self::MAX`].
    pub fn new(n: i64) -> Option<Self> {
        u8::try_from(n)
            .ok()
            .filter(|n| (1..=Self::MAX).contains(n))
            .map(Self)
    }

    /// How many.
    pub fn get(self) -> u32 {
        u32::from(self.0)
    }
}

impl Default for SignaturesRequired {
    fn default() -> Self {
        Self::ONE
    }
}

/// The latest sign-off is a GO that nothing has withdrawn: a write that changes an item's status
/// now would withdraw it, with the partial signatures of its round (and must be confirmed by
/// whoever writes).
pub fn withdrawable(state: &ReadinessState) -> Option<&Signoff> {
    state
        .signoff
        .as_ref()
        .filter(|s| s.go && s.withdrawal.is_none())
}

/// The GO signatures that count now, oldest first, one per signer: the latest sign-off when it
/// is a GO nothing withdrew, with the standing signatures given before it on the same state.
/// Empty when the latest sign-off is a NO-GO, a withdrawn GO, or absent.
pub fn round(state: &ReadinessState) -> Vec<&Signoff> {
    let Some(latest) = withdrawable(state) else {
        return Vec::new();
    };
    let same_state = |s: &&Signoff| {
        s.go && s.withdrawal.is_none()
            && s.state_digest.is_some()
            && s.state_digest == latest.state_digest
    };
    let mut round: Vec<&Signoff> = Vec::new();
    for signoff in state
        .cosignatures
        .iter()
        .filter(same_state)
        .chain(std::iter::once(latest))
    {
        // A signer counts once, whatever the rows say.
        if !round.iter().any(|s| s.actor == signoff.actor) {
            round.push(signoff);
        }
    }
    round
}

/// How many distinct managing directors have signed the round, of how many are required.
pub fn tally(state: &ReadinessState) -> Count {
    Count {
        ready: u32::try_from(round(state).len()).unwrap_or(u32::MAX),
        total: state.signatures_required.get(),
    }
}

/// The signature rung of the ladder: satisfied once as many distinct managing directors as the
/// programme requires have signed GO on the same state, and nothing has withdrawn it.
pub fn holds(state: &ReadinessState) -> bool {
    let tally = tally(state);
    tally.ready > 0 && tally.ready >= tally.total
}

/// What a GO signature, given now, is given on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis<'a> {
    /// A round of its own: the state as it stands, at the current audit head.
    Fresh,
    /// The round its partial signatures opened: the state and head of this, its first
    /// signature. The later signer confirms that same state.
    Join(&'a Signoff),
}

/// Why this managing director cannot sign GO now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CosignRefused {
    /// They have already signed this round: one person's signature counts once.
    #[error("this managing director has already signed GO on this state")]
    AlreadySigned,
}

/// What `actor`'s GO signature would be given on, or why it is refused (they signed the round
/// already). Whether the ladder stands at the sign-off is the caller's first question.
pub fn basis<'a>(state: &'a ReadinessState, actor: &str) -> Result<Basis<'a>, CosignRefused> {
    let round = round(state);
    match round.first() {
        None => Ok(Basis::Fresh),
        Some(_) if round.iter().any(|s| s.actor == actor) => Err(CosignRefused::AlreadySigned),
        Some(first) => Ok(Basis::Join(first)),
    }
}

/// The digest a GO form carries: the round's, when partial signatures stand (the later signer
/// signs what the first signed), else the state's as it stands now.
pub fn signing_digest(evaluation: &Evaluation, state: &ReadinessState) -> String {
    match round(state).first().and_then(|s| s.state_digest.clone()) {
        Some(digest) => digest,
        None => state_digest(evaluation, state.audit_head.as_ref()),
    }
}

/// Where the latest sign-off stands, given the overall decision it was evaluated into.
pub fn signature(state: &ReadinessState, decision: DecisionCode) -> Signature {
    match &state.signoff {
        None => Signature::Unsigned,
        Some(s) if !s.go => Signature::NoGo,
        Some(s) if s.withdrawal.is_some() => Signature::Withdrawn,
        Some(_) if decision == DecisionCode::Go => Signature::Standing,
        Some(_) if decision == DecisionCode::BlockedPendingSignoff && !holds(state) => {
            Signature::Partial
        }
        Some(_) => Signature::Lapsed,
    }
}

/// The first item whose status differs between two evaluations of the same catalogue: one of
/// `written` (the items the write itself named) if any of them changed, else the first in page
/// order. `None` when every status is the same, that is when the write withdraws nothing.
pub fn changed_item(before: &Evaluation, after: &Evaluation, written: &[&str]) -> Option<String> {
    let status = |ev: &Evaluation, key: &str| ev.item(key).map(|i| i.status);
    let changed = |key: &str| status(before, key) != status(after, key);
    if let Some(key) = written.iter().find(|k| changed(k)) {
        return Some((*key).to_owned());
    }
    // Items only the other evaluation has (the catalogue changed) count as changed too.
    let keys = |ev: &Evaluation| {
        ev.sections
            .iter()
            .flat_map(|s| s.items.iter().map(|i| i.key.clone()))
            .collect::<Vec<_>>()
    };
    keys(after)
        .into_iter()
        .chain(keys(before))
        .find(|key| changed(key))
}

/// The digest of the state a signature is given on: lowercase hex SHA-256 over a canonical
/// text — `BFGSignedState.v1`, the decision, the audit head (`seq hash`, or `none`), then one
/// `item key=status` line per item in page order, each line ending in a newline.
pub fn state_digest(evaluation: &Evaluation, head: Option<&AuditHead>) -> String {
    let mut text = String::from("BFGSignedState.v1\n");
    let _ = writeln!(text, "decision={}", evaluation.decision.as_str());
    match head {
        Some(head) => {
            let _ = writeln!(text, "audit_head={} {}", head.seq, head.hash);
        }
        None => text.push_str("audit_head=none\n"),
    }
    for item in evaluation.sections.iter().flat_map(|s| &s.items) {
        let _ = writeln!(text, "item {}={}", item.key, item.status.as_str());
    }
    Sha256::digest(text.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// A digest as the page shows it: `bfg-` and its first 8 hex digits, like the packets.
pub fn short(digest: &str) -> String {
    format!("bfg-{}", digest.get(..8).unwrap_or(digest))
}
