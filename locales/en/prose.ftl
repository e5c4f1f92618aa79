## The console's prose: each sentence of the key figures, the copilot and the decision section
## has one wording per state it can be in, chosen from the evaluation (src/readiness/narrative.rs).
## Ids are prose-<slot>-<code>; every number is a variable, never typed here.

## Key figures

prose-kpi-contract-demo = The API shape stays stable for the future DB adapter, { $target }.
prose-kpi-contract-go = Production GO is signed: the API shape carries over unchanged to { $target }.
prose-kpi-actors-mapped = { $count ->
    [one] { $count } demo user maps to a future RBAC claim.
   *[other] { $count } demo users map to future RBAC claims.
}
prose-kpi-actors-rehearsed = { $count ->
    [one] The RBAC claim of { $count } demo user is rehearsed in the dry-run against { $target }.
   *[other] The RBAC claims of the { $count } demo users are rehearsed in the dry-run against { $target }.
}
prose-kpi-actors-go = { $count ->
    [one] { $count } user's RBAC claim is confirmed for production, and GO is signed.
   *[other] The { $count } users' RBAC claims are confirmed for production, and GO is signed.
}
prose-kpi-providers-open = { $ready } of { $total } mock and local providers { $ready ->
    [one] names
   *[other] name
} a production target; the others have none yet.
prose-kpi-providers-complete = All { $total } mock and local providers name their production target.
prose-kpi-preflight-open = { $ready } of { $total } snapshot migration checks { $ready ->
    [one] is
   *[other] are
} ready before the real DB/auth cutover.
prose-kpi-preflight-complete = All { $total } snapshot migration checks are ready for the real DB/auth cutover.
prose-kpi-cutover-open = { $ready } of { $total } owner-led rehearsals { $ready ->
    [one] is
   *[other] are
} accepted against the infrastructure tasks.
prose-kpi-cutover-complete = All { $total } owner-led rehearsals are accepted against the infrastructure tasks.
prose-kpi-connection-open = { $ready } of { $total } redacted endpoint checks { $ready ->
    [one] has
   *[other] have
} passed for { $target }.
prose-kpi-connection-complete = All { $total } redacted endpoint checks have passed for { $target }.

## Copilot

prose-gates-open = { $ready }/{ $total } integration gates { $ready ->
    [one] is
   *[other] are
} ready for { $target }.
prose-gates-complete = All { $total } integration gates are ready for { $target }.
prose-percent-basis = { $ready } of { $total } checklist items { $ready ->
    [one] is
   *[other] are
} ready, rounded down; the { $gates } gates are not counted again.
prose-card-providers-open = { $ready } of { $total } local-to-production provider contracts { $ready ->
    [one] has
   *[other] have
} a production target.
prose-card-providers-complete = All { $total } local-to-production provider contracts are visible, each with its production target.
prose-card-session-demo = { $contract } runs with { $auth } for the local demo contract.
prose-card-session-go = { $contract } still runs with { $auth } in the local demo; production GO is signed for { $target }.
prose-card-preflight-unfrozen = Preflight is { $ready }/{ $total }; no scenario snapshot has been frozen yet.
prose-card-preflight-open = Preflight is { $ready }/{ $total } with snapshot checksum { $checksum }.
prose-card-preflight-complete = Preflight is complete, { $ready }/{ $total }, with snapshot checksum { $checksum }.
prose-card-runbook-gated = Runbook is { $ready }/{ $total } with decision { $decision }.
prose-card-runbook-pending = Runbook is { $ready }/{ $total }; its own open checks keep it at { $decision }.
prose-card-runbook-ready = Runbook is complete, { $ready }/{ $total }, with decision { $decision }.
prose-card-release-gated = Release is { $ready }/{ $total } with decision { $decision }.
prose-card-release-pending = Release is { $ready }/{ $total }; its own open gates keep it at { $decision }.
prose-card-release-ready = Release is complete, { $ready }/{ $total }, with decision { $decision }.
prose-card-rollback-gated = Rollback is { $ready }/{ $total } with decision { $decision }.
prose-card-rollback-pending = Rollback is { $ready }/{ $total }; its own open checks keep it at { $decision }.
prose-card-rollback-ready = Rollback is complete, { $ready }/{ $total }, with decision { $decision }.

## Production readiness decision: the infrastructure decision prompt

prose-prompt-undecided = { $target } is selected for rehearsal, but { $decision } keeps the real DB/auth cutover blocked, and { $ready } of { $total } provider and infrastructure decisions { $ready ->
    [one] is
   *[other] are
} recorded.
prose-prompt-decided = All { $total } provider and infrastructure decisions are recorded for { $target }; { $decision } still keeps the real DB/auth cutover blocked until its evidence is in.
prose-prompt-signoff = All { $total } provider and infrastructure decisions are recorded and every gate is green: the managing director can sign production GO for { $target }.
prose-prompt-signoff-again = The earlier GO for { $target } was withdrawn; every gate is green again and all { $total } provider and infrastructure decisions are recorded: the managing director can sign GO anew.
prose-prompt-go = Production GO is signed for { $target }, with all { $total } provider and infrastructure decisions recorded.
prose-prompt-withdrawn = The production GO signed for { $target } no longer stands: { $decision } blocks the real DB/auth cutover again, with { $ready } of { $total } provider and infrastructure decisions recorded.

## What is needed now

prose-needed-heading-provider = Decision needed
prose-needed-heading-decisions = Decisions needed
prose-needed-heading-evidence = Evidence needed
prose-needed-heading-signoff = Signature needed
prose-needed-heading-signoff-again = Signature needed again
prose-needed-heading-nothing = Nothing pending
prose-needed-title-provider = Choose the real DB/auth provider before wiring production
prose-needed-title-decisions = Record the remaining provider and infrastructure decisions: { $ready } of { $total } recorded
prose-needed-title-evidence = All { $total } decisions are recorded; { $decision } waits for evidence
prose-needed-title-signoff = Sign production GO, or record NO-GO with a reason
prose-needed-title-signoff-again = Sign production GO again, or record NO-GO with a reason
prose-needed-title-nothing = Production GO is signed
prose-needed-detail-open = Release gates show { $release_ready }/{ $release_total }; data cutover shows { $cutover_ready }/{ $cutover_total }. Keep the demo evidence open, but do not claim production readiness.
prose-needed-detail-complete = Release gates show { $release_ready }/{ $release_total } and data cutover { $cutover_ready }/{ $cutover_total }; production readiness still waits for { $decision }.
prose-needed-detail-signoff = Release gates show { $release_ready }/{ $release_total } and data cutover { $cutover_ready }/{ $cutover_total }; production readiness can be claimed once the managing director signs production GO.
prose-needed-detail-go = Release gates show { $release_ready }/{ $release_total } and data cutover { $cutover_ready }/{ $cutover_total }, and production GO is signed: production readiness can be claimed.

## The selected adapter target, the auth/RBAC owner, the go/no-go decision

prose-target-unselected = No adapter target is selected yet: the managing director selects one on the adapter decision board.
prose-target-unproven = Connection shows { $connection_ready }/{ $connection_total } and the dry-run { $dry_run_ready }/{ $dry_run_total }: the target is not yet proven for local replay, and live production traffic stays disabled.
prose-target-replayed = Connection { $connection_ready }/{ $connection_total } and dry-run { $dry_run_ready }/{ $dry_run_total } prove the local replay; live production traffic stays disabled until the managing director signs production GO.
prose-target-live = Connection { $connection_ready }/{ $connection_total } and dry-run { $dry_run_ready }/{ $dry_run_total } have passed and production GO is signed: the target may receive live production traffic.
prose-auth-unconfirmed = OIDC, roles and secret handling need owner confirmation before code wiring: { $ready } of { $total } confirmations { $ready ->
    [one] is
   *[other] are
} recorded.
prose-auth-confirmed = All { $total } owner confirmations of OIDC, roles and secret handling are recorded; the claims wait for the dry-run's RBAC claims rehearsal before code wiring.
prose-auth-wired = All { $total } owner confirmations of OIDC, roles and secret handling are recorded, and the RBAC claims are ready for code wiring.
prose-decision-blocked-pending-dry-run = Connection shows { $connection_ready }/{ $connection_total } and the dry-run { $dry_run_ready }/{ $dry_run_total }: the local demo can proceed while production remains blocked.
prose-decision-blocked-pending-preflight = The migration preflight shows { $preflight_ready }/{ $preflight_total }: the local demo can proceed while production remains blocked.
prose-decision-blocked-pending-data-cutover = Data cutover shows { $cutover_ready }/{ $cutover_total }: the local demo can proceed while production remains blocked.
prose-decision-blocked-pending-infrastructure-or-credentials = Infrastructure decisions show { $infrastructure_ready }/{ $infrastructure_total }, guarded wiring { $wiring_ready }/{ $wiring_total } and the gates { $gates_ready }/{ $gates_total }: the local demo can proceed while production remains blocked.
prose-decision-blocked-pending-signoff = Every gate is green, { $gates_ready }/{ $gates_total }: production waits for the managing director's signature.
prose-decision-go = Every gate is green, { $gates_ready }/{ $gates_total }, and the managing director has signed: production may go ahead.
