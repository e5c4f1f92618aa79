-- Rehearsals against a target database: the target, named by a secret reference (never the
-- secret), and the runs of the connection probes, the dry-run and the schema gap analysis.

-- A target is an environment variable's name or a file's path, resolved only when a probe
-- runs; what it resolves to is never stored. The newest row is the tenant's target.
create table rehearsal_targets (
    id bigint generated always as identity primary key,
    tenant_id uuid not null references tenants (id),
    reference text not null check (
        reference ~ '^env:[A-Za-z_][A-Za-z0-9_]{0,127}$'
        or (reference ~ '^file:/[^[:space:]]+$' and length(reference) <= 1005)
    ),
    actor_id text not null,
    set_at timestamptz not null default now(),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);

-- One row per run. At most one runs at a time per tenant (the partial unique index): a second
-- start is refused and told. `endpoint` is redacted (host, port, database); `transcript` holds
-- each step's result, timing and reason code.
create table rehearsal_runs (
    id bigint generated always as identity primary key,
    tenant_id uuid not null references tenants (id),
    kind text not null check (kind in ('connection', 'dry_run', 'gap')),
    state text not null check (state in ('running', 'passed', 'failed', 'refused', 'timed_out')),
    reason text,
    actor_id text not null,
    endpoint text,
    tls text,
    transcript jsonb not null default '[]',
    -- Flat `key: text` figures of the run for packets (rows, checksums, server version).
    summary jsonb not null default '{}',
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);
create unique index rehearsal_one_running on rehearsal_runs (tenant_id) where state = 'running';
create index rehearsal_runs_latest on rehearsal_runs (tenant_id, kind, id desc);

do $$
declare
    t text;
begin
    foreach t in array array['rehearsal_targets', 'rehearsal_runs'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format(
            'create policy tenant_isolation on %I
                using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
                with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
            t);
        execute format(
            'create trigger notify_change after insert or update or delete on %I
                for each row execute function notify_readiness_change()', t);
    end loop;
end
$$;

grant select, insert on rehearsal_targets, rehearsal_runs to readiness_app;
grant update (state, reason, endpoint, tls, transcript, summary, finished_at) on rehearsal_runs
    to readiness_app;
grant insert on probe_results to readiness_app;

-- The console's state now carries the target reference and the latest run of each kind.
create or replace function console_state(p_slug text) returns json
language plpgsql volatile security invoker as $$
#variable_conflict use_column
declare
    t tenants;
begin
    select * into t from tenants where slug = p_slug;
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
            select json_build_object('actor_id', actor_id, 'at', signed_at,
                                     'decision', decision, 'reason', reason)
            from signoffs order by signed_at desc, id desc limit 1),
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
