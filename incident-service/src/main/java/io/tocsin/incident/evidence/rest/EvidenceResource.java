package io.tocsin.incident.evidence.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.incident.evidence.model.Evidence;
import io.tocsin.incident.evidence.model.EvidenceAccess;
import io.tocsin.incident.evidence.service.EvidenceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Evidence of an incident, for whoever may read the incident: files up to {@code tocsin.http.uploads.max-bytes}
 * (10 MiB; the one path with a body limit above the usual one) as the raw request body, or links with the SHA-256 of
 * what they point at. Reading a file, or following a link, is written to the evidence's custody log.
 */
@Path("/api/v1/incidents/{id}/evidence")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class EvidenceResource {

    /** Printable, one line: names end up in headers and on pages. */
    static final String NAME = "[^\\p{Cntrl}]{1,255}";

    public record LinkRequest(@NotBlank @Pattern(regexp = NAME, message = "must be one line of at most 255 characters") String name,
                              @NotNull @Size(max = 2048) @Pattern(regexp = "https?://[^\\s\"'<>]+",
                                      message = "must be an http or https URL") String url,
                              @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits") String sha256,
                              @Size(max = 2000) String description) {
    }

    /** Registered for native images: it travels inside a Response, which hides its type from the build. */
    @RegisterForReflection
    public record EvidenceView(UUID id, UUID incidentId, String kind, String name, String description,
                               String mediaType, Long sizeBytes, String url, String sha256, Instant addedAt,
                               String addedBy) {
        static EvidenceView of(Evidence e) {
            return new EvidenceView(e.id, e.incidentId, e.kind.name().toLowerCase(java.util.Locale.ROOT), e.name,
                    e.description, e.mediaType, e.sizeBytes, e.url, e.sha256, e.addedAt, e.addedBy);
        }
    }

    public record ReadView(Instant at, String actor, String action) {
        static ReadView of(EvidenceAccess a) {
            return new ReadView(a.at, a.actor, a.action.toLowerCase(java.util.Locale.ROOT));
        }
    }

    public record CustodyView(EvidenceView evidence, List<ReadView> custody) {
    }

    private final EvidenceService evidence;
    private final CurrentActor actor;
    private final long maxBytes;

    public EvidenceResource(EvidenceService evidence, CurrentActor actor,
                            @ConfigProperty(name = "tocsin.http.uploads.max-bytes") long maxBytes) {
        this.evidence = evidence;
        this.actor = actor;
        this.maxBytes = maxBytes;
    }

    @GET
    public Uni<List<EvidenceView>> list(@PathParam("id") UUID id) {
        return evidence.list(id).map(list -> list.stream().map(EvidenceView::of).toList());
    }

    /**
     * A file: the body is the file, {@code name} (and optionally {@code description}) in the query, its type in
     * Content-Type. 201 when added, 200 when the same file was added before.
     */
    @POST
    @Path("/files")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> addFile(@PathParam("id") UUID id, @QueryParam("name") String name,
                                 @QueryParam("description") String description,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        List<String> errors = new ArrayList<>();
        if (name == null || !name.strip().matches(NAME)) {
            errors.add("name: must be one line of 1 to 255 characters");
        }
        if (description != null && description.length() > 2000) {
            errors.add("description: size must be between 0 and 2000");
        }
        String mediaType = contentType == null || contentType.isBlank() ? MediaType.APPLICATION_OCTET_STREAM
                : contentType.strip();
        if (mediaType.length() > 255 || !mediaType.matches("[\\w.+-]+/[\\w.+-]+(\\s*;.*)?")) {
            errors.add("Content-Type: must be a media type");
        }
        if (body == null || body.length == 0) {
            errors.add("body: must be the file, at least one byte");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The evidence is not valid", errors);
        }
        if (body.length > maxBytes) {
            throw new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The file is " + body.length + " bytes; the limit is " + maxBytes);
        }
        return evidence.addFile(id, name, description, mediaType, body, actor.actor()).map(EvidenceResource::answer);
    }

    /** A link to evidence kept elsewhere, with the SHA-256 of its content. 201 when added, 200 when known. */
    @POST
    @Path("/links")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> addLink(@PathParam("id") UUID id, @NotNull @Valid LinkRequest request) {
        return evidence.addLink(id, request.name(), request.description(), request.url(), request.sha256(), actor.actor())
                .map(EvidenceResource::answer);
    }

    @GET
    @Path("/{evidenceId}")
    public Uni<CustodyView> one(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        return evidence.custody(id, evidenceId).map(c -> new CustodyView(EvidenceView.of(c.evidence()),
                c.reads().stream().map(ReadView::of).toList()));
    }

    /**
     * The file itself (always as an attachment of type application/octet-stream, never rendered), or a redirect to a
     * link; either way a line in the custody log. {@code Repr-Digest} carries the recorded SHA-256 to check it against.
     */
    @GET
    @Path("/{evidenceId}/content")
    @Produces(MediaType.WILDCARD)
    public Uni<Response> content(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        return evidence.read(id, evidenceId, actor.actor()).map(read -> {
            Evidence e = read.evidence();
            Response.ResponseBuilder response = e.kind == Evidence.Kind.FILE
                    ? Response.ok(read.content(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header("Content-Disposition", attachment(e.name))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "sandbox")
                    : Response.seeOther(URI.create(e.url));
            return response.header("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                            .encodeToString(HexFormat.of().parseHex(e.sha256)) + ":")
                    .header("Cache-Control", "no-store").build();
        });
    }

    private static Response answer(EvidenceService.Added added) {
        return Response.status(added.created() ? 201 : 200).entity(EvidenceView.of(added.evidence())).build();
    }

    /** A Content-Disposition built from a whitelist, whatever the name holds: no header can be smuggled through it. */
    static String attachment(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
