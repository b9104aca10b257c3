package io.tocsin.escalation.engine.service;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.escalation.policy.model.EscalationPolicy;
import io.tocsin.escalation.policy.model.MatrixEntry;
import io.tocsin.escalation.policy.model.PolicySpec;
import io.tocsin.escalation.policy.repository.MatrixRepository;
import io.tocsin.escalation.policy.repository.PolicyRepository;
import io.tocsin.escalation.responder.model.Delivery;
import io.tocsin.escalation.responder.model.Responder;
import io.tocsin.escalation.responder.repository.ResponderRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the engine reads for every page — the escalation matrix, the policies with their levels, the responders
 * with their contact methods — kept in memory as one snapshot. Every use first reads {@code config_version} (one
 * tiny statement; triggers bump it on any change to those tables, on any replica) and reloads the snapshot when it
 * moved, so the engine never pages from stale configuration yet does not query it per event. The snapshot's
 * entities are detached copies: read them, never change them.
 */
@ApplicationScoped
public class Routing {

    /** A policy with its levels. */
    public record Policy(EscalationPolicy entity, List<PolicySpec.Level> levels) {
    }

    /** A responder with the ways to reach them (contact method and delay). */
    public record Person(Responder entity, List<Delivery> deliveries) {
    }

    /** The configuration as of one {@code config_version}. */
    public record Snapshot(long version, Map<String, UUID> matrix, Map<UUID, Policy> policies,
                           Map<String, Person> people) {

        /** The policy for (service, priority), falling back to the priority's default; null when neither exists. */
        public Policy route(String service, String priority) {
            UUID id = matrix.get(priority + "|" + service);
            if (id == null) {
                id = matrix.get(priority + "|");
            }
            return id == null ? null : policies.get(id);
        }

        public Policy policy(UUID id) {
            return id == null ? null : policies.get(id);
        }

        public Person person(String id) {
            return people.get(id);
        }
    }

    private final Sql sql;
    private final MatrixRepository matrix;
    private final PolicyRepository policies;
    private final ResponderRepository responders;
    private volatile Snapshot current = new Snapshot(-1, Map.of(), Map.of(), Map.of());

    public Routing(Sql sql, MatrixRepository matrix, PolicyRepository policies, ResponderRepository responders) {
        this.sql = sql;
        this.matrix = matrix;
        this.policies = policies;
        this.responders = responders;
    }

    /** The configuration as the database has it now; inside a session (the caller's transaction). */
    public Uni<Snapshot> now() {
        return sql.select("select version from config_version where id = 1").chain(rows -> {
            long version = ((Number) rows.get(0)[0]).longValue();
            Snapshot known = current;
            return known.version() == version ? Uni.createFrom().item(known) : load(version);
        });
    }

    private Uni<Snapshot> load(long version) {
        return matrix.listAll().chain(entries -> policies.listAll().chain(allPolicies -> responders.listAll()
                .map(allResponders -> {
                    Map<String, UUID> routes = new HashMap<>();
                    for (MatrixEntry e : entries) {
                        routes.put(e.priority + "|" + (e.service == null ? "" : e.service), e.policyId);
                    }
                    Map<UUID, Policy> byId = new HashMap<>();
                    for (EscalationPolicy p : allPolicies) {
                        byId.put(p.id, new Policy(p, List.copyOf(p.levels)));
                    }
                    Map<String, Person> people = new HashMap<>();
                    for (Responder r : allResponders) {
                        people.put(r.id, new Person(r, r.deliveries()));
                    }
                    Snapshot loaded = new Snapshot(version, Map.copyOf(routes), Map.copyOf(byId), Map.copyOf(people));
                    // A newer snapshot loaded meanwhile by another event wins.
                    if (current.version() < version) {
                        current = loaded;
                    }
                    return loaded;
                })));
    }
}
