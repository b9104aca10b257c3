-- What the engine reads for every page (the matrix, policies, responders) is kept in memory (engine.Routing). One
-- number grows with every change to those tables; the engine compares it, once per use, with the one it loaded, so
-- a change made on any replica is seen by every replica from its commit on.
create table config_version (
    id      int primary key check (id = 1),
    version bigint not null
);
insert into config_version (id, version) values (1, 0);

create function bump_config_version() returns trigger language plpgsql as $$
begin
    update config_version set version = version + 1 where id = 1;
    return null;
end
$$;

create trigger escalation_matrix_changed after insert or update or delete or truncate on escalation_matrix
    for each statement execute function bump_config_version();
create trigger escalation_policy_changed after insert or update or delete or truncate on escalation_policy
    for each statement execute function bump_config_version();
create trigger responder_changed after insert or update or delete or truncate on responder
    for each statement execute function bump_config_version();
