-- The delivery outbox: every notification is first a row here, written in the transaction that consumed its
-- source event, then sent by DeliverySender (any replica; rows are claimed with FOR UPDATE SKIP LOCKED).
create table delivery (
    id              uuid primary key,
    source_event_id uuid        not null,
    incident_id     uuid,
    audience        text        not null check (audience in ('RESPONDER', 'STAKEHOLDER')),
    template        text        not null,
    -- The contact address (email address or webhook URL): who receives it.
    recipient       text        not null,
    recipient_id    text,
    recipient_name  text,
    contact_kind    text        not null check (contact_kind in ('EMAIL', 'WEBHOOK')),
    contact_format  text,
    subject         text        not null,
    body_text       text        not null,
    body_html       text,
    state           text        not null check (state in ('PENDING', 'SENT', 'FAILED', 'DEAD')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    -- A redelivered Kafka message (or a second consumer replica) can never send a second mail.
    constraint delivery_once unique (source_event_id, recipient, template)
);
create index delivery_due on delivery (next_attempt_at) where state in ('PENDING', 'FAILED');
create index delivery_by_incident on delivery (incident_id, created_at);

-- One-tap action links (acknowledge / resolve) in pages. The token in the URL is this row's id plus an HMAC over
-- the id, expiry, incident, recipient and action; the row keeps who acts (so the URL carries no personal data)
-- and when the link was used up (only after incident-service confirmed the action).
create table action_link (
    id              uuid primary key,
    incident_id     uuid        not null,
    action          text        not null check (action in ('ACKNOWLEDGE', 'RESOLVE')),
    recipient_id    text        not null,
    recipient_name  text,
    recipient_email text,
    title           text        not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    created_at      timestamptz not null default now()
);
