-- Many tenants: each tenant's lifecycle (status, suspension, soft delete), its programme's
-- name and version, the platform chain of tenant events, and the managing director's
-- one-time invitation. The transitions are the core's (src/readiness/lifecycle.rs); the
-- table only refuses what can never be right.

alter table tenants
    add column status text not null default 'provisioning' check (
        status in ('provisioning', 'active', 'suspended', 'deleting', 'deleted')
    ),
    add column suspended_reason text,
    add column maintenance_flag boolean not null default false,
    add column contact_email text,
    add column programme_name text,
    add column programme_version int,
    add column updated_at timestamptz not null default now(),
    add column deleted_at timestamptz,
    -- A suspended tenant says why; only a purged one is soft-deleted.
    add constraint tenants_suspension_says_why check (
        (status = 'suspended') = (suspended_reason is not null)
    ),
    add constraint tenants_deleted_at_means_deleted check (
        (status = 'deleted') = (deleted_at is not null)
    );

-- The tenants of before were serving.
update tenants set status = 'active';

-- A slug names one tenant that is not deleted, whatever its case; a purged tenant's slug may
-- be taken again.
alter table tenants drop constraint tenants_slug_key;
create unique index tenants_slug_live on tenants (lower(slug)) where deleted_at is null;
create index tenants_status on tenants (status, updated_at desc);

-- `updated_at` moves with every change; a statement that sets it (to the app's clock) wins.
create function set_updated_at() returns trigger
language plpgsql as $$
begin
    if new.updated_at is not distinct from old.updated_at then
        new.updated_at := now();
    end if;
    return new;
end
$$;
create trigger tenants_updated_at before update on tenants
    for each row execute function set_updated_at();

-- A purged tenant is gone for the app: the directory it reads shows only tenants that are not
-- deleted, so every lookup by slug (console_state, audit_page, entering a tenant) finds at
-- most one, and a purged one is a 404 like a tenant that never was. The owner, which runs
-- the tenant commands, sees them all.
drop policy tenant_directory on tenants;
create policy tenant_directory on tenants for select using (deleted_at is null);
create policy tenant_directory_owner on tenants to current_user using (true) with check (true);

-- The platform chain: every lifecycle event of every tenant, hash-chained and signed like a
-- tenant's audit chain (src/chain.rs, the audit key), one chain for the platform. Each event's
-- canonical text is a tenant audit event's with the platform's nil id as its tenant, the
-- event's tenant as its target, its kind as its action and the SHA-256 of its payload (as
-- PostgreSQL prints the jsonb) as its evidence. Not tenant-scoped: the platform reads it whole.
create table tenant_events (
    id bigint generated always as identity primary key,
    seq bigint not null unique check (seq > 0),
    tenant_id uuid not null references tenants (id),
    kind text not null check (
        kind in ('provisioned', 'suspended', 'resumed', 'deleting', 'deleted', 'status_changed',
                 'programme_changed', 'error')
    ),
    actor text not null,
    payload jsonb not null default '{}',
    payload_digest text not null check (payload_digest ~ '^[0-9a-f]{64}$'),
    request_id text not null,
    at timestamptz not null default now(),
    canonical text not null,
    prev_hash text not null,
    hash text not null,
    signature text not null check (signature ~ '^[0-9a-f]{128}$'),
    created_at timestamptz not null default now()
);
create index tenant_events_by_tenant on tenant_events (tenant_id, at desc);

-- The platform chain's head, one row, locked by every append.
create table platform_head (
    id boolean primary key default true check (id),
    seq bigint not null default 0,
    hash text not null default ''
);
insert into platform_head default values;

create function platform_events_are_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'platform events are append-only (% refused)', tg_op
        using errcode = 'insufficient_privilege';
end
$$;
create trigger tenant_events_append_only before update or delete on tenant_events
    for each row execute function platform_events_are_append_only();
create trigger tenant_events_no_truncate before truncate on tenant_events
    for each statement execute function platform_events_are_append_only();

-- The purge removes a deleting tenant's rows, append-only ones too: a row is deleted only in
-- the transaction that names its tenant in `app.purging`, and only while that tenant is being
-- deleted (its final head is then on the platform chain). Everything else stays refused.
create or replace function audit_events_are_append_only() returns trigger
language plpgsql as $$
begin
    if tg_level = 'ROW' and tg_op = 'DELETE'
       and old.tenant_id::text = current_setting('app.purging', true)
       and exists (select from tenants where id = old.tenant_id and status = 'deleting') then
        return old;
    end if;
    raise exception 'audit events are append-only (% refused)', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create or replace function signoff_withdrawals_are_append_only() returns trigger
language plpgsql as $$
begin
    if tg_level = 'ROW' and tg_op = 'DELETE'
       and old.tenant_id::text = current_setting('app.purging', true)
       and exists (select from tenants where id = old.tenant_id and status = 'deleting') then
        return old;
    end if;
    raise exception 'signoff withdrawals are append-only (% refused)', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

-- Removes every row of a deleting tenant from every tenant table (every table of the schema
-- with a `tenant_id`, but the platform's), whatever their foreign keys: a table whose rows are
-- still referenced is tried again after the others. Run by the owner.
create function purge_tenant_rows(p_tenant uuid) returns bigint
language plpgsql as $$
declare
    t text;
    n bigint;
    removed bigint := 0;
    pending text[];
    left_over text[];
begin
    perform set_config('app.tenant_id', p_tenant::text, true);
    perform set_config('app.purging', p_tenant::text, true);
    select array_agg(c.table_name::text order by c.table_name) into pending
    from information_schema.columns c
    join information_schema.tables tb
      on tb.table_schema = c.table_schema and tb.table_name = c.table_name
    where c.table_schema = 'public' and c.column_name = 'tenant_id'
      and tb.table_type = 'BASE TABLE'
      and c.table_name not in ('tenants', 'tenant_events');
    while coalesce(array_length(pending, 1), 0) > 0 loop
        left_over := '{}';
        foreach t in array pending loop
            begin
                execute format('delete from %I where tenant_id = $1', t) using p_tenant;
                get diagnostics n = row_count;
                removed := removed + n;
            exception when foreign_key_violation then
                left_over := left_over || t;
            end;
        end loop;
        if left_over = pending then
            raise exception 'cannot purge tenant %: rows of % are still referenced',
                p_tenant, left_over;
        end if;
        pending := left_over;
    end loop;
    perform set_config('app.purging', '', true);
    return removed;
end
$$;

-- The managing director's invitation: the token is shown once, by `tenant create`; only its
-- SHA-256 is kept. Valid until `expires_at`, used once.
create table tenant_invitations (
    id bigint generated always as identity primary key,
    tenant_id uuid not null references tenants (id),
    actor_id text not null,
    token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now(),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);
alter table tenant_invitations enable row level security;
alter table tenant_invitations force row level security;
create policy tenant_isolation on tenant_invitations
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The app role reads the directory (granted in 0001) and accepts invitations: it marks one
-- used and creates the account. It reads and writes nothing of the platform chain.
grant select, update (used_at) on tenant_invitations to readiness_app;
grant insert on accounts to readiness_app;
