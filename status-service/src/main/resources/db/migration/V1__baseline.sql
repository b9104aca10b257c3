-- status-service baseline. Flyway is the only source of this schema.
-- The outbox, its lease and the consumer de-duplication table come from commons (db/commons, V0.1).
-- Components, public updates, postmortems and metrics arrive with their features.
select 1;
