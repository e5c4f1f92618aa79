## The reviewer's proof path

proof-open = Follow the proof path: each blocker, its items, their evidence and audit events
proof-title = { $tenant } · Proof path
proof-intro = Each rung still to pass, with the items that keep it from passing. Every item links to its evidence and to the audit events that name it.
proof-rung-no-items = Nothing to accept here: this rung waits on the rungs above, or on the signature.
proof-section = Section
proof-kind = Kind of check
proof-depends-on = Depends on
proof-depended-on-by = Needed by
proof-nothing = Nothing.
proof-history = Acceptances and revocations
proof-no-history = Nobody has accepted this item yet.
proof-accepted = Accepted by { $owner }, { $date }
proof-revoked = Revoked by { $owner }, { $date }
proof-events = Audit events
proof-no-events = No audit event names this item yet.
proof-event-action = Action
proof-event-time = Time
proof-event-hash = Hash
proof-event-prev = previous: { $hash }
kind-owner_check = Owner check
kind-decision = Decision
kind-probe = Probe run by the console
kind-derived = Derived from other checks
proof-event-first = first event of the chain
proof-by-section = Every section, its count and its items
