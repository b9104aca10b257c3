-- incident-service baseline. Flyway is the only source of this schema.

create table integration (
    id         uuid primary key,
    name       text        not null,
    kind       text        not null check (kind in ('generic', 'alertmanager', 'grafana', 'pagerduty')),
    -- SHA-256 (hex) of the integration key; the key itself is shown once, at creation.
    key_hash   text        not null unique,
    service    text        not null,
    enabled    boolean     not null default true,
    created_at timestamptz not null default now()
);

create table incident (
    id              uuid primary key,
    integration_id  uuid        not null references integration (id),
    dedup_key       text        not null,
    service         text        not null,
    priority        text        not null check (priority in ('P1', 'P2', 'P3', 'P4')),
    severity        text        not null check (severity in ('critical', 'error', 'warning', 'info')),
    summary         text        not null,
    source          text,
    links           text        not null default '[]',
    status          text        not null check (status in ('TRIGGERED', 'ACKNOWLEDGED', 'RESOLVED')),
    alert_count     integer     not null default 1,
    respond_by      timestamptz not null,
    created_at      timestamptz not null,
    last_seen_at    timestamptz not null,
    acknowledged_at timestamptz,
    resolved_at     timestamptz
);
-- Deduplication is the database's job: at most one open incident per (integration, dedup key),
-- so concurrent identical alerts cannot open two.
create unique index incident_open_dedup on incident (integration_id, dedup_key) where status <> 'RESOLVED';
create index incident_status_created on incident (status, created_at desc);

create table timeline_entry (
    id          bigserial primary key,
    incident_id uuid        not null references incident (id),
    at          timestamptz not null,
    kind        text        not null,
    actor       text        not null,
    detail      text
);
create index timeline_entry_incident on timeline_entry (incident_id, id);
