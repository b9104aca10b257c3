package io.tocsin.commons.outbox;

import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka in id order, right after the transaction that wrote them commits.
 *
 * <p>Several replicas may run it: a lease row in {@code outbox_lease} lets one replica at a time publish, so the
 * events of one incident never overtake each other. A row is marked sent only after Kafka acknowledged it
 * (acks=all, idempotent producer); a crash in between publishes it again, which consumers absorb by de-duplicating
 * on {@code eventId}. No database transaction is held open while waiting for Kafka. While Kafka refuses messages
 * the relay backs off exponentially and the rows simply wait.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String TAKE_LEASE = """
            insert into outbox_lease (name, owner, expires_at) values ('relay', ?1, now() + make_interval(secs => ?2))
            on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at
            where outbox_lease.owner = excluded.owner or outbox_lease.expires_at < now()""";

    private final Mutiny.SessionFactory sessions;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final String owner = UUID.randomUUID().toString();

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile Duration backoff = Duration.ZERO;
    private volatile String lastError;

    public OutboxRelay(Mutiny.SessionFactory sessions, @Channel("outbox") MutinyEmitter<String> emitter,
                       OutboxConfig config, Vertx vertx) {
        this.sessions = sessions;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
    }

    /** Asks for a drain; cheap and safe to call from anywhere, any number of times. */
    public void wake() {
        wanted.set(true);
        if (Instant.now().isBefore(pausedUntil) || !running.compareAndSet(false, true)) {
            return;
        }
        // A NEW duplicated context: the caller's own (e.g. a request's, whose code goes on after the commit) holds
        // that caller's Hibernate Reactive session, which the drain must not share.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        Executor onContext = command -> context.runOnContext(ignored -> command.run());
        context.runOnContext(ignored -> drain(onContext));
    }

    /** Counts unsent rows (the lag gauge) and drains when there are any: the safety net behind {@link #wake}. */
    Uni<Void> poll() {
        return sessions.withSession(s -> s.createSelectionQuery(
                        "select count(*) from OutboxMessage where sentAt is null", Long.class).getSingleResult())
                .invoke(count -> {
                    pending.set(count);
                    if (count > 0) {
                        wake();
                    }
                })
                .replaceWithVoid();
    }

    /** Rows not yet acknowledged by Kafka, as of the last poll. */
    public long pending() {
        return pending.get();
    }

    /** Why the last attempt failed, or null while Kafka accepts messages. */
    public String lastError() {
        return lastError;
    }

    private void drain(Executor onContext) {
        wanted.set(false);
        drainBatch(onContext).subscribe().with(
                sent -> {
                    backoff = Duration.ZERO;
                    lastError = null;
                    if (sent >= config.batchSize() || wanted.get()) {
                        drain(onContext);
                    } else {
                        finish();
                    }
                },
                failure -> {
                    backoff = backoff.isZero() ? Duration.ofMillis(200)
                            : min(backoff.multipliedBy(2), config.maxBackoff());
                    pausedUntil = Instant.now().plus(backoff);
                    lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
                    Log.warnf("Outbox relay paused for %s ms: %s", backoff.toMillis(), lastError);
                    finish();
                });
    }

    private void finish() {
        running.set(false);
        if (wanted.get() && !Instant.now().isBefore(pausedUntil)) {
            wake();
        }
    }

    private Uni<Integer> drainBatch(Executor onContext) {
        return sessions.withTransaction(s -> s.createNativeQuery(TAKE_LEASE)
                        .setParameter(1, owner)
                        .setParameter(2, (double) config.lease().toSeconds())
                        .executeUpdate()
                        .chain(leased -> leased == 0 ? Uni.createFrom().item(List.<OutboxMessage>of())
                                : s.createSelectionQuery("from OutboxMessage where sentAt is null order by id",
                                        OutboxMessage.class).setMaxResults(config.batchSize()).getResultList()))
                .chain(rows -> publishInOrder(rows, onContext));
    }

    private Uni<Integer> publishInOrder(List<OutboxMessage> rows, Executor onContext) {
        List<Long> acknowledged = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutboxMessage row : rows) {
            chain = chain.chain(() -> send(row).emitOn(onContext).invoke(() -> acknowledged.add(row.id)));
        }
        return chain.onItemOrFailure().transformToUni((ignored, failure) -> markSent(acknowledged)
                .chain(() -> failure == null ? Uni.createFrom().item(rows.size()) : Uni.createFrom().failure(failure)));
    }

    private Uni<Void> send(OutboxMessage row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.messageKey)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata));
    }

    private Uni<Void> markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sessions.withTransaction(s -> s.createMutationQuery(
                        "update OutboxMessage set sentAt = current_timestamp where id in (:ids)")
                .setParameter("ids", ids)
                .executeUpdate())
                .invoke(count -> pending.updateAndGet(p -> Math.max(0, p - count)))
                .replaceWithVoid();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
