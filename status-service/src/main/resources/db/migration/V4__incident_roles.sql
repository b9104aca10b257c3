-- Who holds which role in an incident's response, from IncidentRoleChanged (docs/war-room.md): the incident's
-- commander and communications lead may post public updates. One row per (incident, role, person); the newest event
-- about that person and role decides, so the order events arrive in does not matter.
create table incident_role_holder (
    incident_id uuid        not null,
    role        text        not null,
    person_id   text        not null,
    held        boolean     not null,
    changed_at  timestamptz not null,
    primary key (incident_id, role, person_id)
);
