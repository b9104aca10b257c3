-- The war room (docs/war-room.md): roles, the bridge, tasks, and a sequence number per incident on the timeline
-- (the id of the live stream's events, gapless and in commit order because the incident row is locked while an
-- entry is written).

alter table incident add column bridge_url   text;
alter table incident add column timeline_seq bigint not null default 0;

-- Entries written before this migration are numbered in the order they were written.
alter table timeline_entry add column seq bigint;
update timeline_entry t set seq = n.seq
from (select id, row_number() over (partition by incident_id order by id) as seq from timeline_entry) n
where t.id = n.id;
update incident i set timeline_seq = s.last
from (select incident_id, max(seq) as last from timeline_entry group by incident_id) s
where s.incident_id = i.id;
alter table timeline_entry alter column seq set not null;
create unique index timeline_entry_seq on timeline_entry (incident_id, seq);
-- The timeline is read in seq order now; one index per entry on the intake path is enough.
drop index timeline_entry_incident;

-- Who holds which role now (the history is on the timeline). One commander, communications lead and scribe each;
-- any number of responders.
create table incident_role (
    id           uuid primary key,
    incident_id  uuid        not null references incident (id),
    role         text        not null check (role in ('COMMANDER', 'COMMUNICATIONS_LEAD', 'SCRIBE', 'RESPONDER')),
    person_id    text        not null,
    person_name  text,
    person_email text,
    since        timestamptz not null,
    assigned_by  text        not null
);
create unique index incident_role_holder on incident_role (incident_id, role, person_id);
create unique index incident_role_single on incident_role (incident_id, role) where role <> 'RESPONDER';
create index incident_role_person on incident_role (person_id);

-- The room's open tasks and who owns them.
create table incident_task (
    id          uuid primary key,
    incident_id uuid        not null references incident (id),
    title       text        not null,
    owner_id    text,
    owner_name  text,
    owner_email text,
    status      text        not null check (status in ('OPEN', 'DONE')),
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null
);
create index incident_task_incident on incident_task (incident_id, created_at);
