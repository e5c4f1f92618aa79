## What the audit chain covers: signed checkpoints up to the head, and every record's event

coverage-unpinned = Events #{ $first }–#{ $last } are covered by their own signatures but by no signed checkpoint yet: deleting them would leave nothing signed that names them.
coverage-unpinned-one = Event #{ $seq } is covered by its own signature but by no signed checkpoint yet: deleting it would leave nothing signed that names it.
coverage-head-signed = The head is covered by a signed checkpoint.
coverage-records-ok = Every acceptance, decision, revocation, probe result and sign-off has its audit event, and every such event its record.
coverage-records-broken = Records and audit events do not account for each other:
coverage-row = { $record } #{ $id }:
coverage-event = Event #{ $seq } ({ $record }):
coverage-record-acceptance = Acceptance
coverage-record-decision = Decision
coverage-record-revocation = Revocation
coverage-record-probe_result = Probe result
coverage-record-signoff = Sign-off
coverage-seeded = Written by the demo seed (request { $request }), not through a form.
audit-fault-record_without_event = No audit event records this row as it stands: it was written or changed straight in the database.
audit-fault-event_without_record = The row this event records is not there, or no longer says what the event recorded.
