-- A GO signature counts for the state it was given on. The sign-off records the digest of the
-- evaluated state (decision, every item's status, the audit head) and the head's sequence
-- number; a later write that changes any item's status withdraws it, in the same transaction,
-- naming the audit event it appended. GO holds only while the latest GO is not withdrawn.

-- Null on sign-offs recorded before signatures named their state, and on NO-GO.
alter table signoffs
    add column state_digest text check (state_digest ~ '^[0-9a-f]{64}$'),
    add column state_seq bigint check (state_seq >= 0);

-- Append-only: at most one withdrawal per signature, never changed.
create table signoff_withdrawals (
    id bigint generated always as identity primary key,
    tenant_id uuid not null references tenants (id),
    signoff_id bigint not null unique references signoffs (id),
    -- The event the withdrawing write appended, in the same transaction. (No foreign key: audit
    -- events are append-only already, and one would make TRUNCATE fail on the key instead of
    -- on their append-only trigger.)
    audit_seq bigint not null check (audit_seq > 0),
    actor_id text not null,
    action text not null check (action in (
        'accept', 'decide', 'revoke', 'probe_passed', 'probe_failed', 'freeze_snapshot'
    )),
    item_key text not null,
    withdrawn_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id),
    foreign key (tenant_id, item_key) references catalogue_items (tenant_id, key)
);

create function signoff_withdrawals_are_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'signoff withdrawals are append-only (% refused)', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger signoff_withdrawals_append_only
    before update or delete on signoff_withdrawals
    for each row execute function signoff_withdrawals_are_append_only();
create trigger signoff_withdrawals_no_truncate
    before truncate on signoff_withdrawals
    for each statement execute function signoff_withdrawals_are_append_only();

alter table signoff_withdrawals enable row level security;
alter table signoff_withdrawals force row level security;
create policy tenant_isolation on signoff_withdrawals
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create trigger notify_change after insert or update or delete on signoff_withdrawals
    for each row execute function notify_readiness_change();

grant select, insert on signoff_withdrawals to readiness_app;

-- The console's state: the latest sign-off now carries the state it was given on and its
-- withdrawal. (Otherwise as in 0003.)
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
