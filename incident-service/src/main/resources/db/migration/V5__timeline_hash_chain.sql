-- The tamper-evident timeline (docs/security-incidents.md): every entry carries the SHA-256 of its canonical content,
-- which includes the previous entry's hash; the incident row keeps the newest (the head). The canonical content is
-- defined once in Java (TimelineChain) and once here, identically, so the database can hash and check it too.

alter table timeline_entry add column previous_hash text;
alter table timeline_entry add column hash text;
alter table incident add column timeline_head text;

-- "<byte length>:<value>\n", or "-\n" for null.
create function tocsin_chain_field(value text) returns text
    language sql immutable
as $$
    select case when value is null then '-' else octet_length(convert_to(value, 'UTF8')) || ':' || value end || E'\n'
$$;

create function tocsin_timeline_hash(incident uuid, seq bigint, at timestamptz, kind text, actor text, detail text,
                                     previous_hash text) returns text
    language sql immutable
as $$
    select encode(sha256(convert_to('tocsin-timeline-v1' || E'\n'
        || tocsin_chain_field(incident::text)
        || tocsin_chain_field(seq::text)
        || tocsin_chain_field(((extract(epoch from at) * 1000000)::bigint)::text)
        || tocsin_chain_field(kind)
        || tocsin_chain_field(actor)
        || tocsin_chain_field(detail)
        || tocsin_chain_field(previous_hash), 'UTF8')), 'hex')
$$;

-- Entries written before this migration are chained now, per incident in their order, exactly as if they had been
-- written with the chain. (The chain proves nothing about what happened to them before today; docs say so.)
do $$
declare
    entry   record;
    head    text;
    current_incident uuid;
begin
    for entry in select id, incident_id, seq, at, kind, actor, detail from timeline_entry order by incident_id, seq loop
        if current_incident is distinct from entry.incident_id then
            current_incident := entry.incident_id;
            head := null;
        end if;
        update timeline_entry
        set previous_hash = head,
            hash = tocsin_timeline_hash(entry.incident_id, entry.seq, entry.at, entry.kind, entry.actor, entry.detail, head)
        where id = entry.id
        returning hash into head;
    end loop;
end
$$;
update incident i set timeline_head = t.hash
from timeline_entry t
where t.incident_id = i.id and t.seq = i.timeline_seq;

alter table timeline_entry alter column hash set not null;
