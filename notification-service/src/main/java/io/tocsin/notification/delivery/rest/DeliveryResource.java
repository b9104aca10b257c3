package io.tocsin.notification.delivery.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.privacy.Addresses;
import io.tocsin.commons.rest.QueryParams;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.service.DeliveryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Delivery records of an incident: who was notified, how, and whether it went out. A webhook URL is a credential and
 * is never shown; other people's email addresses are masked for responders (commanders and admins see them).
 */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class DeliveryResource {

    /** One delivery as the API shows it (bodies are left out: they may be large and hold links). */
    public record DeliveryView(UUID id, UUID incidentId, UUID sourceEventId, String audience, String template,
                               String channel, String recipientId, String recipient, String recipientName,
                               String subject, String state, int attempts, String lastError, Instant createdAt,
                               Instant sentAt) {
        static DeliveryView of(Delivery d, CurrentActor caller) {
            boolean full = caller.hasRole(Roles.INCIDENT_COMMANDER) || caller.hasRole(Roles.ADMIN)
                    || (d.recipientId != null && d.recipientId.equals(caller.id()));
            String recipient = "WEBHOOK".equals(d.contactKind) ? Addresses.mask(d.recipient)
                    : full ? d.recipient : Addresses.mask(d.recipient);
            return new DeliveryView(d.id, d.incidentId, d.sourceEventId, d.audience, d.template, d.contactKind,
                    d.recipientId, recipient, d.recipientName, d.subject, d.state, d.attempts,
                    Addresses.scrub(d.lastError), d.createdAt, d.sentAt);
        }
    }

    private final DeliveryService deliveries;
    private final CurrentActor caller;

    public DeliveryResource(DeliveryService deliveries, CurrentActor caller) {
        this.deliveries = deliveries;
        this.caller = caller;
    }

    @GET
    public Uni<List<DeliveryView>> list(@QueryParam("incident") String incident) {
        UUID incidentId = QueryParams.uuid("incident", incident);
        return deliveries.byIncident(incidentId).map(rows -> rows.stream().map(d -> DeliveryView.of(d, caller)).toList());
    }
}
