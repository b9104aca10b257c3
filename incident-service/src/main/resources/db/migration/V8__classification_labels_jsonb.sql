-- A rule's label conditions were a JSON array in a text column; now a typed jsonb object {"all": [...]}
-- (ClassificationRule.matchLabels, LabelConditions): Hibernate Reactive binds a JSON column as one JSON object, and
-- PostgreSQL now checks the content is JSON. Every row keeps its conditions, in the same order.
alter table classification_rule alter column match_labels drop default;
alter table classification_rule alter column match_labels type jsonb using jsonb_build_object('all', match_labels::jsonb);
alter table classification_rule alter column match_labels set default '{"all": []}'::jsonb;
