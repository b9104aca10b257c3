package io.tocsin.incident.evidence.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.evidence.model.Evidence;
import io.tocsin.incident.evidence.model.EvidenceAccess;
import io.tocsin.incident.evidence.model.EvidenceContent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Evidence, its content and its custody log. */
@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<Evidence, UUID> {

    public Uni<List<Evidence>> forIncident(UUID incidentId) {
        return list("incidentId = ?1 order by addedAt, id", incidentId);
    }

    /** The same evidence added before (same file, or same link with the same hash), or null. */
    public Uni<Evidence> same(UUID incidentId, Evidence.Kind kind, String sha256, String url) {
        return url == null
                ? find("incidentId = ?1 and kind = ?2 and sha256 = ?3 and url is null", incidentId, kind, sha256).firstResult()
                : find("incidentId = ?1 and kind = ?2 and sha256 = ?3 and url = ?4", incidentId, kind, sha256, url)
                .firstResult();
    }

    public Uni<Void> store(EvidenceContent content) {
        return Panache.getSession().chain(s -> s.persist(content));
    }

    public Uni<EvidenceContent> content(UUID evidenceId) {
        return Panache.getSession().chain(s -> s.find(EvidenceContent.class, evidenceId));
    }

    public Uni<Void> logAccess(EvidenceAccess access) {
        return Panache.getSession().chain(s -> s.persist(access));
    }

    public Uni<List<EvidenceAccess>> custody(UUID evidenceId) {
        return Panache.getSession().chain(s -> s.createQuery(
                        "from EvidenceAccess where evidenceId = ?1 order by id", EvidenceAccess.class)
                .setParameter(1, evidenceId).getResultList());
    }
}
