package io.tocsin.notification.delivery.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.delivery.config.LimitsConfig;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Sends what the rate limits held: once the oldest held mail of a recipient has waited the digest interval, all
 * their held mails go out as ONE digest and are marked DIGESTED. Any replica may run it: held rows are claimed
 * with SKIP LOCKED, and the digest's source id is derived from the first held row, so it is inserted once.
 */
@ApplicationScoped
public class DigestService {

    public static final String TEMPLATE = Delivery.RATE_DIGEST;

    private final DeliveryRepository deliveries;
    private final DeliverySender sender;
    private final LimitsConfig limits;
    private final Template text;
    private final Template html;

    public DigestService(DeliveryRepository deliveries, DeliverySender sender, LimitsConfig limits,
                         @Location("digest/digest-en.txt") Template text, @Location("digest/digest-en.html") Template html) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.limits = limits;
        this.text = text;
        this.html = html;
    }

    @Scheduled(every = "${tocsin.limits.digest-poll-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sendDue().invoke(count -> {
            if (count > 0) {
                sender.wake();
            }
        }).onFailure().invoke(e -> Log.warnf("Digests failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Queues one digest per recipient whose held mails are due; returns how many digests. */
    public Uni<Integer> sendDue() {
        return Panache.withTransaction(() -> deliveries.dueHeldRecipients((double) limits.digestInterval().toMillis() / 1000)
                .chain(recipients -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (String recipient : recipients) {
                        chain = chain.chain(count -> digest(recipient).map(queued -> count + (queued ? 1 : 0)));
                    }
                    return chain;
                }));
    }

    private Uni<Boolean> digest(String recipient) {
        return deliveries.lockHeld(recipient).chain(held -> {
            if (held.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            Delivery digest = compose(recipient, held);
            Uni<Boolean> chain = deliveries.insertOnce(digest, true);
            for (Delivery row : held) {
                chain = chain.call(() -> deliveries.markDigested(row.id, digest.id));
            }
            return chain;
        });
    }

    private Delivery compose(String recipient, List<Delivery> held) {
        Delivery first = held.get(0);
        boolean oneIncident = held.stream().allMatch(d -> first.incidentId != null && first.incidentId.equals(d.incidentId));
        Delivery digest = new Delivery();
        digest.id = UUID.randomUUID();
        digest.sourceEventId = UUID.nameUUIDFromBytes(("digest:" + first.id).getBytes(StandardCharsets.UTF_8));
        digest.incidentId = oneIncident ? first.incidentId : null;
        digest.audience = held.stream().anyMatch(d -> Delivery.Audience.RESPONDER.name().equals(d.audience))
                ? Delivery.Audience.RESPONDER.name() : Delivery.Audience.STAKEHOLDER.name();
        digest.template = TEMPLATE;
        digest.recipient = recipient;
        digest.recipientId = first.recipientId;
        digest.recipientName = first.recipientName;
        digest.contactKind = first.contactKind;
        digest.contactFormat = first.contactFormat;
        digest.subject = "[Tocsin] " + held.size() + " notifications held back (digest)";
        digest.bodyText = text.data("count", held.size()).data("held", held).render();
        digest.bodyHtml = html.data("count", held.size()).data("held", held).render();
        return digest;
    }
}
