-- Each tenant runs its own programme: the programme it was created with (or moved to by
-- `tenant programme`) is stored per tenant, parsed once when it is written, so that a cold
-- load reads it in the same `console_state` call instead of parsing TOML.
--
-- `sections` is the programme's section keys in page order (the page lays out what the
-- programme has, even a section whose rows are missing); `ladder` its rungs, sign-off
-- included; `labels` the labels and descriptions per language; `target` the objects the schema
-- gap analysis expects. `json`, not `jsonb`: they are only ever read whole, and `json` is
-- embedded in `console_state`'s document as it is stored. `source` is the file's text, with
-- its SHA-256, for the record.

create table tenant_programmes (
    tenant_id uuid primary key references tenants (id),
    name text not null,
    version int not null check (version >= 0),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    source text not null,
    sections json not null,
    ladder json not null,
    labels json not null,
    target json not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

alter table tenant_programmes enable row level security;
alter table tenant_programmes force row level security;
create policy tenant_isolation on tenant_programmes
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create trigger notify_change after insert or update or delete on tenant_programmes
    for each row execute function notify_readiness_change();
create trigger notify_truncate after truncate on tenant_programmes
    for each statement execute function notify_readiness_change();

-- The app role reads it; only the owner (seed-demo, tenant create, tenant programme) writes.
grant select on tenant_programmes to readiness_app;

-- An item or a section that a new version of the programme no longer has is retired, not
-- deleted: its acceptances, probe results and withdrawals keep naming it, so the audit trail
-- stays whole. `retired_in` is the programme version that dropped it; the console reads only
-- the rows that are not retired, and no write reaches a retired item.
alter table catalogue_sections add column retired_in int;
alter table catalogue_items add column retired_in int;

-- The console's state, with the tenant's programme and without what it retired. (Otherwise as
-- in 0009.)
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
        'programme', (
            select json_build_object('name', name, 'version', version, 'sha256', sha256,
                                     'sections', sections, 'ladder', ladder, 'labels', labels)
            from tenant_programmes),
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
            from catalogue_sections where retired_in is null), '[]'::json),
        'items', coalesce((
            select json_agg(json_build_object(
                'key', key, 'section_key', section_key, 'kind', kind, 'code', code,
                'owner', owner_actor_id, 'depends_on', depends_on, 'fact', fact,
                'proposal', proposal, 'expected', expected, 'version', version)
                order by position)
            from catalogue_items where retired_in is null), '[]'::json),
        'acceptances', coalesce((
            select json_agg(json_build_object(
                'item_key', item_key, 'actor_id', actor_id, 'value', value,
                'at', accepted_at))
            from acceptances a where revoked_at is null and not exists (
                select from catalogue_items i
                where i.key = a.item_key and i.retired_in is not null)), '[]'::json),
        'probes', coalesce((
            select json_agg(json_build_object(
                'item_key', latest.item_key, 'passed', latest.passed,
                'found', latest.found, 'at', latest.ran_at))
            from (
                select distinct on (p.item_key) p.item_key, p.passed, p.found, p.ran_at
                from probe_results p
                where not exists (select from catalogue_items i
                                  where i.key = p.item_key and i.retired_in is not null)
                order by p.item_key, p.ran_at desc, p.id desc
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
