-- Responders, schedules, escalation policies, the matrix, and the escalation engine's durable timers.
-- Nested, always-read-together configuration (contact methods, rules, layers, levels) is stored as JSON text:
-- it is validated by the API and only ever read whole.

create table responder (
    id                 text primary key,          -- the OIDC subject
    name               text        not null,
    email              text        not null,
    time_zone          text        not null,
    locale             text        not null,
    contact_methods    text        not null,      -- JSON [{kind, address, format}]
    notification_rules text        not null,      -- JSON [{contact, delaySeconds}]
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);

create table schedule (
    id         uuid primary key,
    name       text        not null unique,
    time_zone  text        not null,
    layers     text        not null,              -- JSON [{rotation, restrictions}]
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table schedule_override (
    id            uuid primary key,
    schedule_id   uuid        not null references schedule (id) on delete cascade,
    kind          text        not null check (kind in ('ADD', 'REPLACE', 'REMOVE')),
    responder_id  text        not null references responder (id),
    replaces      text references responder (id),
    starts_at     timestamptz not null,
    ends_at       timestamptz not null check (ends_at > starts_at),
    created_by    text        not null,
    created_at    timestamptz not null
);
create index schedule_override_schedule on schedule_override (schedule_id, ends_at);

create table escalation_policy (
    id             uuid primary key,
    name           text        not null unique,
    repeat_count   int         not null check (repeat_count between 0 and 20),
    levels         text        not null,          -- JSON [{targets: [{type, id}], delaySeconds, roundRobin}]
    then_policy_id uuid references escalation_policy (id),
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

-- (service, priority) -> policy; service null is the default of that priority.
create table escalation_matrix (
    id        uuid primary key,
    service   text,
    priority  text not null check (priority in ('P1', 'P2', 'P3', 'P4')),
    policy_id uuid not null references escalation_policy (id)
);
create unique index escalation_matrix_key on escalation_matrix (coalesce(service, ''), priority);

-- The escalation state becomes the engine's timer row. An acknowledge or resolve may arrive before its trigger
-- after a replay: the row is then created from that event and the trigger only fills in what is missing.
alter table escalation
    alter column respond_by drop not null,
    alter column triggered_at drop not null,
    add column triggered          boolean     not null default true,
    add column status_at          timestamptz,                      -- occurredAt of the event that set status
    add column links              text        not null default '[]',
    add column policy_id          uuid,
    add column policy_name        text,
    add column next_level         int         not null default 0,   -- 0-based level fired when the timer is due
    add column loop               int         not null default 0,   -- monotonic per incident (reopen, repeat)
    add column loop_start         int         not null default 0,   -- loop at which the current policy run began
    add column last_step          int,                              -- last fired level (1-based) and its loop
    add column last_loop          int,
    add column next_escalation_at timestamptz,
    add column target_stage       int         not null default 0,   -- 0 nothing sent, 1 at risk sent, 2 breached
    add column next_target_at     timestamptz,
    add column target_start       timestamptz,
    add column muted_by           text,                             -- maintenance id while muted
    add column mute_reason        text;
alter table escalation alter column triggered drop default;
create index escalation_due on escalation (next_escalation_at) where next_escalation_at is not null;
create index escalation_target_due on escalation (next_target_at) where next_target_at is not null;

-- One row per page: the primary key makes a duplicate page impossible, even after a redelivery or a crash.
-- Pages delayed by a notification rule wait here (sent_at null) until due, and are dropped on acknowledge.
create table page (
    incident_id  uuid        not null,
    step         int         not null,
    loop         int         not null,
    recipient_id text        not null,
    contact      text        not null,             -- kind:address
    due_at       timestamptz not null,
    sent_at      timestamptz,
    recipient    text        not null,             -- JSON Recipient
    contact_method text      not null,             -- JSON ContactMethod
    reason       text        not null,
    primary key (incident_id, step, loop, recipient_id, contact)
);
create index page_due on page (due_at) where sent_at is null;

-- What the engine did per incident, for the escalation view (the events say the same on Kafka).
create table escalation_log (
    id          bigserial primary key,
    incident_id uuid        not null,
    at          timestamptz not null,
    step        int,
    loop        int,
    outcome     text        not null,             -- PAGED, SKIPPED, MUTED, UNMUTED, EXHAUSTED, AT_RISK, BREACHED
    detail      text        not null
);
create index escalation_log_incident on escalation_log (incident_id, id);

-- Maintenance windows from status-service. An end seen before its start (replay) leaves ended = true, and the
-- late start is then ignored.
create table maintenance (
    maintenance_id text primary key,
    title          text    not null,
    ends_at        timestamptz,
    ended          boolean not null
);
create table maintenance_service (
    maintenance_id text not null references maintenance (maintenance_id) on delete cascade,
    service        text not null,
    primary key (maintenance_id, service)
);
create index maintenance_service_service on maintenance_service (service);
