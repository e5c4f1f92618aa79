-- The digest of each tenant's catalogue definition: SHA-256 over its live sections and what
-- each live item is (not who owns it, nor its version). `console_state` returns it, and a
-- caller already holding the definition with that digest gets only each item's owner and
-- version instead of the rows (see sql/console_state.sql). The tenants of one programme file
-- share one digest, so a serving process holds one definition for all of them.
--
-- Kept by statement triggers on the two catalogue tables, in the transaction that changes
-- them: a row changed in any way (by the console, a programme change, or by hand as the
-- owner) changes the digest with it, so no caller is ever given a definition that is not the
-- stored one.

create table catalogue_digests (
    tenant_id uuid primary key references tenants (id),
    digest text not null check (digest ~ '^[0-9a-f]{64}$')
);

alter table catalogue_digests enable row level security;
alter table catalogue_digests force row level security;
create policy tenant_isolation on catalogue_digests
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select on catalogue_digests to readiness_app;

-- The digest of the catalogue of the tenant entered.
create function catalogue_digest() returns text
language sql stable security invoker as $$
    select encode(sha256(convert_to(
        coalesce((select string_agg(
                      row(key, contract, decision_gated_by, decision_pending, position)::text,
                      E'\n' order by key)
                  from catalogue_sections where retired_in is null), '')
        || E'\n\n' ||
        coalesce((select string_agg(
                      row(key, section_key, kind, code, owner_role, depends_on, fact,
                          proposal, expected, position)::text,
                      E'\n' order by key)
                  from catalogue_items where retired_in is null), ''),
        'UTF8')), 'hex')
$$;

-- Recomputes the digest of the tenant entered, after a statement that changed its catalogue.
-- As the owner (the app role may only read the digests), still inside the tenant entered:
-- the tables force row-level security. Nothing while a purge removes the tenant's rows.
create function refresh_catalogue_digest() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    v_tenant text := nullif(current_setting('app.tenant_id', true), '');
begin
    if v_tenant is null or current_setting('app.purging', true) = v_tenant then
        return null;
    end if;
    insert into catalogue_digests (tenant_id, digest)
    values (v_tenant::uuid, catalogue_digest())
    on conflict (tenant_id) do update set digest = excluded.digest;
    return null;
end
$$;

create trigger catalogue_digest after insert or delete on catalogue_items
    for each statement execute function refresh_catalogue_digest();
create trigger catalogue_digest_update
    after update of key, section_key, kind, code, owner_role, depends_on, fact, proposal,
                    expected, position, retired_in on catalogue_items
    for each statement execute function refresh_catalogue_digest();
create trigger catalogue_digest after insert or delete on catalogue_sections
    for each statement execute function refresh_catalogue_digest();
create trigger catalogue_digest_update
    after update of key, contract, decision_gated_by, decision_pending, position, retired_in
    on catalogue_sections
    for each statement execute function refresh_catalogue_digest();

-- Every tenant's digest, as its rows are now.
do $$
declare
    r record;
begin
    for r in select id from tenants loop
        perform set_config('app.tenant_id', r.id::text, true);
        insert into catalogue_digests (tenant_id, digest) values (r.id, catalogue_digest())
        on conflict (tenant_id) do nothing;
    end loop;
    perform set_config('app.tenant_id', '', true);
end
$$;
