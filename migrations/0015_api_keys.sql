-- The API: keys for pipelines, each the key of one service account of its tenant, and the
-- idempotency of the API's writes.
--
-- A service account is an `actors` row with the role `service`: the audit trail names it like
-- a person (actor type `service`), and an `attest` key's account can be assigned as the owner of
-- an owner check. It has no `accounts` row: it never signs in to the pages.
alter table actors drop constraint actors_role_check;
alter table actors add constraint actors_role_check check (
    role in ('managing_director', 'dispatcher', 'accountant', 'driver', 'client', 'reviewer',
             'service')
);

-- A key is shown once; only its SHA-256 is kept, found by its public lookup prefix (the first
-- characters after `rc_key_`). `read` reads; `attest` also accepts and revokes the owner
-- checks its account is assigned. A revoked key stays, for the trail's sake, and frees its
-- name.
create table api_keys (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenants (id),
    name text not null check (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    actor_id text not null,
    scope text not null check (scope in ('read', 'attest')),
    lookup text not null unique check (lookup ~ '^[A-Za-z0-9_-]{12}$'),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    created_by text not null,
    created_at timestamptz not null,
    expires_at timestamptz,
    revoked_at timestamptz,
    revoked_by text,
    last_used_at timestamptz,
    check (expires_at is null or expires_at > created_at),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);
create unique index api_keys_name on api_keys (tenant_id, name) where revoked_at is null;

-- Row-level security binds the app role, as on every tenant table. Not forced: the table's
-- owner, which only the migrations and `api_key_tenant` below act as, reads across tenants.
alter table api_keys enable row level security;
create policy tenant_isolation on api_keys
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The console state carries the tenant's live keys, so a warm API request asks no query: a
-- new, revoked or re-dated key drops the cached state. `last_used_at` does not.
create trigger notify_change after insert or delete or update of revoked_at, expires_at, scope
    on api_keys for each row execute function notify_readiness_change();
create trigger notify_truncate after truncate on api_keys
    for each statement execute function notify_readiness_change();

-- A key presented to a tenant that does not hold it: which tenant does? Only a live key whose
-- hash matches is named, so an unknown, a revoked and an expired key all find nothing. Security
-- definer, as the table's owner: it reads across tenants, and says no more than a slug.
create function api_key_tenant(p_lookup text, p_sha256 text, p_now timestamptz)
returns text
language sql stable security definer set search_path = public as $$
    select t.slug from api_keys k join tenants t on t.id = k.tenant_id
    where k.lookup = p_lookup and k.sha256 = p_sha256 and k.revoked_at is null
      and (k.expires_at is null or k.expires_at > p_now) and t.deleted_at is null
$$;
revoke all on function api_key_tenant(text, text, timestamptz) from public;
grant execute on function api_key_tenant(text, text, timestamptz) to readiness_app;

-- An API write remembers the digest of the request its `Idempotency-Key` came with, and the
-- answer it gave: a replay gets the same answer, the same key with another request is refused.
-- A form's key leaves both empty.
alter table idempotency_keys
    add column request_sha256 text check (request_sha256 ~ '^[0-9a-f]{64}$'),
    add column answer text;

grant select, insert on api_keys to readiness_app;
grant update (revoked_at, revoked_by, last_used_at) on api_keys to readiness_app;
