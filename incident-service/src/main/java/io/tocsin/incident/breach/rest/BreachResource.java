package io.tocsin.incident.breach.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.incident.breach.model.PersonalDataBreach;
import io.tocsin.incident.breach.service.BreachRules;
import io.tocsin.incident.breach.service.BreachService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Whether an incident is a personal-data breach, its GDPR Art. 33 clock, and the decision on notifying the supervisory
 * authority (docs/security-incidents.md). Everyone who may read the incident may read this; marking, unmarking and
 * recording the decision are for the incident's commander and the incident-commander and admin token roles.
 */
@Path("/api/v1/incidents/{id}/personal-data-breach")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class BreachResource {

    /** One line: authorities and reference numbers end up in mails and on the timeline. */
    static final String ONE_LINE = "[^\\p{Cntrl}]*";

    public record MarkRequest(@NotNull Instant awareAt, @Size(max = 2000) String note) {
    }

    public record UnmarkRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    public record DecisionRequest(
            @NotNull Boolean notifyAuthority,
            Instant authorityNotifiedAt,
            @Size(max = 200) @Pattern(regexp = ONE_LINE, message = "must be one line") String authority,
            @Size(max = 200) @Pattern(regexp = ONE_LINE, message = "must be one line") String reference,
            @NotBlank @Size(max = 10_000) String reasoning,
            @NotNull Boolean dataSubjectsInformed,
            Instant dataSubjectsInformedAt) {

        BreachRules.Decision decision() {
            return new BreachRules.Decision(notifyAuthority, authorityNotifiedAt, authority, reference, reasoning,
                    dataSubjectsInformed, dataSubjectsInformedAt);
        }
    }

    public record DecisionView(Instant decidedAt, Instant updatedAt, boolean notifyAuthority,
                               Instant authorityNotifiedAt, String authority, String reference, String reasoning,
                               boolean dataSubjectsInformed, Instant dataSubjectsInformedAt, String decidedBy,
                               boolean deadlineMet) {
    }

    /** {@code clock}: running, overdue (72 hours passed without a decision), decided, or unmarked. */
    public record BreachView(UUID incidentId, boolean marked, String clock, Instant awareAt, Instant deadline,
                             String source, String rule, String note, Instant markedAt, String markedBy,
                             Instant unmarkedAt, String unmarkReason, String unmarkedBy, DecisionView decision) {

        static BreachView of(PersonalDataBreach b) {
            DecisionView decision = !b.decided() ? null : new DecisionView(b.decidedAt, b.decisionUpdatedAt,
                    b.notifyAuthority, b.authorityNotifiedAt, b.authority, b.reference, b.reasoning,
                    b.dataSubjectsInformed, b.dataSubjectsInformedAt, b.decidedBy,
                    BreachRules.deadlineMet(b.deadline, b.decidedAt, BreachRules.Decision.of(b)));
            return new BreachView(b.incidentId, b.marked, lower(BreachRules.clock(b, Instant.now())), b.awareAt,
                    b.deadline, lower(b.source), b.ruleName, b.note, b.markedAt, b.markedBy, b.unmarkedAt,
                    b.unmarkReason, b.unmarkedBy, decision);
        }

        private static String lower(Enum<?> value) {
            return value.name().toLowerCase(Locale.ROOT);
        }
    }

    private final BreachService breaches;
    private final CurrentActor actor;

    public BreachResource(BreachService breaches, CurrentActor actor) {
        this.breaches = breaches;
        this.actor = actor;
    }

    @GET
    public Uni<BreachView> get(@PathParam("id") UUID id) {
        return breaches.get(id).map(BreachView::of);
    }

    /** Marks the incident a personal-data breach (or corrects the awareness time); the same body again changes nothing. */
    @PUT
    public Uni<BreachView> mark(@PathParam("id") UUID id, @NotNull @Valid MarkRequest request) {
        return breaches.mark(id, request.awareAt(), request.note(), actor.actor(), privileged()).map(BreachView::of);
    }

    @POST
    @Path("/unmark")
    public Uni<BreachView> unmark(@PathParam("id") UUID id, @NotNull @Valid UnmarkRequest request) {
        return breaches.unmark(id, request.reason(), actor.actor(), privileged()).map(BreachView::of);
    }

    @PUT
    @Path("/decision")
    public Uni<BreachView> decide(@PathParam("id") UUID id, @NotNull @Valid DecisionRequest request) {
        return breaches.decide(id, request.decision(), actor.actor(), privileged()).map(BreachView::of);
    }

    private boolean privileged() {
        return actor.hasRole(Roles.INCIDENT_COMMANDER) || actor.hasRole(Roles.ADMIN);
    }
}
