package io.tocsin.commons.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every consumer's commit strategy ({@code commit-strategy=periodic}, commons' configuration): an acknowledged batch
 * notes, per partition, the offset after its last record, and every {@code auto.commit.interval.ms} (5 s) what was
 * noted since the last tick is committed to Kafka in one request. Nothing is sent while nothing was processed.
 *
 * <p>Why not SmallRye's own: {@code throttled} asks the broker for the committed offset when the first record of a
 * partition arrives, as a task on the polling thread, so that record waits until the thread's {@code poll()} returns
 * (up to {@code poll-timeout}): a long poll-timeout delays the first page after a start, a short one keeps an idle
 * consumer waking ten times a second. {@code latest} commits after every batch, a request per batch that cost the
 * broker about 1 ms of CPU per incident under load (bench/README.md).
 *
 * <p>Safe because every channel is applied a batch at a time, in order, and a batch is acknowledged only after its
 * transaction committed (BatchConsumer): a committed offset never passes a record that did not take effect. A crash
 * or a rebalance between two ticks delivers those few seconds of records again, and {@code processed_event} skips them.
 */
@Identifier(PeriodicCommit.NAME)
@ApplicationScoped
public class PeriodicCommit implements KafkaCommitHandler.Factory {

    public static final String NAME = "periodic";

    @Override
    public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                     KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        int interval = config.config().getOptionalValue("auto.commit.interval.ms", Integer.class).orElse(5000);
        Handler handler = new Handler(consumer::commitAsync, offsets -> consumer.unwrap().commitSync(offsets));
        long timer = vertx.setPeriodic(interval, ignored -> handler.tick());
        handler.onTerminate(() -> vertx.cancelTimer(timer));
        return handler;
    }

    /** The strategy for one consumer; committing is passed in, so it can be tested without a broker. */
    static final class Handler implements KafkaCommitHandler {

        private static final Logger LOG = Logger.getLogger(PeriodicCommit.class);

        private final Function<Map<TopicPartition, OffsetAndMetadata>, Uni<Void>> commitAsync;
        private final Consumer<Map<TopicPartition, OffsetAndMetadata>> commitOnPollingThread;
        /** Per partition, the offset to commit: the one after the last acknowledged record. */
        private final Map<TopicPartition, Long> pending = new ConcurrentHashMap<>();
        /** Per partition, the highest offset Kafka confirmed: a late failure must not take a partition back. */
        private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
        private volatile Runnable onTerminate = () -> { };

        Handler(Function<Map<TopicPartition, OffsetAndMetadata>, Uni<Void>> commitAsync,
                Consumer<Map<TopicPartition, OffsetAndMetadata>> commitOnPollingThread) {
            this.commitAsync = commitAsync;
            this.commitOnPollingThread = commitOnPollingThread;
        }

        void onTerminate(Runnable action) {
            this.onTerminate = action;
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            processed(new TopicPartition(record.getTopic(), record.getPartition()), record.getOffset());
            return Uni.createFrom().voidItem();
        }

        /** A record was applied and committed in the database. */
        void processed(TopicPartition partition, long offset) {
            pending.merge(partition, offset + 1, Math::max);
        }

        /** Commits what was processed since the last tick; a failed commit is tried again at the next. */
        void tick() {
            Map<TopicPartition, OffsetAndMetadata> offsets = take(pending.keySet());
            if (offsets.isEmpty()) {
                return;
            }
            commitAsync.apply(offsets).subscribe().with(
                    ignored -> offsets.forEach((partition, offset) ->
                            committed.merge(partition, offset.offset(), Math::max)),
                    failure -> {
                        LOG.debugf("Offset commit failed, tried again in the next tick: %s", failure.toString());
                        offsets.forEach((partition, offset) -> {
                            if (offset.offset() > committed.getOrDefault(partition, -1L)) {
                                pending.merge(partition, offset.offset(), Math::max);
                            }
                        });
                    });
        }

        /**
         * Called on the polling thread before partitions go to another consumer: commits their offsets at once, so
         * the new owner starts where this one stopped. If that fails it starts at the last tick's commit, and the
         * records in between are skipped as already processed.
         */
        @Override
        public void partitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = take(partitions);
            if (offsets.isEmpty()) {
                return;
            }
            try {
                commitOnPollingThread.accept(offsets);
            } catch (RuntimeException e) {
                LOG.debugf("Offsets of revoked partitions not committed (they are delivered again): %s", e.toString());
            }
        }

        @Override
        public void terminate(boolean graceful) {
            onTerminate.run();
            if (graceful) {
                tick();
            }
        }

        private Map<TopicPartition, OffsetAndMetadata> take(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : partitions) {
                Long offset = pending.remove(partition);
                if (offset != null) {
                    offsets.put(partition, new OffsetAndMetadata(offset));
                }
            }
            return offsets;
        }
    }
}
