package io.tocsin.local.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads and writes the test broker's topics the way another service would, with a group of its own. */
public final class TestKafka {

    private TestKafka() {
    }

    /**
     * Every record on {@code topic} (from the beginning) that matches {@code filter}, waiting until at least
     * {@code expected} have arrived or {@code timeout} passed; then waits a little longer so extra (duplicate)
     * records would be seen too.
     */
    public static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                           int expected, Duration timeout) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.setting("kafka.bootstrap"),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            Instant settle = null;
            while (Instant.now().isBefore(deadline) && (settle == null || Instant.now().isBefore(settle))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        matching.add(record);
                    }
                }
                if (settle == null && matching.size() >= expected) {
                    settle = Instant.now().plusMillis(500);
                }
            }
        }
        return matching;
    }

    /** Publishes one record and waits for the broker's acknowledgement; returns where it landed. */
    public static RecordMetadata send(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.setting("kafka.bootstrap"),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish to " + topic, e);
        }
    }

    /**
     * Waits until the service under test has consumed {@code record}: every consumer group that has committed offsets
     * on its topic (the service's own; the readers of {@link #await} never commit) has committed past it. Consumers
     * commit only what they have applied, so after this a test may count the record's effects, duplicates included,
     * without sleeping and hoping.
     */
    public static void awaitConsumed(RecordMetadata record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Instant deadline = Instant.now().plus(timeout);
        String state = "no consumer group has committed on " + record.topic();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.setting("kafka.bootstrap")))) {
            while (Instant.now().isBefore(deadline)) {
                List<String> behind = new ArrayList<>();
                int groups = 0;
                for (var listing : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(listing.groupId())
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    if (offsets.keySet().stream().noneMatch(p -> p.topic().equals(record.topic()))) {
                        continue;
                    }
                    groups++;
                    OffsetAndMetadata committed = offsets.get(partition);
                    if (committed == null || committed.offset() <= record.offset()) {
                        behind.add(listing.groupId() + " at " + (committed == null ? "nothing" : committed.offset()));
                    }
                }
                if (groups > 0 && behind.isEmpty()) {
                    return;
                }
                state = groups == 0 ? state : String.join(", ", behind);
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the consumer groups' offsets", e);
        }
        throw new AssertionError(record.topic() + "-" + record.partition() + "@" + record.offset()
                + " was not consumed within " + timeout + ": " + state);
    }
}
