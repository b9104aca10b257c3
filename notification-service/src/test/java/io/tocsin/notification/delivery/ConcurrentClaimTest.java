package io.tocsin.notification.delivery;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import io.tocsin.notification.support.NotificationTestResource;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replicas claiming the outbox at the same moment never get the same row: four claimers, each in its own
 * transaction and session (as on four replicas), race for 40 due rows; no row is claimed twice. (This service's
 * own sender may take some rows too; they are then sent to throwaway addresses, which changes nothing here.)
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class ConcurrentClaimTest {

    @Inject
    DeliveryRepository deliveries;

    @Inject
    Vertx vertx;

    @Test
    void concurrentClaimsAreDisjoint() throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 40; i++) {
            TestDatabase.execute("""
                    insert into delivery (id, source_event_id, audience, template, recipient, contact_kind, subject,
                        body_text, state, next_attempt_at)
                    values (?, ?, 'RESPONDER', 'claim-test', ?, 'EMAIL', 'claim test', 'x', 'PENDING', now())""",
                    UUID.randomUUID(), UUID.randomUUID(), "claim-" + batch + "-" + i + "@example.test");
        }
        List<CompletableFuture<List<UUID>>> claims = List.of(claim(), claim(), claim(), claim());
        Set<UUID> seen = new HashSet<>();
        int total = 0;
        for (CompletableFuture<List<UUID>> claim : claims) {
            List<UUID> ids = claim.get(30, TimeUnit.SECONDS);
            total += ids.size();
            seen.addAll(ids);
        }
        assertEquals(seen.size(), total, "a row was claimed twice");
        assertTrue(total > 0, "the claimers found nothing due");
    }

    /** One claim in its own transaction on its own Vert.x context, as a replica's sender does. */
    private CompletableFuture<List<UUID>> claim() {
        CompletableFuture<List<UUID>> result = new CompletableFuture<>();
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Panache.withTransaction(() -> deliveries.claimDue(50, Duration.ofMinutes(5)))
                .map(rows -> rows.stream().filter(d -> "claim-test".equals(d.template)).map(d -> d.id).toList())
                .subscribe().with(result::complete, result::completeExceptionally));
        return result;
    }
}
