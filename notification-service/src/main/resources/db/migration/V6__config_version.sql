-- Who hears about an incident (the communication plan, subscriptions, groups and their members) is read for every
-- incident event, so it is kept in memory (stakeholder.service.Audiences). One number grows with every change to
-- those tables; the notifier compares it, once per event, with the one it loaded, so a change made on any replica
-- is seen by every replica from its commit on.
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

create trigger communication_plan_changed after insert or update or delete or truncate on communication_plan
    for each statement execute function bump_config_version();
create trigger subscription_changed after insert or update or delete or truncate on subscription
    for each statement execute function bump_config_version();
create trigger stakeholder_group_changed after insert or update or delete or truncate on stakeholder_group
    for each statement execute function bump_config_version();
create trigger stakeholder_changed after insert or update or delete or truncate on stakeholder
    for each statement execute function bump_config_version();
