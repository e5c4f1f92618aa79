-- A million audit events for the benchmark's throwaway tenant: the shape of the real chain
-- (actors, actions, item targets across the sections, one event a second), numbered after
-- whatever the chain holds. Run as the superuser; the hashes are placeholders (the page reads
-- them, nothing here verifies them).
begin;
alter table audit_events disable trigger user;
with t as (select id from tenants where slug = 'bfg-control'),
     h as (select seq from audit_heads where tenant_id = (select id from t)),
     targets as (select array_agg(key order by key) as keys from catalogue_items
                 where tenant_id = (select id from t)),
     actors as (select array['user_md_anna', 'user_dispatcher_marek', 'user_accountant_olena',
                             'user_dispatcher_marek', 'user_md_anna'] as ids),
     actions as (select array['accept', 'revoke', 'decide', 'accept', 'accept'] as names)
insert into audit_events (tenant_id, seq, actor_id, action, target, evidence_digest, request_id,
                          at, canonical, prev_hash, hash)
select (select id from t), (select seq from h) + g,
       (select ids from actors)[1 + g % 5],
       (select names from actions)[1 + g % 5],
       (select keys from targets)[1 + g % array_length((select keys from targets), 1)],
       md5(g::text) || md5((g + 1)::text),
       'bench-' || g,
       now() - make_interval(secs => 1000000 - g),
       'v1' || E'\n' || 'seq=' || ((select seq from h) + g),
       md5((g - 1)::text) || md5(g::text),
       md5(g::text) || md5((g + 2)::text)
from generate_series(1, 1000000) g;
update audit_heads set seq = seq + 1000000, hash = md5('1000000') || md5('1000002')
where tenant_id = (select id from tenants where slug = 'bfg-control');
alter table audit_events enable trigger user;
commit;
analyze audit_events;
