-- The tamper-evident timeline (docs/security-incidents.md): every entry carries the SHA-256 of its own content and the
-- SHA-256 linking it to the entry before (previous link + its content hash); the incident row keeps the newest link
-- (the head). The canonical forms are defined once in Java (TimelineChain) and once here, identically, so the database
-- can hash and check them too.

alter table timeline_entry add column previous_hash text;
alter table timeline_entry add column content_hash  text;
alter table timeline_entry add column hash          text;
-- Set when an erasure replaced personal data in the entry: its hashes stay, its content can no longer be checked.
alter table timeline_entry add column redacted_at   timestamptz;
alter table incident add column timeline_head text;

-- "<byte length>:<value>\n", or "-\n" for null.
create function tocsin_chain_field(value text) returns text
    language sql immutable
as $$
    select case when value is null then '-' else octet_length(convert_to(value, 'UTF8')) || ':' || value end || E'\n'
$$;

create function tocsin_timeline_content(incident uuid, seq bigint, at timestamptz, kind text, actor text, detail text)
    returns text
    language sql immutable
as $$
    select encode(sha256(convert_to('tocsin-timeline-v1' || E'\n'
        || tocsin_chain_field(incident::text)
        || tocsin_chain_field(seq::text)
        || tocsin_chain_field(((extract(epoch from at) * 1000000)::bigint)::text)
        || tocsin_chain_field(kind)
        || tocsin_chain_field(actor)
        || tocsin_chain_field(detail), 'UTF8')), 'hex')
$$;

create function tocsin_timeline_link(previous_hash text, content_hash text) returns text
    language sql immutable
as $$
    select encode(sha256(convert_to('tocsin-timeline-link-v1' || E'\n'
        || tocsin_chain_field(previous_hash)
        || tocsin_chain_field(content_hash), 'UTF8')), 'hex')
$$;

-- Entries written before this migration are chained now, per incident in their order, exactly as if they had been
-- written with the chain. (The chain proves nothing about what happened to them before today; the docs say so.)
do $$
declare
    entry            record;
    content          text;
    head             text;
    current_incident uuid;
begin
    for entry in select id, incident_id, seq, at, kind, actor, detail from timeline_entry order by incident_id, seq loop
        if current_incident is distinct from entry.incident_id then
            current_incident := entry.incident_id;
            head := null;
        end if;
        content := tocsin_timeline_content(entry.incident_id, entry.seq, entry.at, entry.kind, entry.actor, entry.detail);
        update timeline_entry
        set previous_hash = head, content_hash = content, hash = tocsin_timeline_link(head, content)
        where id = entry.id
        returning hash into head;
    end loop;
end
$$;
update incident i set timeline_head = t.hash
from timeline_entry t
where t.incident_id = i.id and t.seq = i.timeline_seq;

alter table timeline_entry alter column content_hash set not null;
alter table timeline_entry alter column hash set not null;
