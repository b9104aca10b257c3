package io.tocsin.status.postmortem.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.events.ActionItemOverdue;
import io.tocsin.events.Envelope;
import io.tocsin.status.postmortem.model.ActionItem;
import io.tocsin.status.postmortem.repository.ActionItemRepository;
import io.tocsin.status.postmortem.repository.PostmortemRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.List;

/**
 * Announces each action item that has passed its due date, once (ActionItemOverdue through the outbox). Every
 * replica runs it; rows are claimed with SKIP LOCKED, so each item is announced by exactly one.
 */
@ApplicationScoped
public class OverdueActionItems {

    private final ActionItemRepository items;
    private final PostmortemRepository postmortems;
    private final Outbox outbox;
    private volatile boolean started;

    public OverdueActionItems(ActionItemRepository items, PostmortemRepository postmortems, Outbox outbox) {
        this.items = items;
        this.postmortems = postmortems;
        this.outbox = outbox;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${tocsin.status.action-items.check-every:5m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return started ? announce().replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** Announces what is newly overdue; the number announced. */
    public Uni<Integer> announce() {
        return outbox.transaction(() -> items.claimNewlyOverdue(100).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Instant now = Instant.now();
            return Multi.createFrom().iterable(claimed)
                    .onItem().transformToUniAndConcatenate(item -> announce(item, now))
                    .collect().asList()
                    .map(List::size);
        }));
    }

    private Uni<Void> announce(ActionItem item, Instant now) {
        item.overdueNotifiedAt = now;
        return postmortems.findById(item.postmortemId).chain(p -> outbox.append(Envelope.of(
                new ActionItemOverdue(item.id.toString(), item.postmortemId.toString(), item.title, item.owner,
                        item.dueDate),
                p == null ? null : p.incidentId, now))).replaceWithVoid();
    }
}
