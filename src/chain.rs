//! The audit chain's rules, with no I/O: how an event is written down (its canonical text), how
//! it is hashed, and how a whole chain — from the database or from a downloaded bundle — is
//! checked against itself, its head and its signed checkpoints.
//!
//! Each event's `hash` is the SHA-256 of the previous event's hash, a newline, and the event's
//! **canonical text**, one `key=value` per line in a fixed order (see [`canonical`]). The text
//! is stored exactly as hashed and can also be re-derived from the event's columns; checking
//! both catches a row edited behind the app's back even if the editor left the text alone.
//!
//! The hash chain alone proves only that the events agree with each other: anyone who may
//! insert rows and move the head can extend it. So each event also carries the audit key's
//! Ed25519 signature of its hash ([`crate::checkpoint::event_statement`]), made as it is
//! appended; the key lives outside the database, so an event written with only a database
//! login has no valid signature and is named. Events recorded before events were signed (below
//! the head's `signed_from`) are accepted unsigned, counted, and only while no signed event
//! came before them.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::checkpoint::{Checkpoint, EventVerifier, hex, utc_rfc3339};
use crate::readiness::AuditAction;

/// The canonical text of an event: the exact bytes its hash covers.
#[expect(clippy::too_many_arguments, reason = "one argument per recorded field")]
pub fn canonical(
    tenant: Uuid,
    seq: i64,
    actor: &str,
    action: &str,
    target: &str,
    evidence_digest: Option<&str>,
    request_id: &str,
    at: OffsetDateTime,
) -> String {
    let at = utc_rfc3339(at);
    format!(
        "v1\ntenant={tenant}\nseq={seq}\nactor={actor}\naction={action}\ntarget={target}\n\
         evidence={}\nrequest={request_id}\nat={at}\n",
        evidence_digest.unwrap_or("-")
    )
}

/// SHA-256 of the previous hash, a newline, and the canonical text, in lowercase hex.
pub fn chain_hash(prev_hash: &str, canonical: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.as_bytes());
    hex(&hasher.finalize())
}

/// One event as stored, and as exported one JSON object per line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Sequence number, from 1.
    pub seq: i64,
    /// Who acted.
    pub actor_id: Option<String>,
    /// What they did: an [`AuditAction`]'s code as recorded. Kept as text because the chain
    /// is checked on what was stored, byte for byte, whatever a later build calls it.
    pub action: String,
    /// On what.
    pub target: String,
    /// SHA-256 of the evidence, if any.
    pub evidence_digest: Option<String>,
    /// The request's id.
    pub request_id: Option<String>,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The exact hashed text.
    pub canonical: String,
    /// The previous event's hash (empty for the first).
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
    /// The audit key's signature of the hash (hex, see [`crate::checkpoint::event_statement`]);
    /// `None` for an event recorded before events were signed.
    #[serde(default)]
    pub signature: Option<String>,
}

/// The outcome of checking a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Every event links to the previous one, matches its hash and columns, carries its
    /// signature (unless recorded before events were signed), agrees with the head and with
    /// every checkpoint.
    Intact {
        /// Events checked (the head's sequence number).
        events: i64,
        /// The head's hash (empty when there are no events).
        head_hash: String,
        /// Signed checkpoints checked (one known twice is counted once).
        checkpoints: usize,
        /// Events recorded before events were signed: only the hash chain and the checkpoints
        /// vouch for them.
        unsigned: i64,
        /// The newest signed checkpoint's sequence number (0 without one): the events after
        /// it, up to the head, are vouched for by their own signatures only (see
        /// [`Verification::unpinned`]).
        checkpointed: i64,
        /// Signatures checked under the trusted key, events' and checkpoints' together; 0
        /// without a trusted key (then nothing was checked under a key the caller trusts).
        signatures: i64,
    },
    /// The first fault found, and where.
    Broken {
        /// The sequence number of the first event that does not verify (or that is missing).
        seq: i64,
        /// What is wrong, as a code (see [`Fault`]).
        reason: Fault,
    },
}

/// What is wrong with a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// An event is missing: the sequence jumps.
    Missing,
    /// Events are out of order or a sequence number repeats.
    OutOfOrder,
    /// An event does not name its predecessor's hash.
    PrevHashMismatch,
    /// An event's columns say something other than its canonical text.
    ColumnsDifferFromCanonical,
    /// An event's hash is not the hash of its text.
    HashMismatch,
    /// The head names another sequence number or hash than the last event.
    HeadMismatch,
    /// A checkpoint names events that are no longer there (newest events deleted).
    TruncatedBeforeCheckpoint,
    /// The event at a checkpoint's sequence number has another hash.
    CheckpointHashMismatch,
    /// A checkpoint is signed by a key other than the trusted one.
    CheckpointUnknownKey,
    /// A checkpoint's signature does not verify.
    CheckpointBadSignature,
    /// A checkpoint's columns differ from its signed statement.
    CheckpointStatementMismatch,
    /// An event that must be signed carries no signature: it was written without the audit
    /// key, straight into the database.
    EventUnsigned,
    /// An event's signature is not the audit key's signature of its hash: the event was
    /// written or re-hashed without the key.
    EventBadSignature,
    /// A record of the state (an acceptance, a revocation, a decision, a probe result, a
    /// sign-off) that no audit event records as it stands: written or changed straight in the
    /// database. See [`Unaccounted`].
    RecordWithoutEvent,
    /// An event recording such a write whose record is not there, or no longer says what the
    /// event recorded. See [`Unaccounted`].
    EventWithoutRecord,
}

impl Verification {
    /// The events after the newest signed checkpoint (first, last), if any: each carries its
    /// own signature, but no checkpoint pins them, so deleting them leaves nothing behind that
    /// names them. `None` when the head itself is checkpointed, or the chain is empty or broken.
    pub fn unpinned(&self) -> Option<(i64, i64)> {
        match self {
            Self::Intact {
                events,
                checkpointed,
                ..
            } if checkpointed < events => Some((checkpointed + 1, *events)),
            _ => None,
        }
    }

    /// Whether the head is covered by a signed checkpoint: the chain verifies, has events, and
    /// its newest checkpoint names its head.
    pub fn head_is_signed(&self) -> bool {
        matches!(self, Self::Intact { events, .. } if *events > 0) && self.unpinned().is_none()
    }
}

/// The sentence naming the events no checkpoint covers, as the command line prints it.
pub fn unpinned_sentence(first: i64, last: i64) -> String {
    if first == last {
        format!("event #{first} is covered by its own signature but by no signed checkpoint")
    } else {
        format!(
            "events #{first}–#{last} are covered by their own signatures but by no signed checkpoint"
        )
    }
}

impl Fault {
    /// The code shown to operators and used in message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::OutOfOrder => "out_of_order",
            Self::PrevHashMismatch => "prev_hash_mismatch",
            Self::ColumnsDifferFromCanonical => "columns_differ_from_canonical",
            Self::HashMismatch => "hash_mismatch",
            Self::HeadMismatch => "head_mismatch",
            Self::TruncatedBeforeCheckpoint => "truncated_before_checkpoint",
            Self::CheckpointHashMismatch => "checkpoint_hash_mismatch",
            Self::CheckpointUnknownKey => "checkpoint_unknown_key",
            Self::CheckpointBadSignature => "checkpoint_bad_signature",
            Self::CheckpointStatementMismatch => "checkpoint_statement_mismatch",
            Self::EventUnsigned => "event_unsigned",
            Self::EventBadSignature => "event_bad_signature",
            Self::RecordWithoutEvent => "record_without_event",
            Self::EventWithoutRecord => "event_without_record",
        }
    }

    /// Every fault.
    pub const ALL: [Self; 15] = [
        Self::Missing,
        Self::OutOfOrder,
        Self::PrevHashMismatch,
        Self::ColumnsDifferFromCanonical,
        Self::HashMismatch,
        Self::HeadMismatch,
        Self::TruncatedBeforeCheckpoint,
        Self::CheckpointHashMismatch,
        Self::CheckpointUnknownKey,
        Self::CheckpointBadSignature,
        Self::CheckpointStatementMismatch,
        Self::EventUnsigned,
        Self::EventBadSignature,
        Self::RecordWithoutEvent,
        Self::EventWithoutRecord,
    ];
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind of record of the state that is written with exactly one audit event of its own, in
/// the same transaction. `verify-audit` matches the two both ways (see `db::audit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Record {
    /// An owner check accepted: a row of `acceptances` without a value, event `accept`.
    Acceptance,
    /// A decision's value recorded: a row of `acceptances` with a value, event `decide`.
    Decision,
    /// An acceptance or decision revoked: its row of `acceptances`, event `revoke`.
    Revocation,
    /// A rehearsal step's result: a row of `probe_results`, event `probe_passed` or
    /// `probe_failed`.
    ProbeResult,
    /// The GO or NO-GO sign-off: a row of `signoffs`, event `sign_go` or `record_no_go`.
    Signoff,
}

impl Record {
    /// Every kind, in the order they are reported.
    pub const ALL: [Self; 5] = [
        Self::Acceptance,
        Self::Decision,
        Self::Revocation,
        Self::ProbeResult,
        Self::Signoff,
    ];

    /// The code used in message ids and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Acceptance => "acceptance",
            Self::Decision => "decision",
            Self::Revocation => "revocation",
            Self::ProbeResult => "probe_result",
            Self::Signoff => "signoff",
        }
    }

    /// The table its rows live in.
    pub fn table(self) -> &'static str {
        match self {
            Self::Acceptance | Self::Decision | Self::Revocation => "acceptances",
            Self::ProbeResult => "probe_results",
            Self::Signoff => "signoffs",
        }
    }

    /// The actions of the events that record it.
    pub fn actions(self) -> &'static [AuditAction] {
        match self {
            Self::Acceptance => &[AuditAction::Accept],
            Self::Decision => &[AuditAction::Decide],
            Self::Revocation => &[AuditAction::Revoke],
            Self::ProbeResult => &[AuditAction::ProbePassed, AuditAction::ProbeFailed],
            Self::Signoff => &[AuditAction::SignGo, AuditAction::RecordNoGo],
        }
    }
}

/// Where the records of the state and the chain disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unaccounted {
    /// A row that no event records as it stands, named by its table and id.
    Row {
        /// What kind of record.
        record: Record,
        /// The row's id in [`Record::table`].
        id: i64,
    },
    /// An event recording a write whose row is not there (or no longer says what the event
    /// recorded), named by its sequence number.
    Event {
        /// What kind of record it records.
        record: Record,
        /// The event's sequence number.
        seq: i64,
    },
}

impl Unaccounted {
    /// The fault, as a code.
    pub fn fault(self) -> Fault {
        match self {
            Self::Row { .. } => Fault::RecordWithoutEvent,
            Self::Event { .. } => Fault::EventWithoutRecord,
        }
    }

    /// What kind of record.
    pub fn record(self) -> Record {
        match self {
            Self::Row { record, .. } | Self::Event { record, .. } => record,
        }
    }
}

impl std::fmt::Display for Unaccounted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Row { record, id } => write!(
                f,
                "{} #{id} ({}): {}",
                record.table(),
                record.as_str(),
                self.fault()
            ),
            Self::Event { record, seq } => {
                write!(f, "event #{seq} ({}): {}", record.as_str(), self.fault())
            }
        }
    }
}

/// Checks `events` (in the order given) of `tenant` against themselves, the recorded `head`
/// (sequence, hash) if there is one, and each event's signature and each checkpoint under the
/// `trusted` public key (hex); every event from `signed_from` on must be signed. With no
/// trusted key, checkpoints are checked against their own key (that still catches an edited
/// checkpoint, not a forged one) and event signatures only for being there.
pub fn check(
    tenant: Uuid,
    events: &[Event],
    head: Option<(i64, &str)>,
    checkpoints: &[Checkpoint],
    trusted: Option<&str>,
    signed_from: i64,
) -> Verification {
    let mut checker = Checker::new(tenant, checkpoints, trusted, signed_from);
    for event in events {
        if !checker.push(event) {
            break;
        }
    }
    checker.finish(head)
}

/// The same check, one event at a time, so a long chain can stream through it. It keeps the
/// hashes at the checkpoints' sequence numbers only.
#[derive(Debug)]
pub struct Checker<'a> {
    tenant: Uuid,
    checkpoints: Vec<&'a Checkpoint>,
    trusted: Option<&'a str>,
    verifier: Option<EventVerifier>,
    signed_from: i64,
    signed_seen: bool,
    unsigned: i64,
    signatures: i64,
    pinned: std::collections::HashMap<i64, String>,
    prev: String,
    expected: i64,
    broken: Option<(i64, Fault)>,
}

impl<'a> Checker<'a> {
    /// A checker of `tenant`'s chain, to be compared with `checkpoints` at the end, with every
    /// event from `signed_from` on signed under `trusted` (see [`check`]).
    pub fn new(
        tenant: Uuid,
        checkpoints: &'a [Checkpoint],
        trusted: Option<&'a str>,
        signed_from: i64,
    ) -> Self {
        let mut checkpoints: Vec<&Checkpoint> = checkpoints.iter().collect();
        // The same checkpoint known twice (stored, and kept from a bundle) is one checkpoint.
        checkpoints.sort_by(|a, b| {
            (
                a.seq,
                &a.hash,
                &a.statement,
                &a.signature,
                &a.public_key,
                a.at,
            )
                .cmp(&(
                    b.seq,
                    &b.hash,
                    &b.statement,
                    &b.signature,
                    &b.public_key,
                    b.at,
                ))
        });
        checkpoints.dedup_by(|a, b| a == b);
        Self {
            tenant,
            pinned: checkpoints.iter().map(|c| (c.seq, String::new())).collect(),
            checkpoints,
            trusted,
            verifier: trusted.map(EventVerifier::new),
            signed_from,
            signed_seen: false,
            unsigned: 0,
            signatures: 0,
            prev: String::new(),
            expected: 1,
            broken: None,
        }
    }

    /// Checks the next event; `false` once the chain is broken (later events add nothing).
    pub fn push(&mut self, event: &Event) -> bool {
        if self.broken.is_some() {
            return false;
        }
        let fault = if event.seq > self.expected {
            Some((self.expected, Fault::Missing))
        } else if event.seq < self.expected {
            Some((event.seq, Fault::OutOfOrder))
        } else if event.prev_hash != self.prev {
            Some((event.seq, Fault::PrevHashMismatch))
        } else if canonical(
            self.tenant,
            event.seq,
            event.actor_id.as_deref().unwrap_or_default(),
            &event.action,
            &event.target,
            event.evidence_digest.as_deref(),
            event.request_id.as_deref().unwrap_or_default(),
            event.at,
        ) != event.canonical
        {
            Some((event.seq, Fault::ColumnsDifferFromCanonical))
        } else if chain_hash(&self.prev, &event.canonical) != event.hash {
            Some((event.seq, Fault::HashMismatch))
        } else {
            // Last, so that an event edited and re-hashed consistently is named here, at its own
            // position, and not at the next event, whose link to it no longer holds.
            self.signature_fault(event).map(|fault| (event.seq, fault))
        };
        if let Some(fault) = fault {
            self.broken = Some(fault);
            return false;
        }
        if let Some(slot) = self.pinned.get_mut(&event.seq) {
            slot.clone_from(&event.hash);
        }
        self.prev.clone_from(&event.hash);
        self.expected += 1;
        true
    }

    /// What is wrong with the event's signature, if anything. An unsigned event passes only
    /// below `signed_from` and before any signed one: once events are signed, they all are.
    fn signature_fault(&mut self, event: &Event) -> Option<Fault> {
        let Some(signature) = &event.signature else {
            if self.signed_seen || event.seq >= self.signed_from {
                return Some(Fault::EventUnsigned);
            }
            self.unsigned += 1;
            return None;
        };
        self.signed_seen = true;
        match &self.verifier {
            Some(verifier) if !verifier.verifies(&event.hash, signature) => {
                Some(Fault::EventBadSignature)
            }
            Some(_) => {
                self.signatures += 1;
                None
            }
            None => None,
        }
    }

    /// The verdict, comparing the chain with the `head` and the checkpoints.
    pub fn finish(self, head: Option<(i64, &str)>) -> Verification {
        let broken = |seq, reason| Verification::Broken { seq, reason };
        if let Some((seq, reason)) = self.broken {
            return broken(seq, reason);
        }
        let last = self.expected - 1;
        let mut signatures = self.signatures;
        // Checkpoints before the head: a chain cut back to before a checkpoint, with the head
        // rewritten to match, is reported as what it is.
        for cp in &self.checkpoints {
            let key = self.trusted.unwrap_or(&cp.public_key);
            if let Err(fault) = cp.check(self.tenant, key) {
                return broken(cp.seq, fault.into());
            }
            if cp.seq > last {
                return broken(last + 1, Fault::TruncatedBeforeCheckpoint);
            }
            if self.pinned.get(&cp.seq) != Some(&cp.hash) {
                return broken(cp.seq, Fault::CheckpointHashMismatch);
            }
            if self.trusted.is_some() {
                signatures += 1;
            }
        }
        if let Some((seq, hash)) = head
            && (seq != last || hash != self.prev)
        {
            return broken(last + 1, Fault::HeadMismatch);
        }
        Verification::Intact {
            events: last,
            head_hash: self.prev,
            checkpoints: self.checkpoints.len(),
            unsigned: self.unsigned,
            checkpointed: self.checkpoints.iter().map(|c| c.seq).max().unwrap_or(0),
            signatures,
        }
    }
}

impl From<crate::checkpoint::CheckpointFault> for Fault {
    fn from(fault: crate::checkpoint::CheckpointFault) -> Self {
        use crate::checkpoint::CheckpointFault as C;
        match fault {
            C::UnknownKey => Self::CheckpointUnknownKey,
            C::BadSignature => Self::CheckpointBadSignature,
            C::StatementMismatch => Self::CheckpointStatementMismatch,
        }
    }
}

/// Chains made up for the tests of the chain and of the bundle.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;
    use crate::checkpoint::CheckpointKey;

    /// `length` events of Anna accepting `target(seq)`, a minute apart after `start`, each
    /// linked to the one before and signed with `key`.
    pub(crate) fn signed_chain(
        key: &CheckpointKey,
        tenant: Uuid,
        length: i64,
        start: OffsetDateTime,
        target: impl Fn(i64) -> String,
    ) -> Vec<Event> {
        let mut events: Vec<Event> = Vec::new();
        let mut prev = String::new();
        for seq in 1..=length {
            let at = start + time::Duration::minutes(seq);
            let (actor, action, target) = ("user_md_anna", "accept", target(seq));
            let text = canonical(tenant, seq, actor, action, &target, None, "r", at);
            let hash = chain_hash(&prev, &text);
            events.push(Event {
                seq,
                actor_id: Some(actor.into()),
                action: action.into(),
                target,
                evidence_digest: None,
                request_id: Some("r".into()),
                at,
                canonical: text,
                prev_hash: prev.clone(),
                hash: hash.clone(),
                signature: Some(key.sign_event(&hash)),
            });
            prev = hash;
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::CheckpointKey;
    use time::macros::datetime;

    const TENANT: Uuid = Uuid::from_u128(0xB0C);
    const LENGTH: i64 = 12;

    /// A valid chain of `LENGTH` events, checkpointed at 5 and at its head.
    fn chain() -> (Vec<Event>, Vec<Checkpoint>, CheckpointKey) {
        let key = CheckpointKey::from_seed([9; 32]);
        let start = datetime!(2026-11-22 08:00 UTC);
        let events =
            fixtures::signed_chain(&key, TENANT, LENGTH, start, |seq| format!("gates.g{seq}"));
        let at = datetime!(2026-11-22 12:00 UTC);
        let checkpoints = [5, LENGTH]
            .iter()
            .map(|&seq| {
                let hash = &events[usize::try_from(seq - 1).unwrap()].hash;
                key.sign(TENANT, seq, hash, at)
            })
            .collect();
        (events, checkpoints, key)
    }

    /// The verdict under `key`, with every event to be signed and the head at the last event.
    fn verdict(events: &[Event], checkpoints: &[Checkpoint], key: &CheckpointKey) -> Verification {
        verdict_from(events, checkpoints, Some(key), 1)
    }

    fn verdict_from(
        events: &[Event],
        checkpoints: &[Checkpoint],
        key: Option<&CheckpointKey>,
        signed_from: i64,
    ) -> Verification {
        let head = events.last().map(|e| (e.seq, e.hash.clone()));
        let trusted = key.map(CheckpointKey::public_hex);
        check(
            TENANT,
            events,
            head.as_ref().map(|(s, h)| (*s, h.as_str())),
            checkpoints,
            trusted.as_deref(),
            signed_from,
        )
    }

    /// Edits the event at `i` and re-hashes it, and with `relink` every later one, as someone
    /// who knows the hash rule but not the key would.
    fn edit_and_rehash(events: &mut [Event], i: i64, relink: bool) {
        let ev = &mut events[at(i)];
        ev.canonical = ev.canonical.replace("accept", "revoke");
        ev.action = "revoke".into();
        ev.hash = chain_hash(&ev.prev_hash, &ev.canonical);
        if relink {
            for j in i..LENGTH {
                let prev = events[at(j)].hash.clone();
                let next = &mut events[at(j + 1)];
                next.hash = chain_hash(&prev, &next.canonical);
                next.prev_hash = prev;
            }
        }
    }

    /// A correctly chained event after the last one, as the app role could insert it.
    fn forged_after(events: &[Event]) -> Event {
        let last = &events[events.len() - 1];
        let seq = last.seq + 1;
        let at = last.at + time::Duration::minutes(1);
        let text = canonical(
            TENANT,
            seq,
            "user_md_anna",
            "sign_go",
            "production",
            None,
            "r",
            at,
        );
        Event {
            seq,
            actor_id: Some("user_md_anna".into()),
            action: "sign_go".into(),
            target: "production".into(),
            evidence_digest: None,
            request_id: Some("r".into()),
            at,
            hash: chain_hash(&last.hash, &text),
            canonical: text,
            prev_hash: last.hash.clone(),
            signature: None,
        }
    }

    fn at(i: i64) -> usize {
        usize::try_from(i - 1).unwrap()
    }

    #[test]
    fn an_untouched_chain_verifies_with_its_checkpoints() {
        let (events, checkpoints, key) = chain();
        assert_eq!(
            verdict(&events, &checkpoints, &key),
            Verification::Intact {
                events: LENGTH,
                head_hash: events[at(LENGTH)].hash.clone(),
                checkpoints: 2,
                unsigned: 0,
                checkpointed: LENGTH,
                // Twelve events' signatures and two checkpoints'.
                signatures: LENGTH + 2,
            }
        );
    }

    #[test]
    fn the_verdict_names_the_events_no_checkpoint_covers_and_what_was_checked_under_the_key() {
        /// Checkpointed events, trusted key?, newest checkpoint, unpinned events, signatures.
        type Case = (&'static [i64], bool, i64, Option<(i64, i64)>, i64);
        let cases: [Case; 5] = [
            (&[5, LENGTH], true, LENGTH, None, LENGTH + 2),
            (&[5], true, 5, Some((6, LENGTH)), LENGTH + 1),
            (
                &[LENGTH - 1],
                true,
                LENGTH - 1,
                Some((LENGTH, LENGTH)),
                LENGTH + 1,
            ),
            (&[], true, 0, Some((1, LENGTH)), LENGTH),
            // Without a trusted key nothing is checked under a key the caller trusts.
            (&[5, LENGTH], false, LENGTH, None, 0),
        ];
        for (at_seqs, trusted, newest, unpinned, signatures) in cases {
            let (events, all, key) = chain();
            let checkpoints: Vec<Checkpoint> = at_seqs
                .iter()
                .map(|&seq| {
                    all.iter()
                        .find(|c| c.seq == seq)
                        .cloned()
                        .unwrap_or_else(|| key.sign(TENANT, seq, &events[at(seq)].hash, all[0].at))
                })
                .collect();
            let verdict = verdict_from(&events, &checkpoints, trusted.then_some(&key), 1);
            let Verification::Intact {
                checkpointed,
                signatures: checked,
                ..
            } = verdict
            else {
                panic!("{at_seqs:?}: {verdict:?}");
            };
            assert_eq!(checkpointed, newest, "{at_seqs:?}");
            assert_eq!(verdict.unpinned(), unpinned, "{at_seqs:?}");
            assert_eq!(verdict.head_is_signed(), unpinned.is_none(), "{at_seqs:?}");
            assert_eq!(checked, signatures, "{at_seqs:?}, trusted {trusted}");
        }
        // An empty chain has no head to sign; a broken one vouches for nothing.
        let empty = check(TENANT, &[], Some((0, "")), &[], None, 1);
        assert_eq!(empty.unpinned(), None);
        assert!(!empty.head_is_signed());
        let broken = Verification::Broken {
            seq: 3,
            reason: Fault::Missing,
        };
        assert!(!broken.head_is_signed());
        assert_eq!(
            unpinned_sentence(6, 12),
            "events #6–#12 are covered by their own signatures but by no signed checkpoint"
        );
        assert_eq!(
            unpinned_sentence(12, 12),
            "event #12 is covered by its own signature but by no signed checkpoint"
        );
    }

    #[test]
    fn every_kind_of_tampering_is_detected_at_every_position() {
        type Tamper = fn(&mut Vec<Event>, i64);
        let kinds: [(&str, Tamper); 6] = [
            ("edited field", |e, i| e[at(i)].action = "revoke".into()),
            ("edited text and hash", |e, i| edit_and_rehash(e, i, false)),
            ("deleted", |e, i| {
                e.remove(at(i));
            }),
            ("reordered", |e, i| {
                let j = if i == LENGTH { i - 1 } else { i + 1 };
                e.swap(at(i), at(j));
            }),
            ("inserted", |e, i| {
                let mut forged = e[at(i)].clone();
                forged.target = "gates.forged".into();
                e.insert(at(i), forged);
            }),
            ("renumbered", |e, i| e[at(i)].seq += 100),
        ];
        for (name, tamper) in kinds {
            for position in 1..=LENGTH {
                let (mut events, checkpoints, key) = chain();
                tamper(&mut events, position);
                assert!(
                    matches!(
                        verdict(&events, &checkpoints, &key),
                        Verification::Broken { .. }
                    ),
                    "{name} at {position} went unnoticed"
                );
            }
        }
    }

    #[test]
    fn deleting_the_newest_events_is_caught_by_a_checkpoint() {
        for keep in 0..LENGTH {
            let (mut events, checkpoints, key) = chain();
            events.truncate(usize::try_from(keep).unwrap());
            // The head is rewritten to match what is left, as a careful forger would.
            let verdict = verdict(&events, &checkpoints, &key);
            assert!(
                matches!(verdict, Verification::Broken { .. }),
                "cut back to {keep} events went unnoticed"
            );
        }
    }

    #[test]
    fn a_forged_or_edited_checkpoint_is_caught() {
        let (events, mut checkpoints, key) = chain();
        let forger = CheckpointKey::from_seed([1; 32]);
        checkpoints[0] = forger.sign(TENANT, 5, &events[4].hash, checkpoints[0].at);
        assert_eq!(
            verdict(&events, &checkpoints, &key),
            Verification::Broken {
                seq: 5,
                reason: Fault::CheckpointUnknownKey
            }
        );
        let (events, mut checkpoints, key) = chain();
        checkpoints[1].hash = events[3].hash.clone();
        assert!(matches!(
            verdict(&events, &checkpoints, &key),
            Verification::Broken { .. }
        ));
    }

    #[test]
    fn an_event_edited_and_re_hashed_is_named_at_its_own_position() {
        for relink in [false, true] {
            for position in 1..=LENGTH {
                let (mut events, checkpoints, key) = chain();
                edit_and_rehash(&mut events, position, relink);
                assert_eq!(
                    verdict(&events, &checkpoints, &key),
                    Verification::Broken {
                        seq: position,
                        reason: Fault::EventBadSignature
                    },
                    "re-hashed at {position}, later events re-linked: {relink}"
                );
            }
        }
    }

    #[test]
    fn an_event_appended_without_the_key_is_named_by_its_sequence_number() {
        let forger = CheckpointKey::from_seed([1; 32]);
        type Sign = fn(&mut Event, &[Event], &CheckpointKey);
        let cases: [(&str, Sign, Fault); 3] = [
            ("no signature", |_, _, _| {}, Fault::EventUnsigned),
            (
                "the previous event's signature",
                |e, chain, _| e.signature.clone_from(&chain[chain.len() - 1].signature),
                Fault::EventBadSignature,
            ),
            (
                "signed with another key",
                |e, _, forger| e.signature = Some(forger.sign_event(&e.hash)),
                Fault::EventBadSignature,
            ),
        ];
        for (name, sign, fault) in cases {
            let (mut events, checkpoints, key) = chain();
            let mut forged = forged_after(&events);
            sign(&mut forged, &events, &forger);
            events.push(forged);
            assert_eq!(
                verdict(&events, &checkpoints, &key),
                Verification::Broken {
                    seq: LENGTH + 1,
                    reason: fault
                },
                "{name}"
            );
        }
    }

    #[test]
    fn unsigned_events_pass_only_before_events_were_signed() {
        // Events 1 to 4 were recorded before signing began at `signed_from`; maybe one more is
        // stripped of its signature.
        let head_hash = chain().0[at(LENGTH)].hash.clone();
        let cases: [(&str, i64, Option<i64>, Verification); 4] = [
            (
                "signing began at 5",
                5,
                None,
                Verification::Intact {
                    events: LENGTH,
                    head_hash,
                    checkpoints: 2,
                    unsigned: 4,
                    checkpointed: LENGTH,
                    signatures: LENGTH - 4 + 2,
                },
            ),
            (
                "signing began at 3",
                3,
                None,
                Verification::Broken {
                    seq: 3,
                    reason: Fault::EventUnsigned,
                },
            ),
            (
                "a later event stripped of its signature",
                5,
                Some(8),
                Verification::Broken {
                    seq: 8,
                    reason: Fault::EventUnsigned,
                },
            ),
            (
                "the same, with signing said to begin later",
                100,
                Some(8),
                Verification::Broken {
                    seq: 8,
                    reason: Fault::EventUnsigned,
                },
            ),
        ];
        for (name, signed_from, stripped, expected) in cases {
            let (mut events, checkpoints, key) = chain();
            for seq in (1..=4).chain(stripped) {
                events[at(seq)].signature = None;
            }
            assert_eq!(
                verdict_from(&events, &checkpoints, Some(&key), signed_from),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn without_a_trusted_key_a_signature_must_still_be_there() {
        let (mut events, checkpoints, _) = chain();
        let forger = CheckpointKey::from_seed([1; 32]);
        let mut forged = forged_after(&events);
        forged.signature = Some(forger.sign_event(&forged.hash));
        events.push(forged.clone());
        assert!(matches!(
            verdict_from(&events, &checkpoints, None, 1),
            Verification::Intact { .. }
        ));
        events[at(LENGTH + 1)].signature = None;
        assert_eq!(
            verdict_from(&events, &checkpoints, None, 1),
            Verification::Broken {
                seq: LENGTH + 1,
                reason: Fault::EventUnsigned
            }
        );
    }

    #[test]
    fn a_checkpoint_known_twice_is_counted_once() {
        let (events, mut checkpoints, key) = chain();
        // Kept from a bundle as well as stored: the same two again.
        checkpoints.extend(checkpoints.clone());
        let count = |checkpoints: &[Checkpoint]| match verdict(&events, checkpoints, &key) {
            Verification::Intact { checkpoints, .. } => checkpoints,
            broken => panic!("{broken:?}"),
        };
        assert_eq!(count(&checkpoints), 2);
        // Another checkpoint of the same event, signed later, is another checkpoint.
        let later = checkpoints[0].at + time::Duration::HOUR;
        checkpoints.push(key.sign(TENANT, 5, &events[at(5)].hash, later));
        assert_eq!(count(&checkpoints), 3);
    }
}
