-- Personal-data breaches (GDPR Art. 33, docs/security-incidents.md): an incident marked as one by its commander or by
-- a classification rule, the time the organisation became aware of it (the 72-hour clock runs from there), and the
-- recorded decision on notifying the supervisory authority. One row per incident; its story (every mark, correction,
-- unmark and decision, with who and when) is on the incident's hash-chained timeline.
create table personal_data_breach (
    incident_id               uuid primary key references incident (id),
    marked                    boolean     not null,
    aware_at                  timestamptz not null,
    deadline                  timestamptz not null,             -- aware_at + 72 hours
    source                    text        not null check (source in ('RULE', 'MANUAL')),
    rule_name                 text,
    note                      text,
    marked_at                 timestamptz not null,
    marked_by                 text        not null,             -- as on the timeline, e.g. user:Alice
    marked_by_id              text,                             -- the person (null for a rule's integration)
    unmarked_at               timestamptz,
    unmark_reason             text,
    unmarked_by               text,
    unmarked_by_id            text,
    decided_at                timestamptz,                      -- the first decision: what the 72 hours measure
    decision_updated_at       timestamptz,
    notify_authority          boolean,
    authority_notified_at     timestamptz,
    authority                 text,
    reference                 text,
    reasoning                 text,
    data_subjects_informed    boolean,
    data_subjects_informed_at timestamptz,
    decided_by                text,
    decided_by_id             text,
    check (decided_at is null or (notify_authority is not null and reasoning is not null
                                  and data_subjects_informed is not null))
);

-- A matching rule also marks the incident it opens a personal-data breach.
alter table classification_rule add column mark_personal_data_breach boolean not null default false;
