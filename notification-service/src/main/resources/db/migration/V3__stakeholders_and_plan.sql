-- Stakeholders: groups (executives, customer-support, …) with members, subscribed by service and minimum priority.
create table stakeholder_group (
    id          uuid primary key,
    name        text        not null unique,
    description text,
    created_at  timestamptz not null default now()
);

-- A member's row is all the personal data kept about them; deleting it (admin, or their unsubscribe link) also
-- scrubs their address, name and rendered mails from the delivery records.
create table stakeholder (
    id         uuid primary key,
    group_id   uuid        not null references stakeholder_group (id) on delete cascade,
    name       text,
    email      text        not null,
    locale     text        not null default 'en',
    created_at timestamptz not null default now(),
    unique (group_id, email)
);

-- service '*' means every service; min_priority 'P2' means P1 and P2.
create table subscription (
    id           uuid primary key,
    group_id     uuid        not null references stakeholder_group (id) on delete cascade,
    service      text        not null,
    min_priority text        not null check (min_priority in ('P1', 'P2', 'P3', 'P4')),
    created_at   timestamptz not null default now(),
    unique (group_id, service)
);

-- The communication plan, one row per priority: which events go out, to which groups (empty = every subscribed
-- group), and how often an update is due while the incident is open (null = no cadence).
create table communication_plan (
    priority        text primary key check (priority in ('P1', 'P2', 'P3', 'P4')),
    -- comma-separated: TRIGGERED, PRIORITY_CHANGED, PUBLIC_UPDATE, RESOLVED, POSTMORTEM_PUBLISHED
    events          text        not null,
    -- comma-separated stakeholder group names; empty = every subscribed group
    audiences       text        not null default '',
    cadence_minutes int check (cadence_minutes is null or cadence_minutes > 0),
    updated_at      timestamptz not null default now()
);
insert into communication_plan (priority, events, cadence_minutes) values
    ('P1', 'TRIGGERED,PRIORITY_CHANGED,PUBLIC_UPDATE,RESOLVED,POSTMORTEM_PUBLISHED', 30),
    ('P2', 'TRIGGERED,PRIORITY_CHANGED,PUBLIC_UPDATE,RESOLVED,POSTMORTEM_PUBLISHED', 60),
    ('P3', 'RESOLVED', null),
    ('P4', 'RESOLVED', null);

-- What this service knows about each incident from the incident events: the current priority (public updates
-- carry none), the assignee to remind, and when stakeholders last heard about it.
create table incident_state (
    incident_id     uuid primary key,
    service         text        not null,
    priority        text        not null,
    summary         text        not null,
    status          text        not null,
    assignee_name   text,
    assignee_email  text,
    last_update_at  timestamptz not null,
    updated_at      timestamptz not null default now()
);
