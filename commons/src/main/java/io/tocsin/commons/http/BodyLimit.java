package io.tocsin.commons.http;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.tocsin.commons.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The request body limit ({@code tocsin.http.max-body-bytes}), answered with 413 problem+json whether the size is
 * declared or not. A declared Content-Length over the limit is refused before anything is read. A chunked body has
 * no declared size: it is read here, up to the limit, and refused as soon as it passes it (RESTEasy then uses the
 * body read here). Vert.x's own {@code quarkus.http.limits.max-body-size} would only stop a chunked body at 1 MiB,
 * with an empty 413 and a closed connection. Runs before Quarkus' own limit, on every route. A service with an upload
 * endpoint names it ({@code tocsin.http.uploads.*}, see {@link BodyLimits}): that path alone gets the larger limit
 * (the service raises Vert.x's own limit to let it through).
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBodyBytes;
    private final BodyLimits limits;

    public BodyLimit(@ConfigProperty(name = "tocsin.http.max-body-bytes", defaultValue = "524288") long maxBodyBytes,
                     @ConfigProperty(name = "tocsin.http.uploads.path") Optional<String> uploadPath,
                     @ConfigProperty(name = "tocsin.http.uploads.max-bytes", defaultValue = "0") long maxUploadBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.limits = new BodyLimits(maxBodyBytes, uploadPath, maxUploadBytes);
    }

    void install(@Observes Router router) {
        BodyHandler chunked = chunkedUpTo(maxBodyBytes);
        BodyHandler upload = limits.uploads() ? chunkedUpTo(limits.forUploads()) : chunked;
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(context -> limit(context, limits.isUpload(context.normalizedPath()) ? upload : chunked))
                .failureHandler(this::tooLarge);
    }

    private static BodyHandler chunkedUpTo(long bytes) {
        return BodyHandler.create(false).setBodyLimit(bytes).setHandleFileUploads(false);
    }

    private void limit(RoutingContext context, BodyHandler chunked) {
        long maxBodyBytes = limits.forPath(context.normalizedPath());
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                answer(context, Response.Status.BAD_REQUEST, "Content-Length is not a number");
                return;
            }
            if (length > maxBodyBytes) {
                answer(context, Response.Status.REQUEST_ENTITY_TOO_LARGE,
                        "The body is " + length + " bytes; the limit is " + maxBodyBytes);
                return;
            }
            context.next();
        } else if (context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            chunked.handle(context);
        } else {
            context.next();
        }
    }

    /** The body handler fails the request with 413 once a chunked body passes the limit. */
    private void tooLarge(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            answer(context, Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The body is larger than the limit of " + limits.forPath(context.normalizedPath()) + " bytes");
        } else {
            context.next();
        }
    }

    /** problem+json, then the connection closes: the rest of a body we refuse is not worth reading. */
    private static void answer(RoutingContext context, Response.Status status, String detail) {
        context.response().setStatusCode(status.getStatusCode())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ignored -> context.request().connection().close())
                .end(Json.encode(Problem.of(status, detail)));
    }
}
