-- The outbox and the webhooks: every write stores the domain events it emits in its own
-- transaction; a worker inside `serve` delivers them to the tenant's endpoints, at least once.

-- One row per domain event. Its id is the event's id, sent as `webhook-id` on every try.
create table outbox_events (
    id uuid primary key,
    tenant_id uuid not null references tenants (id),
    type text not null check (type ~ '^[a-z]+\.[a-z_]+$'),
    data jsonb not null,
    at timestamptz not null
);
create index outbox_events_by_tenant on outbox_events (tenant_id, at desc);

-- An endpoint's signing secret is never stored: it is derived from the console's key and the
-- endpoint's id (and shown once, when the endpoint is added). `secret_hint` is the first
-- characters of its SHA-256, so the managing director can tell which secret a receiver holds.
create table webhook_endpoints (
    id uuid primary key,
    tenant_id uuid not null references tenants (id),
    url text not null check (url ~ '^https://' and length(url) <= 2000),
    events text[] not null check (cardinality(events) > 0),
    secret_hint text not null check (secret_hint ~ '^[0-9a-f]{12}$'),
    created_by text not null,
    created_at timestamptz not null,
    removed_at timestamptz,
    removed_by text
);
create index webhook_endpoints_by_tenant on webhook_endpoints (tenant_id) where removed_at is null;

-- One delivery per event and endpoint. `pending` rows are due at `next_attempt_at`; a worker
-- claims one by setting `lease_until`, and a lease that expires (its process died) makes it
-- claimable again. `tries` counts the tries made; the last one's answer is kept.
create table webhook_deliveries (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenants (id),
    event_id uuid not null references outbox_events (id),
    endpoint_id uuid not null references webhook_endpoints (id),
    status text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
    tries int not null default 0 check (tries >= 0),
    next_attempt_at timestamptz not null,
    lease_until timestamptz,
    last_status int,
    last_error text check (length(last_error) <= 300),
    last_duration_ms int,
    last_tried_at timestamptz,
    delivered_at timestamptz,
    -- The managing director gave a dead delivery its tries again.
    retried_at timestamptz,
    retried_by text,
    unique (event_id, endpoint_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_by_tenant on webhook_deliveries (tenant_id, next_attempt_at desc);

-- Row-level security binds the app role, as on every tenant table. Not forced: the worker's
-- functions below run as the tables' owner, across tenants, and only they do.
alter table outbox_events enable row level security;
create policy tenant_isolation on outbox_events
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table webhook_endpoints enable row level security;
create policy tenant_isolation on webhook_endpoints
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table webhook_deliveries enable row level security;
create policy tenant_isolation on webhook_deliveries
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- A new delivery wakes the workers of every instance.
create function notify_outbox() returns trigger
language plpgsql as $$
begin
    perform pg_notify('readiness_outbox', '');
    return null;
end
$$;
create trigger notify_outbox after insert or update of next_attempt_at on webhook_deliveries
    for each statement execute function notify_outbox();

-- The summary remembers which items wait on whom, so a write can tell which became actionable.
alter table tenant_summaries add column waiting jsonb not null default '[]';

-- A worker claims up to `p_limit` due deliveries of any tenant, each for `p_lease`: the rows
-- locked by another worker are skipped, and a lease that ran out is claimed again.
create function claim_deliveries(p_now timestamptz, p_lease interval, p_limit int)
returns table (
    id uuid, tenant_id uuid, event_id uuid, type text, data jsonb, at timestamptz,
    endpoint_id uuid, url text, removed boolean, slug text, tries int
)
language sql volatile security definer set search_path = public as $$
    with due as (
        select d.id from webhook_deliveries d
        where d.status = 'pending' and d.next_attempt_at <= p_now
          and (d.lease_until is null or d.lease_until <= p_now)
        order by d.next_attempt_at
        limit p_limit
        for update skip locked
    ), claimed as (
        update webhook_deliveries d set lease_until = p_now + p_lease, tries = d.tries + 1
        from due where d.id = due.id
        returning d.id, d.tenant_id, d.event_id, d.endpoint_id, d.tries
    )
    select c.id, c.tenant_id, c.event_id, e.type, e.data, e.at, c.endpoint_id, w.url,
           w.removed_at is not null, t.slug, c.tries
    from claimed c
    join outbox_events e on e.id = c.event_id
    join webhook_endpoints w on w.id = c.endpoint_id
    join tenants t on t.id = c.tenant_id
$$;

-- A worker records a try's outcome: `delivered`, `dead`, or `pending` again at `p_next`.
create function settle_delivery(
    p_id uuid, p_status text, p_next timestamptz, p_http int, p_error text, p_ms int,
    p_now timestamptz
) returns void
language sql volatile security definer set search_path = public as $$
    update webhook_deliveries set
        status = p_status,
        next_attempt_at = coalesce(p_next, next_attempt_at),
        lease_until = null,
        last_status = p_http,
        last_error = left(p_error, 300),
        last_duration_ms = p_ms,
        last_tried_at = p_now,
        delivered_at = case when p_status = 'delivered' then p_now end
    where id = p_id
$$;

-- What the workers have left to do, for `scripts/bench` and the operator: pending deliveries.
create function pending_deliveries() returns bigint
language sql stable security definer set search_path = public as $$
    select count(*) from webhook_deliveries where status = 'pending'
$$;

revoke all on function claim_deliveries(timestamptz, interval, int) from public;
revoke all on function settle_delivery(uuid, text, timestamptz, int, text, int, timestamptz) from public;
revoke all on function pending_deliveries() from public;
grant execute on function claim_deliveries(timestamptz, interval, int) to readiness_app;
grant execute on function settle_delivery(uuid, text, timestamptz, int, text, int, timestamptz)
    to readiness_app;
grant execute on function pending_deliveries() to readiness_app;

grant select, insert on outbox_events to readiness_app;
grant select, insert on webhook_endpoints to readiness_app;
grant update (removed_at, removed_by) on webhook_endpoints to readiness_app;
grant select, insert on webhook_deliveries to readiness_app;
grant update (status, next_attempt_at, lease_until, retried_at, retried_by)
    on webhook_deliveries to readiness_app;
