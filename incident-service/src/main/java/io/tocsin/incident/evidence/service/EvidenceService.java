package io.tocsin.incident.evidence.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Actor;
import io.tocsin.events.EvidenceAdded;
import io.tocsin.events.Priority;
import io.tocsin.incident.evidence.model.Evidence;
import io.tocsin.incident.evidence.model.EvidenceAccess;
import io.tocsin.incident.evidence.model.EvidenceContent;
import io.tocsin.incident.evidence.repository.EvidenceRepository;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.service.IncidentService;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Evidence of an incident. Adding it writes the evidence, its content, a timeline entry carrying its SHA-256 (so the
 * tamper-evident timeline pins it) and EvidenceAdded, in one transaction on the locked incident. Reading a file or
 * following a link adds a line to its custody log. Adding the same evidence again changes nothing.
 */
@ApplicationScoped
public class EvidenceService {

    /** Evidence and whether this request added it (false: it was there already). */
    public record Added(Evidence evidence, boolean created) {
    }

    /** Evidence with its custody log. */
    public record Custody(Evidence evidence, List<EvidenceAccess> reads) {
    }

    /** What a read returns: the evidence, and for a file its bytes. */
    public record Read(Evidence evidence, byte[] content) {
    }

    private final IncidentService incidents;
    private final EvidenceRepository evidence;
    private final Outbox outbox;

    public EvidenceService(IncidentService incidents, EvidenceRepository evidence, Outbox outbox) {
        this.incidents = incidents;
        this.evidence = evidence;
        this.outbox = outbox;
    }

    public Uni<Added> addFile(UUID incidentId, String name, String description, String mediaType, byte[] content,
                              Actor caller) {
        Evidence e = evidence(incidentId, Evidence.Kind.FILE, name, description, caller);
        e.mediaType = mediaType;
        e.sizeBytes = (long) content.length;
        e.sha256 = sha256(content);
        return add(e, content, caller);
    }

    public Uni<Added> addLink(UUID incidentId, String name, String description, String url, String sha256,
                              Actor caller) {
        Evidence e = evidence(incidentId, Evidence.Kind.LINK, name, description, caller);
        e.url = url;
        e.sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
        return add(e, null, caller);
    }

    /** The incident's evidence, oldest first; 404 for an unknown incident. */
    @WithSession
    public Uni<List<Evidence>> list(UUID incidentId) {
        return incidents.get(incidentId).chain(incident -> evidence.forIncident(incidentId));
    }

    /** One piece of evidence and who read it; 404 when it is not this incident's. */
    @WithSession
    public Uni<Custody> custody(UUID incidentId, UUID evidenceId) {
        return find(incidentId, evidenceId).chain(e -> evidence.custody(evidenceId).map(reads -> new Custody(e, reads)));
    }

    /** Reads a piece of evidence, and says so in its custody log (in the same transaction). */
    @WithTransaction
    public Uni<Read> read(UUID incidentId, UUID evidenceId, Actor reader) {
        return find(incidentId, evidenceId).chain(e -> {
            EvidenceAccess access = new EvidenceAccess();
            access.evidenceId = e.id;
            access.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            access.actor = IncidentService.display(reader);
            access.actorId = reader.id();
            access.action = "READ";
            Uni<byte[]> content = e.kind == Evidence.Kind.FILE
                    ? evidence.content(e.id).map(c -> c.content) : Uni.createFrom().nullItem();
            return evidence.logAccess(access).chain(() -> content).map(bytes -> new Read(e, bytes));
        });
    }

    private Uni<Added> add(Evidence e, byte[] content, Actor caller) {
        return outbox.transaction(() -> incidents.locked(e.incidentId).chain(incident ->
                evidence.same(e.incidentId, e.kind, e.sha256, e.url).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(new Added(existing, false));
                    }
                    Uni<Void> stored = evidence.persist(e).replaceWithVoid();
                    if (content != null) {
                        EvidenceContent bytes = new EvidenceContent();
                        bytes.evidenceId = e.id;
                        bytes.content = content;
                        stored = stored.chain(() -> evidence.store(bytes));
                    }
                    return stored.chain(() -> announce(incident, e, caller)).replaceWith(new Added(e, true));
                })));
    }

    private Uni<Incident> announce(Incident incident, Evidence e, Actor caller) {
        String detail = e.kind == Evidence.Kind.FILE
                ? e.name + " (" + e.mediaType + ", " + e.sizeBytes + " bytes), SHA-256 " + e.sha256
                : e.name + ": " + e.url + ", SHA-256 " + e.sha256;
        return incidents.record(incident, e.addedAt, "evidence-added", caller, detail,
                new EvidenceAdded(incident.service, Priority.valueOf(incident.priority), incident.summary,
                        e.id.toString(), EvidenceAdded.Kind.valueOf(e.kind.name()), e.name, e.description, e.mediaType,
                        e.sizeBytes, e.url, e.sha256, caller));
    }

    private Uni<Evidence> find(UUID incidentId, UUID evidenceId) {
        return incidents.get(incidentId).chain(incident -> evidence.findById(evidenceId))
                .map(e -> e != null && e.incidentId.equals(incidentId) ? e : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Evidence " + evidenceId));
    }

    private static Evidence evidence(UUID incidentId, Evidence.Kind kind, String name, String description, Actor caller) {
        Evidence e = new Evidence();
        e.id = UUID.randomUUID();
        e.incidentId = incidentId;
        e.kind = kind;
        e.name = name.strip();
        e.description = description == null || description.isBlank() ? null : description.strip();
        e.addedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.addedBy = IncidentService.display(caller);
        e.addedById = caller.id();
        return e;
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
