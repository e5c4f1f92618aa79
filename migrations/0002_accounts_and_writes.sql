-- Accounts and sessions, and what the app role needs to accept and revoke checks with evidence,
-- each write appending to the tenant's audit chain in the same transaction.

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

-- Optimistic concurrency: a form carries the version of the item it was drawn from; every
-- accept or revoke bumps it.
alter table catalogue_items add column version int not null default 0;
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
-- Existing tenants get their head before the policy applies (it would filter the owner too).
insert into audit_heads (tenant_id) select id from tenants;
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

-- The loader now also returns each item's version, which forms carry.
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
            from audit_events order by seq desc limit 1)
    );
end
$$;


-- The proof path finds the events that name an item without scanning the chain.
create index audit_events_target on audit_events (tenant_id, target, seq desc);
