-- Update cadence reminders: who to remind when stakeholders have not heard about an open incident within the
-- plan's cadence (the assignee, or with none the last responder paged), and when the last reminder went out.
alter table incident_state add column last_responder_name text;
alter table incident_state add column last_responder_email text;
alter table incident_state add column reminded_at timestamptz;
create index incident_state_open on incident_state (last_update_at) where status <> 'RESOLVED';
