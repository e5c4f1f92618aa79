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

