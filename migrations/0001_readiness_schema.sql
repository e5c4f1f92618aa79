-- The readiness console schema.
--
-- Runs as the owner role. The running app connects as `readiness_app`, which owns nothing, is
-- not superuser and cannot bypass row-level security. Every tenant-scoped table carries
-- `tenant_id` and is `enable` + `force row level security` (so even the owner is filtered) with
-- a policy on the request's tenant, set transaction-locally in `app.tenant_id`.

create table tenants (
    id uuid primary key default gen_random_uuid(),
    slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name text not null,
    scenario_contract text not null,
    storage_adapter text not null,
    auth_mode text not null,
    tenant_mode text not null,
    adapter_target text not null,
    environment text not null,
    created_at timestamptz not null default now()
);

create table actors (
    tenant_id uuid not null references tenants (id),
    actor_id text not null,
    name text not null,
    unit text not null,
    role text not null check (
        role in ('managing_director', 'dispatcher', 'accountant', 'driver', 'client', 'reviewer')
    ),
    permissions text[] not null default '{}',
    position int not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, actor_id)
);

create table providers (
    tenant_id uuid not null references tenants (id),
    key text not null,
    current_mode text not null,
    target_mode text not null,
    position int not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, key)
);

-- The catalogue is data, so that another programme reuses the engine. Kinds, owners and
-- dependencies are deliberately not constrained here: the evaluation reports a row it cannot
-- understand as "misconfigured" on its section instead of failing the page.
create table catalogue_sections (
    tenant_id uuid not null references tenants (id),
    key text not null,
    position int not null,
    contract text,
    decision_gated_by text[] not null default '{}',
    decision_pending text,
    created_at timestamptz not null default now(),
    primary key (tenant_id, key)
);

create table catalogue_items (
    tenant_id uuid not null,
    key text not null,
    section_key text not null,
    position int not null,
    kind text not null,
    code text,
    owner_actor_id text,
    depends_on text[] not null default '{}',
    fact text,
    proposal text,
    expected int,
    -- Optimistic concurrency: a form carries the version of the item it was drawn from; every
    -- accept or revoke moves it.
    version int not null default 0,
    created_at timestamptz not null default now(),
    primary key (tenant_id, key),
    foreign key (tenant_id, section_key) references catalogue_sections (tenant_id, key)
);

-- Acceptances of owner checks and decisions. A revoked acceptance stays, with who revoked it
-- and why; at most one acceptance per item stands at a time.
create table acceptances (
    id bigint generated always as identity primary key,
    tenant_id uuid not null,
    item_key text not null,
    actor_id text not null,
    value text,
    evidence_note text not null,
    evidence_url text,
    evidence_checksum text,
    accepted_at timestamptz not null default now(),
    revoked_at timestamptz,
    revoked_by text,
    revoke_reason text,
    created_at timestamptz not null default now(),
    foreign key (tenant_id, item_key) references catalogue_items (tenant_id, key),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);
create unique index acceptances_one_standing on acceptances (tenant_id, item_key)
    where revoked_at is null;

create table probe_results (
    id bigint generated always as identity primary key,
    tenant_id uuid not null,
    item_key text not null,
    passed boolean not null,
    found int,
    detail jsonb not null default '{}',
    duration_ms int,
    ran_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    foreign key (tenant_id, item_key) references catalogue_items (tenant_id, key)
);
create index probe_results_latest on probe_results (tenant_id, item_key, ran_at desc, id desc);

create table scenario_snapshots (
    tenant_id uuid not null references tenants (id),
    version int not null,
    rows bigint not null check (rows >= 0),
    checksum text not null,
    batch_rows jsonb not null default '{}',
    frozen_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    primary key (tenant_id, version)
);

create table signoffs (
    id bigint generated always as identity primary key,
    tenant_id uuid not null,
    actor_id text not null,
    decision text not null check (decision in ('GO', 'NO_GO')),
    reason text,
    signed_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);
create index signoffs_latest on signoffs (tenant_id, signed_at desc, id desc);

-- The append-only audit chain. Each event's hash covers the previous hash and the event's
-- canonical bytes, stored exactly as hashed.
create table audit_events (
    tenant_id uuid not null references tenants (id),
    seq bigint not null check (seq > 0),
    actor_id text,
    action text not null,
    target text not null,
    evidence_digest text,
    request_id text,
    at timestamptz not null default now(),
    canonical text not null,
    prev_hash text not null,
    hash text not null,
    primary key (tenant_id, seq)
);

create function audit_events_are_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit events are append-only (% refused)', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_events_append_only
    before update or delete on audit_events
    for each row execute function audit_events_are_append_only();
create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement execute function audit_events_are_append_only();

-- Row-level security: every tenant-scoped table sees only the request's tenant.
-- `current_setting(..., true)` is '' (not null) after a transaction-local setting ends, hence
-- the nullif.
do $$
declare
    t text;
begin
    foreach t in array array[
        'actors', 'providers', 'catalogue_sections', 'catalogue_items', 'acceptances',
        'probe_results', 'scenario_snapshots', 'signoffs', 'audit_events'
    ] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format(
            'create policy tenant_isolation on %I
                using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
                with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
            t);
    end loop;
end
$$;

-- The tenant directory is readable by slug, so a request can find its tenant before entering
-- it; what a tenant holds stays behind the policies above.
alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenant_directory on tenants using (true) with check (true);

-- Every change to a tenant's state notifies `readiness_state` with the tenant id, so every app
-- instance drops its cached evaluation of that tenant.
create function notify_readiness_change() returns trigger
language plpgsql as $$
begin
    if tg_level = 'STATEMENT' then
        perform pg_notify('readiness_state', '*');
    elsif tg_table_name = 'tenants' then
        perform pg_notify('readiness_state', coalesce(new.id, old.id)::text);
    else
        perform pg_notify('readiness_state', coalesce(new.tenant_id, old.tenant_id)::text);
    end if;
    return null;
end
$$;

do $$
declare
    t text;
begin
    foreach t in array array[
        'tenants', 'actors', 'providers', 'catalogue_sections', 'catalogue_items',
        'acceptances', 'probe_results', 'scenario_snapshots', 'signoffs', 'audit_events'
    ] loop
        execute format(
            'create trigger notify_change after insert or update or delete on %I
                for each row execute function notify_readiness_change()', t);
        execute format(
            'create trigger notify_truncate after truncate on %I
                for each statement execute function notify_readiness_change()', t);
    end loop;
end
$$;

-- One statement loads everything the console page needs: it enters the tenant
-- transaction-locally (so the context cannot leak to the next user of a pooled connection) and
-- returns the state as one document (`json`, not `jsonb`: it is only read once, and building
-- text is twice as fast). Security invoker: the policies apply to the caller.
create function console_state(p_slug text) returns json
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
            from audit_events order by seq desc limit 1)
    );
end
$$;


-- The proof path finds the events that name an item without scanning the chain.
create index audit_events_target on audit_events (tenant_id, target, seq desc);

grant select on tenants, actors, providers, catalogue_sections, catalogue_items, acceptances,
    probe_results, scenario_snapshots, signoffs, audit_events to readiness_app;
grant execute on function console_state(text) to readiness_app;

-- Accounts and sessions, and what the app role needs to write: accepting and revoking checks
-- with evidence, decisions and the sign-off, each appending to the tenant's audit chain in the
-- same transaction.

-- One account per actor who signs in. The password is an argon2id PHC string; nothing else
-- about it is stored.
create table accounts (
    tenant_id uuid not null,
    actor_id text not null,
    username text not null check (username ~ '^[a-z0-9._-]{2,64}$'),
    password_hash text not null check (password_hash like '$argon2id$%'),
    created_at timestamptz not null default now(),
    primary key (tenant_id, actor_id),
    unique (tenant_id, username),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);
alter table accounts enable row level security;
alter table accounts force row level security;
create policy tenant_isolation on accounts
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Sessions, in the shape tower-sessions' PostgreSQL store expects. The id is a random 128-bit
-- value; the data names the tenant and actor. Not tenant-scoped: a session is found by its id
-- before any tenant is known.
create schema tower_sessions;
create table tower_sessions.session (
    id text primary key not null,
    data bytea not null,
    expiry_date timestamptz not null
);
create index session_expiry on tower_sessions.session (expiry_date);
grant usage on schema tower_sessions to readiness_app;
grant select, insert, update, delete on tower_sessions.session to readiness_app;

grant update (version) on catalogue_items to readiness_app;

-- Idempotency: a replayed form (same key) has one effect. The key is the form's, the result is
-- the audit sequence number the first submission produced.
create table idempotency_keys (
    tenant_id uuid not null references tenants (id),
    key uuid not null,
    actor_id text not null,
    audit_seq bigint not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, key)
);
alter table idempotency_keys enable row level security;
alter table idempotency_keys force row level security;
create policy tenant_isolation on idempotency_keys
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The head of each tenant's audit chain. Appends lock this row (update … returning) inside the
-- writing transaction, under READ COMMITTED, so the chain never forks.
create table audit_heads (
    tenant_id uuid primary key references tenants (id),
    seq bigint not null default 0,
    hash text not null default ''
);
alter table audit_heads enable row level security;
alter table audit_heads force row level security;
create policy tenant_isolation on audit_heads
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select on accounts to readiness_app;
grant insert on acceptances to readiness_app;
grant update (revoked_at, revoked_by, revoke_reason) on acceptances to readiness_app;
grant insert on audit_events to readiness_app;
grant select, update on audit_heads to readiness_app;
grant select, insert on idempotency_keys to readiness_app;
grant insert on signoffs to readiness_app;
