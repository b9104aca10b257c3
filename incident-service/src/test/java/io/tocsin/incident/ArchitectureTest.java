package io.tocsin.incident;

import io.tocsin.local.testing.SkeletonRules;
import org.junit.jupiter.api.Test;

/**
 * The service skeleton (docs/architecture.md): every class in {@code io.tocsin.incident.<feature>.<layer>}, no cycles
 * between features, resources through services, repositories below services, JAX-RS only in resources.
 */
class ArchitectureTest {

    @Test
    void followsTheServiceSkeleton() {
        SkeletonRules.check("io.tocsin.incident");
    }
}
