-- Per-event signatures: a chain the database logins alone cannot extend. The hash chain lets
-- anyone who may insert events and move the head append a correctly chained event; the app
-- role may do both. So each event now also stores the audit key's Ed25519 signature of its
-- hash (`BFGAuditEvent.v1`, see src/checkpoint.rs), made in the transaction that appends it.
-- The key lives in a file outside the database, so an event written without it is named.

-- Events recorded before this migration keep no signature.
alter table audit_events
    add column signature text check (signature ~ '^[0-9a-f]{128}$');

-- Where each chain's signatures begin: every event from `signed_from` on must be signed, the
-- ones before were recorded unsigned. A new tenant's chain is signed from its first event;
-- an existing one from the event after its head today.
alter table audit_heads add column signed_from bigint not null default 1
    check (signed_from > 0);

-- audit_heads forces row-level security, on its owner too: enter each tenant in turn.
do $$
declare
    t uuid;
begin
    for t in select id from tenants loop
        perform set_config('app.tenant_id', t::text, true);
        update audit_heads set signed_from = seq + 1 where tenant_id = t;
    end loop;
    perform set_config('app.tenant_id', '', true);
end
$$;

-- The app role moves the head and nothing else of it: where signatures begin is not its to
-- change, or it could declare a forged event as recorded before signing began.
revoke update on audit_heads from readiness_app;
grant update (seq, hash) on audit_heads to readiness_app;
