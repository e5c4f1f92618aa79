## Frame

brand = Readiness console
meta-description = The readiness console: whether the move from the demo setup to production infrastructure is GO or NO-GO, why, what to do next, and the evidence behind every figure.
skip-to-content = Skip to content
language-switcher = Language
# This language's name in itself, as the language switcher shows it on every page.
language-name = English
footer-computed = Every figure on this page is computed from the tenant's state in PostgreSQL when the page is requested.
toc-label = On this page
back-to-console = Back to the { $tenant } console
refresh = Refresh
refresh-label = Refresh: { $section }

## Console page

console-page-title = { $tenant } · Integrations console
console-eyebrow = Integrations → Production adapter setup
console-title = { $tenant } integrations console
console-lede = The go/no-go decision for moving from the local demo to { $target } and on to production.

section-kpis = Key figures
section-copilot = Integration readiness copilot
section-checklist = Integration blocker checklist
section-decision = Production readiness decision

## Key figures

kpi-contract-label = Scenario contract
kpi-actors-label = Role actors
kpi-providers-label = Provider modes
kpi-preflight-label = Preflight
kpi-cutover-label = Cutover steps
kpi-connection-label = Connection

## Copilot

copilot-percent = { $percent }% of checklist items ready
copilot-action-heading = Recommended next action
action-step = Next step: { $item }
action-owner = Owner: { $owner }
action-who-probe = The console runs it; a dispatcher or the managing director starts it.
action-none = Nothing left to do: production is signed GO.
action-title-signoff = Sign production GO
action-detail-signoff = Every gate is green for { $target }, { $ready }/{ $total }: the managing director signs GO, or records NO-GO with a reason.

copilot-card-providers-title = Provider contracts
copilot-card-session-title = Session adapter
copilot-card-preflight-title = Migration preflight
copilot-card-runbook-title = Migration runbook
copilot-card-release-title = Release handoff
copilot-card-rollback-title = Rollback drill

## Recommended actions, by section

action-title-gates = Clear the integration gates
action-detail-gates = The gate checklist shows { $ready }/{ $total }.
action-title-section = Complete “{ $section }”
action-detail-section = { $section } shows { $ready }/{ $total }; each of its checks needs its evidence.
action-title-provider_acceptance = Accept the live provider choices
action-detail-provider_acceptance = Provider selection shows { $ready }/{ $total }; the managing director accepts the live provider, the auth owner and the tenant boundary.
action-title-infrastructure = Record the infrastructure decisions
action-detail-infrastructure = Infrastructure decisions show { $ready }/{ $total }; hosting, EU region, runtime owner and secrets/backup must be chosen before live wiring.
action-title-wiring = Complete the guarded wiring checks
action-detail-wiring = Guarded wiring shows { $ready }/{ $total }; production traffic stays disabled until live credentials are reviewed.
action-title-passage = Accept the owner-led rehearsals
action-detail-passage = The passage checklist shows { $ready }/{ $total }; each owner accepts their rehearsal with evidence.
action-title-decision_board = Settle the adapter decision board
action-detail-decision_board = The decision board shows { $ready }/{ $total }; each decision needs its owners' accepted checks.
action-title-runbook = Complete the migration runbook
action-detail-runbook = The runbook shows { $ready }/{ $total }; the schema and RLS objects must exist in the target.
action-title-cutover = Complete the data cutover checks
action-detail-cutover = Data cutover shows { $ready }/{ $total }; every batch group needs rows and preflight evidence.
action-title-connection = Record adapter connection evidence
action-detail-connection = Connection checks show { $ready }/{ $total }; record the redacted endpoint packet before dry-run.
action-title-dry_run = Run the adapter dry-run
action-detail-dry_run = The dry-run shows { $ready }/{ $total }; replay the frozen snapshot into the target and roll it back.
action-title-preflight = Complete the migration preflight
action-detail-preflight = Preflight shows { $ready }/{ $total }; the snapshot, schema map, dry-run and rollback evidence must all be in place.
action-title-release = Complete the release handoff
action-detail-release = Release handoff shows { $ready }/{ $total }; the dry-run transcript and owner evidence close it.
action-title-rollback = Rehearse the rollback drill
action-detail-rollback = The rollback drill shows { $ready }/{ $total }; the managing director acknowledges the fallback and the audit packet.

action-title-fact-providers_mapped = Map every provider to a production target
action-detail-fact-providers_mapped = A provider without a target mode keeps the provider contracts gate under review.
action-title-fact-session_adapter_present = Declare the session adapter and auth mode
action-detail-fact-session_adapter_present = The session adapter gate needs the scenario contract and the current auth mode.
action-title-fact-actors_claimed = Give every actor their permissions
action-detail-fact-actors_claimed = Each scenario actor needs at least one permission to become an auth claim.
action-title-fact-snapshot_frozen = Freeze the scenario snapshot
action-detail-fact-snapshot_frozen = The dry-run replays a frozen BFGScenarioSnapshot.v1: import the scenario payload and freeze it.
action-title-fact-batch_groups_populated = Fill every batch group
action-detail-fact-batch_groups_populated = The operations, finance and audit batches need rows in the frozen snapshot.
action-title-fact-release_env_complete = Complete the release environment
action-detail-fact-release_env_complete = The nine release variables need a value, and a managing director must own the rollback.
action-title-fact-rollback_fallback_available = Name the rollback storage adapter
action-detail-fact-rollback_fallback_available = The current storage adapter is the rollback path; it must be named.
action-title-fact-overall_go = Sign production GO
action-detail-fact-overall_go = Live wiring opens once production is signed GO.

## Blocker checklist

checklist-intro = { $total ->
    [one] { $total } gate stands between the local demo and production; it is ready or under review.
   *[other] { $total } gates stand between the local demo and production; each is ready or under review.
}
gate-status-ready = Ready
gate-status-review = Review
status-misconfigured = Misconfigured
gate-waiting-on = Waiting on: { $sections }

## Production readiness decision

decision-prompt-heading = Infrastructure decision prompt
decision-target-heading = Selected adapter target
decision-target-none = No target selected yet
decision-auth-heading = Auth/RBAC owner
decision-auth-none = No auth target chosen yet
decision-go-heading = Go/no-go decision
decision-verdict-go = Production GO
decision-verdict-nogo = Production NO-GO
ladder-heading = Decision ladder
ladder-blocked-pending-dry-run = Connection and dry-run complete
ladder-blocked-pending-preflight = Migration preflight complete
ladder-blocked-pending-data-cutover = Data cutover checks complete
ladder-blocked-pending-infrastructure-or-credentials = Infrastructure decisions, guarded wiring and all { $gates } gates green
ladder-blocked-pending-signoff = Signed by the managing director
ladder-go = Production GO
ladder-state-passed = Passed
ladder-state-current = Blocking
ladder-state-ahead = Ahead
ladder-state-reached = Reached

## Sections of the programme

section-name-gates = Integration blocker checklist
section-name-provider_acceptance = Provider selection acceptance
section-name-infrastructure = Infrastructure selection decision
section-name-wiring = Guarded DB/auth wiring
section-name-passage = Passage to production
section-name-decision_board = Adapter decision board
section-name-runbook = Migration runbook
section-name-cutover = Data cutover
section-name-connection = Adapter connection wizard
section-name-dry_run = Adapter dry-run
section-name-preflight = Migration preflight
section-name-release = Release handoff
section-name-rollback = Rollback drill

## Items

item-gates-provider_contracts = Provider contracts mapped
item-gates-session_adapter = Session adapter and auth contract present
item-gates-preflight = Migration preflight ready
item-gates-runbook = Migration runbook copyable
item-gates-connection = Adapter connection packet recorded
item-gates-dry_run = Adapter dry-run transcript complete
item-gates-release = Release env handoff { $environment } GO
item-gates-infrastructure = Infrastructure owner decisions accepted
item-gates-rollback = Rollback drill packet owner-ready
item-provider_acceptance-live_provider = Live DB/auth provider
item-provider_acceptance-auth_rbac_owner = Auth/RBAC owner
item-provider_acceptance-tenant_secrets_boundary = Tenant and secrets boundary
item-provider_acceptance-live_wiring = Live wiring go/no-go
item-infrastructure-hosting = Hosting provider and account
item-infrastructure-region = Region and data residency
item-infrastructure-runtime_owner = Runtime operations owner
item-infrastructure-secrets_backup = Secrets and backup boundary
item-wiring-infrastructure_acceptance = Infrastructure acceptance
item-wiring-endpoint_contract = Endpoint contract
item-wiring-tenant_context = Tenant context
item-wiring-oidc_rbac_claims = OIDC/RBAC claims
item-wiring-rls_policy_draft = RLS policy draft
item-wiring-secrets_backup_boundary = Secrets and backup boundary
item-wiring-live_credentials = Live credentials
item-passage-contracts_frozen = Contracts frozen
item-passage-role_headers = Role headers mapped
item-passage-scenario_store_rehearsal = Scenario Store rehearsal
item-passage-db_schema = DB schema
item-passage-secrets_auth = Secrets and auth
item-passage-migration_rollback = Migration and rollback
item-decision_board-adapter_selection = Adapter selection
item-decision_board-environment_readiness = Environment readiness
item-decision_board-secrets_rbac_owner = Secrets and RBAC owner
item-decision_board-schema_rls = Schema and RLS
item-decision_board-migration_dry_run = Migration dry-run
item-decision_board-rollback_window = Rollback window
item-decision_board-release_approvals = Release owner approvals
item-runbook-freeze_snapshot = Freeze snapshot
item-runbook-schema_rls = Schema and RLS
item-runbook-actor_claims = Actor claims
item-runbook-adapter_replay = Adapter replay
item-runbook-checksum_verification = Checksum verification
item-runbook-rollback_seal = Rollback seal
item-cutover-freeze_snapshot = Freeze snapshot
item-cutover-seed_tenant_rls = Seed tenant and RLS
item-cutover-batch_replay = Batch replay
item-cutover-audit_parity = Audit parity
item-cutover-rollback_seal = Rollback seal
item-connection-endpoint_reachability = Endpoint reachability
item-connection-tls_fingerprint = TLS fingerprint
item-connection-rbac_session = RBAC session
item-connection-write_probe = Write probe
item-dry_run-export_snapshot = Export snapshot
item-dry_run-schema_map = Schema map validation
item-dry_run-rbac_claims = RBAC claims rehearsal
item-dry_run-replay_transcript = Adapter replay transcript
item-dry_run-rollback_checkpoint = Rollback checkpoint
item-preflight-payload_snapshot = Payload snapshot
item-preflight-schema_map = Schema map
item-preflight-rbac_claims = RBAC claims
item-preflight-adapter_replay = Adapter replay
item-preflight-rollback_evidence = Rollback evidence
item-release-env_vars = Environment variables
item-release-adapter_target = Adapter target
item-release-dry_run_transcript = Dry-run transcript
item-release-rollback_fallback = Rollback fallback
item-release-owner_evidence = Owner evidence
item-rollback-freeze_window = Freeze window
item-rollback-owner_ack = Owner acknowledgement
item-rollback-storage_fallback = Storage fallback
item-rollback-audit_packet = Audit packet

## Organisational units of the demo tenant

unit-direction = Direction
unit-dispatch = Dispatch desk
unit-finance = Finance · Accounting
unit-driver = BFG Driver
unit-client_portal = Client Portal
unit-audit = Audit

## Dates

datetime = { $day } { $month } { $year }, { $time } UTC
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## Errors

error-title-not-found = Page not found
error-body-not-found = There is no console at this address. Check the link, or go back to the demo tenant's console.
error-title-unavailable = The console is temporarily unavailable
error-body-unavailable = The database cannot be reached right now. Nothing was lost; try again in a moment.
error-title-internal = Something went wrong
error-body-internal = The page could not be produced. The error has been logged; give the reference below to your administrator.
error-request-id = Reference: { $id }
error-back = Back to the console

## Printable summary

print-title = { $tenant } · Go/no-go summary
print-generated = Generated { $date }
print-audit-head = audit chain head #{ $seq } { $hash }
print-audit-empty = the audit chain has no event yet
print-hint = Use your browser's print command: this summary fits one A4 page.
print-signoff = Sign-off:
print-not-signed = not signed
print-blockers = Blockers and their owners
print-item = Item
print-section = Section
print-who = Owner
print-status = Status
print-derived = Follows from other checks
print-more = { $count ->
    [one] and { $count } more item
   *[other] and { $count } more items
}
print-link = Printable go/no-go summary
