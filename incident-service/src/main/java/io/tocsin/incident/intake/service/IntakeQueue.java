package io.tocsin.incident.intake.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.tocsin.commons.db.Failures;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.incident.intake.service.IntakeService.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Group commit for intake: the requests that arrive while a transaction is running are applied together in the
 * next one, and each is answered once that transaction committed. One alert on a quiet service still gets its own
 * transaction at once; under load the cost of a commit (and of waking the outbox relay) is shared by every request
 * of the batch. The guarantee does not change: a 202 only after the commit that holds the alert and its events.
 *
 * <ul>
 *   <li>Requests are applied in arrival order, one batch at a time, so alerts of one dedup key keep their order.</li>
 *   <li>A request that rejects itself (a replayed signature) answers with its error and leaves the others be.</li>
 *   <li>A database that is away fails the whole batch (503, nothing stored); any other failure rolls the batch back
 *       and every request is applied again in a transaction of its own, so one bad request fails alone.</li>
 *   <li>When the oldest waiting request has waited longer than {@code tocsin.intake.max-queue-delay} (500 ms), or
 *       more requests wait than {@code tocsin.intake.max-waiting}, new ones are refused at once with 503 and
 *       Retry-After ({@link OverloadedException}): a sender retries later rather than waiting for a timeout, and
 *       what was accepted is still answered quickly.</li>
 * </ul>
 */
@ApplicationScoped
public class IntakeQueue {

    /** What one request does inside the shared transaction: its outcomes, or an error that is its alone. */
    public record Result(List<Outcome> outcomes, RuntimeException rejection) {

        public static Result of(List<Outcome> outcomes) {
            return new Result(outcomes, null);
        }

        public static Result rejected(RuntimeException rejection) {
            return new Result(null, rejection);
        }
    }

    private record Job(Supplier<Uni<Result>> work, UniEmitter<? super List<Outcome>> answer, long queuedAt) {
    }

    private final Outbox outbox;
    private final Vertx vertx;
    private final int maxWaiting;
    private final long maxQueueDelayNanos;
    private final int maxBatch;
    private final Queue<Job> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    public IntakeQueue(Outbox outbox, Vertx vertx,
                       @ConfigProperty(name = "tocsin.intake.max-waiting", defaultValue = "1000") int maxWaiting,
                       @ConfigProperty(name = "tocsin.intake.max-queue-delay", defaultValue = "500ms") Duration maxQueueDelay,
                       @ConfigProperty(name = "tocsin.intake.max-batch", defaultValue = "200") int maxBatch) {
        this.outbox = outbox;
        this.vertx = vertx;
        this.maxWaiting = maxWaiting;
        this.maxQueueDelayNanos = maxQueueDelay.toNanos();
        this.maxBatch = maxBatch;
    }

    /** Applies {@code work} in the next transaction; the outcomes once it committed. */
    public Uni<List<Outcome>> submit(Supplier<Uni<Result>> work) {
        long now = System.nanoTime();
        Job oldest = waiting.peek();
        // A queue whose oldest request has waited too long is not keeping up: say so now rather than in seconds.
        if (oldest != null && now - oldest.queuedAt() > maxQueueDelayNanos) {
            return Uni.createFrom().failure(new OverloadedException(1));
        }
        if (count.incrementAndGet() > maxWaiting) {
            count.decrementAndGet();
            return Uni.createFrom().failure(new OverloadedException(1));
        }
        return Uni.createFrom().emitter(answer -> {
            waiting.add(new Job(work, answer, now));
            drainIfIdle();
        });
    }

    /** Requests waiting or being applied (a gauge for operators). */
    public int waiting() {
        return count.get();
    }

    private void drainIfIdle() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        // A context of its own for each batch: its Hibernate Reactive session must not be any request's.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> drain());
    }

    private void drain() {
        List<Job> batch = new ArrayList<>();
        for (Job job = waiting.poll(); job != null; job = batch.size() < maxBatch ? waiting.poll() : null) {
            batch.add(job);
        }
        if (batch.isEmpty()) {
            draining.set(false);
            // A request may have arrived between the last poll and the flag going down.
            if (!waiting.isEmpty()) {
                drainIfIdle();
            }
            return;
        }
        together(batch).subscribe().with(
                results -> {
                    answer(batch, results);
                    next();
                },
                failure -> {
                    if (Failures.databaseUnreachable(failure) || batch.size() == 1) {
                        batch.forEach(job -> fail(job, failure));
                        next();
                        return;
                    }
                    Log.warnf("An intake batch of %d requests failed (%s); applying them one by one", batch.size(),
                            failure.toString());
                    oneByOne(batch).subscribe().with(ignored -> next(), unexpected -> {
                        Log.error("Intake batch retry failed", unexpected);
                        next();
                    });
                });
    }

    /** Continues on a fresh context (the finished batch's session is closed with it). */
    private void next() {
        draining.set(false);
        drainIfIdle();
    }

    private Uni<List<Result>> together(List<Job> batch) {
        return outbox.transaction(() -> Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(job -> job.work().get().call(IntakeQueue::forgetEntities))
                .collect().asList());
    }

    private Uni<Void> oneByOne(List<Job> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(job -> outbox.transaction(job.work())
                        .onItem().invoke(result -> answer(job, result))
                        .onFailure().invoke(failure -> fail(job, failure))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    /**
     * Writes what Hibernate holds and forgets it before the next request: the lifecycle steps (acknowledge,
     * resolve) change entities, while the alert upserts are prepared statements Hibernate does not see.
     */
    private static Uni<Void> forgetEntities() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    private void answer(List<Job> batch, List<Result> results) {
        for (int i = 0; i < batch.size(); i++) {
            answer(batch.get(i), results.get(i));
        }
    }

    private void answer(Job job, Result result) {
        count.decrementAndGet();
        if (result.rejection() != null) {
            job.answer().fail(result.rejection());
        } else {
            job.answer().complete(result.outcomes());
        }
    }

    private void fail(Job job, Throwable failure) {
        count.decrementAndGet();
        job.answer().fail(failure);
    }
}
