package io.tocsin.incident.intake.service.format;

import io.tocsin.events.Link;
import io.tocsin.incident.intake.model.NormalizedAlert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps Alertmanager (and Grafana) alert groups to Tocsin alerts. Whether an alert fires is read from the alert's
 * own {@code status} only — never from the group's status or from {@code endsAt}, which a firing alert sets to
 * {@code 0001-01-01T00:00:00Z} and a group may report as "firing" while some of its alerts are resolved.
 */
public final class AlertGroupFormat {

    /** Which sender's rules apply: Alertmanager insists on version "4"; Grafana sends "1". */
    public enum Sender { ALERTMANAGER, GRAFANA }

    private AlertGroupFormat() {
    }

    /**
     * @param perAlert one incident per alert fingerprint instead of one per group
     */
    public static List<NormalizedAlert> map(AlertGroupPayload payload, Sender sender, boolean perAlert) {
        validate(payload, sender);
        Map<String, String> common = payload.commonLabels() == null ? Map.of() : payload.commonLabels();
        Map<String, String> annotations = payload.commonAnnotations() == null ? Map.of() : payload.commonAnnotations();
        List<NormalizedAlert.Member> members = new ArrayList<>();
        for (AlertGroupPayload.Alert alert : payload.alerts()) {
            Map<String, String> labels = alert.labels() == null ? Map.of() : alert.labels();
            members.add(new NormalizedAlert.Member(fingerprint(alert, labels), "firing".equals(alert.status()),
                    alertSummary(alert, labels), labels, instant(alert.startsAt())));
        }
        int truncated = payload.truncatedAlerts() == null ? 0 : payload.truncatedAlerts();
        if (perAlert) {
            List<NormalizedAlert> alerts = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                NormalizedAlert.Member member = members.get(i);
                AlertGroupPayload.Alert alert = payload.alerts().get(i);
                alerts.add(new NormalizedAlert(member.firing() ? NormalizedAlert.Action.TRIGGER : NormalizedAlert.Action.RESOLVE,
                        member.fingerprint(), member.summary(),
                        Severities.normalize(member.labels().get("severity"), "warning"),
                        Slugs.of(member.labels().get("service")), source(member.labels(), payload),
                        links(List.of(alert), payload), merged(member.labels(), Map.of()), List.of(), 0));
            }
            return alerts;
        }
        Map<String, String> labels = merged(common, payload.groupLabels() == null ? Map.of() : payload.groupLabels());
        String summary = groupSummary(payload, annotations, common, members);
        return List.of(new NormalizedAlert(NormalizedAlert.Action.GROUP, "group:" + sha256(payload.groupKey()),
                summary, Severities.normalize(severity(common, payload), "warning"), Slugs.of(common.get("service")),
                source(common, payload), links(payload.alerts(), payload), labels, members, truncated));
    }

    private static void validate(AlertGroupPayload payload, Sender sender) {
        List<String> errors = new ArrayList<>();
        if (sender == Sender.ALERTMANAGER && !"4".equals(payload.version())) {
            errors.add("version: must be \"4\" (the Alertmanager webhook format), was "
                    + (payload.version() == null ? "missing" : "\"" + payload.version() + "\""));
        }
        if (payload.groupKey() == null || payload.groupKey().isBlank()) {
            errors.add("groupKey: must not be blank");
        }
        if (payload.alerts() == null || payload.alerts().isEmpty()) {
            errors.add("alerts: must not be empty");
        } else {
            for (int i = 0; i < payload.alerts().size(); i++) {
                AlertGroupPayload.Alert alert = payload.alerts().get(i);
                if (alert == null) {
                    errors.add("alerts[" + i + "]: must be an object");
                } else if (!"firing".equals(alert.status()) && !"resolved".equals(alert.status())) {
                    errors.add("alerts[" + i + "].status: must be firing or resolved");
                }
            }
        }
        if (payload.truncatedAlerts() != null && payload.truncatedAlerts() < 0) {
            errors.add("truncatedAlerts: must not be negative");
        }
        if (!errors.isEmpty()) {
            throw new InvalidAlertException(errors);
        }
    }

    private static String severity(Map<String, String> common, AlertGroupPayload payload) {
        if (common.get("severity") != null) {
            return common.get("severity");
        }
        // Alerts of one group may differ in severity: the worst firing one counts.
        return payload.alerts().stream()
                .filter(a -> "firing".equals(a.status()) && a.labels() != null && a.labels().get("severity") != null)
                .map(a -> Severities.normalize(a.labels().get("severity"), "warning"))
                .min((a, b) -> Integer.compare(rank(a), rank(b)))
                .orElse(null);
    }

    private static int rank(String severity) {
        return List.of("critical", "error", "warning", "info").indexOf(severity);
    }

    private static String groupSummary(AlertGroupPayload payload, Map<String, String> annotations,
                                       Map<String, String> common, List<NormalizedAlert.Member> members) {
        String summary = first(annotations.get("summary"), payload.title(), annotations.get("description"),
                members.isEmpty() ? null : members.get(0).summary(), common.get("alertname"));
        return clip(summary != null ? summary : "Alert group " + payload.groupKey());
    }

    private static String alertSummary(AlertGroupPayload.Alert alert, Map<String, String> labels) {
        Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
        String summary = first(annotations.get("summary"), annotations.get("description"), labels.get("alertname"));
        return clip(summary != null ? summary : "Alert " + labels);
    }

    private static String source(Map<String, String> labels, AlertGroupPayload payload) {
        return first(labels.get("instance"), labels.get("job"), payload.receiver());
    }

    private static List<Link> links(List<AlertGroupPayload.Alert> alerts, AlertGroupPayload payload) {
        Map<String, Link> links = new LinkedHashMap<>();
        for (AlertGroupPayload.Alert alert : alerts) {
            Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
            add(links, annotations.get("runbook_url"), "Runbook");
            add(links, alert.dashboardURL(), "Dashboard");
            add(links, alert.panelURL(), "Panel");
            add(links, alert.generatorURL(), "Source");
            add(links, alert.silenceURL(), "Silence");
            add(links, alert.imageURL(), "Image");
            if (links.size() >= 10) {
                break;
            }
        }
        add(links, payload.externalURL(), "Alertmanager");
        return new ArrayList<>(links.values()).subList(0, Math.min(10, links.size()));
    }

    private static void add(Map<String, Link> links, String href, String text) {
        if (href != null && !href.isBlank() && !links.containsKey(href)) {
            links.put(href, new Link(href, text));
        }
    }

    /** Alertmanager always sends one; older senders may not, so derive it from the labels as Alertmanager does. */
    private static String fingerprint(AlertGroupPayload.Alert alert, Map<String, String> labels) {
        if (alert.fingerprint() != null && !alert.fingerprint().isBlank()) {
            return alert.fingerprint();
        }
        return sha256(new TreeMap<>(labels).toString()).substring(0, 16);
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new TreeMap<>(b);
        all.putAll(a);
        return all;
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    static String clip(String text) {
        return text.length() <= 1024 ? text : text.substring(0, 1021) + "...";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
