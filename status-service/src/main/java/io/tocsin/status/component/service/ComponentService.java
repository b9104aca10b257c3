package io.tocsin.status.component.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.ComponentChanged;
import io.tocsin.events.Envelope;
import io.tocsin.events.Priority;
import io.tocsin.status.component.model.Component;
import io.tocsin.status.component.model.ComponentStatus;
import io.tocsin.status.component.repository.ComponentRepository;
import io.tocsin.status.maintenance.model.Maintenance;
import io.tocsin.status.maintenance.repository.MaintenanceRepository;
import io.tocsin.status.timeline.model.IncidentSpan;
import io.tocsin.status.timeline.repository.IncidentRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Status page components: configured by admins, their status overridden by incident commanders. Every change of what
 * the public page calls a service (added, renamed, regrouped, removed) is published as ComponentChanged in the same
 * transaction, so stakeholder mails name affected components as this page does. A component's status follows from
 * the open incidents of its service and maintenance in progress ({@link StatusRules}).
 */
@ApplicationScoped
public class ComponentService {

    /** A component and its status right now. */
    public record ComponentState(Component component, ComponentStatus status) {
    }

    private final ComponentRepository components;
    private final IncidentRecordRepository incidents;
    private final MaintenanceRepository maintenances;
    private final Outbox outbox;

    public ComponentService(ComponentRepository components, IncidentRecordRepository incidents,
                            MaintenanceRepository maintenances, Outbox outbox) {
        this.components = components;
        this.incidents = incidents;
        this.maintenances = maintenances;
        this.outbox = outbox;
    }

    /** Every component with its status now (the component API; the public page derives the same way). */
    @WithSession
    public Uni<List<ComponentState>> currentStatuses() {
        return components.ordered().chain(list -> incidents.spans(services(list), Instant.now())
                .chain(spans -> maintenances.current().map(current -> statuses(list, spans, current))));
    }

    /** The services the components stand for. */
    public static List<String> services(List<Component> list) {
        return list.stream().map(c -> c.service).toList();
    }

    /**
     * The status of each component, from its service's open incidents (among {@code spans}) and the current
     * (scheduled or running) maintenance.
     */
    public static List<ComponentState> statuses(List<Component> list, List<IncidentSpan> spans,
                                                List<Maintenance> current) {
        return list.stream().map(c -> {
            List<Priority> priorities = spans.stream()
                    .filter(span -> span.open() && c.service.equals(span.service()))
                    .map(IncidentSpan::priority).toList();
            boolean inMaintenance = current.stream().anyMatch(m -> m.state == Maintenance.State.IN_PROGRESS
                    && m.serviceList().contains(c.service));
            return new ComponentState(c, StatusRules.derive(priorities, inMaintenance, c.overrideStatus));
        }).toList();
    }

    /** Adds a component for a service; 409 when the service already has one. */
    public Uni<Component> create(String service, String name, String group, String description, int position) {
        UUID id = UUID.randomUUID();
        return outbox.transaction(() -> components.insertIfNew(id, service, name.strip(), blankToNull(group),
                        blankToNull(description), position, Instant.now())
                .chain(inserted -> inserted ? components.findById(id)
                        : Uni.createFrom().failure(new ProblemException(409,
                        "Service " + service + " already has a component")))
                .call(c -> announce(c, false)));
    }

    @WithSession
    public Uni<List<Component>> list() {
        return components.ordered();
    }

    public Uni<Component> update(UUID id, String name, String group, String description, Integer position) {
        return outbox.transaction(() -> get(id).invoke(c -> {
            if (name != null) {
                c.name = name.strip();
            }
            if (group != null) {
                c.groupName = blankToNull(group);
            }
            if (description != null) {
                c.description = blankToNull(description);
            }
            if (position != null) {
                c.position = position;
            }
        }).call(c -> announce(c, false)));
    }

    public Uni<Void> delete(UUID id) {
        return outbox.transaction(() -> get(id).call(c -> announce(c, true)).chain(components::delete));
    }

    /** What notification-service keeps of a component: its service slug and public name (descriptions stay here). */
    private Uni<?> announce(Component c, boolean removed) {
        return outbox.append(Envelope.of(new ComponentChanged(c.id.toString(), c.service, c.name, c.groupName, removed),
                null, Instant.now()));
    }

    /** Sets (or with a null status clears) the incident commander's override. */
    @WithTransaction
    public Uni<Component> override(UUID id, ComponentStatus status, String reason, String actor) {
        return get(id).invoke(c -> {
            c.overrideStatus = status;
            c.overrideReason = status == null ? null : blankToNull(reason);
            c.overrideBy = status == null ? null : actor;
            c.overrideAt = status == null ? null : Instant.now();
        });
    }

    private Uni<Component> get(UUID id) {
        return components.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Component " + id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
