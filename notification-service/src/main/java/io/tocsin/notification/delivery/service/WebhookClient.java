package io.tocsin.notification.delivery.service;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tocsin.commons.net.AddressGuard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts webhook contact methods' payloads. Signed like the intake: {@code X-Tocsin-Timestamp} (epoch seconds) and
 * {@code X-Tocsin-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, when a secret is configured.
 * 2xx is delivered; 4xx (but 408 and 429) is permanent; the rest is transient and retried.
 * <p>
 * Responders choose these URLs, so before every send the host is resolved and checked by the {@link AddressGuard}
 * and the connection goes to exactly that checked address (the Host header, TLS name check and SNI still use the
 * URL's host): nothing internal is reached, not even through DNS rebinding. What went wrong is logged here; the
 * delivery record and its event say only {@value #FAILED}, so failures cannot be used to map ports. Each destination
 * (host and port) has its own circuit breaker ({@value #BREAKER_PREFIX}host:port), so one failing endpoint does
 * not hold back pages to the others.
 */
@ApplicationScoped
public class WebhookClient {

    /** Per-destination breakers are named this plus {@code host:port}. */
    public static final String BREAKER_PREFIX = "webhook:";
    /** All a delivery record (and whoever reads it) learns about a failed webhook call. */
    public static final String FAILED = "Webhook delivery failed";

    private static final TypeLiteral<Uni<Void>> UNI_VOID = new TypeLiteral<>() {
    };

    private final HttpClient http;
    private final AddressGuard guard;
    private final Optional<String> secret;
    private final Duration timeout;
    private final Duration breakerDelay;
    private final Map<String, TypedGuard<Uni<Void>>> breakers = new ConcurrentHashMap<>();

    public WebhookClient(Vertx vertx, AddressGuard guard,
                         @ConfigProperty(name = "tocsin.webhooks.secret") Optional<String> secret,
                         @ConfigProperty(name = "tocsin.webhooks.timeout", defaultValue = "10s") Duration timeout,
                         @ConfigProperty(name = "tocsin.webhooks.breaker-delay", defaultValue = "30s") Duration breakerDelay) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5000).setForceSni(true)
                .setVerifyHost(true));
        this.guard = guard;
        this.secret = secret.filter(s -> !s.isBlank());
        this.timeout = timeout;
        this.breakerDelay = breakerDelay;
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = {PermanentFailure.class, CircuitBreakerOpenException.class})
    @ExponentialBackoff(maxDelay = 2000)
    public Uni<Void> post(String url, String body, String deliveryId) {
        return Uni.createFrom().deferred(() -> {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(failure(deliveryId, "?", "not a URL", true));
            }
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
            String destination = uri.getHost() + ":" + port;
            return breaker(destination).get(() -> send(uri, https, port, destination, body, deliveryId));
        });
    }

    /** Closed, open or half-open: one breaker per destination, made on first use. */
    private TypedGuard<Uni<Void>> breaker(String destination) {
        return breakers.computeIfAbsent(destination, d -> TypedGuard.create(UNI_VOID)
                .withCircuitBreaker().requestVolumeThreshold(4).failureRatio(0.75)
                .delay(breakerDelay.toMillis(), ChronoUnit.MILLIS).skipOn(PermanentFailure.class)
                .name(BREAKER_PREFIX + d).done()
                .build());
    }

    private Uni<Void> send(URI uri, boolean https, int port, String destination, String body, String deliveryId) {
        // DNS blocks: resolve and check on a worker thread, then connect to the checked address only.
        return Uni.createFrom().<InetAddress>emitter(emitter -> {
                    try {
                        emitter.complete(guard.resolve(uri.toString()));
                    } catch (AddressGuard.Refused refused) {
                        emitter.fail(failure(deliveryId, destination, "refused: " + refused.getMessage(), true));
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(address -> Uni.createFrom().completionStage(() -> http
                        .request(request(uri, https, port, address, body, deliveryId))
                        .compose(request -> request.send(Buffer.buffer(body, StandardCharsets.UTF_8.name())))
                        .compose(response -> response.end().map(ignored -> response.statusCode()))
                        .toCompletionStage()))
                .onFailure(failure -> !(failure instanceof DeliveryFailure))
                .transform(failure -> failure(deliveryId, destination, failure.toString(), false))
                .chain(status -> {
                    if (status >= 200 && status < 300) {
                        return Uni.createFrom().voidItem();
                    }
                    boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
                    return Uni.createFrom().failure(failure(deliveryId, destination, "HTTP " + status, permanent));
                });
    }

    private RequestOptions request(URI uri, boolean https, int port, InetAddress address, String body, String deliveryId) {
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setSsl(https)
                .setHost(host).setPort(port).setURI(path)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setFollowRedirects(false).setTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json").putHeader("User-Agent", "Tocsin")
                .putHeader("X-Tocsin-Delivery", deliveryId);
        secret.ifPresent(key -> {
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            request.putHeader("X-Tocsin-Timestamp", timestamp)
                    .putHeader("X-Tocsin-Signature", "v1=" + sign(key, timestamp, body));
        });
        return request;
    }

    /** The detail goes to this service's log (the destination's host and port only: a webhook's path can be a secret). */
    private static DeliveryFailure failure(String deliveryId, String destination, String detail, boolean permanent) {
        Log.warnf("Webhook delivery %s to %s failed (%s): %s", deliveryId, destination,
                permanent ? "permanent" : "transient", detail);
        DeliveryFailure failure = new DeliveryFailure(FAILED, permanent, null);
        return permanent ? new PermanentFailure(failure) : failure;
    }

    /** {@code hex(HMAC-SHA256(secret, timestamp + "." + body))}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
