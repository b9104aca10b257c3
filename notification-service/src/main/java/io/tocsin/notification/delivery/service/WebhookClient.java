package io.tocsin.notification.delivery.service;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Posts webhook contact methods' payloads. Signed like the intake: {@code X-Tocsin-Timestamp} (epoch seconds) and
 * {@code X-Tocsin-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, when a secret is configured.
 * 2xx is delivered; 4xx (but 408 and 429) is permanent; the rest is transient and retried, behind the breaker
 * {@value #BREAKER}.
 */
@ApplicationScoped
public class WebhookClient {

    public static final String BREAKER = "webhooks";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Optional<String> secret;

    public WebhookClient(@ConfigProperty(name = "tocsin.webhooks.secret") Optional<String> secret) {
        this.secret = secret.filter(s -> !s.isBlank());
    }

    @Timeout(10000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = PermanentFailure.class)
    @ExponentialBackoff(maxDelay = 2000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30000, skipOn = PermanentFailure.class)
    @CircuitBreakerName(BREAKER)
    public Uni<Void> post(String url, String body, String deliveryId) {
        return Uni.createFrom().deferred(() -> {
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(new PermanentFailure(
                        new DeliveryFailure("Invalid webhook URL: " + e.getMessage(), true, e)));
            }
            request.header("Content-Type", "application/json").header("User-Agent", "Tocsin")
                    .header("X-Tocsin-Delivery", deliveryId);
            secret.ifPresent(key -> {
                String timestamp = Long.toString(Instant.now().getEpochSecond());
                request.header("X-Tocsin-Timestamp", timestamp)
                        .header("X-Tocsin-Signature", "v1=" + sign(key, timestamp, body));
            });
            return Uni.createFrom().completionStage(() -> http.sendAsync(
                            request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                            HttpResponse.BodyHandlers.discarding()))
                    .chain(response -> {
                        int status = response.statusCode();
                        if (status >= 200 && status < 300) {
                            return Uni.createFrom().voidItem();
                        }
                        boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
                        DeliveryFailure failure = new DeliveryFailure("Webhook answered HTTP " + status, permanent, null);
                        return Uni.createFrom().failure(permanent ? new PermanentFailure(failure) : failure);
                    });
        });
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
