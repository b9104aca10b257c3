package io.tocsin.incident.classification.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * A rule's label conditions, all of which must hold; none matches every alert. One jsonb object in the rule's row
 * ({@code {"all": [...]}}): Hibernate Reactive binds a JSON column as an object, not as a bare array.
 */
@RegisterForReflection
public record LabelConditions(List<LabelMatch> all) {

    public LabelConditions {
        all = all == null ? List.of() : List.copyOf(all);
    }
}
