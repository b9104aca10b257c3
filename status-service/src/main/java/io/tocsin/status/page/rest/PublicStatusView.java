package io.tocsin.status.page.rest;

import io.tocsin.status.component.service.Uptime;
import io.tocsin.status.page.service.StatusPageService;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The public status as JSON: the same content as the HTML page, nothing internal. */
public record PublicStatusView(String status, String description, Instant updatedAt, List<ComponentView> components,
                               List<IncidentView> incidents, List<MaintenanceView> maintenances) {

    public record DayView(LocalDate date, String status, double uptime) {
    }

    public record ComponentView(String name, String group, String status, String uptime90, List<DayView> days) {
    }

    public record UpdateView(String status, String message, Instant postedAt) {
    }

    public record IncidentView(UUID id, String title, String status, boolean active, String impact,
                               List<String> components, Instant startedAt, Instant resolvedAt, List<UpdateView> updates) {
    }

    public record MaintenanceView(UUID id, String title, String description, List<String> components,
                                  Instant startsAt, Instant endsAt, String state) {
    }

    static PublicStatusView of(StatusPageService.Snapshot s) {
        List<ComponentView> components = s.components().stream().map(c -> new ComponentView(c.name(), c.group(),
                c.status().name(), c.uptimePercent(), c.days().stream().map(PublicStatusView::day).toList())).toList();
        List<IncidentView> incidents = java.util.stream.Stream.concat(s.activeIncidents().stream(),
                s.pastIncidents().stream()).map(i -> new IncidentView(i.id(), i.title(), i.status(), i.active(),
                i.impact().name(), i.components(), i.startedAt(), i.resolvedAt(),
                i.updates().stream().map(u -> new UpdateView(u.status(), u.message(), u.postedAt())).toList())).toList();
        List<MaintenanceView> maintenances = java.util.stream.Stream.of(s.inProgress(), s.upcoming(), s.completed())
                .flatMap(List::stream)
                .map(m -> new MaintenanceView(m.id(), m.title(), m.description(), m.components(), m.startsAt(),
                        m.endsAt(), m.state())).toList();
        return new PublicStatusView(s.overall().name(), s.headline(), s.generatedAt(), components, incidents,
                maintenances);
    }

    private static DayView day(Uptime.Day d) {
        return new DayView(d.date(), d.worst().name(), d.uptime());
    }
}
