-- Stakeholder mails people act on (issue 13, docs/notifications.md).

-- Every member reads their mails in their language, en or de (anything else is refused at the API), and times in
-- their time zone (none: UTC). Older rows had a free locale: "de…" becomes de, everything else en, as it was read.
alter table stakeholder rename column locale to language;
update stakeholder set language = case when lower(language) like 'de%' then 'de' else 'en' end;
alter table stakeholder add constraint stakeholder_language_check check (language in ('en', 'de'));
alter table stakeholder add column time_zone text;

-- What the mails say about an incident, from the events: when it began and ended, the last public update (what is
-- being done), who leads it (display names only: addresses stay with the services that own them), and the postmortem.
alter table incident_state add column triggered_at timestamptz;
alter table incident_state add column resolved_at timestamptz;
alter table incident_state add column public_status text;
alter table incident_state add column public_message text;
alter table incident_state add column public_at timestamptz;
alter table incident_state add column commander_id text;
alter table incident_state add column commander_name text;
alter table incident_state add column comms_lead_id text;
alter table incident_state add column comms_lead_name text;
alter table incident_state add column postmortem_url text;

-- Everyone who led an incident (commander or communications lead), kept so an erased person's name can be taken out
-- of the stakeholder mails stored here even after they handed the role on.
create table incident_lead (
    incident_id uuid not null,
    person_id   text not null,
    name        text not null,
    primary key (incident_id, person_id, name)
);
create index incident_lead_by_person on incident_lead (person_id);

-- Components as the status page names them (ComponentChanged from status-service): the newest event per component
-- wins, so the order they arrive in does not matter. Read with the rest of the audience snapshot.
create table status_component (
    component_id uuid primary key,
    service      text        not null,
    name         text        not null,
    removed      boolean     not null,
    changed_at   timestamptz not null
);
create trigger status_component_changed after insert or update or delete or truncate on status_component
    for each statement execute function bump_config_version();

-- Bursts: a stakeholder's "new incident" mail WAITS a short window; if more incidents opened for them meanwhile, they
-- get one digest (DIGESTED rows point at it), otherwise each mail goes out as it is. `facts` keeps what the digest
-- lists for the incident (the rendered view, JSON) so the digest needs nothing else.
alter table delivery drop constraint delivery_state_check;
alter table delivery add constraint delivery_state_check
    check (state in ('PENDING', 'SENT', 'FAILED', 'DEAD', 'HELD', 'DIGESTED', 'WAITING'));
alter table delivery add column facts text;
create index delivery_waiting on delivery (recipient, created_at) where state = 'WAITING';
create index delivery_by_digest on delivery (digest_id) where digest_id is not null;
