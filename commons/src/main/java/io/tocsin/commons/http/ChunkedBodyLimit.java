package io.tocsin.commons.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The per-path limit for bodies sent without a Content-Length (chunked). Vert.x applies one global limit to those
 * (Quarkus keeps it per request under {@code io.quarkus.max-request-size}, answering 413 when it is passed); in a
 * service with an upload path this handler, placed right after Quarkus's own, puts each path's limit there instead.
 * Services without an upload path are left as they are.
 */
@ApplicationScoped
public class ChunkedBodyLimit {

    /** The routing-context key Quarkus REST reads the chunked limit from. */
    static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    private final BodyLimits limits;

    public ChunkedBodyLimit(@ConfigProperty(name = "tocsin.http.max-body-bytes", defaultValue = "524288") long maxBodyBytes,
                            @ConfigProperty(name = "tocsin.http.uploads.path") Optional<String> uploadPath,
                            @ConfigProperty(name = "tocsin.http.uploads.max-bytes", defaultValue = "0") long maxUploadBytes) {
        this.limits = new BodyLimits(maxBodyBytes, uploadPath, maxUploadBytes);
    }

    void install(@Observes Router router) {
        if (!limits.uploads()) {
            return;
        }
        // Order -2 is Quarkus's global limit; -1 runs right after it and overrides what it set.
        router.route().order(-1).handler(context -> {
            if (context.request().getHeader("Content-Length") == null) {
                context.put(MAX_REQUEST_SIZE, limits.forPath(context.normalizedPath()));
            }
            context.next();
        });
    }
}
