-- The incident's commander, from IncidentRoleChanged (docs/war-room.md): response-target clock notices page them, or
-- the current escalation level when nobody is in command. commander_at is the occurredAt of the role event that set
-- it, so a replayed older event does not override a newer one.
alter table escalation
    add column commander_id    text,
    add column commander_name  text,
    add column commander_email text,      -- from the event, for a commander who is no responder here
    add column commander_at    timestamptz;
