package io.tocsin.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the outbox relay; the defaults suit one small machine. */
@ConfigMapping(prefix = "tocsin.outbox")
public interface OutboxConfig {

    /** How often every replica looks for rows a crash left unsent; commits wake the relay at once anyway. */
    @WithDefault("2s")
    Duration pollInterval();

    /** How long one replica holds the relay lease; it renews it on every drain. */
    @WithDefault("30s")
    Duration lease();

    /** Rows published per round trip to the database. */
    @WithDefault("200")
    int batchSize();

    /** The longest pause between attempts while Kafka refuses messages. */
    @WithDefault("30s")
    Duration maxBackoff();
}
