-- Signed generic (and Grafana with a timestamp) requests: each signature is taken once within its 5-minute window,
-- recorded in the same transaction as the alert it carried, so a replayed request is refused on every replica.
create table seen_signature (
    integration_id uuid        not null,
    signature      text        not null,
    seen_at        timestamptz not null default now(),
    primary key (integration_id, signature)
);
create index seen_signature_seen_at on seen_signature (seen_at);
