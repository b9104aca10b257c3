package io.tocsin.escalation.policy.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.policy.model.EscalationPolicy;
import io.tocsin.escalation.policy.model.PolicySpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Escalation policies by id. */
@ApplicationScoped
public class PolicyRepository implements PanacheRepositoryBase<EscalationPolicy, UUID> {

    /**
     * Policies with a level that targets ({@code type}, {@code id}): jsonb containment compares the id whole, so an id
     * holding {@code _} or {@code %} matches only itself.
     */
    public Uni<Long> countTargeting(PolicySpec.Target.Type type, String id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select count(*) from escalation_policy
                        where levels @> jsonb_build_array(jsonb_build_object('targets', jsonb_build_array(
                            jsonb_build_object('type', cast(?1 as text), 'id', cast(?2 as text)))))""",
                        Long.class)
                .setParameter(1, type.name()).setParameter(2, id).getSingleResult());
    }
}
