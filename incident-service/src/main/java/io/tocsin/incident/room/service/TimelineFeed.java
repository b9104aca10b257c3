package io.tocsin.incident.room.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.tocsin.incident.room.config.RoomConfig;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live timelines for the room's stream. A follower first reads every entry after the one it was given, then every new
 * one, always from the database and always "after the last one sent", so a reconnect with Last-Event-ID resumes
 * without a gap or a repeat, whichever replica wrote the entry.
 * <p>
 * How a new entry is noticed: every replica asks, every {@code tocsin.room.poll-interval}, in ONE query, for the
 * latest sequence number of each incident someone follows here, and wakes the followers that are behind. That costs
 * nothing while nobody follows a room and nothing on the intake path (unlike NOTIFY, which every alert's commit would
 * pay for); the price is up to one interval of delay (docs/war-room.md).
 * <p>
 * Numbers are gapless and committed in order (the incident row is locked while an entry is written), so "after n"
 * never skips an entry that commits later: the next poll sees the incident's higher number and the follower reads
 * again. Reads of one follower never overlap (a drain loop), so they arrive in order, once.
 */
@ApplicationScoped
public class TimelineFeed {

    /** One timeline entry as the stream sends it. */
    public record Entry(long seq, Instant at, String kind, String actor, String detail) {
    }

    /** Entries read per query; a follower far behind reads page after page. */
    static final int PAGE = 200;

    private final Pool pool;
    private final Vertx vertx;
    private final RoomConfig config;
    private final Map<UUID, Set<Follower>> followers = new ConcurrentHashMap<>();
    private final AtomicBoolean timer = new AtomicBoolean();
    private final AtomicBoolean polling = new AtomicBoolean();

    public TimelineFeed(Pool pool, Vertx vertx, RoomConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    /** Every entry of {@code incidentId} after {@code after}, then each new one as it commits, until cancelled. */
    public Multi<Entry> follow(UUID incidentId, long after) {
        return Multi.createFrom().emitter(emitter -> {
            Follower follower = new Follower(incidentId, after, emitter);
            // Watch first, then read: an entry committed in between is either in the read or seen by the next poll.
            followers.computeIfAbsent(incidentId, id -> ConcurrentHashMap.newKeySet()).add(follower);
            emitter.onTermination(() -> followers.computeIfPresent(incidentId, (id, set) -> {
                set.remove(follower);
                return set.isEmpty() ? null : set;
            }));
            follower.wake();
            startPolling();
        });
    }

    /** One Vert.x timer per replica, from the first stream on (the scheduler's granularity is a second). */
    private void startPolling() {
        if (timer.compareAndSet(false, true)) {
            vertx.setPeriodic(Math.max(50, config.pollInterval().toMillis()), id -> {
                if (!followers.isEmpty() && polling.compareAndSet(false, true)) {
                    poll().subscribe().with(done -> polling.set(false), failure -> polling.set(false));
                }
            });
        }
    }

    /** How many streams this replica serves now. */
    public int following() {
        return followers.values().stream().mapToInt(Set::size).sum();
    }

    /** One query for every incident followed here; wakes the followers that are behind. */
    Uni<Void> poll() {
        UUID[] ids = followers.keySet().toArray(new UUID[0]);
        return pool.preparedQuery("select id, timeline_seq from incident where id = any($1)")
                .execute(Tuple.of(ids))
                .invoke(rows -> {
                    for (Row row : rows) {
                        long latest = row.getLong("timeline_seq");
                        Set<Follower> watching = followers.get(row.getUUID("id"));
                        if (watching != null) {
                            watching.forEach(f -> f.offer(latest));
                        }
                    }
                })
                // A failed poll is retried by the next one; the streams stay open.
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<List<Entry>> read(UUID incidentId, long after) {
        return pool.preparedQuery("""
                        select seq, at, kind, actor, detail from timeline_entry
                        where incident_id = $1 and seq > $2 order by seq limit $3""")
                .execute(Tuple.of(incidentId, after, PAGE))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Entry(row.getLong("seq"), row.getOffsetDateTime("at").toInstant(),
                                row.getString("kind"), row.getString("actor"), row.getString("detail")));
                    }
                    return entries;
                });
    }

    /** One open stream: what it sent last, and a drain loop so its reads never overlap. */
    private final class Follower {
        private final UUID incidentId;
        private final MultiEmitter<? super Entry> emitter;
        private final AtomicInteger wanted = new AtomicInteger();
        private volatile long sent;

        Follower(UUID incidentId, long after, MultiEmitter<? super Entry> emitter) {
            this.incidentId = incidentId;
            this.sent = after;
            this.emitter = emitter;
        }

        void offer(long latest) {
            if (latest > sent) {
                wake();
            }
        }

        void wake() {
            if (wanted.getAndIncrement() == 0) {
                drain();
            }
        }

        private void drain() {
            if (emitter.isCancelled()) {
                return;
            }
            int taken = wanted.get();
            read(incidentId, sent).subscribe().with(entries -> {
                for (Entry entry : entries) {
                    emitter.emit(entry);
                    sent = entry.seq();
                }
                if (entries.size() == PAGE || wanted.addAndGet(-taken) != 0) {
                    drain();
                }
            }, emitter::fail);
        }
    }
}
