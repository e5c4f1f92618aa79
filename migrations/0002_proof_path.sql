-- The proof path: signed audit checkpoints, the audit trail's keyset pages, and the scenario
-- snapshot (imports and frozen versions).

-- Signed checkpoints of the audit chain (after AWS CloudTrail's digest files). The app signs
-- the head — tenant, sequence, hash, time — with an Ed25519 key kept outside the database; the
-- signed statement is stored exactly as signed. A checkpoint pins the chain: deleting events up
-- to and past it no longer goes unnoticed.
create table audit_checkpoints (
    tenant_id uuid not null references tenants (id),
    seq bigint not null check (seq > 0),
    hash text not null,
    at timestamptz not null,
    public_key text not null check (public_key ~ '^[0-9a-f]{64}$'),
    statement text not null,
    signature text not null check (signature ~ '^[0-9a-f]{128}$'),
    primary key (tenant_id, seq)
);
create index audit_checkpoints_latest on audit_checkpoints (tenant_id, at desc);
create trigger audit_checkpoints_append_only
    before update or delete on audit_checkpoints
    for each row execute function audit_events_are_append_only();
create trigger audit_checkpoints_no_truncate
    before truncate on audit_checkpoints
    for each statement execute function audit_events_are_append_only();

-- A scenario payload as imported (`BFGScenarioSnapshot.v1`), validated before anything is
-- stored. An import never changes; freezing one makes a new snapshot version.
create table scenario_imports (
    id bigint generated always as identity primary key,
    tenant_id uuid not null references tenants (id),
    actor_id text not null,
    file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_bytes bigint not null,
    exported_at timestamptz not null,
    rows bigint not null check (rows > 0),
    batch_rows jsonb not null,
    kind_rows jsonb not null,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    imported_at timestamptz not null default now(),
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);
create index scenario_imports_latest on scenario_imports (tenant_id, id desc);

create table scenario_records (
    tenant_id uuid not null,
    import_id bigint not null references scenario_imports (id),
    line int not null,
    kind text not null check (
        kind in ('order', 'driver_event', 'finance_event', 'reviewer_evidence')
    ),
    record_id text not null,
    -- The record's canonical JSON (sorted keys, no whitespace), exactly the bytes the
    -- snapshot checksum covers.
    canonical text not null,
    primary key (import_id, record_id)
);

alter table scenario_snapshots
    add column import_id bigint references scenario_imports (id),
    add column actor_id text,
    add column sha256 text check (sha256 ~ '^[0-9a-f]{64}$');

-- Frozen means frozen: imports, their records and snapshots refuse updates, deletes and
-- truncation, to the owner as well as the app.
do $$
declare
    t text;
begin
    foreach t in array array['scenario_imports', 'scenario_records', 'scenario_snapshots'] loop
        execute format(
            'create trigger %I before update or delete on %I
                for each row execute function audit_events_are_append_only()',
            t || '_immutable', t);
        execute format(
            'create trigger %I before truncate on %I
                for each statement execute function audit_events_are_append_only()',
            t || '_no_truncate', t);
    end loop;
    foreach t in array array['audit_checkpoints', 'scenario_imports', 'scenario_records'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format(
            'create policy tenant_isolation on %I
                using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
                with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
            t);
    end loop;
end
$$;

-- The audit trail's filters, each an index-backed keyset on the sequence number.
create index audit_events_actor on audit_events (tenant_id, actor_id, seq desc);
create index audit_events_action on audit_events (tenant_id, action, seq desc);
create index audit_events_section on audit_events (tenant_id, (split_part(target, '.', 1)), seq desc);
create index audit_events_at on audit_events (tenant_id, at);

-- One page of the audit trail in one statement, newest first, `p_limit + 1` rows so the caller
-- knows whether there is a further page. `p_before` pages towards older events, `p_after`
-- towards newer ones. Events are append-only and numbered under the head's lock, so a cursor
-- never skips or repeats one while others are appended. Unfiltered pages use static queries;
-- filtered ones are built with only the filters in use, so each walks one index.
create function audit_page(
    p_slug text, p_before bigint, p_after bigint, p_actor text, p_action text,
    p_section text, p_from timestamptz, p_to timestamptz, p_limit int
) returns json
language plpgsql stable security invoker as $$
declare
    t uuid;
    q text;
    events json;
    lo bigint;
    hi bigint;
begin
    select id into t from tenants where slug = p_slug;
    if not found then
        return null;
    end if;
    perform set_config('app.tenant_id', t::text, true);
    if p_actor is null and p_action is null and p_section is null and p_from is null
       and p_to is null then
        -- Unfiltered, the common case: static queries, planned once per connection, walking
        -- the primary key from the cursor.
        if p_after is null then
            select coalesce(json_agg(e order by e.seq desc), '[]') into events
            from (select seq, actor_id, action, target, evidence_digest, request_id, at, hash,
                         prev_hash
                  from audit_events
                  where tenant_id = t and seq < coalesce(p_before, 9223372036854775807)
                  order by seq desc limit p_limit + 1) e;
        else
            select coalesce(json_agg(e order by e.seq desc), '[]') into events
            from (select seq, actor_id, action, target, evidence_digest, request_id, at, hash,
                         prev_hash
                  from audit_events
                  where tenant_id = t and seq > p_after
                  order by seq limit p_limit + 1) e;
        end if;
    else
        -- Filtered: the query holds only the filters in use, so each is planned for what it
        -- is. A date range becomes a range of sequence numbers (events are numbered in time
        -- order), so every filter walks its own index between two bounds.
        q := 'select seq, actor_id, action, target, evidence_digest, request_id, at, hash,
                     prev_hash
              from audit_events where tenant_id = $1';
        if p_before is not null then q := q || ' and seq < $2'; end if;
        if p_after is not null then q := q || ' and seq > $3'; end if;
        if p_actor is not null then q := q || ' and actor_id = $4'; end if;
        if p_action is not null then q := q || ' and action = $5'; end if;
        if p_section is not null then
            q := q || ' and split_part(target, ''.'', 1) = $6';
        end if;
        if p_from is not null then
            select seq into lo from audit_events where tenant_id = t and at >= p_from
            order by at, seq limit 1;
            q := q || ' and at >= $7 and seq >= $10';
        end if;
        if p_to is not null then
            select seq into hi from audit_events where tenant_id = t and at < p_to
            order by at desc, seq desc limit 1;
            q := q || ' and at < $8 and seq <= $11';
        end if;
        q := q || case when p_after is null then ' order by seq desc' else ' order by seq' end
               || ' limit $9 + 1';
        execute 'select coalesce(json_agg(e order by e.seq desc), ''[]'') from (' || q || ') e'
            into events
            using t, p_before, p_after, p_actor, p_action, p_section, p_from, p_to, p_limit,
                  lo, hi;
    end if;
    return json_build_object(
        'head', (select json_build_object('seq', seq, 'hash', hash)
                 from audit_heads where tenant_id = t),
        'checkpoint', (select json_build_object('seq', seq, 'hash', hash, 'at', at)
                       from audit_checkpoints where tenant_id = t
                       order by seq desc limit 1),
        'events', events
    );
end
$$;

grant select, insert on audit_checkpoints to readiness_app;
grant select, insert on scenario_imports, scenario_records to readiness_app;
grant insert on scenario_snapshots to readiness_app;
grant execute on function audit_page(text, bigint, bigint, text, text, text, timestamptz,
                                     timestamptz, int) to readiness_app;
