package io.tocsin.escalation.schedule.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** One rotation, optionally limited to restriction windows. Outside its windows a layer has nobody. */
public record Layer(Rotation rotation, List<Restriction> restrictions) {

    public Layer {
        restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
    }

    public String onCall(Instant at, ZoneId zone) {
        if (!restrictions.isEmpty() && restrictions.stream().noneMatch(r -> r.contains(at.atZone(zone)))) {
            return null;
        }
        return rotation.participantAt(at, zone);
    }
}
