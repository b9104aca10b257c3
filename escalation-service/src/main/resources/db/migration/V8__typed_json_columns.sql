-- Nested configuration (contact methods, notification rules, schedule layers, policy levels) was JSON text. It
-- becomes jsonb, mapped to records (@JdbcTypeCode(SqlTypes.JSON)), so "is this responder or schedule still used?" is
-- asked with jsonb containment, which compares ids whole, instead of LIKE, where an id holding '_' or '%' matched
-- other ids. The values themselves are unchanged. escalation.links, page.recipient and page.contact_method stay
-- text: event data copied whole from and into events on the engine's hot path, never configuration, never searched.
alter table responder
    alter column contact_methods type jsonb using contact_methods::jsonb,
    alter column notification_rules type jsonb using notification_rules::jsonb;

alter table schedule
    alter column layers type jsonb using layers::jsonb;

alter table escalation_policy
    alter column levels type jsonb using levels::jsonb;

