## Sections after the decision: headings and introductions

section-proof_path = Reviewer proof path
section-providers = Provider contracts
section-session = Live session
section-rbac = RBAC map
section-environments = Environments
section-count = { $ready }/{ $total } ready
section-misconfigured = Part of this section's catalogue could not be read, so its figures are incomplete. The problem has been logged for the administrator.

intro-provider_acceptance = The managing director accepts { $target } before live DB/auth wiring; until then, the only production decision possible is a blocked one.
intro-infrastructure = The managing director chooses hosting, region, runtime ownership and the secrets and backup boundary for { $target }.
intro-proof_path = From each open blocker to the section that holds its evidence, without pretending that live infrastructure exists.
intro-wiring = Local contract wiring for { $target } can start after infrastructure acceptance; production traffic stays disabled until live credentials exist.
intro-providers = Every external dependency has a local demo mode and a named production replacement.
intro-session = How the tenant runs right now.
intro-rbac = The same actor ids and permissions travel in the scenario API headers today and become auth claims later.
intro-passage = Each owner accepts their cutover rehearsal with evidence, turning the DB/auth checklist into audit evidence.
intro-decision_board = The DB/auth adapter, environment, secrets, schema, migration, rollback and approval decisions before the production cutover; each decision's evidence is the owner checks behind it.
intro-runbook = A portable SQL and RLS outline and an operator checklist for replaying the current snapshot into { $target } without live secrets.
intro-cutover = The migration runbook as batch evidence for tenant, operations, finance and audit before live DB/auth is connected.
intro-connection = Records the redacted endpoint, the TLS and RBAC evidence and a write probe, without storing any secret.
intro-dry_run = Replays the frozen scenario into the { $target } contract and rolls it back, leaving a transcript as evidence.
intro-preflight = A reviewer-safe DB/auth rehearsal report from the current BFGScenarioSnapshot.v1 payload, the adapter target and the rollback evidence.
intro-release = The reviewer-ready environment: the local adapter mode, the target, the rollback owner and the go/no-go decision.
intro-rollback = Operations rehearse the fallback owner, the storage adapter and the audit packet before the real cutover.
intro-environments = Where each adapter runs, from the local demo to production.

## Items: status, owner, dependencies

status-ready = Ready
status-open = Open
status-waiting = Waiting
item-owner = Owner: { $owner }
item-run-by-console = Run by the console
item-depends-on = Depends on: { $items }
item-proposed = Proposed: { $value }
item-accepted-by = Accepted by { $owner }, { $date }
fact-snapshot = { $rows ->
    [one] { $rows } row
   *[other] { $rows } rows
} · { $checksum }
fact-snapshot-none = Not frozen yet

item-provider_acceptance-live_provider-detail = The managing director chooses the real provider contract for { $target }.
item-provider_acceptance-auth_rbac_owner-detail = The managing director confirms roles, claims and secret handling before live users.
item-provider_acceptance-tenant_secrets_boundary-detail = { $target } stays blocked until tenant isolation and managed secrets are accepted.
item-provider_acceptance-live_wiring-detail = Stays locked until the provider, auth and rollback owners have signed off and production is GO.
item-infrastructure-hosting-detail = The live hosting account and provider must be chosen before { $target } receives production traffic.
item-infrastructure-region-detail = EU region, data residency and backup locality must be confirmed before live DB/auth wiring.
item-infrastructure-runtime_owner-detail = On-call, deployment, monitoring and incident owners must be named for { $target }.
item-infrastructure-secrets_backup-detail = Managed secrets, backup and RPO, and the restore owner must be accepted.
item-wiring-infrastructure_acceptance-detail = Requires hosting, EU region, runtime owner and secrets and backup ownership accepted for { $target }.
item-wiring-endpoint_contract-detail = Uses the redacted adapter endpoint contract without a live external connection.
item-wiring-tenant_context-detail = Maps organisation and tenant claims before any live database write.
item-wiring-oidc_rbac_claims-detail = Prepares role claims for the managing director, dispatcher, accountant, driver and client scopes.
item-wiring-rls_policy_draft-detail = Confirms that the tenant-scoped RLS policy plan is ready for migration review.
item-wiring-secrets_backup_boundary-detail = Keeps secrets, backup and RPO, and restore ownership tied to the accepted infrastructure decision.
item-wiring-live_credentials-detail = Blocked until a person supplies reviewed provider credentials outside the local demo workspace.
item-passage-contracts_frozen-detail = The scenario envelope, actor headers and metadata fields are covered by smoke tests.
item-passage-role_headers-detail = Managing director, dispatcher, accountant, driver and client are visible.
item-passage-scenario_store_rehearsal-detail = Confirm the file-local payload for the database replay.
item-passage-db_schema-detail = Create the tenant, user, permission and scenario-state tables for the production adapter.
item-passage-secrets_auth-detail = Connect the chosen OIDC/RBAC provider without requiring paid keys in the demo.
item-passage-migration_rollback-detail = Move the local demo state into the DB adapter and keep a rollback path for demos.
item-decision_board-adapter_selection-detail = The staging target is explicitly selected while the local demo keeps the file adapter.
item-decision_board-environment_readiness-detail = The contracts and a replayable Scenario Store payload must be accepted before the DB/auth environment opens.
item-decision_board-secrets_rbac_owner-detail = Role headers and secret handling must both be accepted before real user auth is wired.
item-decision_board-schema_rls-detail = The tenant, user, permission and scenario-state tables need owner acceptance before the adapter migration.
item-decision_board-migration_dry_run-detail = The local demo state needs a dry-run path into the DB adapter before the reviewer cutover.
item-decision_board-rollback_window-detail = Keep the file-local adapter ready until migration and replay evidence are accepted together.
item-decision_board-release_approvals-detail = Every owner-led cutover rehearsal must be accepted before the production release sign-off.
item-runbook-freeze_snapshot-detail = Carry the BFGScenarioSnapshot.v1 rows and checksum into the migration packet.
item-runbook-schema_rls-detail = The tenant, user, snapshot and audit tables and their RLS, found in the target.
item-runbook-actor_claims-detail = The demo actors and permissions become future DB/auth claims.
item-runbook-adapter_replay-detail = Connection and dry-run evidence prove that the target can replay the payload.
item-runbook-checksum_verification-detail = Preflight readiness and checksum close the migration verification loop.
item-runbook-rollback_seal-detail = Release and rollback decisions remain bound to the local fallback adapter.
item-cutover-freeze_snapshot-detail = The rows and checksum of BFGScenarioSnapshot.v1 are locked.
item-cutover-seed_tenant_rls-detail = The runbook's tables and RLS are ready in the target.
item-cutover-batch_replay-detail = Connection and dry-run prove a safe replay.
item-cutover-audit_parity-detail = Every batch group holds data, and the preflight evidence is complete.
item-cutover-rollback_seal-detail = Release and rollback keep the file-local fallback visible.
item-connection-endpoint_reachability-detail = The selected endpoint is named and reachable.
item-connection-tls_fingerprint-detail = A reviewer-safe certificate fingerprint is captured.
item-connection-rbac_session-detail = The demo claims map the tenant and user boundary.
item-connection-write_probe-detail = A write probe without secrets, rolled back, before the cutover.
item-dry_run-export_snapshot-detail = Freezes orders, driver events, finance events and reviewer evidence.
item-dry_run-schema_map-detail = Maps the Scenario Store fields to the tenant, user, order, document and audit tables.
item-dry_run-rbac_claims-detail = Replays the demo actor ids as future auth claims.
item-dry_run-replay_transcript-detail = Writes and reads the payload through the DB/auth adapter contract.
item-dry_run-rollback_checkpoint-detail = Keeps the file-local fallback and the replay id until the cutover is approved.
item-preflight-payload_snapshot-detail = BFGScenarioSnapshot.v1 is pinned with its row count and checksum.
item-preflight-schema_map-detail = The adapter decisions and cutover evidence name the tenant, user, order, document and audit tables.
item-preflight-rbac_claims-detail = The demo actor ids and permissions are ready as auth claims.
item-preflight-adapter_replay-detail = ProductionAdapterDryRun.v1 proves write and read compatibility for the chosen adapter.
item-preflight-rollback_evidence-detail = The release and rollback packets keep the file-local fallback explicit.
item-release-env_vars-detail = Nine release values come from the session metadata.
item-release-adapter_target-detail = The chosen DB/auth target is visible.
item-release-dry_run_transcript-detail = The replay transcript proves that the local payload is compatible.
item-release-rollback_fallback-detail = The fallback adapter is explicit.
item-release-owner_evidence-detail = The cutover owner checks are bound to the Scenario Store.
item-rollback-freeze_window-detail = Production stays blocked until the local go/no-go decision has been reviewed.
item-rollback-owner_ack-detail = The managing director owns the rollback decision and the audit packet.
item-rollback-storage_fallback-detail = The file-local adapter remains the explicit rollback path.
item-rollback-audit_packet-detail = Release and rollback evidence come together in one exportable packet.

## Section details

wiring-traffic = Production traffic
connection-target = Adapter target
connection-endpoint = Redacted endpoint
connection-fingerprint = Endpoint fingerprint
not-recorded = Not recorded
batch-caption = Batch groups and their rows
batch-group = Batch group
batch-rows-heading = Rows
batch-rows = { $rows ->
    [one] { $rows } row
   *[other] { $rows } rows
}
batch-seed_tenant = Seed tenant and RBAC
batch-operations = Operations replay
batch-finance = Finance ledger
batch-audit = Audit trail
proof-none = No blocker is open: every gate is green.

providers-caption = Provider contracts, current and target mode
providers-name = Provider
providers-current = Current mode
providers-target = Target mode
provider-no-target = No target chosen
provider-scenario_store = Scenario store
provider-detail-scenario_store = Holds the demo scenario today and defines the future DB session contract.
provider-auth_rbac = Auth and RBAC
provider-detail-auth_rbac = Role headers drive the demo and keep the user, tenant and permission boundaries.
provider-document_intelligence = Document intelligence
provider-detail-document_intelligence = Local OCR output is shaped like production extraction responses.
provider-ksef = KSeF e-invoice
provider-detail-ksef = Mock invoice packets keep finance ready for the regulated API.
provider-maps_eta = Maps and ETA
provider-detail-maps_eta = Local ETA logic can be swapped for a live maps and traffic provider.
provider-offline_sync = Driver offline sync
provider-detail-offline_sync = A service worker and a trip cache define the future background-sync boundary.

session-storage = Storage adapter
session-auth = Auth mode
session-tenant = Tenant mode
session-last-write = Last write
session-not-written = Not yet written

rbac-caption = Scenario actors by role
rbac-actor = Actor
rbac-role = Role
rbac-unit = Unit
rbac-permissions = Permissions
rbac-permission-count = { $count ->
    [one] { $count } permission
   *[other] { $count } permissions
}
role-managing_director = Managing director
role-dispatcher = Dispatcher
role-accountant = Accountant
role-driver = Driver
role-client = Client
role-reviewer = Reviewer

environment-local = Local demo
environment-local-detail = Runs now on file-local scenario state and mock provider contracts.
environment-staging = Staging
environment-staging-detail = The next target, for DB persistence, auth claims and provider secrets.
environment-production = Production
environment-production-detail = The final tenant-scoped adapter, with real auth and provider audit logs.
environment-active = Active
environment-planned = Planned

## Packets

packet-copy = Copy
packet-copied = Copied
packet-runbook-sql-intro = The SQL outline for { $target }, checksum { $checksum }: a reviewer-safe migration rehearsal until real infrastructure is connected. It runs on PostgreSQL 15 as written.
packet-cutover-plan-intro = The batch plan for { $target }, checksum { $checksum }: the safe plan until production infrastructure is chosen.
packet-connection-intro = The connection packet for { $target }, checksum { $checksum }. The endpoint is only ever recorded redacted.
packet-dry-run-intro = The dry-run checkpoint for { $target }, checksum { $checksum }, replayable by reviewers.
packet-preflight-intro = The preflight report, checksum { $checksum }, for the DB/auth migration rehearsal before live infrastructure.
packet-release-env-intro = The release environment block, checksum { $checksum }.
packet-rollback-intro = The rollback audit packet, checksum { $checksum }.
packet-download = Download
packet-digest-help = The SHA-256 is that of the downloaded file (sha256sum); its first 8 hex digits make the bfg- checksum.
