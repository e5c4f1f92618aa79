-- A tenant's own people: invitations by the managing director with a role, an account's
-- status (disabling ends its sessions), its sign-ins, owners assigned per item and per role,
-- single sign-on with OIDC, and a programme's number of GO signatures.
--
-- A person is an `actors` row (name, role, email) from the moment they are invited; their
-- `accounts` row (how they sign in) exists once they have accepted the invitation, or signed
-- in through the tenant's identity provider for the first time.

-- The email a person was invited with: unique in the tenant, case-insensitively, so an
-- invitation to an email already there is refused, and a first OIDC sign-in links by it.
alter table actors add column email text;
create unique index actors_email on actors (tenant_id, lower(email)) where email is not null;

-- An account signs in with a password, through the identity provider (`oidc_sub`), or both.
-- A disabled account signs in no more, and its sessions end at their next request: a session
-- counts only while its account is active and it began at or after `sessions_valid_from`
-- (which "end my other sessions" and a password change move).
alter table accounts
    alter column password_hash drop not null,
    drop constraint accounts_password_hash_check,
    add constraint accounts_password_hash_check check (
        password_hash is null or password_hash like '$argon2id$%'
    ),
    add column status text not null default 'active' check (status in ('active', 'disabled')),
    add column sessions_valid_from timestamptz,
    add column last_sign_in_at timestamptz,
    add column oidc_sub text,
    add column updated_at timestamptz not null default now(),
    add constraint accounts_can_sign_in check (password_hash is not null or oidc_sub is not null);
create unique index accounts_oidc_sub on accounts (tenant_id, oidc_sub) where oidc_sub is not null;

-- An invitation (an account to create) or a password reset (an account's new password): the
-- token is shown once, only its SHA-256 kept, valid until `expires_at`, used once.
alter table tenant_invitations
    add column purpose text not null default 'invite' check (purpose in ('invite', 'reset')),
    add column invited_by text;

-- Each sign-in, for "your active sessions": started when and from which browser; ended when
-- signed out, or ended by its person or by a disabling. The session itself is tower-sessions'.
create table sign_ins (
    id text primary key check (id ~ '^[0-9a-f]{32}$'),
    tenant_id uuid not null references tenants (id),
    actor_id text not null,
    method text not null check (method in ('password', 'oidc')),
    user_agent text not null default '',
    started_at timestamptz not null,
    ended_at timestamptz,
    created_at timestamptz not null default now(),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);
create index sign_ins_actor on sign_ins (tenant_id, actor_id, started_at desc);

-- Owners are people. The programme names each item's owner role (`owner_role`); the owner is
-- the person assigned to the item (`owner_pinned`), else the role's default person
-- (`role_owners`), else as before (the programme's owner, or the managing director).
alter table catalogue_items
    add column owner_role text,
    add column owner_pinned boolean not null default false;
update catalogue_items i set owner_role = a.role
from actors a
where a.tenant_id = i.tenant_id and a.actor_id = i.owner_actor_id and i.owner_role is null;

create table role_owners (
    tenant_id uuid not null references tenants (id),
    role text not null,
    actor_id text not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, role),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);

-- Single sign-on: the tenant's identity provider. The client secret is a reference (`env:` or
-- `file:`), never the secret. `role_claim` names the claim whose values `role_map` maps to
-- console roles; an unknown person is refused unless `allow_sign_up` (then `default_role`).
create table tenant_sso (
    tenant_id uuid primary key references tenants (id),
    issuer text not null check (issuer like 'https://%' or issuer like 'http://%'),
    client_id text not null check (length(client_id) between 1 and 256),
    client_secret_ref text not null check (client_secret_ref ~ '^(env|file):.+'),
    role_claim text not null default 'groups',
    role_map jsonb not null default '{}',
    allow_sign_up boolean not null default false,
    default_role text,
    password_sign_in boolean not null default true,
    updated_at timestamptz not null default now(),
    check (not allow_sign_up or default_role is not null)
);

-- A programme may ask for more than one GO signature, each from a distinct managing director.
alter table tenant_programmes
    add column signatures_required int not null default 1 check (signatures_required >= 1);

do $$
declare
    t text;
begin
    foreach t in array array['sign_ins', 'role_owners', 'tenant_sso'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format(
            'create policy tenant_isolation on %I
                using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
                with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
            t);
    end loop;
    -- What the console state reads drops the cached view of its tenant when it changes.
    foreach t in array array['accounts', 'role_owners', 'tenant_sso'] loop
        execute format(
            'create trigger notify_change after insert or update or delete on %I
                for each row execute function notify_readiness_change()', t);
        execute format(
            'create trigger notify_truncate after truncate on %I
                for each statement execute function notify_readiness_change()', t);
    end loop;
end
$$;

-- The app role manages a tenant's people from the People page: it invites (a person and their
-- invitation), changes roles and names, disables and enables accounts, sets passwords, records
-- sign-ins, assigns owners and configures single sign-on. It still owns nothing.
grant insert on actors to readiness_app;
grant update (name, role, email, permissions) on actors to readiness_app;
grant update (password_hash, status, sessions_valid_from, last_sign_in_at, oidc_sub, updated_at)
    on accounts to readiness_app;
grant insert on tenant_invitations to readiness_app;
grant select, insert, update (ended_at) on sign_ins to readiness_app;
grant update (owner_actor_id, owner_pinned) on catalogue_items to readiness_app;
grant select, insert, update, delete on role_owners to readiness_app;
grant select, insert, update, delete on tenant_sso to readiness_app;
