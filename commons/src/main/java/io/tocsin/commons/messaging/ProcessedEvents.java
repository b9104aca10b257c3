package io.tocsin.commons.messaging;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Makes consumers idempotent: event ids are recorded in {@code processed_event} in the same transaction as their
 * effect, with {@code ON CONFLICT DO NOTHING} (a unique violation would spoil the transaction), so a redelivered
 * message finds its id taken and is skipped. A whole batch is recorded in one statement.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String RECORD = """
            insert into processed_event (consumer, event_id) select $1, unnest($2::uuid[])
            on conflict do nothing returning event_id""";

    private final Sql sql;

    public ProcessedEvents(Sql sql) {
        this.sql = sql;
    }

    /** The ids this consumer sees for the first time; must run inside the effects' transaction. */
    public Uni<Set<UUID>> firstTime(String consumer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return sql.select(RECORD, consumer, eventIds.toArray(new UUID[0])).map(rows -> {
            Set<UUID> fresh = new HashSet<>();
            for (Object[] row : rows) {
                fresh.add((UUID) row[0]);
            }
            return fresh;
        });
    }
}
