-- notification-service baseline. Flyway is the only source of this schema.
-- The outbox, its lease and the consumer de-duplication table come from commons (db/commons, V0.1).
-- Stakeholders, the communication plan and the delivery outbox arrive with their feature (docs/notifications.md).
select 1;
