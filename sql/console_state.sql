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
-- one with the same slug), the tenant's stored programme and profile, and none of the
-- sections and items a newer version of the programme retired.
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
            select json_build_object('name', name, 'version', version, 'sha256', sha256,
                                     'sections', sections, 'ladder', ladder, 'labels', labels)
            from tenant_programmes),
        'profile', (
            select json_build_object(
                'scenario_contract', scenario_contract, 'storage_adapter', storage_adapter,
                'auth_mode', auth_mode, 'tenant_mode', tenant_mode,
                'adapter_target', adapter_target, 'environment', environment)
            from tenant_profiles),
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
            from catalogue_sections where retired_in is null), '[]'::json),
        'items', coalesce((
            select json_agg(json_build_object(
                'key', key, 'section_key', section_key, 'kind', kind, 'code', code,
                'owner', owner_actor_id, 'depends_on', depends_on, 'fact', fact,
                'proposal', proposal, 'expected', expected, 'version', version)
                order by position)
            from catalogue_items where retired_in is null), '[]'::json),
        'acceptances', coalesce((
            select json_agg(json_build_object(
                'item_key', item_key, 'actor_id', actor_id, 'value', value,
                'at', accepted_at))
            from acceptances a where revoked_at is null and not exists (
                select from catalogue_items i
                where i.key = a.item_key and i.retired_in is not null)), '[]'::json),
        'probes', coalesce((
            select json_agg(json_build_object(
                'item_key', latest.item_key, 'passed', latest.passed,
                'found', latest.found, 'at', latest.ran_at))
            from (
                select distinct on (p.item_key) p.item_key, p.passed, p.found, p.ran_at
                from probe_results p
                where not exists (select from catalogue_items i
                                  where i.key = p.item_key and i.retired_in is not null)
                order by p.item_key, p.ran_at desc, p.id desc
            ) latest), '[]'::json),
        'snapshot', (
            select json_build_object(
                'version', version, 'rows', rows, 'checksum', checksum,
                'batch_rows', batch_rows)
            from scenario_snapshots order by version desc limit 1),
        'signoff', (
            select json_build_object('actor_id', s.actor_id, 'at', s.signed_at,
                                     'decision', s.decision, 'reason', s.reason,
                                     'state_digest', s.state_digest, 'state_seq', s.state_seq,
                                     'withdrawal', (
                select json_build_object('seq', w.audit_seq, 'actor_id', w.actor_id,
                                         'action', w.action, 'item_key', w.item_key,
                                         'at', w.withdrawn_at)
                from signoff_withdrawals w where w.signoff_id = s.id))
            from signoffs s order by s.signed_at desc, s.id desc limit 1),
        'last_write', (select at from audit_events order by seq desc limit 1),
        'audit_head', (
            select json_build_object('seq', seq, 'hash', hash)
            from audit_events order by seq desc limit 1),
        'target', (select reference from rehearsal_targets order by id desc limit 1),
        'runs', coalesce((
            select json_agg(json_build_object(
                'id', r.id, 'kind', r.kind, 'state', r.state, 'reason', r.reason,
                'actor_id', r.actor_id, 'endpoint', r.endpoint, 'tls', r.tls,
                'summary', r.summary,
                'started_at', r.started_at, 'finished_at', r.finished_at))
            from (
                select distinct on (kind) * from rehearsal_runs order by kind, id desc
            ) r), '[]'::json)
    );
end
$$;
