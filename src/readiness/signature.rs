//! The GO signature counts for the state it was given on.
//!
//! The managing director signs GO on one evaluated state: the decision, every item's status and
//! the audit head, summarised by [`state_digest`]. A later write that changes any item's status
//! withdraws the signature (like "dismiss stale approvals" in code review), and the writing
//! transaction records that withdrawal. GO then holds only while the latest GO signature is not
//! withdrawn: a withdrawn signature leaves the ladder at its first unsatisfied rung, and once
//! every gate is green again production waits at `BLOCKED_PENDING_SIGNOFF` for a new signature.
//! Re-accepting what was revoked never brings the old signature back.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::actions::AuditAction;
use super::catalogue::DecisionCode;
use super::code::code_enum;
use super::evaluate::Evaluation;
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
    /// The latest sign-off is GO and a later write withdrew it.
    Withdrawn,
    /// The latest sign-off is GO and nothing recorded its withdrawal, yet a rung below it is no
    /// longer satisfied: the state changed without passing through the console's writes.
    Lapsed,
}

impl Signature {
    /// Every value.
    pub const ALL: [Self; 5] = [
        Self::Unsigned,
        Self::NoGo,
        Self::Standing,
        Self::Withdrawn,
        Self::Lapsed,
    ];

    /// The code used in message ids and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unsigned => "unsigned",
            Self::NoGo => "no_go",
            Self::Standing => "standing",
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

/// The latest sign-off is a GO that nothing has withdrawn: a write that changes an item's status
/// now would withdraw it (and must be confirmed by whoever writes).
pub fn withdrawable(state: &ReadinessState) -> Option<&Signoff> {
    state
        .signoff
        .as_ref()
        .filter(|s| s.go && s.withdrawal.is_none())
}

/// The signature rung of the ladder: satisfied while the latest sign-off is a GO that nothing
/// has withdrawn.
pub fn holds(state: &ReadinessState) -> bool {
    withdrawable(state).is_some()
}

/// Where the latest sign-off stands, given the overall decision it was evaluated into.
pub fn signature(state: &ReadinessState, decision: DecisionCode) -> Signature {
    match &state.signoff {
        None => Signature::Unsigned,
        Some(s) if !s.go => Signature::NoGo,
        Some(s) if s.withdrawal.is_some() => Signature::Withdrawn,
        Some(_) if decision == DecisionCode::Go => Signature::Standing,
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
