package io.tocsin.notification.action.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.ActionTokens;
import io.tocsin.notification.action.model.ActionLink;
import io.tocsin.notification.action.repository.ActionLinkRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Checks one-tap tokens and performs their action. Looking never changes anything; performing calls incident-service
 * first and uses the link up only once it confirmed, so a failed call can simply be tried again.
 */
@ApplicationScoped
public class ActionService {

    /** What a token is worth right now. */
    public enum Validity { VALID, INVALID, EXPIRED, USED }

    /** A checked token, with its link when the token named a real one. */
    public record Checked(Validity validity, ActionLink link) {
    }

    /** The result of performing an action. */
    public record Result(Checked checked, IncidentActions.Outcome outcome) {
    }

    private final ActionLinks links;
    private final ActionLinkRepository repository;
    private final IncidentActions incidents;

    public ActionService(ActionLinks links, ActionLinkRepository repository, IncidentActions incidents) {
        this.links = links;
        this.repository = repository;
        this.incidents = incidents;
    }

    public Uni<Checked> check(String token) {
        var parsed = ActionTokens.parse(token);
        if (parsed.isEmpty()) {
            return Uni.createFrom().item(new Checked(Validity.INVALID, null));
        }
        return Panache.withSession(() -> repository.find(parsed.get().id()))
                .map(link -> {
                    if (link == null || !links.tokens().verify(parsed.get(), link.incidentId, link.recipientId, link.action)) {
                        return new Checked(Validity.INVALID, null);
                    }
                    if (link.usedAt != null) {
                        return new Checked(Validity.USED, link);
                    }
                    if (!Instant.now().isBefore(link.expiresAt)) {
                        return new Checked(Validity.EXPIRED, link);
                    }
                    return new Checked(Validity.VALID, link);
                });
    }

    public Uni<Result> perform(String token) {
        return check(token).chain(checked -> {
            if (checked.validity() != Validity.VALID) {
                return Uni.createFrom().item(new Result(checked, null));
            }
            ActionLink link = checked.link();
            return incidents.act(ActionLink.Action.valueOf(link.action), link.incidentId,
                            new IncidentActions.Person(link.recipientId, link.recipientName, link.recipientEmail), token)
                    .chain(outcome -> outcome.kind() != IncidentActions.Outcome.Kind.DONE
                            ? Uni.createFrom().item(new Result(checked, outcome))
                            // Two taps at once both succeed on incident-service (idempotent); either may use it up.
                            : useUp(link).replaceWith(new Result(checked, outcome)));
        });
    }

    /** Marks the link used; false when another request used it first. */
    private Uni<Boolean> useUp(ActionLink link) {
        return Panache.withTransaction(() -> repository.useUp(link.id)).map(rows -> rows == 1);
    }
}
