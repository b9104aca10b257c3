package io.tocsin.incident.intake.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Actor;
import io.tocsin.incident.classification.model.AlertFacts;
import io.tocsin.incident.classification.service.ClassificationService;
import io.tocsin.incident.intake.model.NormalizedAlert;
import io.tocsin.incident.intake.repository.AlertRepository;
import io.tocsin.incident.intake.repository.IdempotencyRepository;
import io.tocsin.incident.intake.repository.SeenSignatureRepository;
import io.tocsin.incident.intake.service.format.AlertGroupFormat;
import io.tocsin.incident.intake.service.format.AlertGroupPayload;
import io.tocsin.incident.intake.service.format.GenericAlert;
import io.tocsin.incident.intake.service.format.GenericFormat;
import io.tocsin.incident.intake.service.format.InvalidAlertException;
import io.tocsin.incident.intake.service.format.PagerDutyEvent;
import io.tocsin.incident.intake.service.format.PagerDutyFormat;
import io.tocsin.incident.integration.model.Integration;
import io.tocsin.incident.integration.service.IntegrationService;
import io.tocsin.incident.integration.service.RateLimits;
import io.tocsin.incident.integration.service.TestAlerts;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.service.IncidentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Webhook intake for every format. The order matters: parse and check the body (nothing is stored for a bad one),
 * admit the key (unknown 404, disabled 403), verify the signature or bearer credential where the integration has a
 * secret (401), count the request against the key's rate limit (429), then apply every alert of the request, with
 * its outbox rows, in the next group-commit transaction ({@link IntakeQueue}). The caller answers 202 only after
 * that transaction committed.
 */
@ApplicationScoped
public class IntakeService implements TestAlerts {

    /** What one alert did: triggered, appended, acknowledged, resolved, or ignored (nothing open to act on). */
    @RegisterForReflection
    public record Outcome(String status, UUID incidentId, String dedupKey) {
    }

    /** Headers a format may need, looked up by name. */
    public record Request(byte[] body, Function<String, String> header) {
    }

    private static final TypeReference<List<Outcome>> OUTCOMES = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final Validator validator;
    private final Outbox outbox;
    private final IntegrationService integrations;
    private final RateLimits rateLimits;
    private final IntakeQueue queue;
    private final IncidentService incidents;
    private final ClassificationService classification;
    private final AlertRepository alerts;
    private final IdempotencyRepository idempotency;
    private final SeenSignatureRepository seenSignatures;

    public IntakeService(ObjectMapper mapper, Validator validator, Outbox outbox, IntegrationService integrations,
                         RateLimits rateLimits, IntakeQueue queue, IncidentService incidents,
                         ClassificationService classification, AlertRepository alerts, IdempotencyRepository idempotency,
                         SeenSignatureRepository seenSignatures) {
        this.mapper = mapper;
        this.validator = validator;
        this.outbox = outbox;
        this.integrations = integrations;
        this.rateLimits = rateLimits;
        this.queue = queue;
        this.incidents = incidents;
        this.classification = classification;
        this.alerts = alerts;
        this.idempotency = idempotency;
        this.seenSignatures = seenSignatures;
    }

    public Uni<List<Outcome>> generic(String key, Request request) throws IOException {
        GenericAlert alert = parse(request.body(), GenericAlert.class);
        validate(alert);
        NormalizedAlert normalized = GenericFormat.map(alert);
        String idempotencyKey = request.header().apply("Idempotency-Key");
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new ProblemException(400, "Idempotency-Key must be 1 to 255 characters", List.of());
        }
        return integrations.admit(key).chain(admitted -> {
            Integration integration = admitted.integration();
            String signature = null;
            if (!admitted.secrets().isEmpty()) {
                signature = request.header().apply("X-Tocsin-Signature");
                verified(integration, Signatures.checkGeneric(admitted.secrets(),
                        request.header().apply("X-Tocsin-Timestamp"), signature, request.body(), Instant.now()));
            }
            rateLimits.count(integration);
            String taken = signature;
            return queue.submit(() -> once(integration, taken, () -> idempotencyKey == null
                    ? apply(integration, List.of(normalized))
                    : idempotency.claim(integration.id, idempotencyKey).chain(first -> first
                    ? apply(integration, List.of(normalized))
                    .call(outcomes -> idempotency.store(integration.id, idempotencyKey, toJson(outcomes)))
                    : idempotency.answer(integration.id, idempotencyKey).map(this::outcomes))));
        });
    }

    public Uni<List<Outcome>> alertGroup(String key, Request request, AlertGroupFormat.Sender sender) throws IOException {
        AlertGroupPayload payload = parse(request.body(), AlertGroupPayload.class);
        AlertGroupFormat.map(payload, sender, false); // validates before anything is stored or counted
        return integrations.admit(key).chain(admitted -> {
            Integration integration = admitted.integration();
            String signature = null;
            if (!admitted.secrets().isEmpty()) {
                if (sender == AlertGroupFormat.Sender.ALERTMANAGER) {
                    verified(integration, Signatures.checkBearer(admitted.secrets(),
                            request.header().apply("Authorization")));
                } else {
                    String header = integration.signatureHeader != null ? integration.signatureHeader
                            : "X-Grafana-Alerting-Signature";
                    boolean timestamped = integration.timestampHeader != null;
                    signature = request.header().apply(header);
                    verified(integration, Signatures.checkGrafana(admitted.secrets(),
                            timestamped ? request.header().apply(integration.timestampHeader) : null, timestamped,
                            signature, request.body(), Instant.now()));
                    // Without a timestamp nothing limits a replay in time: such signatures are not recorded.
                    signature = timestamped ? signature : null;
                }
            }
            rateLimits.count(integration);
            List<NormalizedAlert> normalized = AlertGroupFormat.map(payload, sender, "alert".equals(integration.groupBy));
            String taken = signature;
            return queue.submit(() -> once(integration, taken, () -> apply(integration, normalized)));
        });
    }

    /** PagerDuty Events v2: the routing key is in the body; errors are {@link InvalidAlertException}. */
    public Uni<List<Outcome>> pagerDuty(Request request) throws IOException {
        PagerDutyEvent event = parse(request.body(), PagerDutyEvent.class);
        NormalizedAlert normalized = PagerDutyFormat.map(event);
        return integrations.admit(event.routingKey()).chain(admitted -> {
            rateLimits.count(admitted.integration());
            return queue.submit(() -> apply(admitted.integration(), List.of(normalized)).map(IntakeQueue.Result::of));
        });
    }

    /** Sends a harmless P4 alert through the integration, as its monitoring system would. */
    @Override
    public Uni<TestAlerts.Sent> send(Integration integration, String requestedBy) {
        NormalizedAlert alert = new NormalizedAlert(NormalizedAlert.Action.TRIGGER, "tocsin-test-" + UUID.randomUUID(),
                "Test alert from Tocsin (sent by " + requestedBy + ")", "info", null, "tocsin", List.of(),
                java.util.Map.of("test", "true"), List.of(), 0);
        return outbox.transaction(() -> apply(integration, List.of(alert)))
                .map(outcomes -> new TestAlerts.Sent(outcomes.get(0).status(), outcomes.get(0).incidentId()));
    }

    /**
     * Applies a request whose signature, if any, is taken in the same transaction: a second request with the same
     * signature (a replay within its window) is refused with 401 and changes nothing.
     */
    private Uni<IntakeQueue.Result> once(Integration integration, String signature, Supplier<Uni<List<Outcome>>> work) {
        Uni<Boolean> first = signature == null ? Uni.createFrom().item(true)
                : seenSignatures.firstUse(integration.id, signature);
        return first.chain(fresh -> fresh ? work.get().map(IntakeQueue.Result::of)
                : Uni.createFrom().item(IntakeQueue.Result.rejected(new ProblemException(401,
                "This signature was already used: a replayed request is refused; sign every request anew"))));
    }

    /**
     * A request with a bad signature answers 401 and counts against a small limit of its own, not against the key's
     * (so whoever saw the key in a proxy log cannot spend its window); too many of them answer 429.
     */
    private void verified(Integration integration, String problem) {
        if (problem != null) {
            rateLimits.countBadSignature(integration);
            throw new ProblemException(401, problem);
        }
    }

    private Uni<List<Outcome>> apply(Integration integration, List<NormalizedAlert> normalized) {
        Actor actor = new Actor(Actor.Kind.INTEGRATION, integration.id.toString(), integration.name, null);
        List<Outcome> outcomes = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (NormalizedAlert alert : normalized) {
            chain = chain.chain(() -> applyOne(integration, alert, actor).invoke(outcomes::add).replaceWithVoid());
        }
        return chain.replaceWith(outcomes);
    }

    private Uni<Outcome> applyOne(Integration integration, NormalizedAlert alert, Actor actor) {
        return switch (alert.action()) {
            case TRIGGER -> open(integration, alert, actor)
                    .map(opened -> new Outcome(opened.isNew() ? "triggered" : "appended", opened.incidentId(),
                            alert.dedupKey()));
            case ACKNOWLEDGE -> incidents.acknowledgeByDedupKey(integration.id, alert.dedupKey(), actor)
                    .map(incident -> outcome(incident, "acknowledged", alert));
            case RESOLVE -> incidents.resolveByDedupKey(integration.id, alert.dedupKey(), actor, alert.summary())
                    .map(incident -> outcome(incident, "resolved", alert));
            case GROUP -> group(integration, alert, actor);
        };
    }

    /** An alert group: open while any alert fires; resolve when the last alert of the incident has resolved. */
    private Uni<Outcome> group(Integration integration, NormalizedAlert alert, Actor actor) {
        Instant now = Instant.now();
        Uni<IncidentService.Opened> target = alert.anyFiring() ? open(integration, alert, actor)
                : incidents.openId(integration.id, alert.dedupKey())
                .map(id -> id == null ? null : new IncidentService.Opened(id, false));
        return target.chain(opened -> {
            if (opened == null) {
                return Uni.createFrom().item(new Outcome("ignored", null, alert.dedupKey()));
            }
            UUID incidentId = opened.incidentId();
            Uni<Void> members = Uni.createFrom().voidItem();
            for (NormalizedAlert.Member member : alert.members()) {
                members = members.chain(() -> alerts.upsert(incidentId, member, now).replaceWithVoid());
            }
            return members
                    .chain(() -> alert.truncated() > 0
                            ? incidents.note(incidentId, actor, "alerts-truncated",
                            "The sender left out " + alert.truncated() + " alerts of this group")
                            : Uni.createFrom().voidItem())
                    .chain(() -> alerts.countFiring(incidentId))
                    .chain(firing -> firing > 0
                            ? Uni.createFrom().item(new Outcome(opened.isNew() ? "triggered" : "appended", incidentId,
                            alert.dedupKey()))
                            : incidents.resolveByDedupKey(integration.id, alert.dedupKey(), actor,
                                    "All alerts of the group resolved")
                            .map(resolved -> new Outcome("resolved", incidentId, alert.dedupKey())));
        });
    }

    private Uni<IncidentService.Opened> open(Integration integration, NormalizedAlert alert, Actor actor) {
        AlertFacts facts = new AlertFacts(integration.id, alert.service(), alert.severity(), alert.source(),
                alert.summary(), alert.labels());
        return classification.classify(facts, integration.service).chain(decision -> incidents.open(
                new IncidentService.NewIncident(integration.id, alert.dedupKey(), decision.service(),
                        decision.priority(), alert.severity(), alert.summary(), alert.source(), alert.links(),
                        decision.ruleId(), decision.ruleName(), decision.personalDataBreach()), actor));
    }

    private static Outcome outcome(Incident incident, String status, NormalizedAlert alert) {
        return incident == null ? new Outcome("ignored", null, alert.dedupKey())
                : new Outcome(status, incident.id, alert.dedupKey());
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldSignatures() {
        return seenSignatures.prune().replaceWithVoid();
    }

    private <T> T parse(byte[] body, Class<T> type) throws IOException {
        if (body == null || body.length == 0) {
            throw new ProblemException(400, "The body is empty", List.of());
        }
        T value = mapper.readValue(body, type);
        if (value == null) {
            throw new ProblemException(400, "The body must be a JSON object", List.of());
        }
        return value;
    }

    private <T> void validate(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidAlertException(violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList());
        }
    }

    private String toJson(List<Outcome> outcomes) {
        try {
            return mapper.writeValueAsString(outcomes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Outcome> outcomes(String json) {
        try {
            return mapper.readValue(json, OUTCOMES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent answer is not JSON", e);
        }
    }
}
