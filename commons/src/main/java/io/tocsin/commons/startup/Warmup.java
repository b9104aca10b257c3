package io.tocsin.commons.startup;

import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Runs a service's hot path once at start, with harmless input, so the first real alert does not pay for what is
 * done once per process (Hibernate's query translation, the first prepared statements, template parsing, the JIT's
 * first compilations): the first page after a start is what an on-call engineer waits for. Failures only log.
 */
public final class Warmup {

    private Warmup() {
    }

    /** Runs {@code work} on a Vert.x context of its own (a Hibernate Reactive session needs one) and logs how long. */
    public static void run(Vertx vertx, String what, Supplier<Uni<?>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        long start = System.nanoTime();
        context.runOnContext(ignored -> Uni.createFrom().deferred(work).subscribe().with(
                done -> Log.debugf("Warmed up %s in %d ms", what, (System.nanoTime() - start) / 1_000_000),
                failure -> Log.infof("Warm-up of %s did not finish (%s); the first request pays instead", what,
                        failure.toString())));
    }
}
