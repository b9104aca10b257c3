package io.tocsin.notification.stakeholder.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.model.WaitingMail;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import io.tocsin.notification.delivery.service.DeliverySender;
import io.tocsin.notification.shared.service.MailContent.Language;
import io.tocsin.notification.shared.service.MailContent;
import io.tocsin.notification.stakeholder.config.StakeholderConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bursts of new incidents: a stakeholder's "new incident" mail waits (WAITING) for {@code window}; so do later mails
 * about the same incident, to stay behind it. When the oldest waiting mail of an address has waited the window, all
 * its waiting mails are settled in ONE transaction: about fewer than {@code min-incidents} incidents they go out as
 * they are (PENDING); about more, ONE digest lists every incident once (with what its newest mail says) and they
 * become DIGESTED, pointing at it. Durable like every timer here: the state is the rows, the clock the database's,
 * and any replica settles an address (its rows locked with SKIP LOCKED), so a restart or a second replica neither
 * loses nor doubles an incident; the digest's source id is derived from its first row, so it is inserted once.
 */
@ApplicationScoped
public class StakeholderBursts {

    public static final String TEMPLATE = Delivery.BURST_DIGEST;

    private final DeliveryRepository deliveries;
    private final DeliverySender sender;
    private final StakeholderConfig config;
    private final ObjectMapper json;
    private final Map<Language, Template> text;
    private final Map<Language, Template> html;

    public StakeholderBursts(DeliveryRepository deliveries, DeliverySender sender, StakeholderConfig config, ObjectMapper json,
                             @Location("stakeholder/digest-en.txt") Template textEn,
                             @Location("stakeholder/digest-en.html") Template htmlEn,
                             @Location("stakeholder/digest-de.txt") Template textDe,
                             @Location("stakeholder/digest-de.html") Template htmlDe) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.config = config;
        this.json = json;
        this.text = Map.of(Language.EN, textEn, Language.DE, textDe);
        this.html = Map.of(Language.EN, htmlEn, Language.DE, htmlDe);
    }

    @Scheduled(every = "${tocsin.stakeholders.burst.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return settleDue().invoke(count -> {
            if (count > 0) {
                sender.wake();
            }
        }).onFailure().invoke(e -> Log.warnf("Settling stakeholder bursts failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Settles every address whose window has closed; returns how many mails (single or digest) it queued. */
    public Uni<Integer> settleDue() {
        double window = (double) config.burst().window().toMillis() / 1000;
        return Panache.withTransaction(() -> deliveries.dueWaitingRecipients(window).chain(recipients -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (String recipient : recipients) {
                chain = chain.chain(count -> settle(recipient, window).map(queued -> count + queued));
            }
            return chain;
        }));
    }

    private Uni<Integer> settle(String recipient, double window) {
        return deliveries.lockWaiting(recipient, window).chain(rows -> {
            // Another replica holds this address's older rows (or is settling it): leave the rest to it or later.
            if (rows.isEmpty() || !rows.get(0).due()) {
                return Uni.createFrom().item(0);
            }
            UUID[] ids = rows.stream().map(WaitingMail::id).toArray(UUID[]::new);
            long incidents = rows.stream().map(WaitingMail::incidentId).distinct().count();
            if (incidents < config.burst().minIncidents()) {
                return deliveries.release(ids);
            }
            Delivery digest = compose(recipient, rows);
            return deliveries.insertOnce(digest, true)
                    .chain(() -> deliveries.digestWaiting(ids, digest.id))
                    .replaceWith(1);
        });
    }

    /** One entry per incident, in the order they opened, each as its newest waiting mail says. */
    private Delivery compose(String recipient, List<WaitingMail> rows) {
        Map<UUID, UpdateView> byIncident = new LinkedHashMap<>();
        for (WaitingMail row : rows) {
            byIncident.put(row.incidentId(), view(row.facts()));
        }
        List<UpdateView> incidents = new ArrayList<>(byIncident.values());
        WaitingMail newest = rows.get(rows.size() - 1);
        UpdateView last = view(newest.facts());
        Language language = MailContent.language(last.language());
        String subject = StakeholderContent.digestSubject(incidents.stream().map(UpdateView::affected).toList(), language);
        DigestView view = new DigestView(subject, incidents.size(), incidents, last.unsubscribeUrl());
        Delivery digest = new Delivery();
        digest.id = UUID.randomUUID();
        digest.sourceEventId = UUID.nameUUIDFromBytes((TEMPLATE + ":" + rows.get(0).id()).getBytes(StandardCharsets.UTF_8));
        digest.audience = Delivery.Audience.STAKEHOLDER.name();
        digest.template = TEMPLATE;
        digest.recipient = recipient;
        digest.recipientId = newest.recipientId();
        digest.recipientName = newest.recipientName();
        digest.contactKind = "EMAIL";
        digest.subject = subject;
        digest.bodyText = text.get(language).data("digest", view).render();
        digest.bodyHtml = html.get(language).data("digest", view).render();
        return digest;
    }

    private UpdateView view(String facts) {
        try {
            return json.readValue(facts, UpdateView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A waiting stakeholder mail's view cannot be read", e);
        }
    }
}
