-- A faster console_state, and the indexes its lookups need at ten thousand tenants.
--
-- Measured with the benchmark's seeded tenants (`seed-demo --tenants`, EXPLAIN ANALYZE and a
-- loop of calls as the app role): the function built every row with `json_build_object` of
-- literal keys, and found its tenant by `slug = $1`, which no index answered since 0007 made
-- the unique index `lower(slug)` (the planner used `tenants_live_by_status` and read every
-- live tenant's entry: linear in the number of tenants). The target was read with a backward
-- scan of the whole table's primary key, filtered by the policy, also linear in tenants.
--
-- What changed, exactly, against console_state as 0009 left it (to re-apply on top of any
-- later definition, e.g. 0011's stored programme, change the same things and keep the rest):
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

create or replace function console_state(p_slug text) returns json
language plpgsql volatile security invoker as $$
#variable_conflict use_column
declare
    t tenants;
begin
    select * into t from tenants where slug = p_slug and deleted_at is null;
    if not found then
        return null;
    end if;
    perform set_config('app.tenant_id', t.id::text, true);
    return json_build_object(
        'tenant', row_to_json(t),
        'actors', coalesce((
            select json_agg(a order by a.position)
            from (select actor_id, name, unit, role, permissions, position from actors) a),
            '[]'::json),
        'providers', coalesce((
            select json_agg(p order by p.position)
            from (select key, current_mode, target_mode, position from providers) p),
            '[]'::json),
        'sections', coalesce((
            select json_agg(s order by s.position)
            from (select key, contract, decision_gated_by, decision_pending, position
                  from catalogue_sections) s), '[]'::json),
        'items', coalesce((
            select json_agg(i order by i.position)
            from (select key, section_key, kind, code, owner_actor_id as owner, depends_on,
                         fact, proposal, expected, version, position
                  from catalogue_items) i), '[]'::json),
        'acceptances', coalesce((
            select json_agg(a)
            from (select item_key, actor_id, value, accepted_at as at
                  from acceptances where revoked_at is null) a), '[]'::json),
        'probes', coalesce((
            select json_agg(latest)
            from (
                select distinct on (p.item_key) p.item_key, p.passed, p.found, p.ran_at as at
                from probe_results p order by p.item_key, p.ran_at desc, p.id desc
            ) latest), '[]'::json),
        'snapshot', (
            select row_to_json(s)
            from (select version, rows, checksum, batch_rows from scenario_snapshots
                  order by version desc limit 1) s),
        'signoff', (
            select row_to_json(x) from (
                select s.actor_id, s.signed_at as at, s.decision, s.reason, s.state_digest,
                       s.state_seq,
                       (select row_to_json(w) from (
                            select w.audit_seq as seq, w.actor_id, w.action, w.item_key,
                                   w.withdrawn_at as at
                            from signoff_withdrawals w where w.signoff_id = s.id) w)
                           as withdrawal
                from signoffs s order by s.signed_at desc, s.id desc limit 1) x),
        'last_write', h.at,
        'audit_head', case when h.seq is not null
                           then json_build_object('seq', h.seq, 'hash', h.hash) end,
        'target', (select reference from rehearsal_targets order by id desc limit 1),
        'runs', coalesce((
            select json_agg(r)
            from (
                select distinct on (kind) id, kind, state, reason, actor_id, endpoint, tls,
                       summary, started_at, finished_at
                from rehearsal_runs order by kind, id desc
            ) r), '[]'::json)
    )
    from (select 1) one
    left join lateral (select seq, hash, at from audit_events order by seq desc limit 1) h
      on true;
end
$$;
