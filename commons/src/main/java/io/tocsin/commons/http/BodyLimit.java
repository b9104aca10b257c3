package io.tocsin.commons.http;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.tocsin.commons.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
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

    /** How long the rest of a refused body is read before the connection closes anyway. */
    static final long LINGER_MILLIS = 5_000;

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
            // No declared size. (HTTP/2, whose bodies carry neither header, is off: see microprofile-config.properties.)
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

    /**
     * problem+json, then the connection closes. A refused body that is still arriving is read and dropped first, for
     * at most {@link #LINGER_MILLIS} (a "lingering close", as nginx does): a client that writes its whole body before
     * it reads the answer (most HTTP libraries) would otherwise get a broken pipe instead of the 413.
     */
    private static void answer(RoutingContext context, Response.Status status, String detail) {
        HttpServerRequest request = context.request();
        if (request.isEnded()) {
            context.response().endHandler(ignored -> request.connection().close());
        } else {
            long linger = context.vertx().setTimer(LINGER_MILLIS, ignored -> request.connection().close());
            request.handler(dropped -> { })
                    .endHandler(ignored -> {
                        context.vertx().cancelTimer(linger);
                        request.connection().close();
                    })
                    .resume();
        }
        context.response().setStatusCode(status.getStatusCode())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(status, detail)));
    }
}
