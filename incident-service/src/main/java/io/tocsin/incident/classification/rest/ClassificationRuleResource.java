package io.tocsin.incident.classification.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.incident.classification.model.AlertFacts;
import io.tocsin.incident.classification.model.ClassificationRule;
import io.tocsin.incident.classification.model.LabelMatch;
import io.tocsin.incident.classification.service.ClassificationService;
import io.tocsin.incident.classification.service.RuleMatcher;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Admin API for classification rules, and the dry run: "which priority and service, and which rule decided?". */
@Path("/api/v1/classification-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ClassificationRuleResource {

    private static final String SLUG = "[a-z0-9][a-z0-9-]{0,62}";

    public record LabelRequest(@NotBlank String key, @NotNull @Pattern(regexp = "equals|regex|exists") String op,
                               String value) {
    }

    public record RuleRequest(
            @NotBlank @Size(max = 200) String name,
            Integer position,
            Boolean enabled,
            UUID integrationId,
            @Pattern(regexp = SLUG, message = "must be a service slug like checkout-api") String service,
            @Pattern(regexp = "critical|error|warning|info", message = "must be one of critical, error, warning, info")
            String severity,
            @Size(max = 500) String source,
            @Size(max = 500) String summary,
            @Size(max = 20) List<@Valid @NotNull LabelRequest> labels,
            @NotNull @Pattern(regexp = "P[1-4]", message = "must be one of P1, P2, P3, P4") String priority,
            @Pattern(regexp = SLUG, message = "must be a service slug like checkout-api") String setService,
            Boolean personalDataBreach) {

        ClassificationService.RuleDefinition definition() {
            return new ClassificationService.RuleDefinition(name, position, enabled, integrationId, service, severity,
                    source, summary, labels == null ? null : labels.stream()
                    .map(l -> new LabelMatch(l.key(), l.op(), l.value())).toList(),
                    priority, setService, personalDataBreach);
        }
    }

    public record RuleView(UUID id, int position, String name, boolean enabled, UUID integrationId, String service,
                           String severity, String source, String summary,
                           List<LabelMatch> labels, String priority, String setService,
                           boolean personalDataBreach) {
    }

    /** An alert as classification sees it. */
    public record DryRunRequest(
            UUID integrationId,
            @Pattern(regexp = SLUG, message = "must be a service slug like checkout-api") String service,
            @NotNull @Pattern(regexp = "critical|error|warning|info", message = "must be one of critical, error, warning, info")
            String severity,
            String source,
            String summary,
            Map<String, String> labels) {
    }

    public record DryRunView(String priority, String service, UUID ruleId, String ruleName, String decidedBy,
                             boolean personalDataBreach) {
    }

    private final ClassificationService classification;

    public ClassificationRuleResource(ClassificationService classification) {
        this.classification = classification;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INCIDENT_COMMANDER})
    public Uni<List<RuleView>> list() {
        return classification.list().map(rules -> rules.stream().map(this::view).toList());
    }

    @POST
    @ResponseStatus(201)
    public Uni<RuleView> create(@NotNull @Valid RuleRequest request) {
        return classification.create(request.definition()).map(this::view);
    }

    @PUT
    @Path("/{id}")
    public Uni<RuleView> update(@PathParam("id") UUID id, @NotNull @Valid RuleRequest request) {
        return classification.update(id, request.definition()).map(this::view);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return classification.delete(id);
    }

    @POST
    @Path("/dry-run")
    @RolesAllowed({Roles.ADMIN, Roles.INCIDENT_COMMANDER})
    public Uni<DryRunView> dryRun(@NotNull @Valid DryRunRequest request) {
        AlertFacts facts = new AlertFacts(request.integrationId(), request.service(), request.severity(),
                request.source(), request.summary(), request.labels() == null ? Map.of() : request.labels());
        return classification.dryRun(facts, request.service()).map(d -> new DryRunView(d.priority().name(),
                d.service(), d.ruleId(), d.ruleName(), d.ruleId() == null ? "severity default" : "rule",
                d.personalDataBreach()));
    }

    private RuleView view(ClassificationRule r) {
        return new RuleView(r.id, r.position, r.name, r.enabled, r.matchIntegration, r.matchService, r.matchSeverity,
                r.matchSource, r.matchSummary, r.matchLabels, r.setPriority, r.setService,
                r.markPersonalDataBreach);
    }
}
