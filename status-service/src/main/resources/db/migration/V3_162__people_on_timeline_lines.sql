-- Issue 16 (personal data). Which people a timeline line names (by id, with the name it shows), so an erasure
-- (PersonErased) replaces exactly those names.
create table timeline_person (
    event_id  uuid not null references timeline_entry (event_id) on delete cascade,
    person_id text not null,
    name      text,
    primary key (event_id, person_id)
);
create index timeline_person_person on timeline_person (person_id);

-- Notification lines used to show addresses and webhook URLs ("Page delivered to Alice <https://hooks…>"), and the
-- postmortem sections copied from them. Events no longer carry them; remove what earlier lines stored.
update timeline_entry set detail = regexp_replace(detail, ' <[^<>]*>', '', 'g')
where kind in ('PAGE_DELIVERED', 'PAGE_FAILED', 'STAKEHOLDER_NOTIFIED', 'STAKEHOLDER_NOTIFICATION_FAILED');
update postmortem set timeline_md = regexp_replace(timeline_md, ' <([^<>@ ]+@[^<> ]+|https?://[^<> ]+)>', '', 'g')
where timeline_md is not null;
update postmortem set communication_log_md = regexp_replace(communication_log_md,
    ' <([^<>@ ]+@[^<> ]+|https?://[^<> ]+)>', '', 'g')
where communication_log_md is not null;
