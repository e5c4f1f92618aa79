-- The hourly checkpoint signer asks once which chains may be due, instead of entering every
-- tenant in turn (at 10,000 tenants, some 50,000 statements a minute). The function reads the
-- heads and latest checkpoints of all tenants; it runs as the owner, whom these tables' forced
-- row-level security lets read (only read) every tenant's rows through a policy of its own,
-- and only while no tenant is entered: inside a tenant the owner, too, sees that tenant's rows
-- alone, as the chain's verification relies on. The app role still sees one tenant's rows at
-- a time, and may only call the function. Whether a checkpoint is really due is still judged
-- by the app (`checkpoint::due`) under the head's lock; this only names the candidates: chains
-- that moved since their last checkpoint, by at least `p_events` events or with that
-- checkpoint older than `p_every`.
do $$
begin
    execute format(
        'create policy owner_reads_all on audit_heads for select to %I
            using (nullif(current_setting(''app.tenant_id'', true), '''') is null)',
        current_user);
    execute format(
        'create policy owner_reads_all on audit_checkpoints for select to %I
            using (nullif(current_setting(''app.tenant_id'', true), '''') is null)',
        current_user);
end
$$;

create function checkpoint_candidates(p_now timestamptz, p_events bigint, p_every interval)
returns setof uuid
language sql stable security definer set search_path = public as $$
    select h.tenant_id
    from audit_heads h
    left join lateral (
        select c.seq, c.at from audit_checkpoints c
        where c.tenant_id = h.tenant_id
        order by c.seq desc limit 1
    ) last on true
    where h.seq > 0
      and (last.seq is null
           or (h.seq > last.seq and (h.seq - last.seq >= p_events or p_now - last.at >= p_every)))
$$;

revoke all on function checkpoint_candidates(timestamptz, bigint, interval) from public;
grant execute on function checkpoint_candidates(timestamptz, bigint, interval) to readiness_app;
