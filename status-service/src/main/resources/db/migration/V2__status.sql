-- status-service: the incident read model, the status page, postmortems and action items.

-- One line of an incident's history, built from incident, escalation and notification events (and this
-- service's own public updates). Keyed by the event id: one event, one line. The structured columns are what
-- the read model folds over; actor and detail are for people (internal: never on a public page).
create table timeline_entry (
    event_id        uuid primary key,
    incident_id     uuid        not null,
    at              timestamptz not null,
    kind            text        not null,
    actor           text,
    detail          text,
    audience        text,
    service         text,
    priority        text check (priority in ('P1', 'P2', 'P3', 'P4')),
    summary         text,
    respond_by      timestamptz,
    triggered_at    timestamptz,
    acknowledged_at timestamptz,
    alert_count     integer,
    phase           text
);
create index timeline_entry_incident on timeline_entry (incident_id, at);

-- The current state of each incident, recomputed from all its timeline entries after every event (so it is
-- the same whatever order the events arrived in). Columns stay null until an event names them.
create table incident_record (
    id              uuid primary key,
    service         text,
    priority        text check (priority in ('P1', 'P2', 'P3', 'P4')),
    summary         text,
    status          text check (status in ('TRIGGERED', 'ACKNOWLEDGED', 'RESOLVED')),
    phase           text,
    triggered_at    timestamptz,
    acknowledged_at timestamptz,
    resolved_at     timestamptz,
    respond_by      timestamptz,
    alert_count     integer     not null default 0,
    -- Set by the first public update; the only incident text the public ever sees besides update messages.
    public_title    text,
    updated_at      timestamptz not null default now()
);
create index incident_record_open on incident_record (service) where status <> 'RESOLVED';
create index incident_record_triggered on incident_record (triggered_at);

-- Status page components, one per service slug, optionally grouped.
create table component (
    id               uuid primary key,
    service          text        not null unique,
    name             text        not null,
    group_name       text,
    description      text,
    position         integer     not null default 0,
    -- An incident commander's override of the derived status; null = derived from open incidents.
    override_status  text check (override_status in ('OPERATIONAL', 'DEGRADED_PERFORMANCE', 'PARTIAL_OUTAGE',
                                                     'MAJOR_OUTAGE', 'UNDER_MAINTENANCE')),
    override_reason  text,
    override_by      text,
    override_at      timestamptz,
    created_at       timestamptz not null default now()
);

-- Public incident updates (investigating, identified, monitoring, resolved).
create table public_update (
    id          uuid primary key,
    incident_id uuid        not null,
    status      text        not null check (status in ('investigating', 'identified', 'monitoring', 'resolved')),
    message     text        not null,
    -- Who posted it: kept for the audit trail, never rendered publicly.
    actor       text        not null,
    posted_at   timestamptz not null
);
create index public_update_incident on public_update (incident_id, posted_at);
create index public_update_posted on public_update (posted_at);

-- Scheduled maintenance; the scheduler moves SCHEDULED → IN_PROGRESS → COMPLETED and publishes events.
create table maintenance (
    id          uuid primary key,
    title       text        not null,
    description text,
    services    text        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null check (ends_at > starts_at),
    state       text        not null check (state in ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    started_at  timestamptz,
    ended_at    timestamptz
);
create index maintenance_due on maintenance (starts_at) where state in ('SCHEDULED', 'IN_PROGRESS');

-- Postmortems, at most one per incident. Null timeline / communication log = still prefilled from the read model.
create table postmortem (
    id                     uuid primary key,
    incident_id            uuid        not null unique,
    title                  text        not null,
    service                text,
    priority               text,
    status                 text        not null check (status in ('DRAFT', 'IN_REVIEW', 'PUBLISHED')),
    root_cause             text,
    contributing_factors   text,
    customers_affected     text,
    impact_notes           text,
    timeline_md            text,
    improvement_actions    text,
    communication_log_md   text,
    documentation_updates  text,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    updated_by             text,
    published_at           timestamptz,
    published_by           text
);

-- Improvement actions of a postmortem.
create table action_item (
    id                  uuid primary key,
    postmortem_id       uuid        not null references postmortem (id),
    title               text        not null,
    owner               text,
    due_date            date        not null,
    priority            text        not null check (priority in ('P1', 'P2', 'P3', 'P4')),
    status              text        not null check (status in ('OPEN', 'IN_PROGRESS', 'DONE')),
    created_at          timestamptz not null,
    -- When ActionItemOverdue was published for it (once per item).
    overdue_notified_at timestamptz
);
create index action_item_due on action_item (due_date) where status <> 'DONE';
