package io.tocsin.commons.outbox;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The wake-and-drain loop behind every table that is worked off after a commit: the event outbox
 * ({@link OutboxRelay}) and notification-service's delivery rows. {@link #wake()} is cheap and may be called any
 * number of times from anywhere (after a commit, from a poll, when a send finishes); at most one round runs at a
 * time, and a wake that arrives while a round runs is not lost: another round follows. A round says whether it
 * filled its batch; if so, or if woken meanwhile, the next round starts at once, otherwise the loop sleeps until
 * the next wake.
 */
public final class Drainer {

    private static final Logger LOG = Logger.getLogger(Drainer.class);

    private final String name;
    private final Supplier<Executor> contexts;
    private final Supplier<Uni<Boolean>> round;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile boolean enabled;
    private volatile Instant pausedUntil = Instant.EPOCH;

    /**
     * @param name     for the log
     * @param enabled  whether wakes drain from the start (or only after {@link #enable})
     * @param contexts where a woken loop runs its rounds: asked once per wake, every round of that loop runs there
     * @param round    one round of work; its item is true when there may be more right away (a full batch)
     */
    public Drainer(String name, boolean enabled, Supplier<Executor> contexts, Supplier<Uni<Boolean>> round) {
        this.name = name;
        this.enabled = enabled;
        this.contexts = contexts;
        this.round = round;
    }

    /** Asks for a round; cheap and safe to call from anywhere, any number of times. */
    public void wake() {
        wanted.set(true);
        if (!enabled || Instant.now().isBefore(pausedUntil) || !running.compareAndSet(false, true)) {
            return;
        }
        Executor context = contexts.get();
        context.execute(() -> run(context));
    }

    /** Turns wakes on (and drains what waits) or off (at shutdown). */
    public void enable(boolean on) {
        enabled = on;
        if (on) {
            wake();
        }
    }

    /** True while no round runs: after {@link #enable enable(false)} the round under way has finished. */
    public boolean idle() {
        return !running.get();
    }

    /** Ignores wakes for a while (a broker that refuses messages); the first wake after it drains again. */
    public void pauseFor(Duration pause) {
        pausedUntil = Instant.now().plus(pause);
    }

    private void run(Executor context) {
        wanted.set(false);
        Uni<Boolean> work;
        try {
            work = round.get();
        } catch (RuntimeException e) {
            work = Uni.createFrom().failure(e);
        }
        work.subscribe().with(
                more -> {
                    // Disabled (shutting down): no further round, even with a full batch behind this one.
                    if (enabled && (Boolean.TRUE.equals(more) || wanted.get())) {
                        context.execute(() -> run(context));
                    } else {
                        finish();
                    }
                },
                failure -> {
                    LOG.warnf("%s could not drain: %s", name, failure.toString());
                    finish();
                });
    }

    private void finish() {
        running.set(false);
        if (wanted.get()) {
            wake();
        }
    }
}
