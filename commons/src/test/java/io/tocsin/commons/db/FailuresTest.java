package io.tocsin.commons.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What counts as the database being away. The failures come from a real Vert.x PostgreSQL pool, as the services see
 * them, not from hand-made exceptions.
 */
class FailuresTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * A service that is stopping closes its pool while its Kafka consumers may still be applying a batch. That batch
     * must be retried (and never acknowledged), not taken for a bad record and dropped: a rolling restart under load
     * otherwise lost hundreds of events (bench/README.md, 2026-12-01).
     */
    @Test
    void aClosedPoolIsTheDatabaseBeingAway() throws Exception {
        Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(1)).using(vertx)
                .build();
        pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertTrue(Failures.databaseUnreachable(failureOf(pool)));
    }

    @Test
    void aRefusedConnectionIsTheDatabaseBeingAway() throws Exception {
        Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(1)).using(vertx)
                .build();

        assertTrue(Failures.databaseUnreachable(failureOf(pool)));
    }

    @Test
    void aStatementTheDatabaseRefusedIsNot() {
        assertFalse(Failures.databaseUnreachable(new IllegalStateException("Pool closed to new members")));
        assertFalse(Failures.databaseUnreachable(new io.vertx.pgclient.PgException("duplicate key", "ERROR", "23505",
                "Key (id)=(1) already exists.")));
    }

    private static Throwable failureOf(Pool pool) throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        pool.query("select 1").execute().onComplete(result -> failure.complete(result.cause()));
        Throwable cause = failure.get(10, TimeUnit.SECONDS);
        assertTrue(cause != null, "the statement must fail");
        return cause;
    }
}
