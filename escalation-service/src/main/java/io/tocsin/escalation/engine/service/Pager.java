package io.tocsin.escalation.engine.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.escalation.engine.config.EngineConfig;
import io.tocsin.escalation.engine.model.Escalation;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.shared.service.Json;
import io.tocsin.escalation.policy.model.EscalationPolicy;
import io.tocsin.escalation.policy.model.PolicySpec;
import io.tocsin.escalation.policy.model.Steps;
import io.tocsin.escalation.responder.model.Delivery;
import io.tocsin.escalation.responder.model.Responder;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.EscalationLevelSkipped;
import io.tocsin.events.EscalationStepReached;
import io.tocsin.events.Link;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.PersonRef;
import io.tocsin.events.Priority;
import io.tocsin.events.Recipient;
import io.tocsin.events.ResponseTargetAtRisk;
import io.tocsin.events.ResponseTargetBreached;
import io.tocsin.events.StakeholderNoticeRequested;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fires escalation levels for one incident inside the caller's transaction: resolves the level's people, writes
 * one page row and one NotificationRequested per recipient and contact method (the page's primary key makes a
 * duplicate impossible), records skips, and advances the timer. The caller holds the row (claimed with
 * SKIP LOCKED, or the consumer's own transaction) and passes the database's now().
 */
@ApplicationScoped
public class Pager {

    private static final TypeReference<List<Link>> LINKS = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final EngineRepository db;
    private final Routing routing;
    private final Resolver resolver;
    private final EngineConfig config;
    private final Json json;
    private final Counter pages;
    private final Counter skips;
    private final ClockNotices notices;

    public Pager(Outbox outbox, EngineRepository db, Routing routing, Resolver resolver, EngineConfig config,
                 Json json, MeterRegistry registry, ClockNotices notices) {
        this.notices = notices;
        this.pages = Counter.builder("tocsin_escalation_pages").description("NotificationRequested written")
                .register(registry);
        this.skips = Counter.builder("tocsin_escalation_levels_skipped")
                .description("Levels (or incidents without a policy) with nobody to page").register(registry);
        this.outbox = outbox;
        this.db = db;
        this.routing = routing;
        this.resolver = resolver;
        this.config = config;
        this.json = json;
    }

    /**
     * Starts (or restarts) escalation with the matrix's policy for the incident's service and priority, paging its
     * first level now. The loop moves past every loop used before, so a restart pages again.
     */
    public Uni<Void> start(Escalation e, Instant now) {
        int loop = e.lastLoop == null ? e.loop : Math.max(e.loop, e.lastLoop + 1);
        return routing.now().chain(routes -> {
            Routing.Policy route = routes.route(e.service, e.priority);
            if (route == null) {
                e.policyId = null;
                e.policyName = null;
                e.nextEscalationAt = null;
                String reason = "No escalation policy for " + e.service + " " + e.priority
                        + " in the escalation matrix: nobody was paged";
                return skipped(e, 1, loop, reason, now);
            }
            e.policyId = route.entity().id;
            e.policyName = route.entity().name;
            e.nextLevel = 0;
            e.loop = loop;
            e.loopStart = loop;
            e.nextEscalationAt = now;
            return fire(e, routes, now, config.maxChainedLevels());
        });
    }

    /**
     * Switches to the policy of the incident's (new) priority, from the current level, and pages that level of the
     * new policy now (people already paged at this step and loop are not paged twice).
     */
    public Uni<Void> switchPolicy(Escalation e, Instant now) {
        return routing.now().chain(routes -> {
            Routing.Policy route = routes.route(e.service, e.priority);
            if (route == null || route.entity().id.equals(e.policyId)) {
                return Uni.createFrom().voidItem();
            }
            EscalationPolicy p = route.entity();
            int current = e.lastStep == null ? 0 : e.lastStep - 1;
            e.policyId = p.id;
            e.policyName = p.name;
            e.nextLevel = Math.min(current, route.levels().size() - 1);
            e.loop = e.lastLoop == null ? e.loop : e.lastLoop;
            e.loopStart = e.loop;
            e.nextEscalationAt = now;
            return db.log(e.incidentId, now, null, null, "POLICY", "Priority " + e.priority + ": switched to policy '"
                    + p.name + "' from level " + (e.nextLevel + 1))
                    .chain(() -> fire(e, routes, now, config.maxChainedLevels()));
        });
    }

    /** Fires the due level, then chains on through levels that have no delay or nobody to page. */
    public Uni<Void> fire(Escalation e, Instant now) {
        return routing.now().chain(routes -> fire(e, routes, now, config.maxChainedLevels()));
    }

    private Uni<Void> fire(Escalation e, Routing.Snapshot routes, Instant now, int budget) {
        if (e.policyId == null) {
            e.nextEscalationAt = null;
            return Uni.createFrom().voidItem();
        }
        Routing.Policy policy = routes.policy(e.policyId);
        if (policy == null) {
            e.nextEscalationAt = null;
            return skipped(e, e.nextLevel + 1, e.loop, "The escalation policy was deleted", now);
        }
        EscalationPolicy p = policy.entity();
        List<PolicySpec.Level> levels = policy.levels();
        int index = Math.min(e.nextLevel, levels.size() - 1);
        PolicySpec.Level level = levels.get(index);
        int step = index + 1;
        int loop = e.loop;
        return resolver.resolveIds(level, loop, now).chain(ids -> {
            List<Routing.Person> people = ids.stream().map(routes::person).filter(java.util.Objects::nonNull).toList();
            Uni<Void> effect = people.isEmpty()
                    ? skipped(e, step, loop, "Level " + step + " of policy '" + p.name
                    + "' has nobody on call: skipped to the next level", now)
                    : page(e, p, levels.size(), step, loop, people, now);
            return effect.chain(() -> advance(e, routes, p, levels, index, loop, !people.isEmpty(), now, budget));
        });
    }

    private Uni<Void> advance(Escalation e, Routing.Snapshot routes, EscalationPolicy p, List<PolicySpec.Level> levels,
                              int index, int loop, boolean paged, Instant now, int budget) {
        e.lastStep = index + 1;
        e.lastLoop = loop;
        e.updatedAt = now;
        Steps.Position next = Steps.after(levels.size(), p.repeatCount, index, loop, e.loopStart);
        long delay = paged ? levels.get(index).delaySeconds() : 0;
        if (next.exhausted()) {
            if (p.thenPolicyId == null) {
                e.nextEscalationAt = null;
                return db.log(e.incidentId, now, index + 1, loop, "EXHAUSTED",
                        "Policy '" + p.name + "' has no further level");
            }
            Routing.Policy then = routes.policy(p.thenPolicyId);
            e.policyId = p.thenPolicyId;
            e.policyName = then == null ? null : then.entity().name;
            e.nextLevel = 0;
            e.loop = loop + 1;
            e.loopStart = loop + 1;
            return schedule(e, routes, now, delay, budget);
        }
        e.nextLevel = next.level();
        e.loop = next.loop();
        return schedule(e, routes, now, delay, budget);
    }

    private Uni<Void> schedule(Escalation e, Routing.Snapshot routes, Instant now, long delaySeconds, int budget) {
        e.nextEscalationAt = now.plus(Duration.ofSeconds(delaySeconds));
        if (delaySeconds == 0 && budget > 1) {
            return fire(e, routes, now, budget - 1);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> page(Escalation e, EscalationPolicy p, int levelCount, int step, int loop,
                           List<Routing.Person> people, Instant now) {
        String reason = e.priority + " " + e.service + ": escalation policy '" + p.name + "', level " + step + " of "
                + levelCount + (loop > 0 ? " (pass " + (loop + 1) + ")" : "");
        // Named by id and name only: this event goes on to status-service, the addresses do not.
        List<PersonRef> recipients = people.stream().map(r -> new PersonRef(r.entity().id, r.entity().name)).toList();
        return Multi.createFrom().iterable(people)
                .onItem().transformToUniAndConcatenate(r -> Multi.createFrom().iterable(r.deliveries())
                        .onItem().transformToUniAndConcatenate(d -> pageOne(e, step, loop, r.entity(), d, reason, now))
                        .collect().last())
                .collect().last()
                .chain(() -> outbox.append(Envelope.of(new EscalationStepReached(e.service, priority(e), e.summary,
                        p.name, step, loop, recipients), e.incidentId, now)))
                .chain(() -> db.log(e.incidentId, now, step, loop, "PAGED", "Paged " + String.join(", ",
                        people.stream().map(r -> r.entity().name).toList()) + " (policy '" + p.name + "')"));
    }

    private Uni<Void> pageOne(Escalation e, int step, int loop, Responder r, Delivery d, String reason,
                              Instant now) {
        Recipient recipient = r.recipient();
        boolean immediate = d.delaySeconds() == 0;
        String pageReason = immediate ? reason
                : reason + "; still unacknowledged after " + d.delaySeconds() + " s";
        return db.insertPage(e.incidentId, step, loop, r.id, contactKey(d.contact()),
                        now.plusSeconds(d.delaySeconds()), immediate, recipient, d.contact(), pageReason)
                .invoke(inserted -> {
                    if (inserted && immediate) {
                        pages.increment();
                    }
                })
                .chain(inserted -> inserted && immediate
                        ? outbox.append(Envelope.of(request(e, recipient, d.contact(), step, loop, pageReason),
                        e.incidentId, now)).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** Sends a delayed page that became due (claimed and marked sent by the caller). */
    public Uni<Void> sendDelayed(Escalation e, EngineRepository.DuePage page, EngineRepository.StoredPage stored,
                                 Instant now) {
        pages.increment();
        return outbox.append(Envelope.of(request(e, stored.recipient(), stored.contact(), page.step(), page.loop(),
                stored.reason()), e.incidentId, now)).replaceWithVoid();
    }

    /**
     * Response-target clock: at risk first, then breached, each once; each tells the commander (or the current level)
     * and the stakeholders ({@link ClockNotices}). When both fall due in one pass (no engine ran meanwhile), people
     * hear only that the target was breached.
     */
    public Uni<Void> checkTarget(Escalation e, Instant now) {
        if (e.respondBy == null) {
            e.nextTargetAt = null;
            return Uni.createFrom().voidItem();
        }
        Uni<Void> effect = Uni.createFrom().voidItem();
        boolean breached = !now.isBefore(e.respondBy);
        if (e.targetStage == 0) {
            e.targetStage = 1;
            effect = outbox.append(Envelope.of(new ResponseTargetAtRisk(e.service, priority(e), e.summary, e.respondBy,
                            config.atRiskPercent()), e.incidentId, now))
                    .chain(() -> db.log(e.incidentId, now, null, null, "AT_RISK", "Unacknowledged at "
                            + config.atRiskPercent() + " % of the response target (" + e.respondBy + ")"))
                    .chain(() -> breached ? Uni.createFrom().voidItem() : notices.tell(e,
                            StakeholderNoticeRequested.Notice.RESPONSE_TARGET_AT_RISK, config.atRiskPercent(), now));
        }
        if (e.targetStage == 1 && breached) {
            e.targetStage = 2;
            effect = effect.chain(() -> outbox.append(Envelope.of(new ResponseTargetBreached(e.service, priority(e),
                            e.summary, e.respondBy), e.incidentId, now)))
                    .chain(() -> db.log(e.incidentId, now, null, null, "BREACHED",
                            "Response target " + e.respondBy + " passed unacknowledged"))
                    .chain(() -> notices.tell(e, StakeholderNoticeRequested.Notice.RESPONSE_TARGET_BREACHED,
                            config.atRiskPercent(), now));
        }
        e.nextTargetAt = e.targetStage == 1 ? e.respondBy : null;
        return effect;
    }

    /** Starts the response-target clock: at risk at the configured share of [start, respondBy]. */
    public void startTargetClock(Escalation e, Instant start) {
        e.targetStart = start;
        e.targetStage = 0;
        if (e.respondBy == null) {
            e.nextTargetAt = null;
            return;
        }
        long total = Math.max(0, Duration.between(start, e.respondBy).toMillis());
        e.nextTargetAt = start.plusMillis(total * config.atRiskPercent() / 100);
    }

    private Uni<Void> skipped(Escalation e, int step, int loop, String reason, Instant now) {
        skips.increment();
        return outbox.append(Envelope.of(new EscalationLevelSkipped(e.service, priority(e), e.summary, e.policyName,
                        step, loop, reason), e.incidentId, now))
                .chain(() -> db.log(e.incidentId, now, step, loop, "SKIPPED", reason));
    }

    private NotificationRequested request(Escalation e, Recipient recipient, ContactMethod contact, int step, int loop,
                                          String reason) {
        List<Link> links = new ArrayList<>(json.read(e.links, LINKS));
        if (e.bridgeUrl != null) {
            links.add(0, new Link(e.bridgeUrl, "Join the bridge"));
        }
        return new NotificationRequested(recipient, contact, e.service, priority(e), e.summary, e.respondBy, links, step,
                loop, reason);
    }

    static String contactKey(ContactMethod c) {
        return c.kind() + ":" + c.address();
    }

    private static Priority priority(Escalation e) {
        return Priority.valueOf(e.priority);
    }
}
