package io.tocsin.status.page.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Priority;
import io.tocsin.status.component.model.Component;
import io.tocsin.status.component.model.ComponentStatus;
import io.tocsin.status.component.repository.ComponentRepository;
import io.tocsin.status.component.service.ComponentService;
import io.tocsin.status.component.service.ComponentService.ComponentState;
import io.tocsin.status.component.service.StatusRules;
import io.tocsin.status.component.service.Uptime;
import io.tocsin.status.maintenance.model.Maintenance;
import io.tocsin.status.maintenance.repository.MaintenanceRepository;
import io.tocsin.status.shared.config.StatusConfig;
import io.tocsin.status.timeline.model.IncidentRecord;
import io.tocsin.status.timeline.model.IncidentSpan;
import io.tocsin.status.timeline.repository.IncidentRecordRepository;
import io.tocsin.status.update.model.PublicUpdate;
import io.tocsin.status.update.repository.PublicUpdateRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assembles what the public sees: components with their derived status and uptime, incidents that have public
 * updates (their public title and updates only), and maintenance. Nothing internal (summaries, alert data,
 * responder names, notes, service slugs) is copied into these models, so no template can leak it.
 */
@ApplicationScoped
public class StatusPageService {

    public record PublicComponent(String name, String group, String description, ComponentStatus status,
                                  String uptimePercent, List<Uptime.Day> days) {
    }

    public record PublicUpdateLine(String status, String statusLabel, String message, Instant postedAt) {
    }

    public record PublicIncident(UUID id, String title, String status, String statusLabel, boolean active,
                                 List<String> components, ComponentStatus impact, Instant startedAt,
                                 Instant resolvedAt, Instant updatedAt, List<PublicUpdateLine> updates) {
    }

    public record PublicMaintenance(UUID id, String title, String description, List<String> components,
                                    Instant startsAt, Instant endsAt, String state) {
    }

    public record Snapshot(String title, ComponentStatus overall, String headline, List<PublicComponent> components,
                           List<PublicIncident> activeIncidents, List<PublicIncident> pastIncidents,
                           List<PublicMaintenance> inProgress, List<PublicMaintenance> upcoming,
                           List<PublicMaintenance> completed, Instant generatedAt) {

        /** Active incidents first, then past ones (for the feed). */
        public List<PublicIncident> allIncidents() {
            List<PublicIncident> all = new ArrayList<>(activeIncidents);
            all.addAll(pastIncidents);
            return all;
        }

        /** Maintenance in progress, upcoming and recently completed (for the feed). */
        public List<PublicMaintenance> allMaintenances() {
            List<PublicMaintenance> all = new ArrayList<>(inProgress);
            all.addAll(upcoming);
            all.addAll(completed);
            return all;
        }

        /** Days the uptime bars cover. */
        public int uptimeDays() {
            return components.isEmpty() ? 0 : components.get(0).days().size();
        }
    }

    private final ComponentRepository components;
    private final IncidentRecordRepository incidents;
    private final PublicUpdateRepository updates;
    private final MaintenanceRepository maintenances;
    private final StatusConfig config;

    public StatusPageService(ComponentRepository components, IncidentRecordRepository incidents,
                             PublicUpdateRepository updates, MaintenanceRepository maintenances, StatusConfig config) {
        this.components = components;
        this.incidents = incidents;
        this.updates = updates;
        this.maintenances = maintenances;
        this.config = config;
    }

    /** The whole public page. */
    @WithSession
    public Uni<Snapshot> snapshot() {
        Instant now = Instant.now();
        int days = config.page().uptimeDays();
        Instant uptimeSince = now.minus(Duration.ofDays(days));
        Instant historySince = now.minus(Duration.ofDays(config.page().historyDays()));
        return components.ordered().chain(list -> incidents.spans(ComponentService.services(list), uptimeSince).chain(spans ->
                maintenances.current().chain(current -> maintenances.completedSince(historySince).chain(completed ->
                        updates.incidentsUpdatedSince(historySince).chain(updatedIds ->
                                // An open incident stays on the page however long ago its last update was.
                                incidents.openWithPublicUpdates().chain(openIds -> {
                                    Set<UUID> ids = new HashSet<>(updatedIds);
                                    ids.addAll(openIds);
                                    Uni<List<IncidentRecord>> withUpdates = ids.isEmpty() ? Uni.createFrom().item(List.of())
                                            : incidents.list("id in ?1", ids);
                                    return withUpdates.chain(records -> updates.forIncidents(ids).map(lines -> build(list,
                                            spans, current, completed, records, lines, now, days)));
                                }))))));
    }

    /** One incident as the public sees it; 404 unless it has at least one public update. */
    @WithSession
    public Uni<PublicIncident> publicIncident(UUID id) {
        return incidents.findById(id).chain(record -> {
            if (record == null || record.service == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Incident " + id));
            }
            return updates.forIncident(id).chain(lines -> {
                if (lines.isEmpty()) {
                    return Uni.createFrom().failure(ProblemException.notFound("Incident " + id));
                }
                return components.byService(record.service).map(c -> toPublic(record, lines,
                        names(c == null ? List.of() : List.of(c))));
            });
        });
    }

    private Snapshot build(List<Component> list, List<IncidentSpan> spans, List<Maintenance> current,
                           List<Maintenance> completed, List<IncidentRecord> withUpdates, List<PublicUpdate> lines,
                           Instant now, int days) {
        List<ComponentState> states = ComponentService.statuses(list, spans, current);
        Map<String, List<Uptime.Outage>> outages = new LinkedHashMap<>();
        for (IncidentSpan span : spans) {
            if (span.triggeredAt() != null) {
                outages.computeIfAbsent(span.service(), s -> new ArrayList<>())
                        .add(new Uptime.Outage(span.triggeredAt(), span.resolvedAt(), StatusRules.of(span.priority())));
            }
        }
        List<PublicComponent> publicComponents = states.stream().map(s -> {
            List<Uptime.Outage> o = outages.getOrDefault(s.component().service, List.of());
            return new PublicComponent(s.component().name, s.component().groupName, s.component().description,
                    s.status(), Uptime.percent(Uptime.overall(o, now, days)), Uptime.days(o, now, days));
        }).toList();
        ComponentStatus overall = states.stream().map(ComponentState::status)
                .reduce(ComponentStatus.OPERATIONAL, StatusRules::worst);

        Map<String, String> nameByService = list.stream().collect(Collectors.toMap(c -> c.service, c -> c.name));
        Map<UUID, List<PublicUpdate>> byIncident = lines.stream()
                .collect(Collectors.groupingBy(u -> u.incidentId, LinkedHashMap::new, Collectors.toList()));
        List<PublicIncident> publicIncidents = withUpdates.stream()
                .filter(r -> r.service != null && byIncident.containsKey(r.id))
                .map(r -> toPublic(r, byIncident.get(r.id), nameByService.containsKey(r.service)
                        ? List.of(nameByService.get(r.service)) : List.of()))
                .sorted(Comparator.comparing(PublicIncident::updatedAt).reversed())
                .toList();

        Function<Maintenance, PublicMaintenance> toPublic = m -> new PublicMaintenance(m.id, m.title, m.description,
                m.serviceList().stream().filter(nameByService::containsKey).map(nameByService::get).toList(), m.startsAt, m.endsAt,
                m.state.name());
        return new Snapshot(config.pageTitle(), overall, StatusRules.headline(overall), publicComponents,
                publicIncidents.stream().filter(PublicIncident::active).toList(),
                publicIncidents.stream().filter(i -> !i.active()).toList(),
                current.stream().filter(m -> m.state == Maintenance.State.IN_PROGRESS).map(toPublic).toList(),
                current.stream().filter(m -> m.state == Maintenance.State.SCHEDULED).map(toPublic).toList(),
                completed.stream().map(toPublic).toList(), now);
    }

    private static PublicIncident toPublic(IncidentRecord r, List<PublicUpdate> lines, List<String> componentNames) {
        List<PublicUpdate> newestFirst = lines.stream()
                .sorted(Comparator.comparing((PublicUpdate u) -> u.postedAt).reversed()).toList();
        PublicUpdate latest = newestFirst.get(0);
        boolean active = r.isOpen() && !"resolved".equals(latest.status);
        Instant started = r.triggeredAt != null ? r.triggeredAt : newestFirst.get(newestFirst.size() - 1).postedAt;
        ComponentStatus impact = r.priority == null ? ComponentStatus.OPERATIONAL
                : StatusRules.of(Priority.valueOf(r.priority));
        return new PublicIncident(r.id, r.publicTitle != null ? r.publicTitle : "Service disruption", latest.status,
                latest.statusLabel(), active, componentNames, impact, started,
                r.status == IncidentRecord.Status.RESOLVED ? r.resolvedAt : null, latest.postedAt,
                newestFirst.stream().map(u -> new PublicUpdateLine(u.status, u.statusLabel(), u.message, u.postedAt))
                        .toList());
    }

    private static List<String> names(List<Component> list) {
        return list.stream().map(c -> c.name).toList();
    }
}
