-- The bridge (meeting URL) the incident's commander set in incident-service: every later page links to it.
alter table escalation add column bridge_url text;
