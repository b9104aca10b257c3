-- Who changed the configuration (responders, schedules, overrides, policies, matrix), written in the same
-- transaction as the change.
create table audit_log (
    id     bigserial primary key,
    at     timestamptz not null default now(),
    actor  text        not null,
    action text        not null,
    target text        not null,
    detail text
);
create index audit_log_at on audit_log (at desc);
