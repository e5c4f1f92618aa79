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
-- `console_state` (sql/console_state.sql, defined anew after the migrations) returns the
-- profile under `profile`, read from here; `tenant` is still `row_to_json(t)`, whose old
-- profile columns the loader ignores.

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

