package io.tocsin.notification.action.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * This service's identity towards incident-service: a bearer token that lives at most 12 hours.
 *
 * <p>A token set once at start (tocsin.incident-client.token) would expire while the service runs on. A token file
 * (tocsin.incident-client.token-file) that something else keeps fresh does not: the local stack rewrites it every
 * hour, and on Kubernetes a mounted Secret or projected token file is renewed the same way. The file is read again
 * whenever it changed; the file wins over the fixed token when both are set.
 */
@ApplicationScoped
public class ServiceToken {

    // A plain logger, not io.quarkus.logging.Log: ServiceTokenTest runs this class without Quarkus.
    private static final Logger LOG = Logger.getLogger(ServiceToken.class);
    private final Optional<String> fixed;
    private final Optional<Path> file;
    private volatile FileTime readAt;
    private volatile String fromFile;

    public ServiceToken(@ConfigProperty(name = "tocsin.incident-client.token") Optional<String> fixed,
                        @ConfigProperty(name = "tocsin.incident-client.token-file") Optional<String> file) {
        this.fixed = fixed.filter(t -> !t.isBlank());
        this.file = file.filter(f -> !f.isBlank()).map(Path::of);
        if (this.fixed.isEmpty() && this.file.isEmpty()) {
            LOG.warn("No service token for incident-service (TOCSIN_SERVICE_TOKEN_FILE or TOCSIN_SERVICE_TOKEN): "
                    + "one-tap acknowledge and resolve will be refused");
        }
    }

    /** The token to send now, or an empty string when none is configured or the file cannot be read. */
    public String current() {
        if (file.isEmpty()) {
            return fixed.orElse("");
        }
        Path path = file.get();
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            if (!modified.equals(readAt)) {
                fromFile = Files.readString(path).trim();
                readAt = modified;
            }
        } catch (IOException e) {
            LOG.warnf("Cannot read the service token file %s: %s", path, e.toString());
            return fromFile != null ? fromFile : fixed.orElse("");
        }
        return fromFile;
    }
}
