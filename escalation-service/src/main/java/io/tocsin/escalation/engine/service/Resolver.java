package io.tocsin.escalation.engine.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.policy.model.PolicySpec;
import io.tocsin.escalation.policy.model.Steps;
import io.tocsin.escalation.responder.model.Responder;
import io.tocsin.escalation.responder.repository.ResponderRepository;
import io.tocsin.escalation.schedule.model.OnCall;
import io.tocsin.escalation.schedule.repository.OverrideRepository;
import io.tocsin.escalation.schedule.repository.ScheduleRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a level's targets into people at a moment: responders as they are, schedules as whoever is on call then.
 * Round robin pages one target per pass, rotating with the loop. Shared by the engine and the dry run.
 */
@ApplicationScoped
public class Resolver {

    private final ResponderRepository responders;
    private final ScheduleRepository schedules;
    private final OverrideRepository overrides;

    public Resolver(ResponderRepository responders, ScheduleRepository schedules, OverrideRepository overrides) {
        this.responders = responders;
        this.schedules = schedules;
        this.overrides = overrides;
    }

    /** The distinct responders a level pages at {@code at}, in target order; inside a session. */
    public Uni<List<Responder>> resolve(PolicySpec.Level level, int loop, Instant at) {
        return resolveIds(level, loop, at)
                .chain(ids -> {
                    return responders.byIds(ids).map(found -> {
                        Map<String, Responder> byId = new LinkedHashMap<>();
                        found.forEach(r -> byId.put(r.id, r));
                        List<Responder> ordered = new ArrayList<>();
                        ids.forEach(id -> {
                            if (byId.containsKey(id)) {
                                ordered.add(byId.get(id));
                            }
                        });
                        return ordered;
                    });
                });
    }

    /**
     * The ids of the distinct people a level pages at {@code at}, in target order (schedules as whoever is on call
     * then; a schedule that cannot say pages nobody); inside a session.
     */
    public Uni<List<String>> resolveIds(PolicySpec.Level level, int loop, Instant at) {
        List<PolicySpec.Target> targets = level.roundRobin()
                ? List.of(level.targets().get(Steps.roundRobinIndex(level.targets().size(), loop)))
                : level.targets();
        return Multi.createFrom().iterable(targets)
                .onItem().transformToUniAndConcatenate(t -> t.type() == PolicySpec.Target.Type.RESPONDER
                        ? Uni.createFrom().item(List.of(t.id()))
                        : onCallAt(UUID.fromString(t.id()), at)
                                .onFailure().recoverWithItem(List.of()))
                .collect().asList()
                .map(lists -> lists.stream().flatMap(List::stream).distinct().toList());
    }

    /** Who is on call in schedule {@code id} at {@code at} (nobody when it no longer exists); inside a session. */
    private Uni<List<String>> onCallAt(UUID id, Instant at) {
        return schedules.findById(id).chain(s -> s == null ? Uni.createFrom().item(List.<String>of())
                : overrides.overlapping(id, at, at.plusSeconds(1)).map(list -> OnCall.of(s, list).at(at)));
    }
}
