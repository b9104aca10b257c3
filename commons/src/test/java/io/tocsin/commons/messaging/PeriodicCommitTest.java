package io.tocsin.commons.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Kafka is told, and when, by the consumers' commit strategy (the broker's side is a recorded call here). */
class PeriodicCommitTest {

    private static final TopicPartition P0 = new TopicPartition("tocsin.incident-events", 0);
    private static final TopicPartition P1 = new TopicPartition("tocsin.incident-events", 1);

    private final List<Map<TopicPartition, OffsetAndMetadata>> sent = new ArrayList<>();
    private final List<UniEmitter<? super Void>> answers = new ArrayList<>();
    private final List<Map<TopicPartition, OffsetAndMetadata>> committedOnRevoke = new ArrayList<>();

    private final PeriodicCommit.Handler handler = new PeriodicCommit.Handler(
            offsets -> {
                sent.add(offsets);
                return Uni.createFrom().emitter(answers::add);
            },
            committedOnRevoke::add);

    @Test
    void anIdleConsumerSendsNothing() {
        handler.tick();
        handler.tick();

        assertTrue(sent.isEmpty());
    }

    @Test
    void aTickCommitsTheOffsetAfterTheLastProcessedRecordOfEachPartitionInOneRequest() {
        handler.processed(P0, 5);
        handler.processed(P0, 7);
        handler.processed(P1, 2);
        assertTrue(sent.isEmpty(), "nothing is committed between ticks");

        handler.tick();
        answers.get(0).complete(null);
        handler.tick();

        assertEquals(List.of(Map.of(P0, new OffsetAndMetadata(8), P1, new OffsetAndMetadata(3))), sent);
    }

    @Test
    void aFailedCommitIsSentAgainAtTheNextTick() {
        handler.processed(P0, 5);
        handler.tick();
        answers.get(0).fail(new IllegalStateException("broker away"));

        handler.tick();

        assertEquals(2, sent.size());
        assertEquals(Map.of(P0, new OffsetAndMetadata(6)), sent.get(1));
    }

    @Test
    void aLateFailureDoesNotTakeAPartitionBack() {
        handler.processed(P0, 5);
        handler.tick();
        handler.processed(P0, 9);
        handler.tick();
        answers.get(1).complete(null);
        answers.get(0).fail(new IllegalStateException("timed out after the next commit went through"));

        handler.tick();

        assertEquals(2, sent.size(), "offset 6 must not be committed after 10: " + sent);
    }

    @Test
    void revokedPartitionsAreCommittedAtOnceAndOnlyThem() {
        handler.processed(P0, 5);
        handler.processed(P1, 9);

        handler.partitionsRevoked(List.of(P0));
        handler.tick();

        assertEquals(List.of(Map.of(P0, new OffsetAndMetadata(6))), committedOnRevoke);
        assertEquals(List.of(Map.of(P1, new OffsetAndMetadata(10))), sent);
    }
}
