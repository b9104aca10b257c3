package io.tocsin.commons.outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes outbox rows to Kafka in id order, right after the transaction that wrote them commits.
 *
 * <p>Several replicas may run it: a lease row in {@code outbox_lease} lets one replica at a time publish, so the
 * events of one incident never overtake each other. A batch of rows is published with one chain of sends per incident
 * (see {@link #publish}): different incidents' events are in flight together, one incident's one after the other.
 * A row is marked sent only after Kafka acknowledged it (acks=all, idempotent producer), all of a batch's in one
 * statement; a crash in between publishes it again, with the same {@code eventId}, which consumers skip. No
 * database transaction is held open while waiting for Kafka. While Kafka refuses messages the relay backs off
 * exponentially and the rows simply wait.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String TAKE_LEASE = """
            insert into outbox_lease (name, owner, expires_at) values ('relay', $1, now() + make_interval(secs => $2))
            on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at
            where outbox_lease.owner = excluded.owner or outbox_lease.expires_at < now()""";
    private static final String RELEASE_LEASE = "delete from outbox_lease where name = 'relay' and owner = $1";
    private static final String UNSENT =
            "select id, topic, message_key, payload from outbox where sent_at is null order by id limit $1";
    private static final String MARK_SENT = "update outbox set sent_at = now() where id = any($1)";
    private static final String COUNT_UNSENT = "select count(*) from outbox where sent_at is null";

    /** One row to publish. */
    private record Unsent(long id, String topic, String key, String payload) {
        static Unsent of(io.vertx.mutiny.sqlclient.Row row) {
            return new Unsent(row.getLong(0), row.getString(1), row.getString(2), row.getString(3));
        }
    }

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final String owner = UUID.randomUUID().toString();

    private final Drainer drainer = new Drainer("Outbox relay", true, () -> Runnable::run, this::drainOnce);
    private final AtomicLong pending = new AtomicLong();
    private volatile Duration backoff = Duration.ZERO;
    private volatile String lastError;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, OutboxConfig config) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
    }

    /** Asks for a drain; cheap and safe to call from anywhere, any number of times. */
    public void wake() {
        drainer.wake();
    }

    /**
     * At shutdown: starts no more rounds, lets the one under way finish (for at most {@code wait}), then hands the
     * lease back. Otherwise the lease outlived the process, and neither another replica nor the service's next
     * process published anything until it ran out: after every restart a service's events (escalation's pages)
     * waited up to the lease's 30 s. A round still running after {@code wait} keeps the lease, which then runs out
     * as before, so two relays never publish at once.
     */
    public void stop(Duration wait) throws InterruptedException {
        drainer.enable(false);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!drainer.idle() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!drainer.idle()) {
            Log.infof("Stopping with an outbox batch still being published; the lease runs out in %s", config.lease());
            return;
        }
        try {
            pool.preparedQuery(RELEASE_LEASE).execute(Tuple.of(owner)).await().atMost(wait);
        } catch (RuntimeException e) {
            Log.infof("The outbox lease was not handed back (%s); it runs out in %s", e.toString(), config.lease());
        }
    }

    /** Counts unsent rows (the lag gauge) and drains when there are any: the safety net behind {@link #wake}. */
    Uni<Void> poll() {
        return pool.preparedQuery(COUNT_UNSENT).execute()
                .map(rows -> rows.iterator().next().getLong(0))
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

    /** One round: a batch published, or a pause that grows while Kafka refuses messages. */
    private Uni<Boolean> drainOnce() {
        return drainBatch()
                .map(sent -> {
                    backoff = Duration.ZERO;
                    lastError = null;
                    return sent >= config.batchSize();
                })
                .onFailure().recoverWithItem(failure -> {
                    backoff = backoff.isZero() ? Duration.ofMillis(200)
                            : min(backoff.multipliedBy(2), config.maxBackoff());
                    drainer.pauseFor(backoff);
                    lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
                    Log.warnf("Outbox relay paused for %s ms: %s", backoff.toMillis(), lastError);
                    return false;
                });
    }

    private Uni<Integer> drainBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery(TAKE_LEASE)
                        .execute(Tuple.of(owner, (double) config.lease().toSeconds()))
                        .chain(leased -> leased.rowCount() == 0 ? Uni.createFrom().item(List.<Unsent>of())
                                : connection.preparedQuery(UNSENT).execute(Tuple.of(config.batchSize()))
                                .map(rows -> {
                                    List<Unsent> unsent = new ArrayList<>(rows.size());
                                    for (io.vertx.mutiny.sqlclient.Row row : rows) {
                                        unsent.add(Unsent.of(row));
                                    }
                                    return unsent;
                                })))
                .chain(this::publish);
    }

    /**
     * Hands the rows to the producer, one chain per Kafka key (incident): the chains run side by side, and within a
     * chain a row is sent only once Kafka acknowledged the one before it. So a row that fails (a batch that expired
     * in the producer while the broker was away) stops its incident's later rows from overtaking it; they are all
     * sent again, in order, on the next attempt. What Kafka acknowledged is marked sent in one statement.
     */
    private Uni<Integer> publish(List<Unsent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, List<Unsent>> byKey = new LinkedHashMap<>();
        for (Unsent row : rows) {
            // Events without an incident have no order among each other: each is a chain of its own.
            String chain = row.key() != null ? row.key() : "#" + row.id();
            byKey.computeIfAbsent(chain, k -> new ArrayList<>()).add(row);
        }
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>(rows.size()));
        List<Uni<Void>> chains = new ArrayList<>(byKey.size());
        for (List<Unsent> chain : byKey.values()) {
            chains.add(Multi.createFrom().iterable(chain)
                    .onItem().transformToUniAndConcatenate(row -> send(row).invoke(() -> acknowledged.add(row.id())))
                    .collect().last()
                    .onFailure().recoverWithItem(failure -> {
                        firstFailure.compareAndSet(null, failure);
                        return null;
                    })
                    .replaceWithVoid());
        }
        return Uni.join().all(chains).andFailFast()
                .chain(() -> markSent(List.copyOf(acknowledged)))
                .chain(() -> firstFailure.get() == null ? Uni.createFrom().item(rows.size())
                        : Uni.createFrom().failure(firstFailure.get()));
    }

    private Uni<Void> send(Unsent row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic())
                .withKey(row.key())
                .build();
        return emitter.sendMessage(Message.of(row.payload()).addMetadata(metadata));
    }

    private Uni<Void> markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(MARK_SENT).execute(Tuple.of(ids.toArray(new Long[0])))
                .invoke(result -> pending.updateAndGet(p -> Math.max(0, p - result.rowCount())))
                .replaceWithVoid();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
