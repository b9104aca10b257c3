package io.tocsin.status.metrics.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.status.metrics.service.MetricsService;
import io.tocsin.status.metrics.service.ResponseMetrics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An internal page with a simple chart of the last 30 days' response metrics: per priority, bars for MTTA and
 * MTTR (median, with p90 as a lighter bar behind it), scaled to the slowest p90. No script, like the public page.
 */
@Path("/internal/metrics")
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class MetricsPageResource {

    /** One bar: a label, its median and p90 as text and as a width in percent of the chart. */
    public record Bar(String label, String median, String p90, int medianWidth, int p90Width) {
    }

    /** One priority's row. */
    public record Row(String priority, int incidents, String withinTarget, Bar mtta, Bar mttr) {

        /** Both bars, for the template. */
        public List<Bar> bars() {
            return List.of(mtta, mttr);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance metrics(List<Row> rows, Instant from, Instant to);
    }

    private final MetricsService metrics;

    public MetricsPageResource(MetricsService metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page() {
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(30));
        return metrics.response(from, to).map(m -> Templates.metrics(rows(List.copyOf(m.values())), from, to));
    }

    static List<Row> rows(List<ResponseMetrics.PerPriority> priorities) {
        double mttaScale = priorities.stream().map(ResponseMetrics.PerPriority::mttaP90Seconds)
                .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        double mttrScale = priorities.stream().map(ResponseMetrics.PerPriority::mttrP90Seconds)
                .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        return priorities.stream().map(p -> new Row(p.priority().name(), p.incidents(),
                p.acknowledgedWithinTargetShare() == null ? "—"
                        : String.format(Locale.ROOT, "%.0f %%", p.acknowledgedWithinTargetShare() * 100),
                bar("MTTA", p.mttaMedianSeconds(), p.mttaP90Seconds(), mttaScale),
                bar("MTTR", p.mttrMedianSeconds(), p.mttrP90Seconds(), mttrScale))).toList();
    }

    private static Bar bar(String label, Double median, Double p90, double scale) {
        return new Bar(label, human(median), human(p90), width(median, scale), width(p90, scale));
    }

    private static int width(Double seconds, double scale) {
        return seconds == null || scale <= 0 ? 0 : (int) Math.round(seconds / scale * 100);
    }

    /** "45 s", "12 min", "3 h 5 min", or "—". */
    static String human(Double seconds) {
        if (seconds == null) {
            return "—";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
