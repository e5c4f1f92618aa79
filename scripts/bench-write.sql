-- pgbench baseline for the write benchmark: the statements the console runs for one accept and
-- one revoke of an owner check (passage.bench_<client>), as the app role, under row-level
-- security, prepared as sqlx prepares them (the event's signature a placeholder of its size:
-- pgbench has no key). One pgbench transaction here is two console writes.
-- (With no GO signed, a write reads the latest sign-off, loads nothing more, holds the audit
-- head from its append on, and reads the latest sign-off again once it holds it.)
BEGIN;
SELECT set_config('app.tenant_id', id::text, true) AS tid FROM tenants WHERE slug = 'bfg-control' \gset
SELECT audit_seq, actor_id FROM idempotency_keys WHERE key = '00000000-0000-4000-8000-000000000000'::uuid;
SELECT role FROM actors WHERE actor_id = 'user_dispatcher_marek';
SELECT kind, owner_actor_id, version AS v FROM catalogue_items WHERE key = 'passage.bench_' || :client_id \gset
SELECT id, decision FROM signoffs ORDER BY signed_at DESC, id DESC LIMIT 1;
UPDATE catalogue_items SET version = version + 1 WHERE key = 'passage.bench_' || :client_id AND version = :v;
SELECT id FROM acceptances WHERE item_key = 'passage.bench_' || :client_id AND revoked_at IS NULL;
INSERT INTO acceptances (tenant_id, item_key, actor_id, evidence_note, evidence_url, evidence_checksum) VALUES (:tid::uuid, 'passage.bench_' || :client_id, 'user_dispatcher_marek', 'Benchmark evidence note', NULL, NULL);
UPDATE audit_heads SET seq = seq + 1 WHERE tenant_id = :tid::uuid RETURNING seq, hash AS prev \gset
SELECT id, decision FROM signoffs ORDER BY signed_at DESC, id DESC LIMIT 1;
INSERT INTO audit_events (tenant_id, seq, actor_id, action, target, evidence_digest, request_id, at, canonical, prev_hash, hash, signature) VALUES (:tid::uuid, :seq, 'user_dispatcher_marek', 'accept', 'passage.bench_' || :client_id, NULL, 'pgbench', now(), 'canonical', :prev, encode(sha256(convert_to(:prev || 'canonical', 'UTF8')), 'hex'), repeat('0', 128));
UPDATE audit_heads SET hash = encode(sha256(convert_to(:prev, 'UTF8')), 'hex') WHERE tenant_id = :tid::uuid;
INSERT INTO idempotency_keys (tenant_id, key, actor_id, audit_seq) VALUES (:tid::uuid, gen_random_uuid(), 'user_dispatcher_marek', :seq);
COMMIT;
BEGIN;
SELECT set_config('app.tenant_id', id::text, true) AS tid FROM tenants WHERE slug = 'bfg-control' \gset
SELECT audit_seq, actor_id FROM idempotency_keys WHERE key = '00000000-0000-4000-8000-000000000000'::uuid;
SELECT role FROM actors WHERE actor_id = 'user_dispatcher_marek';
SELECT kind, owner_actor_id, version AS v FROM catalogue_items WHERE key = 'passage.bench_' || :client_id \gset
SELECT id, decision FROM signoffs ORDER BY signed_at DESC, id DESC LIMIT 1;
UPDATE catalogue_items SET version = version + 1 WHERE key = 'passage.bench_' || :client_id AND version = :v;
SELECT id AS acc FROM acceptances WHERE item_key = 'passage.bench_' || :client_id AND revoked_at IS NULL \gset
UPDATE acceptances SET revoked_at = now(), revoked_by = 'user_dispatcher_marek', revoke_reason = 'Benchmark revoke note' WHERE id = :acc;
UPDATE audit_heads SET seq = seq + 1 WHERE tenant_id = :tid::uuid RETURNING seq, hash AS prev \gset
SELECT id, decision FROM signoffs ORDER BY signed_at DESC, id DESC LIMIT 1;
INSERT INTO audit_events (tenant_id, seq, actor_id, action, target, evidence_digest, request_id, at, canonical, prev_hash, hash, signature) VALUES (:tid::uuid, :seq, 'user_dispatcher_marek', 'revoke', 'passage.bench_' || :client_id, NULL, 'pgbench', now(), 'canonical', :prev, encode(sha256(convert_to(:prev || 'canonical', 'UTF8')), 'hex'), repeat('0', 128));
UPDATE audit_heads SET hash = encode(sha256(convert_to(:prev, 'UTF8')), 'hex') WHERE tenant_id = :tid::uuid;
INSERT INTO idempotency_keys (tenant_id, key, actor_id, audit_seq) VALUES (:tid::uuid, gen_random_uuid(), 'user_dispatcher_marek', :seq);
COMMIT;
