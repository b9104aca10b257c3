package io.tocsin.status.timeline.service;

import io.quarkus.arc.All;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.NotificationDelivered;
import io.tocsin.events.NotificationFailed;
import io.tocsin.status.timeline.model.IncidentRecord;
import io.tocsin.status.timeline.model.TimelineEntry;
import io.tocsin.status.timeline.repository.IncidentRecordRepository;
import io.tocsin.status.timeline.repository.RoleHolderRepository;
import io.tocsin.status.timeline.repository.TimelineRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds the incident read model: each event becomes one timeline line (once: the consumer records its id in the
 * same transaction) and the incident's state is folded again from all its lines, so duplicates change nothing and
 * the order of arrival does not matter.
 */
@ApplicationScoped
public class TimelineService {

    private final TimelineRepository timeline;
    private final IncidentRecordRepository records;
    private final RoleHolderRepository roleHolders;
    private final List<IncidentFoldListener> listeners;

    public TimelineService(TimelineRepository timeline, IncidentRecordRepository records,
                           RoleHolderRepository roleHolders, @All List<IncidentFoldListener> listeners) {
        this.timeline = timeline;
        this.records = records;
        this.roleHolders = roleHolders;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Applies one consumed event inside the consumer's batch transaction (commons' BatchConsumer records its id
     * there, so a redelivery is skipped before it gets here).
     */
    public Uni<Void> apply(Envelope<?> event) {
        TimelineEntry entry = TimelineEntries.of(event);
        if (entry == null) {
            return Uni.createFrom().voidItem();
        }
        return incidentOf(event).chain(incidentId -> {
            if (incidentId == null) {
                Log.infof("Event %s (%s) names no incident we know; not on any timeline", event.eventId(), event.type());
                return Uni.createFrom().voidItem();
            }
            entry.incidentId = incidentId;
            return record(entry).chain(() -> roles(event));
        });
    }

    /**
     * Adds a line inside the caller's transaction and folds the incident again, with prepared statements (once per
     * consumed event). The incident's row is read afresh and written back here: a caller that changed it through
     * Hibernate must flush first.
     */
    public Uni<IncidentRecord> record(TimelineEntry entry) {
        return records.lockOrCreate(entry.incidentId)
                .chain(record -> timeline.linesOf(entry.incidentId).chain(existing -> {
                    List<TimelineEntry> all = new ArrayList<>(existing);
                    all.add(entry);
                    apply(record, IncidentProjection.fold(all));
                    return timeline.append(entry)
                            .chain(() -> timeline.rememberPeople(entry))
                            .chain(() -> records.saveFold(record))
                            .chain(() -> folded(record))
                            .replaceWith(record);
                }));
    }

    /** Tells every {@link IncidentFoldListener}, one after the other, in the caller's transaction. */
    private Uni<Void> folded(IncidentRecord record) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (IncidentFoldListener listener : listeners) {
            all = all.chain(() -> listener.folded(record));
        }
        return all;
    }

    /** Keeps who holds which role (the incident's commander and communications lead may post public updates). */
    private Uni<Void> roles(Envelope<?> event) {
        if (!(event.data() instanceof IncidentRoleChanged change) || change.holder() == null) {
            return Uni.createFrom().voidItem();
        }
        boolean held = change.change() != IncidentRoleChanged.Change.RELEASED;
        Uni<Void> holder = roleHolders.set(event.incidentId(), change.role(), change.holder().id(), held,
                event.occurredAt());
        return change.previousHolder() == null ? holder : holder.chain(() -> roleHolders.set(event.incidentId(),
                change.role(), change.previousHolder().id(), false, event.occurredAt()));
    }

    /** An incident's state and its lines. */
    public record Timeline(IncidentRecord incident, List<TimelineEntry> entries) {
    }

    /** An incident's state and lines, in time order; 404 when no event about it has arrived. */
    @WithSession
    public Uni<Timeline> timeline(UUID id) {
        return records.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Incident " + id))
                .chain(record -> lines(id).map(lines -> new Timeline(record, lines)));
    }

    /** An incident's lines in the read model's order ({@link IncidentProjection#ORDER}), in the caller's session. */
    public Uni<List<TimelineEntry>> lines(UUID incidentId) {
        return timeline.forIncident(incidentId).map(lines -> lines.stream().sorted(IncidentProjection.ORDER).toList());
    }

    /**
     * The incident an event belongs to: the envelope's id, else (a notification sent without one) the incident of
     * the event that caused the notification, when that event is on a timeline here.
     */
    private Uni<UUID> incidentOf(Envelope<?> event) {
        if (event.incidentId() != null) {
            return Uni.createFrom().item(event.incidentId());
        }
        UUID source = event.data() instanceof NotificationDelivered d ? d.sourceEventId()
                : event.data() instanceof NotificationFailed f ? f.sourceEventId() : null;
        if (source == null) {
            return Uni.createFrom().nullItem();
        }
        return timeline.findById(source).map(line -> line == null ? null : line.incidentId);
    }

    private static void apply(IncidentRecord record, IncidentProjection.State state) {
        record.service = state.service();
        record.priority = state.priority();
        record.summary = state.summary();
        record.status = state.status();
        record.phase = state.phase();
        record.triggeredAt = state.triggeredAt();
        record.acknowledgedAt = state.acknowledgedAt();
        record.resolvedAt = state.resolvedAt();
        record.respondBy = state.respondBy();
        record.alertCount = state.alertCount();
        record.updatedAt = Instant.now();
    }
}
