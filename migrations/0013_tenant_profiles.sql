-- The tenant's profile is the tenant's own data: how it runs today (scenario contract, storage
-- adapter, auth mode, tenant mode), the adapter its rehearsals target and its release
-- environment move from columns of `tenants`, written once by the seed, to `tenant_profiles`,
-- a tenant-scoped table the managing director edits on the settings page
-- (`/t/{tenant}/settings`, action `set_profile`). The providers' current and target modes
-- stay in `providers` (tenant-scoped already); the page edits them there.
--
-- The old columns `tenants.scenario_contract`, `storage_adapter`, `auth_mode`, `tenant_mode`,
-- `adapter_target` and `environment` are kept (dropping them would break every caller that
-- still names them, such as a bulk seed written against 0001), but made nullable: nothing
-- reads them any more and the console no longer writes them. Their values as of this
-- migration are copied into `tenant_profiles`.
--
-- Every tenant has its profile row from the moment it exists: a trigger on `tenants` inserts
-- it with the row. A row inserted the old way, naming the old columns (a script or a bulk
-- seed written against 0001), gives the profile those values — the one moment the old columns
-- are read; a value it leaves out is empty, which the evaluation shows as not set (the
-- release variables incomplete) until the managing director fills it in on the settings page.
-- The console's own inserts (`seed::insert_tenant`) name none of them and then write the
-- profile from the programme's defaults.
--
-- What changed in `console_state` (re-apply exactly this on top of a newer definition): one
-- key is added to the returned document,
--
--     'profile', (select json_build_object(
--                     'scenario_contract', scenario_contract,
--                     'storage_adapter', storage_adapter, 'auth_mode', auth_mode,
--                     'tenant_mode', tenant_mode, 'adapter_target', adapter_target,
--                     'environment', environment)
--                 from tenant_profiles),
--
-- placed right after 'programme'. Nothing else changed: every other key, and `tenant`
-- (still `row_to_json(t)`, whose old profile columns the loader ignores), is as in 0011.

create table tenant_profiles (
    tenant_id uuid primary key references tenants (id),
    scenario_contract text not null,
    storage_adapter text not null,
    auth_mode text not null,
    tenant_mode text not null,
    adapter_target text not null,
    environment text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

insert into tenant_profiles (tenant_id, scenario_contract, storage_adapter, auth_mode,
                             tenant_mode, adapter_target, environment, created_at)
select id, scenario_contract, storage_adapter, auth_mode, tenant_mode, adapter_target,
       environment, created_at
from tenants;

alter table tenants
    alter column scenario_contract drop not null,
    alter column storage_adapter drop not null,
    alter column auth_mode drop not null,
    alter column tenant_mode drop not null,
    alter column adapter_target drop not null,
    alter column environment drop not null;

alter table tenant_profiles enable row level security;
alter table tenant_profiles force row level security;
create policy tenant_isolation on tenant_profiles
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create trigger notify_change after insert or update or delete on tenant_profiles
    for each row execute function notify_readiness_change();
create trigger notify_truncate after truncate on tenant_profiles
    for each statement execute function notify_readiness_change();
create trigger tenant_profiles_updated_at before update on tenant_profiles
    for each row execute function set_updated_at();

-- The app role reads the profile and changes its values (the settings page's write, inside
-- the tenant); only the owner (seed-demo, tenant create) inserts a tenant's row.
grant select on tenant_profiles to readiness_app;

-- The profile row of a new tenant, inside that tenant (the table forces row-level security on
-- the owner too); the caller's tenant setting is put back afterwards.
create function tenants_insert_profile() returns trigger
language plpgsql as $$
declare
    caller text := current_setting('app.tenant_id', true);
begin
    perform set_config('app.tenant_id', new.id::text, true);
    insert into tenant_profiles (tenant_id, scenario_contract, storage_adapter, auth_mode,
                                 tenant_mode, adapter_target, environment)
    values (new.id, coalesce(new.scenario_contract, ''), coalesce(new.storage_adapter, ''),
            coalesce(new.auth_mode, ''), coalesce(new.tenant_mode, ''),
            coalesce(new.adapter_target, ''), coalesce(new.environment, ''))
    on conflict (tenant_id) do nothing;
    perform set_config('app.tenant_id', coalesce(caller, ''), true);
    return null;
end
$$;
create trigger tenants_insert_profile after insert on tenants
    for each row execute function tenants_insert_profile();
grant update (scenario_contract, storage_adapter, auth_mode, tenant_mode, adapter_target,
              environment, updated_at) on tenant_profiles to readiness_app;
grant update (current_mode, target_mode) on providers to readiness_app;

-- The console's state, with the tenant's profile. (Otherwise as in 0011.)
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
        'profile', (
            select json_build_object(
                'scenario_contract', scenario_contract, 'storage_adapter', storage_adapter,
                'auth_mode', auth_mode, 'tenant_mode', tenant_mode,
                'adapter_target', adapter_target, 'environment', environment)
            from tenant_profiles),
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
