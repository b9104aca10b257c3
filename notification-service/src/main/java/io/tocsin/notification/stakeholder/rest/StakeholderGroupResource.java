package io.tocsin.notification.stakeholder.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.commons.security.Roles;
import io.tocsin.notification.stakeholder.model.Stakeholder;
import io.tocsin.notification.stakeholder.model.StakeholderGroup;
import io.tocsin.notification.stakeholder.service.StakeholderService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Stakeholder groups and their members (admin; incident commanders may read). */
@Path("/api/v1/stakeholder-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class StakeholderGroupResource {

    public record GroupRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes") String name,
            @Size(max = 500) String description) {
    }

    /**
     * A member: {@code language} is the language of their mails, {@code en} (the default) or {@code de};
     * {@code locale} is its older name, still accepted as before (a tag such as {@code de-DE}: German when it starts
     * with {@code de}, else English, as mails always read it). {@code timeZone} (an IANA zone, default UTC) is where
     * the times in their mails are shown.
     */
    public record MemberRequest(
            @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @Pattern(regexp = "en|de", message = "must be en or de") String language,
            @Pattern(regexp = "[a-z]{2}([-_][A-Za-z]{2})?", message = "must be a language tag such as en or de-DE") String locale,
            @Size(max = 64) String timeZone) {

        /** The language asked for, or a 422 when the two names disagree. */
        String chosenLanguage() {
            String fromLocale = locale == null ? null : locale.startsWith("de") ? "de" : "en";
            if (language != null && fromLocale != null && !language.equals(fromLocale)) {
                throw ProblemException.unprocessable("The request is not valid",
                        List.of("language: differs from locale (its older name); send one of them"));
            }
            return language != null ? language : fromLocale != null ? fromLocale : "en";
        }

        /** The time zone, or a 422 when Java does not know it. */
        String chosenTimeZone() {
            if (timeZone == null || timeZone.isBlank()) {
                return null;
            }
            try {
                return ZoneId.of(timeZone.strip()).getId();
            } catch (DateTimeException e) {
                throw ProblemException.unprocessable("The request is not valid",
                        List.of("timeZone: not a known time zone such as Europe/Berlin or UTC"));
            }
        }
    }

    public record MemberView(UUID id, String name, String email, String language, String timeZone) {
        static MemberView of(Stakeholder s) {
            return new MemberView(s.id, s.name, s.email, s.language, s.timeZone);
        }
    }

    public record GroupView(UUID id, String name, String description, List<MemberView> members) {
        static GroupView of(StakeholderGroup g, List<Stakeholder> members) {
            return new GroupView(g.id, g.name, g.description,
                    members.stream().filter(m -> m.groupId.equals(g.id)).map(MemberView::of).toList());
        }
    }

    private final StakeholderService stakeholders;

    public StakeholderGroupResource(StakeholderService stakeholders) {
        this.stakeholders = stakeholders;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INCIDENT_COMMANDER})
    public Uni<List<GroupView>> list() {
        return stakeholders.groups().chain(groups -> stakeholders.members()
                .map(members -> groups.stream().map(g -> GroupView.of(g, members)).toList()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.INCIDENT_COMMANDER})
    public Uni<GroupView> get(@PathParam("id") UUID id) {
        return stakeholders.group(id).chain(group -> stakeholders.members().map(members -> GroupView.of(group, members)));
    }

    @POST
    public Uni<Response> create(@Valid @NotNull GroupRequest request) {
        return stakeholders.createGroup(request.name(), request.description())
                .map(group -> Response.created(URI.create("/api/v1/stakeholder-groups/" + group.id))
                        .entity(GroupView.of(group, List.of())).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return stakeholders.deleteGroup(id).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{id}/members")
    public Uni<Response> addMember(@PathParam("id") UUID id, @Valid @NotNull MemberRequest request) {
        String language = request.chosenLanguage();
        String timeZone = request.chosenTimeZone();
        return stakeholders.addMember(id, request.name(), request.email(), language, timeZone)
                .map(member -> Response.created(URI.create("/api/v1/stakeholder-groups/" + id + "/members/" + member.id))
                        .entity(MemberView.of(member)).build());
    }

    /** Removes the member and their personal data. */
    @DELETE
    @Path("/{id}/members/{memberId}")
    public Uni<Response> removeMember(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        return stakeholders.removeMember(id, memberId).replaceWith(Response.noContent().build());
    }
}
