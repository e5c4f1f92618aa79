-- Each tenant's decision and figures, kept by every write in its own transaction, so the
-- platform's list of tenants is one indexed query and never evaluates a tenant per request.
--
-- A platform table: every row is readable (the operator's list reads them all), but a write
-- may only touch the row of the tenant it entered.

create table tenant_summaries (
    tenant_id uuid primary key references tenants (id),
    -- The tenant's slug, so that the list filtered by decision reads one index in slug order.
    slug text not null,
    decision text not null,
    gates_ready int not null check (gates_ready >= 0),
    gates_total int not null check (gates_total >= 0),
    percent int not null check (percent between 0 and 100),
    audit_seq bigint not null,
    changed_at timestamptz not null
);
create index tenant_summaries_decision on tenant_summaries (decision, lower(slug));

alter table tenant_summaries enable row level security;
alter table tenant_summaries force row level security;
create policy summaries_readable on tenant_summaries for select using (true);
create policy summaries_own_insert on tenant_summaries for insert
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy summaries_own_update on tenant_summaries for update
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
-- Only a purge (the owner, inside the tenant) removes one; the app role cannot.
create policy summaries_own_delete on tenant_summaries for delete
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on tenant_summaries to readiness_app;

-- The console's state of the tenant with this slug that is not deleted: the owner, which sees
-- every tenant, may hold a purged tenant with the same slug as a live one, and refreshing the
-- live one's summary must read the live one. (Otherwise as in 0006.)
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
            select json_agg(json_build_object(
                'actor_id', actor_id, 'name', name, 'unit', unit, 'role', role,
                'permissions', permissions) order by position)
            from actors), '[]'::json),
        'providers', coalesce((
            select json_agg(json_build_object(
                'key', key, 'current_mode', current_mode, 'target_mode', target_mode)
                order by position)
            from providers), '[]'::json),
        'sections', coalesce((
            select json_agg(json_build_object(
                'key', key, 'contract', contract, 'decision_gated_by', decision_gated_by,
                'decision_pending', decision_pending) order by position)
            from catalogue_sections), '[]'::json),
        'items', coalesce((
            select json_agg(json_build_object(
                'key', key, 'section_key', section_key, 'kind', kind, 'code', code,
                'owner', owner_actor_id, 'depends_on', depends_on, 'fact', fact,
                'proposal', proposal, 'expected', expected, 'version', version)
                order by position)
            from catalogue_items), '[]'::json),
        'acceptances', coalesce((
            select json_agg(json_build_object(
                'item_key', item_key, 'actor_id', actor_id, 'value', value,
                'at', accepted_at))
            from acceptances where revoked_at is null), '[]'::json),
        'probes', coalesce((
            select json_agg(json_build_object(
                'item_key', latest.item_key, 'passed', latest.passed,
                'found', latest.found, 'at', latest.ran_at))
            from (
                select distinct on (p.item_key) p.item_key, p.passed, p.found, p.ran_at
                from probe_results p order by p.item_key, p.ran_at desc, p.id desc
            ) latest), '[]'::json),
        'snapshot', (
            select json_build_object(
                'version', version, 'rows', rows, 'checksum', checksum,
                'batch_rows', batch_rows)
            from scenario_snapshots order by version desc limit 1),
        'signoff', (
            select json_build_object('actor_id', s.actor_id, 'at', s.signed_at,
                                     'decision', s.decision, 'reason', s.reason,
                                     'state_digest', s.state_digest, 'state_seq', s.state_seq,
                                     'withdrawal', (
                select json_build_object('seq', w.audit_seq, 'actor_id', w.actor_id,
                                         'action', w.action, 'item_key', w.item_key,
                                         'at', w.withdrawn_at)
                from signoff_withdrawals w where w.signoff_id = s.id))
            from signoffs s order by s.signed_at desc, s.id desc limit 1),
        'last_write', (select at from audit_events order by seq desc limit 1),
        'audit_head', (
            select json_build_object('seq', seq, 'hash', hash)
            from audit_events order by seq desc limit 1),
        'target', (select reference from rehearsal_targets order by id desc limit 1),
        'runs', coalesce((
            select json_agg(json_build_object(
                'id', r.id, 'kind', r.kind, 'state', r.state, 'reason', r.reason,
                'actor_id', r.actor_id, 'endpoint', r.endpoint, 'tls', r.tls,
                'summary', r.summary,
                'started_at', r.started_at, 'finished_at', r.finished_at))
            from (
                select distinct on (kind) * from rehearsal_runs order by kind, id desc
            ) r), '[]'::json)
    );
end
$$;
