-- A faster console_state, and the indexes its lookups need at ten thousand tenants.
--
-- Measured with the benchmark's seeded tenants (`seed-demo --tenants`, EXPLAIN ANALYZE and a
-- loop of calls as the app role): the function built every row with `json_build_object` of
-- literal keys, and found its tenant by `slug = $1`, which no index answered since 0007 made
-- the unique index `lower(slug)` (the planner used `tenants_live_by_status` and read every
-- live tenant's entry: linear in the number of tenants). The target was read with a backward
-- scan of the whole table's primary key, filtered by the policy, also linear in tenants.
--
-- What changed in console_state (now sql/console_state.sql, defined anew after the migrations),
-- against its version of the time:
--   1. Every list and object is `json_agg(row)` / `row_to_json(row)` of a narrow subselect
--      whose column aliases are the old keys (`owner_actor_id as owner`, `accepted_at as at`,
--      `ran_at as at`, `signed_at as at`, `audit_seq as seq`, `withdrawn_at as at`) instead of
--      `json_build_object(...)` per row: the same document, built without passing each value
--      through a variadic call. Lists ordered by `position` also carry `position` (the loader
--      ignores it).
--   2. `last_write` and `audit_head` come from one read of the newest event (a lateral join)
--      instead of two.
--   3. Nothing else: the same keys, values, order of lists and security (invoker, the tenant
--      entered transaction-locally).
-- And two indexes: `tenants (slug)` of live tenants, for every lookup by slug (this function,
-- the directory, entering a tenant), and `rehearsal_targets (tenant_id, id desc)` for the
-- newest target.

create index tenants_by_slug on tenants (slug) where deleted_at is null;
create index rehearsal_targets_latest on rehearsal_targets (tenant_id, id desc);

