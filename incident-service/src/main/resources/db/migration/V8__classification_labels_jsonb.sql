-- A rule's label conditions were a JSON array in a text column; now the same array as typed jsonb
-- (ClassificationRule.matchLabels, a list of LabelMatch): PostgreSQL now checks the content is JSON. Every row keeps
-- its conditions, in the same order.
alter table classification_rule alter column match_labels drop default;
alter table classification_rule alter column match_labels type jsonb using match_labels::jsonb;
alter table classification_rule alter column match_labels set default '[]'::jsonb;
