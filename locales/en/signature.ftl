## The GO signature: the state it holds for, or the write that withdrew it

signature-heading = Production sign-off
signature-standing = GO signed by { $owner } on { $date }.
signature-holds = It holds for the state it was given on: every item's status as of event { $event } (state digest { $digest }). Any write that changes an item's status withdraws it.
signature-holds-empty-chain = It holds for the state it was given on, before the audit trail held any event (state digest { $digest }). Any write that changes an item's status withdraws it.
signature-holds-unrecorded = It was given before signatures recorded their state. Any write that changes an item's status withdraws it.
signature-withdrawn-accept = GO signed by { $owner } on { $date } — withdrawn at event { $event } when { $actor } accepted “{ $item }”.
signature-withdrawn-decide = GO signed by { $owner } on { $date } — withdrawn at event { $event } when { $actor } recorded the decision “{ $item }”.
signature-withdrawn-revoke = GO signed by { $owner } on { $date } — withdrawn at event { $event } when { $actor } revoked “{ $item }”.
signature-withdrawn-probe_passed = GO signed by { $owner } on { $date } — withdrawn at event { $event } when a rehearsal run by { $actor } passed “{ $item }”.
signature-withdrawn-probe_failed = GO signed by { $owner } on { $date } — withdrawn at event { $event } when a rehearsal run by { $actor } failed “{ $item }”.
signature-withdrawn-freeze_snapshot = GO signed by { $owner } on { $date } — withdrawn at event { $event } when { $actor } froze a scenario snapshot that changed “{ $item }”.
signature-withdrawn-unknown = GO signed by { $owner } on { $date } — withdrawn at event { $event } by { $actor }, who changed “{ $item }”.
signature-withdrawn-detail = A withdrawn signature no longer counts: production stays NO-GO until the managing director signs GO again on the state as it stands now.
signature-lapsed = GO signed by { $owner } on { $date } — it no longer holds: the state it was given on changed outside the console's forms.
signature-lapsed-detail = Production stays NO-GO. Once every gate is green again, the managing director signs anew.
signature-badge-standing = Holds
signature-badge-withdrawn = Withdrawn
signature-badge-lapsed = No longer holds
signature-event-withdrew = withdrew the GO signature
signature-confirm-warning = Production is signed GO by { $owner }. This change withdraws that signature: production goes back to NO-GO until it is signed again.
signature-confirm-warning-run = Production is signed GO by { $owner }. If this run changes any item's status, it withdraws that signature: production goes back to NO-GO until it is signed again.
signature-confirm-warning-freeze = Production is signed GO by { $owner }. If this snapshot changes any item's status, freezing it withdraws that signature: production goes back to NO-GO until it is signed again.
signature-confirm-label = I understand: withdraw the GO signature
signature-confirm-required = This change would withdraw the GO signature. Tick the confirmation to go ahead; nothing was saved.
signoff-stale = The state changed after this form was drawn. Check the decision as it stands now and sign again; nothing was signed.

## A second signature: a programme may require GO from several distinct managing directors

signature-count = { $signed } of { $required } signatures
signature-badge-partial = Partly signed
signature-partial = Production stays NO-GO until { $missing ->
        [one] one more managing director signs
       *[other] { $missing } more managing directors sign
    } GO on this same state.
signature-signer = { $owner } signed GO on { $date }
signoff-you-signed = You signed GO on { $date }: { $signed } of { $required } signatures. Another managing director signs next; you can still record NO-GO.
signoff-cosign = { $signed } of { $required } signatures stand. Your GO signs the same state as theirs; { $missing ->
        [one] it completes the sign-off.
       *[other] { $missing } signatures are still needed.
    }
signoff-already-signed = You have already signed GO on this state, and one person’s signature counts once. Another managing director must sign; nothing was signed.
notice-signed_partial_go = Your GO signature is recorded. Production waits for the other signatures the programme requires.
programme-error-signatures-out-of-range = The sign-off requires { $found } signatures: a programme requires from 1 to { $max } GO signatures.
