-- Each tenant's decision and figures, kept by every write in its own transaction, so the
-- platform's list of tenants is one indexed query and never evaluates a tenant per request.
--
-- A platform table: every row is readable (the operator's list reads them all), but a write
-- may only touch the row of the tenant it entered.

create table tenant_summaries (
    tenant_id uuid primary key references tenants (id),
    -- The tenant's slug, so that the list filtered by decision reads one index in slug order.
    slug text not null,
    decision text not null,
    gates_ready int not null check (gates_ready >= 0),
    gates_total int not null check (gates_total >= 0),
    percent int not null check (percent between 0 and 100),
    audit_seq bigint not null,
    changed_at timestamptz not null
);
create index tenant_summaries_decision on tenant_summaries (decision, lower(slug));

alter table tenant_summaries enable row level security;
alter table tenant_summaries force row level security;
create policy summaries_readable on tenant_summaries for select using (true);
create policy summaries_own_insert on tenant_summaries for insert
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy summaries_own_update on tenant_summaries for update
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
-- Only a purge (the owner, inside the tenant) removes one; the app role cannot.
create policy summaries_own_delete on tenant_summaries for delete
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on tenant_summaries to readiness_app;

