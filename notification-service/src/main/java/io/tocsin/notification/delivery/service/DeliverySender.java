package io.tocsin.notification.delivery.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Drainer;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.privacy.Addresses;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.NotificationDelivered;
import io.tocsin.events.NotificationFailed;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.config.DeliveryConfig;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drains the delivery outbox. Woken right after a delivery row commits (no polling delay on the page path); a poll
 * picks up retries that have come due. Every replica runs it: rows are claimed with {@code FOR UPDATE SKIP LOCKED}
 * and hidden for a lease while being sent, so no row is sent by two replicas, and no transaction is held open
 * while talking to the SMTP server or a webhook. Up to {@code max-in-flight} sends run at once. Each outcome and its
 * event (NotificationDelivered / NotificationFailed) are written in one transaction through the commons outbox.
 */
@ApplicationScoped
public class DeliverySender {

    private final DeliveryRepository deliveries;
    private final SmtpClient smtp;
    private final WebhookClient webhooks;
    private final Outbox outbox;
    private final DeliveryConfig config;
    private final Vertx vertx;
    private final Counter sent;
    private final Counter failed;

    /**
     * Wakes only once the application started. Each woken loop runs on a context of its own: the waker's (a Kafka
     * message's, a request's) may still be using its Hibernate Reactive session, which lives in the context.
     */
    private final Drainer drainer = new Drainer("Delivery sender", false, this::onFreshContext, this::drainOnce);
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile String lastError;

    public DeliverySender(DeliveryRepository deliveries, SmtpClient smtp, WebhookClient webhooks, Outbox outbox,
                          DeliveryConfig config, Vertx vertx, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.smtp = smtp;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.config = config;
        this.vertx = vertx;
        this.sent = registry.counter("tocsin_notifications_sent_total");
        this.failed = registry.counter("tocsin_notifications_failed_attempts_total");
    }

    void onStart(@Observes StartupEvent event) {
        drainer.enable(true);
    }

    /**
     * Claims nothing more, and gives the sends under way a few seconds to finish and record their outcome while the
     * pool is still open (ShutdownEvent comes before it closes). Without the wait, a replica stopped in a rolling
     * update left its claimed rows hidden from the others for the whole claim lease: those pages went out two
     * minutes late. Rows that arrive meanwhile stay pending for the other replicas.
     */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        drainer.enable(false);
        long deadline = System.nanoTime() + config.shutdownWait().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (inFlight.get() > 0) {
            Log.infof("Stopping with %d sends under way; their rows are retried when the claim lease ends",
                    inFlight.get());
        }
    }

    /** Asks for a drain; cheap, safe from anywhere, any number of times (call it after a commit). */
    public void wake() {
        drainer.wake();
    }

    private Executor onFreshContext() {
        Context context = freshContext();
        return command -> context.runOnContext(ignored -> command.run());
    }

    private Context freshContext() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }

    /**
     * Runs {@code work} on a context of its own. Outbox.transaction wakes the commons relay on the calling context,
     * and the relay then drains there with its own session; the sender must not be using that context meanwhile.
     */
    private <T> Uni<T> isolated(java.util.function.Supplier<Uni<T>> work) {
        Context context = freshContext();
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored ->
                work.get().subscribe().with(emitter::complete, emitter::fail)));
    }

    /** Picks up retries that have come due (and rows a crashed replica left claimed). */
    @Scheduled(every = "${tocsin.delivery.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** The last transient failure, or null once a mail went through again (reported by readiness). */
    public String lastError() {
        return lastError;
    }

    /** One round: claims as many due rows as there are free slots and starts sending them. */
    private Uni<Boolean> drainOnce() {
        int room = config.maxInFlight() - inFlight.get();
        if (room <= 0) {
            // Every slot is busy; the next send that finishes wakes the sender again.
            return Uni.createFrom().item(false);
        }
        int asked = Math.min(config.batchSize(), room);
        return Panache.withTransaction(() -> deliveries.claimDue(asked, config.claimLease()))
                .map(rows -> {
                    rows.forEach(row -> {
                        inFlight.incrementAndGet();
                        deliver(row).subscribe().with(ignored -> {
                            // A freed slot is worth a claim only when every slot was taken, so due rows may have
                            // been left: new rows and due retries wake the sender themselves. (Waking on every
                            // finished send made about three claims per page, most of them finding nothing.)
                            if (inFlight.getAndDecrement() >= config.maxInFlight()) {
                                wake();
                            }
                        });
                    });
                    return rows.size() >= asked;
                });
    }

    /**
     * Sends one row and records the outcome in a transaction of its own, on a context of its own: sends run side by
     * side (up to {@code max-in-flight}), so one slow endpoint holds one slot, not the queue behind it.
     */
    private Uni<Void> deliver(Delivery row) {
        AtomicBoolean reached = new AtomicBoolean();
        return attempt(row, reached)
                .onItemOrFailure().transformToUni((ok, failure) ->
                        isolated(() -> failure == null ? recordSent(row) : recordFailure(row, failure, reached.get())))
                .onFailure().recoverWithItem(failure -> {
                    Log.errorf("Could not record the outcome of delivery %s: %s", row.id, failure.toString());
                    return null;
                });
    }

    /** Sends the row; {@code reached} turns true once the SMTP server was really tried (not only the breaker). */
    private Uni<Void> attempt(Delivery row, AtomicBoolean reached) {
        if (ContactMethod.Kind.WEBHOOK.name().equals(row.contactKind)) {
            return webhooks.post(row.recipient, row.bodyText, row.id.toString());
        }
        Mail mail = Mail.withText(row.recipient, row.subject, row.bodyText)
                .addHeader("Message-ID", Delivery.messageId(row.id))
                .addHeader("X-Tocsin-Delivery", row.id.toString());
        if (row.bodyHtml != null) {
            mail.setHtml(row.bodyHtml);
        }
        return smtp.send(mail, reached);
    }

    private Uni<Void> recordSent(Delivery row) {
        sent.increment();
        lastError = null;
        int attempts = row.attempts + 1;
        return outbox.transaction(() -> deliveries.markSent(row.id).chain(updated -> updated == 0
                ? Uni.createFrom().voidItem()
                : outbox.append(Envelope.of(new NotificationDelivered(row.id.toString(), row.sourceEventId,
                        row.template, row.audience, row.recipientId, row.recipientName, channel(row), attempts),
                        row.incidentId, Instant.now())).chain(() -> carried(row, attempts))));
    }

    /**
     * A digest reached its reader: so did every mail it carried, each about its own incident. Reported one by one, so
     * every incident's timeline (and its postmortem's communication log) shows that its stakeholders were told.
     */
    private Uni<Void> carried(Delivery digest, int attempts) {
        if (!Delivery.RATE_DIGEST.equals(digest.template) && !Delivery.BURST_DIGEST.equals(digest.template)) {
            return Uni.createFrom().voidItem();
        }
        return deliveries.carriedBy(digest.id).chain(rows -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Delivery row : rows) {
                chain = chain.chain(() -> outbox.append(Envelope.of(new NotificationDelivered(row.id.toString(),
                        row.sourceEventId, row.template, row.audience, row.recipientId, row.recipientName,
                        channel(row), attempts), row.incidentId, Instant.now())).replaceWithVoid());
            }
            return chain;
        });
    }

    private Uni<Void> recordFailure(Delivery row, Throwable cause, boolean reached) {
        failed.increment();
        // While the breaker is open nothing is tried: the row waits without using up an attempt, unless a try of its
        // own failed first (sends run side by side, so the breaker may open between a row's tries).
        boolean blocked = cause instanceof CircuitBreakerOpenException;
        boolean tried = reached || !blocked;
        DeliveryFailure failure = !blocked ? DeliveryFailure.classify(cause)
                : new DeliveryFailure(("EMAIL".equals(row.contactKind) ? "SMTP" : "Webhook") + " circuit breaker open", false, cause);
        int attempts = row.attempts + (tried ? 1 : 0);
        boolean dead = failure.permanent() || attempts >= config.maxAttempts();
        Duration retryIn = Backoff.after(Math.max(1, attempts), config.backoffBase(), config.backoffMax(),
                ThreadLocalRandom.current()::nextDouble);
        String reason = failure.permanent() || !dead ? failure.getMessage()
                : failure.getMessage() + " (gave up after " + attempts + " attempts)";
        if (!failure.permanent() && "EMAIL".equals(row.contactKind)) {
            lastError = reason;
        }
        // Never the address in a log: a webhook URL is a credential.
        Log.warnf("Delivery %s (%s to %s) failed (%s, attempt %d): %s", row.id, row.contactKind, row.recipientId,
                dead ? "dead" : "retry in " + retryIn.toMillis() + " ms", attempts, Addresses.scrub(reason));
        return outbox.transaction(() -> deliveries.markFailed(row.id, tried, dead, retryIn, reason).chain(updated ->
                updated == 0 || !dead ? Uni.createFrom().voidItem()
                        : outbox.append(Envelope.of(new NotificationFailed(row.id.toString(), row.sourceEventId,
                                row.template, row.audience, row.recipientId, row.recipientName, channel(row), attempts,
                                true, Addresses.scrub(reason)),
                                row.incidentId, Instant.now())).replaceWithVoid()))
                .invoke(() -> {
                    if (!dead) {
                        // Come back when the retry is due (after the commit), without waiting for the poll.
                        vertx.setTimer(Math.max(1, retryIn.toMillis()), id -> wake());
                    }
                });
    }

    /** Events name the channel, never the address (issue 16: addresses and webhook URLs stay in this service). */
    private static ContactMethod.Kind channel(Delivery row) {
        return ContactMethod.Kind.valueOf(row.contactKind);
    }
}
