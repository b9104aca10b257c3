-- Issue 16 (personal data): a timeline line knows whose name it shows, so an erasure (PersonErased) can replace the
-- name without guessing from text. actor_id: the person who acted; subject_id: the person a line is about (assignee).
alter table timeline_entry add column actor_id   text;
alter table timeline_entry add column subject_id text;
create index timeline_entry_actor_id on timeline_entry (actor_id) where actor_id is not null;
create index timeline_entry_subject_id on timeline_entry (subject_id) where subject_id is not null;
