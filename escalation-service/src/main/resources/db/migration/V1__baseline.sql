-- escalation-service baseline. Flyway is the only source of this schema.

-- The escalation state of one incident, created from IncidentTriggered. Its timer columns arrive with the
-- escalation engine; until then it records what escalation-service knows about each incident.
create table escalation (
    incident_id  uuid primary key,
    service      text        not null,
    priority     text        not null check (priority in ('P1', 'P2', 'P3', 'P4')),
    summary      text        not null,
    respond_by   timestamptz not null,
    status       text        not null check (status in ('ACTIVE', 'ACKNOWLEDGED', 'RESOLVED')),
    triggered_at timestamptz not null,
    updated_at   timestamptz not null
);
