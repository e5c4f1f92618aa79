-- Platform operators: accounts outside any tenant, who create, suspend, resume and delete
-- tenants from `/platform`. They administer and never attest: no operator is an actor of a
-- tenant, so no tenant write can name one. The password is an argon2id PHC string.

create table operators (
    username text primary key check (username ~ '^[a-z0-9._-]{2,64}$'),
    password_hash text not null check (password_hash like '$argon2id$%'),
    created_at timestamptz not null default now()
);

-- The app role checks an operator's password; `operator create` (the owner) makes them.
grant select on operators to readiness_app;

-- The platform's list of tenants, in slug order by keyset, whole or by status.
create index tenants_live_by_status on tenants (status, lower(slug)) where deleted_at is null;
