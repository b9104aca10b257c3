package io.tocsin.escalation.schedule.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.escalation.audit.repository.AuditRepository;
import io.tocsin.escalation.responder.repository.ResponderRepository;
import io.tocsin.escalation.schedule.config.ScheduleConfig;
import io.tocsin.escalation.schedule.model.OnCall;
import io.tocsin.escalation.schedule.model.OverrideRule;
import io.tocsin.escalation.schedule.model.Restriction;
import io.tocsin.escalation.schedule.model.Rotation;
import io.tocsin.escalation.schedule.model.Schedule;
import io.tocsin.escalation.schedule.model.ScheduleOverride;
import io.tocsin.escalation.schedule.model.ScheduleSpec;
import io.tocsin.escalation.schedule.model.Shift;
import io.tocsin.escalation.schedule.repository.OverrideRepository;
import io.tocsin.escalation.schedule.repository.ScheduleRepository;
import io.tocsin.escalation.shared.service.Checks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Schedules, their overrides, and who is on call. */
@ApplicationScoped
public class ScheduleService {

    /** How far a preview looks ahead. */
    static final int PREVIEW_HORIZON_DAYS = 400;

    public record ScheduleView(UUID id, String name, String timeZone, List<ScheduleSpec.LayerSpec> layers) {
    }

    public record OverrideRequest(String responderId, String replaces, OverrideRule.Kind kind, Instant start, Instant end) {
    }

    public record OverrideView(UUID id, UUID scheduleId, OverrideRule.Kind kind, String responderId, String replaces,
                               Instant start, Instant end, String createdBy) {
        static OverrideView of(ScheduleOverride o) {
            return new OverrideView(o.id, o.scheduleId, OverrideRule.Kind.valueOf(o.kind), o.responderId, o.replaces,
                    o.startsAt, o.endsAt, o.createdBy);
        }
    }

    private final ScheduleRepository schedules;
    private final OverrideRepository overrides;
    private final ResponderRepository responders;
    private final Instance<ScheduleReferences> references;
    private final AuditRepository audit;
    private final ScheduleConfig config;

    public ScheduleService(ScheduleRepository schedules, OverrideRepository overrides, ResponderRepository responders,
                           Instance<ScheduleReferences> references, AuditRepository audit, ScheduleConfig config) {
        this.schedules = schedules;
        this.overrides = overrides;
        this.responders = responders;
        this.references = references;
        this.audit = audit;
        this.config = config;
    }

    @WithTransaction
    public Uni<ScheduleView> create(ScheduleSpec spec, String actor) {
        return validate(spec, null).chain(() -> {
            Schedule s = new Schedule();
            s.id = UUID.randomUUID();
            s.createdAt = Instant.now();
            apply(s, spec);
            return schedules.persist(s).call(() -> audit.record(actor, "schedule.created", s.id.toString(), s.name))
                    .map(this::view);
        });
    }

    @WithTransaction
    public Uni<ScheduleView> update(UUID id, ScheduleSpec spec, String actor) {
        return find(id).chain(s -> validate(spec, id).chain(ok -> {
            apply(s, spec);
            return audit.record(actor, "schedule.updated", id.toString(), s.name).map(x -> view(s));
        }));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, String actor) {
        return find(id).chain(s -> stillNamed(id).chain(named -> {
            if (named) {
                throw new ProblemException(409, "Schedule " + id + " is used by a policy");
            }
            return schedules.delete(s).call(() -> audit.record(actor, "schedule.deleted", id.toString(), s.name));
        }));
    }

    /** Whether a policy still names the schedule (asked one after another: one session). */
    private Uni<Boolean> stillNamed(UUID id) {
        return Multi.createFrom().iterable(references)
                .onItem().transformToUniAndConcatenate(reference -> reference.names(id))
                .collect().asList()
                .map(answers -> answers.contains(true));
    }

    @WithSession
    public Uni<ScheduleView> get(UUID id) {
        return find(id).map(this::view);
    }

    @WithSession
    public Uni<List<ScheduleView>> list(int offset, int limit) {
        return schedules.find("order by name, id").range(offset, offset + limit - 1).list()
                .map(list -> list.stream().map(this::view).toList());
    }

    /**
     * Adds an override; a caller who is not {@code privileged} (incident commander or admin) may only change their
     * own shifts within the horizon ({@link OverridePermissions}).
     */
    @WithTransaction
    public Uni<OverrideView> addOverride(UUID scheduleId, OverrideRequest request, String caller, boolean privileged) {
        Checks checks = new Checks()
                .check(request.kind() != null, "kind: must be ADD, REPLACE or REMOVE")
                .check(request.responderId() != null && !request.responderId().isBlank(), "responderId: must not be blank")
                .check(request.start() != null, "start: must not be null")
                .check(request.end() != null, "end: must not be null");
        checks.throwIfAny();
        checks.check(request.end().isAfter(request.start()), "end: must be after start")
                .check(Duration.between(request.start(), request.end()).toDays() <= 366, "end: at most a year after start")
                .check(request.replaces() == null || request.kind() == OverrideRule.Kind.REPLACE,
                        "replaces: only a REPLACE override replaces someone");
        checks.throwIfAny();
        String refusal = OverridePermissions.refusal(request, caller, privileged, Instant.now(),
                config.responderOverrideHorizon());
        if (refusal != null) {
            throw new ProblemException(403, refusal);
        }
        return find(scheduleId)
                .chain(s -> responders.findById(request.responderId()))
                .chain(r -> request.replaces() == null ? Uni.createFrom().item(r)
                        : responders.findById(request.replaces()).map(x -> x == null ? null : r))
                .chain(found -> {
                    if (found == null) {
                        throw ProblemException.unprocessable("The request is not valid",
                                List.of("responderId: unknown responder"));
                    }
                    return overrides.overlapping(scheduleId, request.start(), request.end());
                })
                .chain(existing -> {
                    boolean clash = existing.stream().anyMatch(o -> o.kind.equals(request.kind().name())
                            && (o.responderId.equals(request.responderId())
                            || (request.kind() == OverrideRule.Kind.REPLACE && java.util.Objects.equals(o.replaces, request.replaces()))));
                    if (clash) {
                        throw ProblemException.unprocessable("The request is not valid",
                                List.of("start: overlaps an existing " + request.kind() + " override"));
                    }
                    ScheduleOverride o = new ScheduleOverride();
                    o.id = UUID.randomUUID();
                    o.scheduleId = scheduleId;
                    o.kind = request.kind().name();
                    o.responderId = request.responderId();
                    o.replaces = request.replaces();
                    o.startsAt = request.start();
                    o.endsAt = request.end();
                    o.createdBy = caller;
                    o.createdAt = Instant.now();
                    return overrides.persist(o).call(() -> audit.record(caller, "override.created", o.id.toString(),
                            o.kind + " " + o.responderId + " " + o.startsAt + ".." + o.endsAt)).map(OverrideView::of);
                });
    }

    /** Removes an override; a caller who is not {@code privileged} only one they created. */
    @WithTransaction
    public Uni<Void> deleteOverride(UUID scheduleId, UUID overrideId, String caller, boolean privileged) {
        return overrides.findById(overrideId).chain(o -> {
            if (o == null || !o.scheduleId.equals(scheduleId)) {
                throw ProblemException.notFound("Override " + overrideId);
            }
            if (!privileged && !caller.equals(o.createdBy)) {
                throw new ProblemException(403, "You may only remove your own overrides");
            }
            return overrides.delete(o).call(() -> audit.record(caller, "override.deleted", overrideId.toString(),
                    o.kind + " " + o.responderId));
        });
    }

    @WithSession
    public Uni<List<OverrideView>> listOverrides(UUID scheduleId, Instant from, Instant to) {
        return find(scheduleId).chain(s -> overrides.overlapping(scheduleId, from, to))
                .map(list -> list.stream().map(OverrideView::of).toList());
    }

    /** Who is on call in one schedule. */
    public record ScheduleOnCall(UUID id, String name, List<String> responders) {
    }

    /** Who is on call at {@code at} in schedule {@code id}, or in every schedule when {@code id} is null. */
    @WithSession
    public Uni<List<ScheduleOnCall>> onCallEverywhere(UUID id, Instant at) {
        Uni<List<Schedule>> which = id == null ? schedules.list("order by name") : find(id).map(List::of);
        return which.chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(s -> model(s, at, at.plusSeconds(1))
                        .map(m -> new ScheduleOnCall(s.id, s.name, m.at(at))))
                .collect().asList());
    }

    @WithSession
    public Uni<List<Shift>> preview(UUID id, Instant from, int count) {
        return find(id).chain(s -> model(s, from, from.plus(Duration.ofDays(PREVIEW_HORIZON_DAYS))))
                .map(m -> m.preview(from, count, PREVIEW_HORIZON_DAYS));
    }

    /** A schedule's shifts over [from, to) that include {@code responderId}. */
    public record MyShift(UUID scheduleId, String scheduleName, Instant start, Instant end) {
    }

    @WithSession
    public Uni<List<MyShift>> shiftsOf(String responderId, Instant from, Instant to) {
        return schedules.listAll().chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(s -> model(s, from, to).map(m -> m.shifts(from, to).stream()
                        .filter(shift -> shift.responders().contains(responderId))
                        .map(shift -> new MyShift(s.id, s.name, shift.start(), shift.end())).toList()))
                .collect().asList()
                .map(lists -> lists.stream().flatMap(List::stream)
                        .sorted(java.util.Comparator.comparing(MyShift::start)).toList()));
    }

    private Uni<OnCall> model(Schedule s, Instant from, Instant to) {
        return overrides.overlapping(s.id, from, to).map(list -> OnCall.of(s, list));
    }

    private ScheduleView view(Schedule s) {
        return new ScheduleView(s.id, s.name, s.timeZone, s.layers);
    }

    private Uni<Schedule> find(UUID id) {
        return schedules.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Schedule " + id));
    }

    private void apply(Schedule s, ScheduleSpec spec) {
        s.name = spec.name();
        s.timeZone = spec.timeZone();
        s.layers = List.copyOf(spec.layers());
        s.updatedAt = Instant.now();
    }

    private Uni<Boolean> validate(ScheduleSpec spec, UUID self) {
        Checks checks = new Checks().zone("timeZone", spec.timeZone());
        Set<String> participants = new LinkedHashSet<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            ScheduleSpec.LayerSpec layer = spec.layers().get(i);
            String field = "layers[" + i + "]";
            checks.check(layer.rotation().type() != Rotation.Type.CUSTOM || layer.rotation().length() >= 60,
                    field + ".rotation.length: a custom rotation's length is in seconds, at least 60");
            participants.addAll(layer.rotation().participants());
            List<Restriction> restrictions = layer.restrictions() == null ? List.of()
                    : layer.restrictions().stream().map(ScheduleSpec.RestrictionSpec::toModel).toList();
            checks.check(!overlapping(restrictions), field + ".restrictions: windows overlap");
        }
        checks.throwIfAny();
        return responders.byIds(participants).chain(found -> {
            Set<String> missing = new LinkedHashSet<>(participants);
            found.forEach(r -> missing.remove(r.id));
            checks.check(missing.isEmpty(), "layers: unknown responder(s) " + String.join(", ", missing));
            return schedules.find("name = ?1", spec.name()).<Schedule>firstResult();
        }).map(sameName -> {
            checks.throwIfAny();
            if (sameName != null && !sameName.id.equals(self)) {
                throw new ProblemException(409, "A schedule named " + spec.name() + " exists");
            }
            return true;
        });
    }

    /** True when two windows of one layer share a minute of a week (checked minute by minute: simple and exact). */
    static boolean overlapping(List<Restriction> restrictions) {
        if (restrictions.size() < 2) {
            return false;
        }
        LocalDate monday = LocalDate.of(2024, 1, 1);
        for (int minute = 0; minute < 7 * 24 * 60; minute++) {
            var t = monday.atStartOfDay().plusMinutes(minute).atZone(ZoneOffset.UTC);
            int covering = 0;
            for (Restriction r : restrictions) {
                if (r.contains(t) && ++covering > 1) {
                    return true;
                }
            }
        }
        return false;
    }
}
