package io.tocsin.notification.delivery.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.shared.service.MailHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The only bean that talks SMTP, so every mail's headers pass the one header sanitizer ({@link MailHeaders}) here.
 * A short in-process retry (exponential backoff with jitter) absorbs a blip; what still fails goes back to the
 * outbox with a longer backoff. Permanent failures (5xx) abort at once and do not
 * count against the breaker; while the named breaker {@value #BREAKER} is open nothing is attempted and mail waits
 * in the outbox. {@code reached} tells the caller whether the server was tried at all (the breaker may refuse a
 * retry after a try of this mail failed). Timings are overridable per method through
 * {@code quarkus.fault-tolerance."…"} configuration.
 */
@ApplicationScoped
public class SmtpClient {

    public static final String BREAKER = "smtp";

    private final ReactiveMailer mailer;

    public SmtpClient(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Timeout(15000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = PermanentFailure.class)
    @ExponentialBackoff(maxDelay = 2000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30000,
            skipOn = PermanentFailure.class)
    @CircuitBreakerName(BREAKER)
    public Uni<Void> send(Mail mail, AtomicBoolean reached) {
        return Uni.createFrom().deferred(() -> {
                    reached.set(true);
                    return mailer.send(MailHeaders.sanitize(mail));
                })
                .onFailure().transform(failure -> {
                    DeliveryFailure classified = DeliveryFailure.classify(failure);
                    return classified.permanent() ? new PermanentFailure(classified) : classified;
                });
    }
}
