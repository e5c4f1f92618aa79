-- Email (optional, off unless `serve` is given `--smtp-url`): invitations, password resets and
-- "waiting on you" reminders, queued in the transaction of what causes them and sent by a
-- worker inside `serve`, at least once, with the webhooks' backoff.

-- The language each person last used (set at each sign-in; null: the tenant's, else English),
-- and whether they want the "waiting on you" reminders.
alter table accounts
    add column lang text check (lang in ('en', 'es', 'fr', 'pt-BR')),
    add column reminders boolean not null default true;
grant update (lang, reminders) on accounts to readiness_app;

-- Whether this database's consoles send mail: set by `serve` at start-up, on with
-- `--smtp-url`, off without. Without it no mail is queued, so nothing waits for a sender that
-- is not there. One row.
create table mail_switch (
    one boolean primary key default true check (one),
    enabled boolean not null,
    changed_at timestamptz not null default now()
);
create function mail_enabled() returns boolean
language sql stable security definer set search_path = public as $$
    select coalesce((select enabled from mail_switch), false)
$$;
create function set_mail_enabled(p_enabled boolean) returns void
language sql volatile security definer set search_path = public as $$
    insert into mail_switch (one, enabled) values (true, p_enabled)
    on conflict (one) do update set enabled = excluded.enabled, changed_at = now()
$$;

-- One row per mail. `content` is what the mail says (for an invitation or a reset, its
-- one-time link; for a reminder, the item and the tenant's environment its label names): kept only until the mail is sent, then blanked (only the token's SHA-256
-- stays, in tenant_invitations). `pending` rows are due at `next_attempt_at`; a worker claims
-- one under a lease, as webhook deliveries are.
create table mail_queue (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenants (id),
    kind text not null check (kind in ('invite', 'reset', 'waiting')),
    actor_id text not null,
    to_address text not null check (length(to_address) between 3 and 320),
    -- The person's name as the mail greets them (the worker cannot read `actors`, which
    -- forces row-level security even on its owner).
    to_name text not null,
    lang text not null check (lang in ('en', 'es', 'fr', 'pt-BR')),
    content jsonb,
    status text not null default 'pending' check (status in ('pending', 'sent', 'dead')),
    tries int not null default 0 check (tries >= 0),
    next_attempt_at timestamptz not null,
    lease_until timestamptz,
    last_code int,
    last_error text check (length(last_error) <= 300),
    last_tried_at timestamptz,
    sent_at timestamptz,
    created_at timestamptz not null,
    foreign key (tenant_id, actor_id) references actors (tenant_id, actor_id)
);
create index mail_queue_due on mail_queue (next_attempt_at) where status = 'pending';
create index mail_queue_by_tenant on mail_queue (tenant_id, created_at desc);

-- As on the outbox's tables: the app role is bound, the worker's functions run as the owner.
alter table mail_queue enable row level security;
create policy tenant_isolation on mail_queue
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

create function notify_mail() returns trigger
language plpgsql as $$
begin
    perform pg_notify('readiness_mail', '');
    return null;
end
$$;
create trigger notify_mail after insert on mail_queue
    for each statement execute function notify_mail();

-- A worker claims up to `p_limit` due mails of any tenant, each for `p_lease`.
create function claim_mail(p_now timestamptz, p_lease interval, p_limit int)
returns table (
    id uuid, tenant_id uuid, slug text, tenant_name text, kind text,
    actor_id text, name text, to_address text, lang text, content jsonb, tries int
)
language sql volatile security definer set search_path = public as $$
    with due as (
        select m.id from mail_queue m
        where m.status = 'pending' and m.next_attempt_at <= p_now
          and (m.lease_until is null or m.lease_until <= p_now)
        order by m.next_attempt_at
        limit p_limit
        for update skip locked
    ), claimed as (
        update mail_queue m set lease_until = p_now + p_lease, tries = m.tries + 1
        from due where m.id = due.id
        returning m.id, m.tenant_id, m.kind, m.actor_id, m.to_name, m.to_address, m.lang,
                  m.content, m.tries
    )
    select c.id, c.tenant_id, t.slug, t.name, c.kind, c.actor_id, c.to_name,
           c.to_address, c.lang, c.content, c.tries
    from claimed c
    join tenants t on t.id = c.tenant_id
$$;

-- A worker records a try's outcome: `sent` (the content is blanked), `dead`, or `pending`
-- again at `p_next`.
create function settle_mail(
    p_id uuid, p_status text, p_next timestamptz, p_code int, p_error text, p_now timestamptz
) returns void
language sql volatile security definer set search_path = public as $$
    update mail_queue set
        status = p_status,
        next_attempt_at = coalesce(p_next, next_attempt_at),
        lease_until = null,
        last_code = p_code,
        last_error = left(p_error, 300),
        last_tried_at = p_now,
        sent_at = case when p_status = 'sent' then p_now end,
        content = case when p_status = 'sent' then null else content end
    where id = p_id
$$;

revoke all on function mail_enabled() from public;
revoke all on function set_mail_enabled(boolean) from public;
revoke all on function claim_mail(timestamptz, interval, int) from public;
revoke all on function settle_mail(uuid, text, timestamptz, int, text, timestamptz) from public;
grant execute on function mail_enabled() to readiness_app;
grant execute on function set_mail_enabled(boolean) to readiness_app;
grant execute on function claim_mail(timestamptz, interval, int) to readiness_app;
grant execute on function settle_mail(uuid, text, timestamptz, int, text, timestamptz)
    to readiness_app;

grant select, insert on mail_queue to readiness_app;
