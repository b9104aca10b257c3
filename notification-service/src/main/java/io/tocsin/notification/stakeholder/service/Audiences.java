package io.tocsin.notification.stakeholder.service;

import io.smallrye.mutiny.Uni;
import io.tocsin.events.Priority;
import io.tocsin.notification.stakeholder.model.PlanEntry;
import io.tocsin.notification.stakeholder.model.Stakeholder;
import io.tocsin.notification.stakeholder.model.StakeholderGroup;
import io.tocsin.notification.stakeholder.model.Subscription;
import io.tocsin.notification.stakeholder.repository.StakeholderRepository;
import io.tocsin.notification.stakeholder.repository.StatusComponentRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who hears about incidents — the communication plan, subscriptions, groups and their members — and what the status
 * page calls each service (its components), kept in memory as one snapshot, since every incident event asks. Every use first reads {@code config_version} (triggers bump it on
 * any change to those tables, on any replica) and reloads when it moved. The entities are detached copies: read
 * them, never change them.
 */
@ApplicationScoped
public class Audiences {

    /** The configuration as of one {@code config_version}. */
    public record Snapshot(long version, Map<String, PlanEntry> plans, List<Subscription> subscriptions,
                           Map<UUID, StakeholderGroup> groups, Map<UUID, List<Stakeholder>> members,
                           Map<String, List<String>> components) {

        /** The status page's names for a service's components (none: the page does not show the service). */
        public List<String> componentNames(String service) {
            return components.getOrDefault(service, List.of());
        }

        /**
         * The people an update reaches: the plan for its priority must list the event; then every member of each
         * group that subscribes to (service, priority) and that the plan addresses, once per address.
         */
        public List<Stakeholder> audience(PlanEntry.Event event, String service, Priority priority) {
            PlanEntry plan = plans.get(priority.name());
            if (!Audience.planned(plan, event)) {
                return List.of();
            }
            Map<String, Stakeholder> byEmail = new LinkedHashMap<>();
            subscriptions.stream()
                    .filter(sub -> Audience.covers(sub, service, priority))
                    .map(sub -> groups.get(sub.groupId))
                    .filter(group -> group != null && Audience.addressed(plan, group.name))
                    .distinct()
                    .flatMap(group -> members.getOrDefault(group.id, List.of()).stream())
                    .sorted(Comparator.comparing((Stakeholder m) -> m.createdAt))
                    .forEach(member -> byEmail.putIfAbsent(member.email.toLowerCase(), member));
            return List.copyOf(byEmail.values());
        }
    }

    private final StakeholderRepository repository;
    private final StatusComponentRepository components;
    private volatile Snapshot current = new Snapshot(-1, Map.of(), List.of(), Map.of(), Map.of(), Map.of());

    public Audiences(StakeholderRepository repository, StatusComponentRepository components) {
        this.repository = repository;
        this.components = components;
    }

    /** The configuration as the database has it now; inside a session (the caller's transaction). */
    public Uni<Snapshot> now() {
        return repository.configVersion().chain(version -> {
            Snapshot known = current;
            return known.version() == version ? Uni.createFrom().item(known) : load(version);
        });
    }

    private Uni<Snapshot> load(long version) {
        return repository.allPlans()
                .chain(plans -> repository.allSubscriptions()
                        .chain(subscriptions -> repository.allGroups()
                                .chain(groups -> repository.allMembers()
                                        .chain(people -> components.namesByService().map(names -> {
                                            Map<String, PlanEntry> byPriority = new HashMap<>();
                                            plans.forEach(p -> byPriority.put(p.priority, p));
                                            Map<UUID, StakeholderGroup> byId = new HashMap<>();
                                            groups.forEach(g -> byId.put(g.id, g));
                                            Map<UUID, List<Stakeholder>> members = new HashMap<>();
                                            people.forEach(m -> members.computeIfAbsent(m.groupId, k -> new ArrayList<>()).add(m));
                                            Snapshot loaded = new Snapshot(version, Map.copyOf(byPriority),
                                                    List.copyOf(subscriptions), Map.copyOf(byId), Map.copyOf(members),
                                                    Map.copyOf(names));
                                            if (current.version() < version) {
                                                current = loaded;
                                            }
                                            return loaded;
                                        })))));
    }
}
