//! What the outside world hears of a tenant: the domain events a write emits (written to the
//! outbox in the write's own transaction), the rules of their delivery (retries and their
//! backoff), and what a webhook endpoint may be.
//!
//! Pure: the write path hands in what it did and the summaries before and after it; the worker
//! hands in how many tries a delivery had. Nothing here knows a clock or a connection.

use std::collections::BTreeSet;

use time::Duration;

use super::actions::AuditAction;
use super::catalogue::DecisionCode;
use super::code::code_enum;

code_enum! {
    /// The type of a domain event, as webhooks name it (`type` in the body) and endpoints
    /// subscribe to it. The names follow the API's resources.
    pub enum EventType as "event type" {
        /// An owner check was accepted.
        ItemAccepted => "item.accepted",
        /// An acceptance or a decision was revoked.
        ItemRevoked => "item.revoked",
        /// A decision's value was recorded.
        DecisionRecorded => "decision.recorded",
        /// The managing director signed GO.
        SignoffGo => "signoff.go",
        /// The managing director recorded NO-GO.
        SignoffNoGo => "signoff.no_go",
        /// A standing GO signature was withdrawn by a change to an item it covered.
        SignoffWithdrawn => "signoff.withdrawn",
        /// The decision moved to another rung of the ladder.
        ReadinessChanged => "readiness.changed",
        /// An item became actionable for its owner.
        ItemWaitingOnOwner => "item.waiting_on_owner",
        /// The tenant was suspended by the platform operator.
        TenantSuspended => "tenant.suspended",
        /// The tenant was resumed.
        TenantResumed => "tenant.resumed",
    }
}

/// The event type an audit action emits, if it emits one (most actions are the tenant's own
/// administration, which the outside world does not subscribe to).
pub fn of_action(action: AuditAction) -> Option<EventType> {
    match action {
        AuditAction::Accept => Some(EventType::ItemAccepted),
        AuditAction::Revoke => Some(EventType::ItemRevoked),
        AuditAction::Decide => Some(EventType::DecisionRecorded),
        AuditAction::SignGo => Some(EventType::SignoffGo),
        AuditAction::RecordNoGo => Some(EventType::SignoffNoGo),
        _ => None,
    }
}

/// The event a step of the tenant's lifecycle emits, if it emits one: the tenant's people and
/// pipelines hear that it was suspended or resumed.
pub fn of_lifecycle(
    kind: super::lifecycle::TenantEventKind,
    reason: Option<&str>,
) -> Option<DomainEvent> {
    use super::lifecycle::TenantEventKind;
    let kind = match kind {
        TenantEventKind::Suspended => EventType::TenantSuspended,
        TenantEventKind::Resumed => EventType::TenantResumed,
        _ => return None,
    };
    let data = match reason {
        Some(reason) => serde_json::json!({ "reason": reason }),
        None => serde_json::json!({}),
    };
    Some(DomainEvent { kind, data })
}

/// What the summary of a tenant holds that events are derived from: its decision, and the
/// items actionable now with the person each waits on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// The decision ladder's verdict, if the tenant was evaluated before.
    pub decision: Option<DecisionCode>,
    /// `(item, owner)` for every open item that has an owner.
    pub waiting: BTreeSet<(String, String)>,
}

impl Standing {
    /// The standing of an evaluation.
    pub fn of(evaluation: &super::Evaluation) -> Self {
        let waiting = evaluation
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| i.status == super::Status::Open)
            .filter_map(|i| Some((i.key.clone(), i.owner.clone()?)))
            .collect();
        Self {
            decision: Some(evaluation.decision),
            waiting,
        }
    }
}

/// A domain event before it is stored: its type and its data (the body's `data`, besides the
/// fields every event carries).
#[derive(Debug, Clone, PartialEq)]
pub struct DomainEvent {
    /// Its type.
    pub kind: EventType,
    /// What happened, in the API's field names.
    pub data: serde_json::Value,
}

/// What a write did, for the events it emits.
#[derive(Debug, Clone, Copy)]
pub struct Done<'a> {
    /// The audit event's action.
    pub action: AuditAction,
    /// The audit event's target (an item key, or a target code).
    pub target: &'a str,
    /// The actor who wrote it.
    pub actor: &'a str,
    /// The audit event's sequence number.
    pub seq: i64,
    /// Whether it withdrew a standing GO signature.
    pub withdrew: bool,
}

/// Every event a write emits, in order: for each audit event it appended, its own (if its
/// action has one) and the withdrawal of a GO signature; then a move of the decision, and each
/// item that became actionable for its owner (these two name the write's last actor).
pub fn events(done: &[Done<'_>], before: &Standing, after: &Standing) -> Vec<DomainEvent> {
    let by = |done: Option<&Done<'_>>, mut data: serde_json::Value| {
        if let (Some(object), Some(done)) = (data.as_object_mut(), done) {
            object.insert("actor".into(), done.actor.into());
            object.insert("auditSeq".into(), done.seq.into());
        }
        data
    };
    let mut events = Vec::new();
    for one in done {
        if let Some(kind) = of_action(one.action) {
            let data = match kind {
                EventType::SignoffGo | EventType::SignoffNoGo => serde_json::json!({}),
                _ => serde_json::json!({ "item": one.target }),
            };
            events.push(DomainEvent {
                kind,
                data: by(Some(one), data),
            });
        }
        if one.withdrew {
            events.push(DomainEvent {
                kind: EventType::SignoffWithdrawn,
                data: by(
                    Some(one),
                    serde_json::json!({ "cause": one.action.as_str(), "item": one.target }),
                ),
            });
        }
    }
    let last = done.last();
    if let (Some(from), Some(to)) = (before.decision, after.decision)
        && from != to
    {
        events.push(DomainEvent {
            kind: EventType::ReadinessChanged,
            data: by(
                last,
                serde_json::json!({ "from": from.as_str(), "to": to.as_str() }),
            ),
        });
    }
    for (item, owner) in after.waiting.difference(&before.waiting) {
        events.push(DomainEvent {
            kind: EventType::ItemWaitingOnOwner,
            data: by(last, serde_json::json!({ "item": item, "owner": owner })),
        });
    }
    events
}

/// How long a failed delivery waits before each retry: 1 minute, 5, 15, 1 hour, 6 hours.
pub const BACKOFF: [Duration; 5] = [
    Duration::minutes(1),
    Duration::minutes(5),
    Duration::minutes(15),
    Duration::hours(1),
    Duration::hours(6),
];

/// How many times a delivery is tried in all: once, then once after each wait of [`BACKOFF`].
pub const TRIES: i32 = 1 + BACKOFF.len() as i32;

/// What follows a failed try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again after this long.
    Retry(Duration),
    /// No try is left: the delivery is dead (the managing director can retry it by hand).
    Dead,
}

/// What follows the failure of a delivery's `tries`th try (counting from 1).
pub fn after_failure(tries: i32) -> AfterFailure {
    usize::try_from((tries - 1).max(0))
        .ok()
        .and_then(|i| BACKOFF.get(i))
        .map_or(AfterFailure::Dead, |wait| AfterFailure::Retry(*wait))
}

/// Why an endpoint cannot be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointRefusal {
    /// The URL does not parse, or is not `https://` (or has credentials in it).
    NotHttps,
    /// No event type was chosen.
    NoEvents,
    /// An event type this console does not emit.
    UnknownEvent,
    /// The host resolves only to loopback, private, link-local or other non-public addresses.
    PrivateAddress,
    /// The host's name does not resolve.
    Unresolvable,
}

impl EndpointRefusal {
    /// The code, for message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotHttps => "not_https",
            Self::NoEvents => "no_events",
            Self::UnknownEvent => "unknown_event",
            Self::PrivateAddress => "private_address",
            Self::Unresolvable => "unresolvable",
        }
    }

    /// The sentence the command line prints.
    pub fn sentence(self) -> &'static str {
        match self {
            Self::NotHttps => "an endpoint's URL must be https:// with a host, and no credentials",
            Self::NoEvents => "choose at least one event type",
            Self::UnknownEvent => "that is not an event type the console emits",
            Self::PrivateAddress => {
                "that host resolves to a loopback, private or link-local address, which the \
                 console does not send to (unless started with --webhooks-allow-private)"
            }
            Self::Unresolvable => "that host's name does not resolve",
        }
    }

    /// Every refusal.
    pub const ALL: [Self; 5] = [
        Self::NotHttps,
        Self::NoEvents,
        Self::UnknownEvent,
        Self::PrivateAddress,
        Self::Unresolvable,
    ];
}

/// Reads the event types an endpoint subscribes to, as typed (comma separated on the command
/// line, one per checkbox in the form): known, at least one, without repeats, in [`EventType::ALL`]'s order.
pub fn parse_events<'a>(
    typed: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<EventType>, EndpointRefusal> {
    let mut chosen = BTreeSet::new();
    for code in typed.into_iter().map(str::trim).filter(|c| !c.is_empty()) {
        let kind = EventType::parse(code).ok_or(EndpointRefusal::UnknownEvent)?;
        chosen.insert(EventType::ALL.iter().position(|k| *k == kind));
    }
    if chosen.is_empty() {
        return Err(EndpointRefusal::NoEvents);
    }
    Ok(chosen
        .into_iter()
        .flatten()
        .map(|i| EventType::ALL[i])
        .collect())
}

/// Reads an endpoint's URL: `https://` with a host and no credentials. Whether the host is a
/// public address is for the sender to check when it resolves it, every time.
pub fn parse_url(typed: &str) -> Result<url::Url, EndpointRefusal> {
    let url = url::Url::parse(typed.trim()).map_err(|_| EndpointRefusal::NotHttps)?;
    if url.scheme() != "https"
        || url.host_str().is_none_or(str::is_empty)
        || !url.username().is_empty()
        || url.password().is_some()
        || url.as_str().len() > 2_000
    {
        return Err(EndpointRefusal::NotHttps);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(decision: DecisionCode, waiting: &[(&str, &str)]) -> Standing {
        Standing {
            decision: Some(decision),
            waiting: waiting
                .iter()
                .map(|(i, o)| ((*i).to_owned(), (*o).to_owned()))
                .collect(),
        }
    }

    fn done(action: AuditAction, withdrew: bool) -> Done<'static> {
        Done {
            action,
            target: "connection.rollback",
            actor: "marek",
            seq: 41,
            withdrew,
        }
    }

    #[test]
    fn an_acceptance_that_moves_the_decision_and_frees_an_item_emits_three_events() {
        let before = standing(DecisionCode::BlockedPendingDryRun, &[("a.one", "olena")]);
        let after = standing(
            DecisionCode::BlockedPendingSignoff,
            &[("a.one", "olena"), ("a.two", "anna")],
        );
        let events = events(&[done(AuditAction::Accept, false)], &before, &after);
        let kinds: Vec<_> = events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "item.accepted",
                "readiness.changed",
                "item.waiting_on_owner"
            ]
        );
        assert_eq!(events[0].data["item"], "connection.rollback");
        assert_eq!(events[0].data["auditSeq"], 41);
        assert_eq!(events[1].data["from"], "BLOCKED_PENDING_DRY_RUN");
        assert_eq!(events[2].data["owner"], "anna");
        assert_eq!(events[2].data["item"], "a.two");
    }

    #[test]
    fn a_withdrawing_revoke_says_so_and_administration_emits_nothing() {
        let same = standing(DecisionCode::Go, &[]);
        let kinds: Vec<_> = events(&[done(AuditAction::Revoke, true)], &same, &same)
            .iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, [EventType::ItemRevoked, EventType::SignoffWithdrawn]);
        assert!(events(&[done(AuditAction::InvitePerson, false)], &same, &same).is_empty());
        // A tenant never evaluated before has no decision to move from.
        let first = events(
            &[done(AuditAction::SetProfile, false)],
            &Standing::default(),
            &same,
        );
        assert!(first.is_empty());
    }

    #[test]
    fn suspending_and_resuming_are_events_the_other_steps_are_not() {
        use crate::readiness::lifecycle::TenantEventKind;
        let suspended = of_lifecycle(TenantEventKind::Suspended, Some("Invoice overdue.")).unwrap();
        assert_eq!(suspended.kind, EventType::TenantSuspended);
        assert_eq!(suspended.data["reason"], "Invoice overdue.");
        assert_eq!(
            of_lifecycle(TenantEventKind::Resumed, None).map(|e| e.kind),
            Some(EventType::TenantResumed)
        );
        assert!(of_lifecycle(TenantEventKind::Deleted, None).is_none());
    }

    #[test]
    fn retries_back_off_then_die() {
        let waits: Vec<_> = (1..=TRIES).map(after_failure).collect();
        assert_eq!(
            waits,
            [
                AfterFailure::Retry(Duration::minutes(1)),
                AfterFailure::Retry(Duration::minutes(5)),
                AfterFailure::Retry(Duration::minutes(15)),
                AfterFailure::Retry(Duration::hours(1)),
                AfterFailure::Retry(Duration::hours(6)),
                AfterFailure::Dead,
            ]
        );
        assert_eq!(after_failure(0), AfterFailure::Retry(Duration::minutes(1)));
    }

    #[test]
    fn endpoints_are_https_with_known_events() {
        assert!(parse_url("https://hooks.example.com/readiness").is_ok());
        for bad in [
            "http://hooks.example.com/",
            "ftp://x/",
            "https://user:pw@hooks.example.com/",
            "not a url",
            "",
        ] {
            assert_eq!(parse_url(bad), Err(EndpointRefusal::NotHttps), "{bad}");
        }
        assert_eq!(
            parse_events(["signoff.go", " item.accepted", "signoff.go"]),
            Ok(vec![EventType::ItemAccepted, EventType::SignoffGo])
        );
        assert_eq!(parse_events(["", " "]), Err(EndpointRefusal::NoEvents));
        assert_eq!(
            parse_events(["item.exploded"]),
            Err(EndpointRefusal::UnknownEvent)
        );
    }
}
