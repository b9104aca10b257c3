package io.tocsin.notification.delivery.service;

/**
 * A delivery failure that retrying cannot fix (SMTP 5xx, a refused address, a webhook's 4xx): the fault-tolerance
 * annotations abort retries on it and keep it out of the breaker's failure count.
 */
public class PermanentFailure extends DeliveryFailure {

    PermanentFailure(DeliveryFailure failure) {
        super(failure.getMessage(), true, failure.getCause());
    }
}
