package io.tocsin.escalation;

import io.tocsin.local.testing.SkeletonRules;
import org.junit.jupiter.api.Test;

/** The service skeleton (docs/architecture.md): feature packages with layers, no cycles between features. */
class ArchitectureTest {

    @Test
    void followsTheServiceSkeleton() {
        SkeletonRules.check("io.tocsin.escalation");
    }
}
