-- The console's state: one statement loads everything the console page needs. It enters the
-- tenant transaction-locally (so the context cannot leak to the next user of a pooled
-- connection) and returns the state as one document (`json`, not `jsonb`: it is read once, and
-- building text is twice as fast). Security invoker: the policies apply to the caller.
--
-- Not a migration: `db::migrate` defines it anew after the migrations, at every start, so a
-- change to it is an edit of this file rather than a copy of it in a new migration (0001, 0003
-- and 0006 hold its earlier versions, as they were applied).
--
-- It reads the live tenant of a slug (the owner, which sees every tenant, may hold a purged
-- one with the same slug), the tenant's stored programme (not its labels: they are most of
-- its bytes, and a process reads them once per distinct programme file, by
-- `db::programmes::labels`) and profile, and none of the
-- sections and items a newer version of the programme retired. Every list and object is
-- `json_agg(row)` / `row_to_json(row)` of a narrow subselect whose column aliases are the keys
-- the loader reads (cheaper than `json_build_object` per row), and the newest event is read
-- once for both `last_write` and `audit_head`. The latest sign-off is read once too, for
-- itself and for its round's other standing GO signatures (`cosignatures`: the same state
-- digest, not withdrawn), which a programme asking for more than one signature counts.
create or replace function console_state(p_slug text) returns json
language plpgsql volatile security invoker as $$
#variable_conflict use_column
declare
    t tenants;
begin
    select * into t from tenants where slug = p_slug and deleted_at is null;
    if not found then
        return null;
    end if;
    perform set_config('app.tenant_id', t.id::text, true);
    return json_build_object(
        'tenant', row_to_json(t),
        'programme', (
            select row_to_json(p)
            from (select name, version, sha256, sections, ladder, signatures_required
                  from tenant_programmes) p),
        'profile', (
            select row_to_json(p)
            from (select scenario_contract, storage_adapter, auth_mode, tenant_mode,
                         adapter_target, environment from tenant_profiles) p),
        'actors', coalesce((
            select json_agg(a order by a.position)
            from (select actor_id, name, unit, role, permissions, position from actors) a),
            '[]'::json),
        -- What a session's check reads of each account (never its password hash): its
        -- status and the instant before which its sessions no longer count.
        'accounts', coalesce((
            select json_agg(a)
            from (select actor_id, username, status, sessions_valid_from,
                         password_hash is not null as password, oidc_sub is not null as oidc
                  from accounts) a), '[]'::json),
        -- Its live API keys, for the check every API request passes: found by lookup, matched
        -- by hash (the key itself is never stored).
        'api_keys', coalesce((
            select json_agg(k)
            from (select id, name, actor_id, scope, lookup, sha256, expires_at
                  from api_keys where revoked_at is null) k), '[]'::json),
        'providers', coalesce((
            select json_agg(p order by p.position)
            from (select key, current_mode, target_mode, position from providers) p),
            '[]'::json),
        'sections', coalesce((
            select json_agg(s order by s.position)
            from (select key, contract, decision_gated_by, decision_pending, position
                  from catalogue_sections where retired_in is null) s), '[]'::json),
        'items', coalesce((
            select json_agg(i order by i.position)
            from (select key, section_key, kind, code, owner_actor_id as owner, owner_role,
                         depends_on, fact, proposal, expected, version, position
                  from catalogue_items where retired_in is null) i), '[]'::json),
        'acceptances', coalesce((
            select json_agg(a)
            from (select item_key, actor_id, value, accepted_at as at
                  from acceptances a where revoked_at is null and not exists (
                      select from catalogue_items i
                      where i.key = a.item_key and i.retired_in is not null)) a), '[]'::json),
        'probes', coalesce((
            select json_agg(latest)
            from (
                select distinct on (p.item_key) p.item_key, p.passed, p.found, p.ran_at as at
                from probe_results p
                where not exists (select from catalogue_items i
                                  where i.key = p.item_key and i.retired_in is not null)
                order by p.item_key, p.ran_at desc, p.id desc
            ) latest), '[]'::json),
        'snapshot', (
            select row_to_json(s)
            from (select version, rows, checksum, batch_rows from scenario_snapshots
                  order by version desc limit 1) s),
        'signoff', (
            select row_to_json(x) from (
                select s.actor_id, s.signed_at as at, s.decision, s.reason, s.state_digest,
                       s.state_seq,
                       (select row_to_json(w) from (
                            select w.audit_seq as seq, w.actor_id, w.action, w.item_key,
                                   w.withdrawn_at as at
                            from signoff_withdrawals w where w.signoff_id = s.id) w)
                           as withdrawal
                from signoffs s where s.id = l.id) x),
        'cosignatures', coalesce((
            select json_agg(c order by c.at, c.id)
            from (select s.id, s.actor_id, s.signed_at as at, s.state_digest, s.state_seq
                  from signoffs s
                  where l.decision = 'GO' and s.decision = 'GO' and s.id <> l.id
                    and s.state_digest = l.state_digest
                    and not exists (select from signoff_withdrawals w
                                    where w.signoff_id = s.id)) c), '[]'::json),
        'last_write', h.at,
        'audit_head', case when h.seq is not null
                           then json_build_object('seq', h.seq, 'hash', h.hash) end,
        'target', (select reference from rehearsal_targets order by id desc limit 1),
        'runs', coalesce((
            select json_agg(r)
            from (
                select distinct on (kind) id, kind, state, reason, actor_id, endpoint, tls,
                       summary, started_at, finished_at
                from rehearsal_runs order by kind, id desc
            ) r), '[]'::json)
    )
    from (select 1) one
    left join lateral (select seq, hash, at from audit_events order by seq desc limit 1) h
      on true
    left join lateral (select id, decision, state_digest from signoffs
                       order by signed_at desc, id desc limit 1) l
      on true;
end
$$;
