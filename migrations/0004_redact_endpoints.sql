-- Runs recorded before the target URL was checked strictly may hold, as their "redacted
-- endpoint", whatever the secret reference pointed to: a console could be pointed at
-- `file:/etc/passwd` and store what it parsed as a database name. Every endpoint that is not
-- exactly `host:port/database` in the strict character sets the console now enforces is
-- cleared; the run keeps its state, steps and reason.
--
-- The table forces row-level security, which binds its owner too: lift it for this one
-- statement, inside the migration's transaction.
alter table rehearsal_runs no force row level security;
alter table rehearsal_runs disable row level security;

update rehearsal_runs
set endpoint = null
where endpoint is not null
  and endpoint !~ '^(/[A-Za-z0-9/._-]{0,254}|[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]):[0-9]{1,5}/[A-Za-z0-9_.-]{1,63}$';

alter table rehearsal_runs enable row level security;
alter table rehearsal_runs force row level security;
