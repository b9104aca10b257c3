package io.tocsin.escalation.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The escalation engine's timer loop and response-target clock. */
@ConfigMapping(prefix = "tocsin.escalation")
public interface EngineConfig {

    /** How often every replica looks for due timers (level delays themselves come from the policies). */
    @WithDefault("5s")
    Duration tick();

    /** Timers claimed per transaction; a replica keeps claiming batches until nothing is due. */
    @WithDefault("50")
    int batchSize();

    /** Percentage of the response target after which an unacknowledged incident is "at risk". */
    @WithDefault("80")
    int atRiskPercent();

    /** Most levels fired for one incident in one transaction (levels with no delay or nobody to page chain on). */
    @WithDefault("50")
    int maxChainedLevels();

    /** Most steps a dry run lists. */
    @WithDefault("40")
    int dryRunMaxSteps();
}
