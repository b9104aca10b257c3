package io.tocsin.status.postmortem.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.PostmortemPublished;
import io.tocsin.events.Priority;
import io.tocsin.status.component.model.Component;
import io.tocsin.status.component.repository.ComponentRepository;
import io.tocsin.status.postmortem.model.ActionItem;
import io.tocsin.status.postmortem.model.Postmortem;
import io.tocsin.status.postmortem.repository.ActionItemRepository;
import io.tocsin.status.postmortem.repository.PostmortemRepository;
import io.tocsin.status.shared.config.StatusConfig;
import io.tocsin.status.timeline.model.IncidentRecord;
import io.tocsin.status.timeline.model.TimelineEntry;
import io.tocsin.status.timeline.model.TimelineKind;
import io.tocsin.status.timeline.repository.IncidentRecordRepository;
import io.tocsin.status.timeline.service.IncidentFoldListener;
import io.tocsin.status.timeline.service.TimelineEntries;
import io.tocsin.status.timeline.service.TimelineService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Postmortems: opened automatically when a serious incident resolves, edited by incident commanders, moved
 * draft → in review → published (publishing emits PostmortemPublished through the outbox), exported as Markdown.
 * Hears of every fold of the read model ({@link IncidentFoldListener}) to open drafts.
 */
@ApplicationScoped
public class PostmortemService implements IncidentFoldListener {

    /** Lines of the read model that make up the prefilled timeline (notes stay internal; messages go to the log). */
    static final Set<TimelineKind> TIMELINE_KINDS = EnumSet.of(TimelineKind.TRIGGERED, TimelineKind.REOPENED,
            TimelineKind.PRIORITY_CHANGED, TimelineKind.ESCALATION_STEP, TimelineKind.ESCALATION_SKIPPED,
            TimelineKind.ESCALATION_MUTED, TimelineKind.PAGE_DELIVERED, TimelineKind.PAGE_FAILED,
            TimelineKind.TARGET_AT_RISK, TimelineKind.TARGET_BREACHED, TimelineKind.ACKNOWLEDGED,
            TimelineKind.ASSIGNED, TimelineKind.SNOOZED, TimelineKind.PHASE_CHANGED, TimelineKind.ROLE_CHANGED,
            TimelineKind.RESOLVED);

    /** Lines that list the evidence attached in incident-service (name, size, SHA-256, who added it, when). */
    static final Set<TimelineKind> EVIDENCE_KINDS = EnumSet.of(TimelineKind.EVIDENCE_ADDED);

    /** Lines that record a personal-data breach's GDPR clock and decision (incident-service's breach events). */
    static final Set<TimelineKind> BREACH_KINDS = EnumSet.of(TimelineKind.BREACH_MARKED, TimelineKind.BREACH_UNMARKED,
            TimelineKind.BREACH_DECIDED);

    /** Lines that make up the prefilled stakeholder communication log. */
    static final Set<TimelineKind> COMMUNICATION_KINDS = EnumSet.of(TimelineKind.STAKEHOLDER_NOTIFIED,
            TimelineKind.STAKEHOLDER_NOTIFICATION_FAILED, TimelineKind.PUBLIC_UPDATE);

    /** A postmortem with everything its views need, prefilled sections resolved. */
    public record Details(Postmortem postmortem, IncidentRecord incident, List<String> affectedComponents,
                         String timeline, boolean timelinePrefilled, String communicationLog,
                         boolean communicationLogPrefilled, List<ActionItem> actionItems, String evidence,
                         String personalDataBreach) {

        public PostmortemMarkdown.Document document() {
            Postmortem p = postmortem;
            return new PostmortemMarkdown.Document(p.title, p.status.name(), p.service, p.priority,
                    incident == null ? null : incident.triggeredAt, incident == null ? null : incident.resolvedAt,
                    affectedComponents, p.customersAffected, p.impactNotes, p.rootCause, p.contributingFactors, timeline,
                    p.improvementActions, actionItems.stream().map(a -> new PostmortemMarkdown.ActionLine(a.title,
                            a.owner, a.dueDate.toString(), a.priority, a.status.name())).toList(),
                    communicationLog, p.documentationUpdates, p.publishedAt, evidence, personalDataBreach);
        }
    }

    /** Section edits; null leaves a section as it is, an empty string clears it (back to the prefill). */
    public record Edit(String title, String rootCause, String contributingFactors, String customersAffected,
                       String impactNotes, String timeline, String improvementActions, String communicationLog,
                       String documentationUpdates) {
    }

    private final PostmortemRepository postmortems;
    private final ActionItemRepository actionItems;
    private final IncidentRecordRepository incidents;
    private final TimelineService timeline;
    private final ComponentRepository components;
    private final Outbox outbox;
    private final StatusConfig config;

    public PostmortemService(PostmortemRepository postmortems, ActionItemRepository actionItems,
                             IncidentRecordRepository incidents, TimelineService timeline,
                             ComponentRepository components, Outbox outbox, StatusConfig config) {
        this.postmortems = postmortems;
        this.actionItems = actionItems;
        this.incidents = incidents;
        this.timeline = timeline;
        this.components = components;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Opens a draft when the incident is resolved at a priority that calls for one; runs in the caller's
     * transaction. Idempotent (one postmortem per incident), so events arriving in any order open exactly one.
     */
    @Override
    public Uni<Void> folded(IncidentRecord incident) {
        if (incident.status != IncidentRecord.Status.RESOLVED || incident.priority == null
                || !config.postmortem().autoOpenPriorities().contains(Priority.valueOf(incident.priority))) {
            return Uni.createFrom().voidItem();
        }
        return postmortems.openDraft(UUID.randomUUID(), incident.id, titleFor(incident), incident.service,
                        incident.priority, Instant.now())
                .invoke(opened -> {
                    if (opened) {
                        Log.infof("Opened a postmortem for %s incident %s", incident.priority, incident.id);
                    }
                })
                .replaceWithVoid();
    }

    /** Opens a postmortem by hand (any priority); 404 for an unknown incident, 409 when it already has one. */
    @WithTransaction
    public Uni<Postmortem> open(UUID incidentId) {
        return incidents.findById(incidentId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Incident " + incidentId))
                .chain(incident -> postmortems.openDraft(UUID.randomUUID(), incidentId, titleFor(incident),
                        incident.service, incident.priority, Instant.now()))
                .chain(opened -> {
                    if (!opened) {
                        return Uni.createFrom().failure(new ProblemException(409,
                                "Incident " + incidentId + " already has a postmortem"));
                    }
                    return postmortems.forIncident(incidentId);
                });
    }

    /** A page of postmortems, newest first; a stakeholder ({@code publishedOnly}) sees published ones only. */
    @WithSession
    public Uni<List<Postmortem>> list(boolean publishedOnly, int offset, int limit) {
        return postmortems.newestFirst(publishedOnly, offset, limit);
    }

    /** The postmortem of one incident as a list of none or one; a stakeholder sees it once it is published. */
    @WithSession
    public Uni<List<Postmortem>> forIncident(UUID incidentId, boolean publishedOnly) {
        return postmortems.forIncident(incidentId).map(p ->
                p == null || (publishedOnly && p.status != Postmortem.Status.PUBLISHED) ? List.of() : List.of(p));
    }

    /** One postmortem with its prefilled sections; a stakeholder ({@code publishedOnly}) sees published ones only. */
    @WithSession
    public Uni<Details> details(UUID id, boolean publishedOnly) {
        return find(id, publishedOnly).chain(this::details);
    }

    @WithTransaction
    public Uni<Details> edit(UUID id, Edit edit, String actor) {
        return find(id, false).chain(p -> {
            if (p.status == Postmortem.Status.PUBLISHED) {
                return Uni.createFrom().failure(new ProblemException(409,
                        "A published postmortem cannot be edited"));
            }
            if (edit.title() != null && !edit.title().isBlank()) {
                p.title = edit.title().strip();
            }
            p.rootCause = merge(p.rootCause, edit.rootCause());
            p.contributingFactors = merge(p.contributingFactors, edit.contributingFactors());
            p.customersAffected = merge(p.customersAffected, edit.customersAffected());
            p.impactNotes = merge(p.impactNotes, edit.impactNotes());
            p.timelineMd = merge(p.timelineMd, edit.timeline());
            p.improvementActions = merge(p.improvementActions, edit.improvementActions());
            p.communicationLogMd = merge(p.communicationLogMd, edit.communicationLog());
            p.documentationUpdates = merge(p.documentationUpdates, edit.documentationUpdates());
            p.updatedAt = Instant.now();
            p.updatedBy = actor;
            return details(p);
        });
    }

    /** Draft → in review. */
    @WithTransaction
    public Uni<Details> submit(UUID id, String actor) {
        return move(id, Postmortem.Status.DRAFT, Postmortem.Status.IN_REVIEW, actor);
    }

    /** In review → draft (the review asked for changes). */
    @WithTransaction
    public Uni<Details> returnToDraft(UUID id, String actor) {
        return move(id, Postmortem.Status.IN_REVIEW, Postmortem.Status.DRAFT, actor);
    }

    /** In review → published, with PostmortemPublished in the same transaction. */
    public Uni<Details> publish(UUID id, Actor actor) {
        return outbox.transaction(() -> find(id, false).chain(p -> {
            if (p.status != Postmortem.Status.IN_REVIEW) {
                return Uni.createFrom().<Details>failure(new ProblemException(409,
                        "Only a postmortem in review can be published; this one is " + p.status));
            }
            Instant now = Instant.now();
            p.status = Postmortem.Status.PUBLISHED;
            p.publishedAt = now;
            p.publishedBy = actor.id();
            p.updatedAt = now;
            p.updatedBy = actor.id();
            return incidents.findById(p.incidentId).chain(incident -> {
                PostmortemPublished event = new PostmortemPublished(p.id.toString(), p.title, p.service,
                        p.priority == null ? null : Priority.valueOf(p.priority),
                        incident != null && incident.summary != null ? incident.summary : p.title,
                        publicUrl(p.id), actor);
                return outbox.append(Envelope.of(event, p.incidentId, now));
            }).chain(() -> details(p));
        }));
    }

    /** The public page of a published postmortem: what stakeholder mails link to, no sign-in needed. */
    String publicUrl(UUID id) {
        String base = config.baseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/postmortems/" + id;
    }

    /** The Markdown export. */
    @WithSession
    public Uni<String> markdown(UUID id, boolean publishedOnly) {
        return find(id, publishedOnly).chain(this::details).map(d -> PostmortemMarkdown.render(d.document()));
    }

    @WithTransaction
    public Uni<ActionItem> addActionItem(UUID postmortemId, String title, String owner, LocalDate dueDate,
                                         Priority priority) {
        return find(postmortemId, false).chain(p -> {
            ActionItem item = new ActionItem();
            item.id = UUID.randomUUID();
            item.postmortemId = p.id;
            item.title = title.strip();
            item.owner = owner == null || owner.isBlank() ? null : owner.strip();
            item.dueDate = dueDate;
            item.priority = priority.name();
            item.status = ActionItem.Status.OPEN;
            item.createdAt = Instant.now();
            return actionItems.persist(item);
        });
    }

    @WithTransaction
    public Uni<ActionItem> updateActionItem(UUID id, String title, String owner, LocalDate dueDate, Priority priority,
                                            ActionItem.Status status) {
        return actionItems.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Action item " + id))
                .invoke(item -> {
                    if (title != null && !title.isBlank()) {
                        item.title = title.strip();
                    }
                    if (owner != null) {
                        item.owner = owner.isBlank() ? null : owner.strip();
                    }
                    if (dueDate != null && !dueDate.equals(item.dueDate)) {
                        item.dueDate = dueDate;
                        // A new due date is a new promise: announce it again if it is missed.
                        item.overdueNotifiedAt = null;
                    }
                    if (priority != null) {
                        item.priority = priority.name();
                    }
                    if (status != null) {
                        item.status = status;
                    }
                });
    }

    /**
     * A page of action items (all, or only those past due and not done), soonest due first; a stakeholder
     * ({@code publishedOnly}) sees only those of published postmortems, as with the postmortems themselves.
     */
    @WithSession
    public Uni<List<ActionItem>> actionItems(boolean overdueOnly, LocalDate today, boolean publishedOnly,
                                             int offset, int limit) {
        return overdueOnly
                ? actionItems.overdue(today, publishedOnly, offset, limit)
                : actionItems.all(publishedOnly, offset, limit);
    }

    private Uni<Details> move(UUID id, Postmortem.Status from, Postmortem.Status to, String actor) {
        return find(id, false).chain(p -> {
            if (p.status != from) {
                return Uni.createFrom().failure(new ProblemException(409,
                        "The postmortem is " + p.status + ", not " + from));
            }
            p.status = to;
            p.updatedAt = Instant.now();
            p.updatedBy = actor;
            return details(p);
        });
    }

    private Uni<Postmortem> find(UUID id, boolean publishedOnly) {
        return postmortems.findById(id)
                .map(p -> p != null && publishedOnly && p.status != Postmortem.Status.PUBLISHED ? null : p)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Postmortem " + id));
    }

    private Uni<Details> details(Postmortem p) {
        return incidents.findById(p.incidentId).chain(incident -> timeline.lines(p.incidentId)
                .chain(lines -> actionItems.forPostmortem(p.id).chain(items -> affected(p.service).map(affected -> {
                    boolean timelinePrefilled = p.timelineMd == null;
                    boolean logPrefilled = p.communicationLogMd == null;
                    String timelineText = timelinePrefilled ? render(lines, TIMELINE_KINDS) : p.timelineMd;
                    String log = logPrefilled ? render(lines, COMMUNICATION_KINDS) : p.communicationLogMd;
                    return new Details(p, incident, affected, timelineText, timelinePrefilled, log, logPrefilled, items,
                            render(lines, EVIDENCE_KINDS), breach(lines));
                }))));
    }

    private Uni<List<String>> affected(String service) {
        if (service == null) {
            return Uni.createFrom().item(List.of());
        }
        return components.byService(service).map(c -> List.of(c == null ? service : displayName(c)));
    }

    private static String displayName(Component c) {
        return c.groupName == null ? c.name : c.groupName + " / " + c.name;
    }

    /**
     * The GDPR clock of a personal-data breach, for the postmortem: where it stands (decided within or after the 72
     * hours, never decided, or not a breach after all), then every marking, correction, unmarking and decision with
     * who and when. Null for an incident that was never marked.
     */
    static String breach(List<TimelineEntry> lines) {
        List<TimelineEntry> breach = lines.stream().filter(l -> BREACH_KINDS.contains(l.kind)).toList();
        if (breach.isEmpty()) {
            return null;
        }
        TimelineEntry last = breach.get(breach.size() - 1);
        String state = switch (last.kind) {
            case BREACH_UNMARKED -> "Not a personal-data breach after all (unmarked); documented below.";
            case BREACH_DECIDED -> last.detail != null && last.detail.contains(TimelineEntries.DEADLINE_MET)
                    ? "Decided within the 72 hours." : "Decided after the 72-hour deadline.";
            default -> "No decision recorded.";
        };
        return "**" + state + "**\n\n" + render(breach, BREACH_KINDS);
    }

    static String render(List<TimelineEntry> lines, Set<TimelineKind> kinds) {
        return lines.stream().filter(l -> kinds.contains(l.kind))
                .map(l -> PostmortemMarkdown.line(l.at, l.detail == null ? l.kind.name() : l.detail, l.actor))
                .collect(Collectors.joining("\n"));
    }

    private static String titleFor(IncidentRecord incident) {
        return incident.summary != null ? incident.summary : "Incident " + incident.id;
    }

    private static String merge(String current, String edit) {
        if (edit == null) {
            return current;
        }
        return edit.isBlank() ? null : edit.strip();
    }
}
