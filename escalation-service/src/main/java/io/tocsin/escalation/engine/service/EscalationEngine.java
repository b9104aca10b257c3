package io.tocsin.escalation.engine.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.escalation.engine.config.EngineConfig;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.engine.repository.EscalationRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Supplier;

/**
 * The durable timer loop every replica runs (escalation levels, delayed pages, response-target clocks, GDPR breach
 * clocks): claims due rows with FOR UPDATE SKIP LOCKED, applies them and
 * advances the timers in the same transaction that writes the outbox, on the database clock. There are no timers
 * in memory: a timer that fell due while every replica was down fires on the next pass. Engine objects are
 * independent of each other (tests run two against one database).
 */
@ApplicationScoped
public class EscalationEngine {

    /** What one pass did. */
    public record Pass(int escalations, int pages, int targets, int breachClocks) {
        public int total() {
            return escalations + pages + targets + breachClocks;
        }
    }

    private final Outbox outbox;
    private final EngineRepository db;
    private final EscalationRepository escalations;
    private final Pager pager;
    private final EngineConfig config;
    private final BreachClocks breaches;

    public EscalationEngine(Outbox outbox, EngineRepository db, EscalationRepository escalations, Pager pager,
                            EngineConfig config, BreachClocks breaches) {
        this.breaches = breaches;
        this.outbox = outbox;
        this.db = db;
        this.escalations = escalations;
        this.pager = pager;
        this.config = config;
    }

    /** Runs batches until nothing is due; returns what this engine object applied. */
    public Uni<Pass> runDue() {
        return loop(this::escalationBatch).chain(levels -> loop(this::pageBatch)
                .chain(pages -> loop(this::targetBatch)
                        .chain(targets -> loop(this::breachBatch)
                                .map(clocks -> new Pass(levels, pages, targets, clocks)))));
    }

    private Uni<Integer> loop(Supplier<Uni<Integer>> batch) {
        return batch.get().chain(n -> n < config.batchSize() ? Uni.createFrom().item(n)
                : loop(batch).map(more -> n + more));
    }

    /**
     * One transaction: claim due escalation timers, fire their levels, advance them. If the batch fails, the rows
     * are retried one per transaction, and a row that fails on its own is put back by a minute (and logged), so
     * one broken escalation never blocks the others.
     */
    Uni<Integer> escalationBatch() {
        return escalationBatch(config.batchSize()).onFailure().recoverWithUni(batchFailure -> {
            Log.warnf("Escalation batch failed (%s); retrying its timers one by one", batchFailure.toString());
            return oneByOne(config.batchSize());
        });
    }

    private Uni<Integer> escalationBatch(int size) {
        return outbox.transaction(() -> db.claimDueEscalations(size)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0) : db.now().chain(now -> each(ids,
                        id -> escalations.findById(id).chain(e -> pager.fire(e, now))).replaceWith(ids.size()))));
    }

    private Uni<Integer> oneByOne(int remaining) {
        if (remaining == 0) {
            return Uni.createFrom().item(0);
        }
        return escalationBatch(1)
                .onFailure().recoverWithUni(failure -> outbox.transaction(() -> db.postponeOldestDue(failure.toString()))
                        .invoke(id -> Log.errorf(failure, "Escalation of incident %s failed; retried in a minute", id))
                        .replaceWith(1))
                .chain(n -> n == 0 ? Uni.createFrom().item(0) : oneByOne(remaining - 1).map(more -> n + more));
    }

    /** One transaction: claim delayed pages (notification rules) that are due, and send them. */
    Uni<Integer> pageBatch() {
        return outbox.transaction(() -> db.claimDuePages(config.batchSize())
                .chain(pages -> pages.isEmpty() ? Uni.createFrom().item(0) : db.now().chain(now -> each(pages,
                        page -> escalations.findById(page.incidentId()).chain(e -> db.markSent(page)
                                .chain(stored -> pager.sendDelayed(e, page, stored, now))))
                        .replaceWith(pages.size()))));
    }

    /** One transaction: claim response-target clocks that are due, and emit at-risk or breached. */
    Uni<Integer> targetBatch() {
        return outbox.transaction(() -> db.claimDueTargets(config.batchSize())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0) : db.now().chain(now -> each(ids,
                        id -> escalations.findById(id).chain(e -> pager.checkTarget(e, now))).replaceWith(ids.size()))));
    }

    /**
     * One transaction: claim GDPR breach clocks whose next reminder is due, and send it (docs/security-incidents.md).
     * The same durable-timer rules as every other timer here: database clock, SKIP LOCKED, outbox in the transaction.
     */
    Uni<Integer> breachBatch() {
        return outbox.transaction(() -> breaches.claimDue(config.batchSize())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0) : db.now().chain(now -> each(ids,
                        id -> breaches.remind(id, now)).replaceWith(ids.size()))));
    }

    /** Applies {@code work} to each item in turn: a reactive session runs one statement at a time. */
    private static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Void>> work) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(t -> work.apply(t))
                .collect().last().replaceWithVoid().call(() -> Panache.getSession().chain(s -> s.flush()));
    }
}
