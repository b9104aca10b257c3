-- Rate limits: a delivery over the per-recipient limit or the per-incident cap is HELD instead of sent, and the
-- held ones of a recipient go out together as one DIGEST mail at most every digest interval. P1 pages are exempt.
alter table delivery drop constraint delivery_state_check;
alter table delivery add constraint delivery_state_check
    check (state in ('PENDING', 'SENT', 'FAILED', 'DEAD', 'HELD', 'DIGESTED'));
-- The digest that carried a held delivery.
alter table delivery add column digest_id uuid;
create index delivery_recent_by_recipient on delivery (recipient, created_at);
create index delivery_held on delivery (recipient, created_at) where state = 'HELD';
