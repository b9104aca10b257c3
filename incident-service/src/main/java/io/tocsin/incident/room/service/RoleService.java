package io.tocsin.incident.room.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.events.Actor;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.Priority;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.repository.IncidentRepository;
import io.tocsin.incident.lifecycle.service.IncidentService;
import io.tocsin.incident.room.model.RoleHolder;
import io.tocsin.incident.room.repository.RoleRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The roles of an incident's response. Each change is decided by {@link RoleRules} on the locked incident and
 * written with its timeline entry and IncidentRoleChanged event in one transaction; the event carries a room link for
 * the new holder, and escalation-service pages them with it.
 */
@ApplicationScoped
public class RoleService {

    /** An incident and the roles one person holds in it. */
    public record MyIncident(Incident incident, Set<IncidentRole> roles) {
    }

    private final IncidentService incidents;
    private final IncidentRepository incidentRepository;
    private final RoleRepository roles;
    private final Outbox outbox;
    private final RoomLinks links;

    public RoleService(IncidentService incidents, IncidentRepository incidentRepository, RoleRepository roles,
                       Outbox outbox, RoomLinks links) {
        this.incidents = incidents;
        this.incidentRepository = incidentRepository;
        this.roles = roles;
        this.outbox = outbox;
        this.links = links;
    }

    /** Who holds which role; 404 for an unknown incident. */
    @WithSession
    public Uni<List<RoleHolder>> roles(UUID incidentId) {
        return incidents.get(incidentId).chain(incident -> roles.forIncident(incidentId));
    }

    public Uni<List<RoleHolder>> assign(UUID incidentId, IncidentRole role, Actor person, Actor caller,
                                        boolean privileged) {
        return change(incidentId, (incident, current) -> {
            RoleRules.Decision decision = RoleRules.assign(holders(current), role, person.id(),
                    new RoleRules.Caller(caller.id(), privileged), incident.isOpen());
            if (decision.outcome() == RoleRules.Outcome.NO_CHANGE) {
                return Uni.createFrom().item(current);
            }
            Instant now = Instant.now();
            RoleHolder holder = new RoleHolder();
            holder.id = UUID.randomUUID();
            holder.incidentId = incidentId;
            holder.role = role;
            set(holder, person, caller, now);
            List<RoleHolder> after = new ArrayList<>(current);
            after.add(holder);
            return roles.persist(holder)
                    .chain(() -> announce(incident, role, IncidentRoleChanged.Change.ASSIGNED, person, null, caller, now,
                            "role-assigned", RoleRules.name(role) + ": " + label(person)))
                    .replaceWith(after);
        });
    }

    public Uni<List<RoleHolder>> handOver(UUID incidentId, IncidentRole role, String fromId, Actor to, Actor caller,
                                          boolean privileged) {
        return change(incidentId, (incident, current) -> {
            RoleRules.Decision decision = RoleRules.handOver(holders(current), role, fromId, to.id(),
                    new RoleRules.Caller(caller.id(), privileged), incident.isOpen());
            if (decision.outcome() == RoleRules.Outcome.NO_CHANGE) {
                return Uni.createFrom().item(current);
            }
            Instant now = Instant.now();
            // The row changes hands in place: one holder per single role, even within the transaction.
            RoleHolder holder = current.stream().filter(h -> h.role == role).findFirst().orElseThrow();
            Actor previous = actor(holder);
            set(holder, to, caller, now);
            return announce(incident, role, IncidentRoleChanged.Change.HANDED_OVER, to, previous, caller, now,
                    "role-handed-over", RoleRules.name(role) + ": " + label(previous) + " → " + label(to))
                    .replaceWith(current);
        });
    }

    public Uni<List<RoleHolder>> release(UUID incidentId, IncidentRole role, String personId, Actor caller,
                                         boolean privileged) {
        return change(incidentId, (incident, current) -> {
            RoleRules.Decision decision = RoleRules.release(holders(current), role, personId,
                    new RoleRules.Caller(caller.id(), privileged));
            if (decision.outcome() == RoleRules.Outcome.NO_CHANGE) {
                return Uni.createFrom().item(current);
            }
            RoleHolder holder = current.stream().filter(h -> h.role == role && h.personId.equals(personId))
                    .findFirst().orElseThrow();
            List<RoleHolder> after = new ArrayList<>(current);
            after.remove(holder);
            Actor released = actor(holder);
            return roles.delete(holder)
                    .chain(() -> announce(incident, role, IncidentRoleChanged.Change.RELEASED, released, null, caller,
                            Instant.now(), "role-released", RoleRules.name(role) + ": " + label(released)))
                    .replaceWith(after);
        });
    }

    /** The incidents in which {@code personId} holds a role, newest first (open ones only unless {@code all}). */
    @WithSession
    public Uni<List<MyIncident>> mine(String personId, boolean all, int limit) {
        return roles.forPerson(personId).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(List.<MyIncident>of());
            }
            Map<UUID, Set<IncidentRole>> held = new LinkedHashMap<>();
            rows.forEach(r -> held.computeIfAbsent(r.incidentId, id -> EnumSet.noneOf(IncidentRole.class)).add(r.role));
            String query = "id in ?1" + (all ? "" : " and status <> ?2") + " order by createdAt desc, id desc";
            var found = all ? incidentRepository.find(query, List.copyOf(held.keySet()))
                    : incidentRepository.find(query, List.copyOf(held.keySet()), Incident.Status.RESOLVED);
            return found.range(0, limit - 1).list()
                    .map(list -> list.stream().map(i -> new MyIncident(i, held.get(i.id))).toList());
        });
    }

    @FunctionalInterface
    private interface Change {
        Uni<List<RoleHolder>> apply(Incident incident, List<RoleHolder> current);
    }

    /** One role change on the locked incident; answers who holds which role afterwards. */
    private Uni<List<RoleHolder>> change(UUID incidentId, Change change) {
        return outbox.transaction(() -> incidents.locked(incidentId)
                .chain(incident -> roles.forIncident(incidentId).chain(current -> change.apply(incident, current))))
                .map(after -> after.stream().sorted(Comparator.comparing((RoleHolder h) -> h.role)
                        .thenComparing(h -> h.since)).toList());
    }

    private Uni<Incident> announce(Incident incident, IncidentRole role, IncidentRoleChanged.Change change, Actor holder,
                                   Actor previous, Actor caller, Instant now, String kind, String detail) {
        String roomUrl = change == IncidentRoleChanged.Change.RELEASED ? null : links.url(incident.id, holder.id(), now);
        return incidents.record(incident, now, kind, caller, detail, new IncidentRoleChanged(incident.service,
                Priority.valueOf(incident.priority), incident.summary, incident.respondBy, role, change, holder, previous,
                incident.bridgeUrl, roomUrl, caller));
    }

    private static void set(RoleHolder holder, Actor person, Actor caller, Instant now) {
        holder.personId = person.id();
        holder.personName = person.name();
        holder.personEmail = person.email();
        holder.since = now;
        holder.assignedBy = IncidentService.display(caller);
    }

    private static List<RoleRules.Holder> holders(List<RoleHolder> rows) {
        return rows.stream().map(r -> new RoleRules.Holder(r.role, r.personId)).toList();
    }

    private static Actor actor(RoleHolder holder) {
        return new Actor(Actor.Kind.USER, holder.personId, holder.personName, holder.personEmail);
    }

    /** "Alice" or, without a name, "alice". */
    static String label(Actor person) {
        return person.name() != null && !person.name().isBlank() ? person.name() : person.id();
    }
}
