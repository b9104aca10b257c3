package io.tocsin.status;

import io.tocsin.local.testing.SkeletonRules;
import org.junit.jupiter.api.Test;

/** status-service keeps the one service skeleton (docs/architecture.md): feature → layer, no cycles, looking down. */
class ArchitectureTest {

    @Test
    void followsTheServiceSkeleton() {
        SkeletonRules.check("io.tocsin.status");
    }
}
