-- Evidence of an incident (docs/security-incidents.md): files kept here (at most 10 MiB each) or links with the
-- SHA-256 their adder vouched for; who added each and when; and a custody log of every read. Adding evidence is also
-- a timeline entry (with the hash), so the tamper-evident timeline pins what was added.
create table evidence (
    id          uuid primary key,
    incident_id uuid        not null references incident (id),
    kind        text        not null check (kind in ('FILE', 'LINK')),
    name        text        not null,
    description text,
    media_type  text,
    size_bytes  bigint,
    url         text,
    sha256      text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    added_at    timestamptz not null,
    added_by    text        not null,
    added_by_id text        not null,
    check ((kind = 'FILE' and size_bytes is not null and url is null)
        or (kind = 'LINK' and size_bytes is null and url is not null))
);
create index evidence_incident on evidence (incident_id, added_at);
-- The same file (or the same link with the same hash) is one piece of evidence: adding it again changes nothing.
create unique index evidence_once on evidence (incident_id, kind, sha256, coalesce(url, ''));

create table evidence_content (
    evidence_id uuid  primary key references evidence (id),
    content     bytea not null
);

-- Chain of custody: who read which evidence, when. Rows are only ever added.
create table evidence_access (
    id          bigserial primary key,
    evidence_id uuid        not null references evidence (id),
    at          timestamptz not null,
    actor       text        not null,
    actor_id    text        not null,
    action      text        not null check (action in ('READ'))
);
create index evidence_access_evidence on evidence_access (evidence_id, id);
