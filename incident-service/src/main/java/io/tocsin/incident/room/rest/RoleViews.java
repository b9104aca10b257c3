package io.tocsin.incident.room.rest;

import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.IncidentRole;
import io.tocsin.incident.room.model.RoleHolder;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the roles API shows, and the role names in its paths. */
public final class RoleViews {

    private RoleViews() {
    }

    /** One holder. */
    public record PersonView(String id, String name, String email, Instant since, String assignedBy) {
        static PersonView of(RoleHolder h) {
            return h == null ? null : new PersonView(h.personId, h.personName, h.personEmail, h.since, h.assignedBy);
        }
    }

    /** Who holds which role in one incident; a vacant role is null. */
    public record RolesView(UUID incidentId, PersonView commander, PersonView communicationsLead, PersonView scribe,
                            List<PersonView> responders) {
        static RolesView of(UUID incidentId, List<RoleHolder> holders) {
            return new RolesView(incidentId, one(holders, IncidentRole.COMMANDER),
                    one(holders, IncidentRole.COMMUNICATIONS_LEAD), one(holders, IncidentRole.SCRIBE),
                    holders.stream().filter(h -> h.role == IncidentRole.RESPONDER).map(PersonView::of).toList());
        }

        private static PersonView one(List<RoleHolder> holders, IncidentRole role) {
            return PersonView.of(holders.stream().filter(h -> h.role == role).findFirst().orElse(null));
        }
    }

    /** "communications-lead" for COMMUNICATIONS_LEAD. */
    public static String slug(IncidentRole role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The role a path names; 404 (problem+json) for anything else. */
    public static IncidentRole role(String slug) {
        return Arrays.stream(IncidentRole.values()).filter(r -> slug(r).equals(slug)).findFirst()
                .orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND, "No role '" + slug + "'; roles are "
                        + Arrays.stream(IncidentRole.values()).map(RoleViews::slug).collect(Collectors.joining(", "))));
    }
}
