package io.tocsin.notification.stakeholder.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.notification.stakeholder.Stakeholder;
import io.tocsin.notification.stakeholder.StakeholderGroup;
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

    public record MemberRequest(
            @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @Pattern(regexp = "[a-z]{2}([-_][A-Za-z]{2})?", message = "must be a language tag such as en or de-DE") String locale) {
    }

    public record MemberView(UUID id, String name, String email, String locale) {
        static MemberView of(Stakeholder s) {
            return new MemberView(s.id, s.name, s.email, s.locale);
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
        return stakeholders.addMember(id, request.name(), request.email(), request.locale())
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
