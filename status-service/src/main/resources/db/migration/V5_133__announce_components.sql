-- notification-service names affected components as the status page does, from ComponentChanged events. Components
-- configured before those events existed are announced once, here, through the outbox (the relay publishes them
-- after the start like any other row).
with announced as (select gen_random_uuid() as event_id, c.* from component c)
insert into outbox (event_id, topic, message_key, payload)
select a.event_id, 'tocsin.status-events', null, json_build_object(
        'eventId', a.event_id, 'type', 'ComponentChanged', 'version', 1,
        'occurredAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'incidentId', null,
        'data', json_build_object('componentId', a.id, 'service', a.service, 'name', a.name,
                                  'group', a.group_name, 'removed', false))::text
from announced a;
