package io.tocsin.commons.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Failures;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventData;
import io.tocsin.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The one way every service consumes events. A batch of Kafka records (SmallRye {@code batch=true}) is applied in
 * ONE transaction: one statement records every event id in {@code processed_event} (so a redelivered event is
 * skipped), the handler applies each new event in record order per key (so one incident's events stay in order;
 * incidents one after another by id, so that batches lock rows in one order), and the
 * outbox relay is woken once, after the commit. The batch is acknowledged to Kafka only when that commit is done.
 *
 * <ul>
 *   <li>A database that is away: the batch is retried, with backoff, until it commits. Kafka keeps the records.</li>
 *   <li>Any other failure rolls the batch back, and each record is then retried alone, in its own transaction, so
 *       the records before and after a bad one still take effect exactly once.</li>
 *   <li>A record that fails alone, or cannot be read at all, goes to the channel's dead-letter topic through the
 *       outbox (marked processed in the same transaction, so a redelivery does not dead-letter it twice).</li>
 *   <li>Event types the channel does not apply, and types this build does not know (a newer producer), are
 *       skipped without a trace.</li>
 * </ul>
 */
@ApplicationScoped
public class BatchConsumer {

    /** What one {@code @Incoming} channel applies: its name in processed_event, its dead-letter topic, its types. */
    public record Channel(String consumer, String deadLetterTopic, Set<EventType> types) {
    }

    /** One decoded event: its type, and its envelope with {@code data} as that type's record. */
    public record Event(EventType type, Envelope<? extends EventData> envelope) {

        @SuppressWarnings("unchecked")
        public <T extends EventData> Envelope<T> as(Class<T> dataClass) {
            if (type.dataClass() != dataClass) {
                throw new IllegalArgumentException(type.typeName() + " does not carry " + dataClass.getSimpleName());
            }
            return (Envelope<T>) envelope;
        }
    }

    /** Applies one event inside the batch's transaction (Panache session, {@link io.tocsin.commons.db.Sql}). */
    @FunctionalInterface
    public interface Handler {
        Uni<Void> apply(Event event);
    }

    private static final TypeReference<Envelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

    /** A record as consumed: an event to apply, one to skip, or one that cannot be read (poison). */
    private record Item(ConsumerRecord<String, String> record, Event event, boolean skip, Exception unreadable) {
    }

    private final ObjectMapper mapper;
    private final Outbox outbox;
    private final ProcessedEvents processed;

    public BatchConsumer(ObjectMapper mapper, Outbox outbox, ProcessedEvents processed) {
        this.mapper = mapper;
        this.outbox = outbox;
        this.processed = processed;
    }

    /** Applies a batch; completes once every record took effect (or was dead-lettered) and committed. */
    public Uni<Void> consume(Channel channel, ConsumerRecords<String, String> records, Handler handler) {
        List<Item> items = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            items.add(decode(channel, record));
        }
        if (items.stream().allMatch(Item::skip)) {
            return Uni.createFrom().voidItem();
        }
        return whileDatabaseIsAway(() -> together(channel, items, handler))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("A batch of %d records on %s failed (%s); applying them one by one", items.size(),
                            channel.consumer(), failure.toString());
                    return Multi.createFrom().iterable(items)
                            .onItem().transformToUniAndConcatenate(item -> alone(channel, item, handler))
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> together(Channel channel, List<Item> items, Handler handler) {
        List<UUID> ids = items.stream().filter(i -> i.event() != null).map(i -> i.event().envelope().eventId())
                .distinct().toList();
        return outbox.transaction(() -> processed.firstTime(channel.consumer(), ids).chain(fresh ->
                Multi.createFrom().iterable(byKey(items))
                        .onItem().transformToUniAndConcatenate(item -> {
                            if (item.unreadable() != null) {
                                return deadLetter(channel, item, item.unreadable());
                            }
                            // remove(): an event twice in one batch is applied once.
                            return item.event() != null && fresh.remove(item.event().envelope().eventId())
                                    ? handler.apply(item.event()).call(BatchConsumer::forgetEntities)
                                    : Uni.createFrom().voidItem();
                        })
                        .collect().last().replaceWithVoid()));
    }

    /**
     * The batch in the order of its record keys (incident ids), each key's records in record order (a stable sort).
     * Handlers lock their incident's rows; batches of different channels (or services' consumers sharing a table)
     * that met the same incidents in different orders deadlocked, waited a second for PostgreSQL to notice, and
     * were applied again one by one. In one order they cannot deadlock. Only records of one key are ordered by Kafka,
     * so nothing may depend on the order between keys.
     */
    private static List<Item> byKey(List<Item> items) {
        return items.stream().sorted(Comparator.comparing(i -> i.record().key() == null ? "" : i.record().key()))
                .toList();
    }

    private Uni<Void> alone(Channel channel, Item item, Handler handler) {
        if (item.skip()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> attempt;
        if (item.unreadable() != null) {
            attempt = whileDatabaseIsAway(() -> outbox.transaction(() -> deadLetter(channel, item, item.unreadable())));
        } else {
            List<UUID> id = List.of(item.event().envelope().eventId());
            attempt = whileDatabaseIsAway(() -> outbox.transaction(() -> processed.firstTime(channel.consumer(), id)
                    .chain(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(item.event()))))
                    .onFailure().recoverWithUni(failure -> whileDatabaseIsAway(() -> outbox.transaction(() ->
                            processed.firstTime(channel.consumer(), id).chain(() -> deadLetter(channel, item, failure)))));
        }
        return attempt.onFailure().recoverWithItem(failure -> {
            // Not even the dead-letter topic takes it: the log is the last place the record is kept.
            ConsumerRecord<String, String> record = item.record();
            Log.errorf(failure, "%s dropped %s-%d@%d (key %s): %s", channel.consumer(), record.topic(),
                    record.partition(), record.offset(), withoutNul(record.key()), withoutNul(record.value()));
            return null;
        });
    }

    /** Hands the record, as it came, to the dead-letter topic (once: its outbox id derives from its offset). */
    private Uni<Void> deadLetter(Channel channel, Item item, Throwable why) {
        ConsumerRecord<String, String> record = item.record();
        Log.errorf("%s cannot apply %s-%d@%d and sends it to %s: %s", channel.consumer(), record.topic(),
                record.partition(), record.offset(), channel.deadLetterTopic(), withoutNul(why.toString()));
        UUID outboxId = UUID.nameUUIDFromBytes((channel.consumer() + "|" + record.topic() + "|" + record.partition()
                + "|" + record.offset()).getBytes(StandardCharsets.UTF_8));
        String payload = record.value() == null ? "" : withoutNul(record.value());
        return outbox.appendOnce(outboxId, channel.deadLetterTopic(), withoutNul(record.key()), payload);
    }

    /**
     * U+FFFD for each NUL: PostgreSQL text cannot hold NUL (the dead-letter row's key and value), and a NUL in a log
     * line makes grep take the whole log for binary. Everything else is kept as it came.
     */
    private static String withoutNul(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    private Item decode(Channel channel, ConsumerRecord<String, String> record) {
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("The record has no value");
            }
            Envelope<JsonNode> raw = mapper.readValue(record.value(), ENVELOPE);
            EventType type = EventType.byName(raw.type()).orElse(null);
            if (type == null || !channel.types().contains(type)) {
                return new Item(record, null, true, null);
            }
            EventData data = mapper.treeToValue(raw.data(), type.dataClass());
            return new Item(record, new Event(type, new Envelope<>(raw.eventId(), raw.type(), raw.version(),
                    raw.occurredAt(), raw.incidentId(), data)), false, null);
        } catch (Exception e) {
            return new Item(record, null, false, e);
        }
    }

    /**
     * Writes what Hibernate holds for one event and forgets it before the next: otherwise every flush of a large
     * batch would check every entity the batch has loaded so far.
     */
    private static Uni<Void> forgetEntities() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    private static Uni<Void> whileDatabaseIsAway(java.util.function.Supplier<Uni<Void>> work) {
        return Uni.createFrom().deferred(work::get)
                .onFailure(Failures::databaseUnreachable).invoke(failure ->
                        Log.warnf("Database unreachable while consuming; retrying: %s", failure.getMessage()))
                .onFailure(Failures::databaseUnreachable).retry().withBackOff(FIRST_RETRY, LONGEST_RETRY).indefinitely();
    }
}
