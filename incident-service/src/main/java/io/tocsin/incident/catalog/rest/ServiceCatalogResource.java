package io.tocsin.incident.catalog.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.incident.catalog.model.ServiceEntry;
import io.tocsin.incident.catalog.service.ServiceCatalogService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.util.List;

/** The service catalog: everyone reads it, admins change it. */
@Path("/api/v1/services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ServiceCatalogResource {

    public record ServiceRequest(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api") String slug,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description) {
    }

    public record ServiceUpdate(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description) {
    }

    public record ServiceView(String slug, String name, String description, Instant createdAt) {
        static ServiceView of(ServiceEntry e) {
            return new ServiceView(e.slug, e.name, e.description, e.createdAt);
        }
    }

    private final ServiceCatalogService catalog;

    public ServiceCatalogResource(ServiceCatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<List<ServiceView>> list() {
        return catalog.list().map(list -> list.stream().map(ServiceView::of).toList());
    }

    @GET
    @Path("/{slug}")
    @RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<ServiceView> get(@PathParam("slug") String slug) {
        return catalog.get(slug).map(ServiceView::of);
    }

    @POST
    @ResponseStatus(201)
    public Uni<ServiceView> create(@NotNull @Valid ServiceRequest request) {
        return catalog.create(request.slug(), request.name(), request.description()).map(ServiceView::of);
    }

    @PUT
    @Path("/{slug}")
    public Uni<ServiceView> update(@PathParam("slug") String slug, @NotNull @Valid ServiceUpdate request) {
        return catalog.update(slug, request.name(), request.description()).map(ServiceView::of);
    }

    @DELETE
    @Path("/{slug}")
    @ResponseStatus(204)
    public Uni<Void> delete(@PathParam("slug") String slug) {
        return catalog.delete(slug);
    }
}
