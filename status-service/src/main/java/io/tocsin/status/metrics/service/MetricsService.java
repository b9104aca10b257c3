package io.tocsin.status.metrics.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.config.ResponseTargets;
import io.tocsin.events.Priority;
import io.tocsin.status.shared.config.StatusConfig;
import io.tocsin.status.timeline.repository.IncidentRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Response metrics from the read model, on demand for any period and as Prometheus gauges over a rolling window
 * ({@code tocsin.status.metrics.window}), recomputed on a timer so a scrape never touches the database. The timer
 * first asks the database whether anything in the window changed (one aggregate row): loading every incident of the
 * window each minute cost an idle service several percent of a core once it held a few thousand incidents.
 */
@ApplicationScoped
public class MetricsService {

    private final IncidentRecordRepository incidents;
    private final StatusConfig config;
    /** For incidents whose own deadline is unknown here (their trigger never arrived): the one shared setting. */
    private final ResponseTargets targets;
    private final MeterRegistry registry;
    private final AtomicReference<Map<Priority, ResponseMetrics.PerPriority>> window =
            new AtomicReference<>(new EnumMap<>(Priority.class));
    private volatile boolean started;
    /** The window's {@link IncidentRecordRepository#fingerprint} when {@link #window} was last computed. */
    private volatile String computedFor;

    public MetricsService(IncidentRecordRepository incidents, StatusConfig config, ResponseTargets targets,
                          MeterRegistry registry) {
        this.incidents = incidents;
        this.config = config;
        this.targets = targets;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        for (Priority p : Priority.values()) {
            String priority = p.name();
            gauge("tocsin_response_mtta_seconds", "Time to acknowledge (median and p90) over the window", priority,
                    "0.5", m -> value(m.mttaMedianSeconds()));
            gauge("tocsin_response_mtta_seconds", "Time to acknowledge (median and p90) over the window", priority,
                    "0.9", m -> value(m.mttaP90Seconds()));
            gauge("tocsin_response_mttr_seconds", "Time to resolve (median and p90) over the window", priority,
                    "0.5", m -> value(m.mttrMedianSeconds()));
            gauge("tocsin_response_mttr_seconds", "Time to resolve (median and p90) over the window", priority,
                    "0.9", m -> value(m.mttrP90Seconds()));
            Gauge.builder("tocsin_response_acknowledged_within_target_ratio", window,
                            w -> metric(w.get(), p, m -> value(m.acknowledgedWithinTargetShare())))
                    .description("Share of incidents acknowledged within their response target over the window")
                    .tag("priority", priority).register(registry);
            Gauge.builder("tocsin_response_incidents", window,
                            w -> metric(w.get(), p, ResponseMetrics.PerPriority::incidents))
                    .description("Incidents triggered within the window")
                    .tag("priority", priority).register(registry);
        }
        started = true;
    }

    /** Metrics of incidents triggered in [from, to). */
    @WithSession
    public Uni<Map<Priority, ResponseMetrics.PerPriority>> response(Instant from, Instant to) {
        Map<Priority, Long> targetMillis = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            targetMillis.put(p, targets.of(p).toMillis());
        }
        return incidents.responseSummary(from, to, targetMillis).map(ResponseMetrics::of);
    }

    @Scheduled(every = "${tocsin.status.metrics.refresh-every:60s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        Instant from = now.minus(config.metrics().window());
        return changedSince(from, now).chain(fingerprint -> fingerprint == null ? Uni.createFrom().voidItem()
                : response(from, now).invoke(metrics -> {
                    window.set(metrics);
                    computedFor = fingerprint;
                }).replaceWithVoid());
    }

    /** The window's fingerprint when it differs from the one the gauges were computed for, else null. */
    @WithSession
    Uni<String> changedSince(Instant from, Instant to) {
        return incidents.fingerprint(from, to).map(fingerprint -> fingerprint.equals(computedFor) ? null : fingerprint);
    }

    private void gauge(String name, String description, String priority, String quantile,
                       ToDoubleFunction<ResponseMetrics.PerPriority> value) {
        Priority p = Priority.valueOf(priority);
        Gauge.builder(name, window, w -> metric(w.get(), p, value))
                .description(description)
                .tags("priority", priority, "quantile", quantile)
                .register(registry);
    }

    private static double metric(Map<Priority, ResponseMetrics.PerPriority> metrics, Priority p,
                                 ToDoubleFunction<ResponseMetrics.PerPriority> value) {
        ResponseMetrics.PerPriority m = metrics.get(p);
        return m == null ? Double.NaN : value.applyAsDouble(m);
    }

    private static double value(Double d) {
        return d == null ? Double.NaN : d;
    }
}
