-- Shared by every service (commons ships it; each service's Flyway runs it in the service's own database).

-- Events waiting to be published, written in the transaction of the change they describe.
create table outbox (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    message_key text,
    payload     text        not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;

-- One row: which replica publishes the outbox right now (keeps one incident's events in order).
create table outbox_lease (
    name       text primary key,
    owner      text        not null,
    expires_at timestamptz not null
);

-- Events a consumer has already applied, recorded in the same transaction as their effect.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
