package io.tocsin.notification.delivery.service;

import io.vertx.ext.mail.SMTPException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * A delivery attempt that failed, classified: permanent failures (an SMTP 5xx reply, an address the mail client
 * cannot even use) are not retried and do not trip the circuit breaker; everything else (4xx, connection refused,
 * timeouts, an open breaker) is transient and the row waits in the outbox.
 */
public class DeliveryFailure extends RuntimeException {

    private final boolean permanent;

    public DeliveryFailure(String reason, boolean permanent, Throwable cause) {
        super(reason, cause, false, false);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    /** Classifies what the mail client threw. */
    public static DeliveryFailure classify(Throwable failure) {
        if (failure instanceof DeliveryFailure known) {
            return known;
        }
        if (failure instanceof SMTPException smtp) {
            String reason = "SMTP " + smtp.getReplyCode() + " " + String.valueOf(smtp.getReplyMessage()).trim();
            return new DeliveryFailure(reason, smtp.isPermanent(), failure);
        }
        if (failure instanceof IllegalArgumentException) {
            // The mail client refuses a malformed address before talking to the server: retrying cannot help.
            return new DeliveryFailure("Invalid address: " + failure.getMessage(), true, failure);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root instanceof ConnectException || root instanceof UnknownHostException
                ? "Server unreachable: " + root.getMessage()
                : root instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")
                ? "Timed out" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return new DeliveryFailure(reason, false, failure);
    }
}
