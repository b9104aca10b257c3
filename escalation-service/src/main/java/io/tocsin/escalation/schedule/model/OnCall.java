package io.tocsin.escalation.schedule.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Who is on call in a schedule: the last layer that has someone at that moment wins, then overrides apply
 * (replacements first, then removals, then additions). Pure maths, no I/O.
 */
public record OnCall(ZoneId zone, List<Layer> layers, List<OverrideRule> overrides) {

    /** Schedule {@code s} with {@code overrides} (those that touch the time asked about). */
    public static OnCall of(Schedule s, List<ScheduleOverride> overrides) {
        return new OnCall(ZoneId.of(s.timeZone), s.layers.stream().map(ScheduleSpec.LayerSpec::toModel).toList(),
                overrides.stream().map(o -> new OverrideRule(OverrideRule.Kind.valueOf(o.kind), o.responderId,
                        o.replaces, o.startsAt, o.endsAt)).toList());
    }

    public OnCall {
        layers = List.copyOf(layers);
        overrides = overrides == null ? List.of() : overrides.stream()
                .sorted(Comparator.comparing(OverrideRule::kind).thenComparing(OverrideRule::start)).toList();
    }

    /** The responders on call at {@code at}, in a stable order; empty when nobody is. */
    public List<String> at(Instant at) {
        List<String> people = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            String who = layers.get(i).onCall(at, zone);
            if (who != null) {
                people.add(who);
                break;
            }
        }
        for (OverrideRule o : overrides) {
            if (!o.covers(at)) {
                continue;
            }
            switch (o.kind()) {
                case REPLACE -> {
                    if (o.replaces() == null) {
                        people.clear();
                        people.add(o.responderId());
                    } else if (people.contains(o.replaces())) {
                        people.set(people.indexOf(o.replaces()), o.responderId());
                    }
                }
                case REMOVE -> people.remove(o.responderId());
                case ADD -> {
                    if (!people.contains(o.responderId())) {
                        people.add(o.responderId());
                    }
                }
            }
        }
        return people.stream().distinct().toList();
    }

    /** The shifts between {@code from} and {@code to}: consecutive moments with the same people are merged. */
    public List<Shift> shifts(Instant from, Instant to) {
        TreeSet<Instant> edges = new TreeSet<>();
        edges.add(from);
        for (Layer layer : layers) {
            Rotation r = layer.rotation();
            long k = from.isBefore(r.shiftStart(0, zone)) ? 0 : r.shiftIndex(from, zone) + 1;
            for (Instant t = r.shiftStart(k, zone); t.isBefore(to); t = r.shiftStart(++k, zone)) {
                if (t.isAfter(from)) {
                    edges.add(t);
                }
            }
            for (Restriction restriction : layer.restrictions()) {
                for (LocalDate d = from.atZone(zone).toLocalDate().minusDays(1);
                     !d.isAfter(to.atZone(zone).toLocalDate()); d = d.plusDays(1)) {
                    addInside(edges, d.atTime(restriction.from()).atZone(zone).toInstant(), from, to);
                    addInside(edges, d.atTime(restriction.to()).atZone(zone).toInstant(), from, to);
                }
            }
        }
        for (OverrideRule o : overrides) {
            addInside(edges, o.start(), from, to);
            addInside(edges, o.end(), from, to);
        }
        List<Shift> shifts = new ArrayList<>();
        Instant start = null;
        List<String> current = null;
        for (Instant edge : edges) {
            List<String> people = at(edge);
            if (current == null || !Objects.equals(people, current)) {
                if (current != null) {
                    shifts.add(new Shift(start, edge, current));
                }
                start = edge;
                current = people;
            }
        }
        shifts.add(new Shift(start, to, current));
        return shifts;
    }

    /** The next {@code count} shifts from {@code from}, looking at most {@code horizonDays} ahead. */
    public List<Shift> preview(Instant from, int count, int horizonDays) {
        List<Shift> result = new ArrayList<>();
        Instant windowStart = from;
        Instant limit = from.plus(java.time.Duration.ofDays(horizonDays));
        while (result.size() < count + 1 && windowStart.isBefore(limit)) {
            Instant windowEnd = windowStart.plus(java.time.Duration.ofDays(14));
            if (windowEnd.isAfter(limit)) {
                windowEnd = limit;
            }
            List<Shift> window = shifts(windowStart, windowEnd);
            for (Shift s : window) {
                if (!result.isEmpty() && result.get(result.size() - 1).end().equals(s.start())
                        && result.get(result.size() - 1).responders().equals(s.responders())) {
                    Shift last = result.remove(result.size() - 1);
                    result.add(new Shift(last.start(), s.end(), s.responders()));
                } else {
                    result.add(s);
                }
            }
            windowStart = windowEnd;
        }
        // The last shift may be cut at the window's end; drop it when we have enough whole ones.
        return result.size() > count ? result.subList(0, count) : result;
    }

    private static void addInside(TreeSet<Instant> edges, Instant t, Instant from, Instant to) {
        if (t.isAfter(from) && t.isBefore(to)) {
            edges.add(t);
        }
    }
}
