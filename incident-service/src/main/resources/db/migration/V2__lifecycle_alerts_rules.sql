-- The incident lifecycle (assignee, phase, snooze, version for ETags), manual incidents (no integration),
-- individual alerts of grouped sources (Alertmanager, Grafana), classification rules, the service catalog,
-- integration secrets and rotation, shared rate-limit windows and idempotency keys.

alter table incident alter column integration_id drop not null;
alter table incident add column assignee_id    text;
alter table incident add column assignee_name  text;
alter table incident add column assignee_email text;
alter table incident add column phase          text        not null default 'DETECTION'
    check (phase in ('DETECTION', 'ANALYSIS', 'CONTAINMENT', 'ERADICATION', 'RECOVERY', 'LESSONS_LEARNED'));
alter table incident add column snoozed_until  timestamptz;
alter table incident add column version        integer     not null default 1;
alter table incident add column last_event_at  timestamptz;
alter table incident add column rule_id        uuid;
create index incident_assignee on incident (assignee_id, status);
create index incident_created_id on incident (created_at desc, id desc);

-- One row per alert of a grouped incident (Alertmanager fingerprints, Grafana alerts): the incident resolves
-- when its last firing alert resolves.
create table alert (
    incident_id uuid        not null references incident (id),
    fingerprint text        not null,
    status      text        not null check (status in ('firing', 'resolved')),
    summary     text,
    labels      text        not null default '{}',
    starts_at   timestamptz,
    updated_at  timestamptz not null,
    primary key (incident_id, fingerprint)
);

alter table integration add column secret_ciphertext          text;
alter table integration add column previous_key_hash          text unique;
alter table integration add column previous_key_valid_until   timestamptz;
alter table integration add column previous_secret_ciphertext text;
alter table integration add column rate_limit_per_minute      integer not null default 120;
alter table integration add column signature_header           text;
alter table integration add column timestamp_header           text;
alter table integration add column group_by                   text    not null default 'group'
    check (group_by in ('group', 'alert'));

-- Requests per integration key per minute, shared by every replica.
create table rate_limit_window (
    integration_id uuid        not null references integration (id),
    window_start   timestamptz not null,
    requests       integer     not null,
    primary key (integration_id, window_start)
);

-- Idempotency-Key: the first answer is stored and replayed for a repeated request.
create table idempotency_key (
    integration_id uuid        not null references integration (id),
    key            text        not null,
    response       text        not null,
    created_at     timestamptz not null default now(),
    primary key (integration_id, key)
);

create table service (
    slug        text primary key,
    name        text        not null,
    description text,
    created_at  timestamptz not null default now()
);

create table classification_rule (
    id               uuid primary key,
    position         integer     not null,
    name             text        not null,
    enabled          boolean     not null default true,
    match_integration uuid,
    match_service    text,
    match_severity   text,
    match_source     text,
    match_summary    text,
    match_labels     text        not null default '[]',
    set_priority     text        not null check (set_priority in ('P1', 'P2', 'P3', 'P4')),
    set_service      text,
    created_at       timestamptz not null default now()
);
create index classification_rule_position on classification_rule (position);
