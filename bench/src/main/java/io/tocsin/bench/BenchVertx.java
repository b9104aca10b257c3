package io.tocsin.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.concurrent.TimeUnit;

/**
 * The one Vert.x instance of the benchmark JVM: two event loops (the load client's, the page sink's) and no more
 * threads than those need, so the load generator stays small beside the stack on the same two cores.
 */
final class BenchVertx {

    private static Vertx vertx;

    private BenchVertx() {
    }

    static synchronized Vertx get() {
        if (vertx == null) {
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1)
                    // A busy machine delays an event loop now and then; that is measured, not a bug to warn about.
                    .setMaxEventLoopExecuteTime(5).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
        }
        return vertx;
    }

    /** Stops its threads (they are not daemons). */
    static synchronized void close() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            vertx = null;
        }
    }
}
