-- The postmortem list is read a page at a time, newest first (every P1 and P2 opens a postmortem): without these a
-- page sorted the whole table.
create index postmortem_created_at on postmortem (created_at desc);
create index postmortem_published_at on postmortem (published_at desc) where status = 'PUBLISHED';
