package io.tocsin.incident.intake.service.format;

import io.tocsin.incident.intake.model.NormalizedAlert;
import io.tocsin.incident.intake.service.Signatures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The format rules as plain logic: what each sender's payload becomes. */
class FormatsTest {

    private static AlertGroupPayload.Alert alert(String status, String endsAt, Map<String, String> labels) {
        return new AlertGroupPayload.Alert(status, labels, Map.of("summary", "s"), "2026-11-27T10:00:00Z", endsAt,
                "http://prom/graph", null, null, null, null, null, null);
    }

    @Test
    void firingIsReadFromEachAlertNeverFromTheGroupOrEndsAt() {
        AlertGroupPayload group = new AlertGroupPayload("4", "g", 0, "firing", "r", Map.of(), Map.of("severity", "critical"),
                Map.of(), null, List.of(alert("resolved", "0001-01-01T00:00:00Z", Map.of("i", "1")),
                alert("firing", "0001-01-01T00:00:00Z", Map.of("i", "2"))), null, null, null);
        NormalizedAlert normalized = AlertGroupFormat.map(group, AlertGroupFormat.Sender.ALERTMANAGER, false).get(0);
        assertEquals(NormalizedAlert.Action.GROUP, normalized.action());
        assertEquals(List.of(false, true), normalized.members().stream().map(NormalizedAlert.Member::firing).toList());
        assertEquals("critical", normalized.severity());
        assertTrue(normalized.dedupKey().length() <= 255);
        assertFalse(normalized.members().get(0).fingerprint().equals(normalized.members().get(1).fingerprint()),
                "fingerprints derived from labels when absent");
    }

    @Test
    void theWorstFiringSeverityCountsWhenTheGroupHasNone() {
        AlertGroupPayload group = new AlertGroupPayload("4", "g", 0, "firing", "r", Map.of(), Map.of(), Map.of(), null,
                List.of(alert("firing", null, Map.of("severity", "warning")), alert("firing", null, Map.of("severity", "page")),
                        alert("resolved", null, Map.of("severity", "info"))), null, null, null);
        assertEquals("critical", AlertGroupFormat.map(group, AlertGroupFormat.Sender.ALERTMANAGER, false).get(0).severity());
    }

    @Test
    void grafanaIsNotHeldToAlertmanagersVersion() {
        AlertGroupPayload group = new AlertGroupPayload("1", "g", 0, "firing", "r", Map.of(), Map.of(), Map.of(), null,
                List.of(alert("firing", null, Map.of())), "[FIRING:1] CPU", null, "alerting");
        assertEquals("[FIRING:1] CPU", AlertGroupFormat.map(group, AlertGroupFormat.Sender.GRAFANA, false).get(0).summary());
        InvalidAlertException e = assertThrows(InvalidAlertException.class,
                () -> AlertGroupFormat.map(group, AlertGroupFormat.Sender.ALERTMANAGER, false));
        assertTrue(e.errors().get(0).startsWith("version"));
    }

    @Test
    void serviceLabelsBecomeSlugsOrAreIgnored() {
        AlertGroupPayload group = new AlertGroupPayload("4", "g", 0, "firing", "r", Map.of(),
                Map.of("service", "Checkout API"), Map.of(), null, List.of(alert("firing", null, Map.of())), null, null, null);
        assertEquals("checkout-api", AlertGroupFormat.map(group, AlertGroupFormat.Sender.ALERTMANAGER, false).get(0).service());
        AlertGroupPayload junk = new AlertGroupPayload("4", "g", 0, "firing", "r", Map.of(),
                Map.of("service", "!!!"), Map.of(), null, List.of(alert("firing", null, Map.of())), null, null, null);
        assertNull(AlertGroupFormat.map(junk, AlertGroupFormat.Sender.ALERTMANAGER, false).get(0).service());
    }

    @Test
    void pagerDutyAcknowledgeAndResolveNeedOnlyTheDedupKey() {
        NormalizedAlert ack = PagerDutyFormat.map(new PagerDutyEvent("k", "acknowledge", "d", null, null, null, null, null));
        assertEquals(NormalizedAlert.Action.ACKNOWLEDGE, ack.action());
        assertEquals("d", ack.dedupKey());
        assertThrows(InvalidAlertException.class,
                () -> PagerDutyFormat.map(new PagerDutyEvent("k", "resolve", null, null, null, null, null, null)));
    }

    @Test
    void pagerDutyTimestampsInPagerDutysOwnExampleFormatAreAccepted() {
        PagerDutyEvent.Payload payload = new PagerDutyEvent.Payload("s", "h", "info", "2015-07-17T08:42:58.315+0000",
                null, null, null, null);
        assertEquals(NormalizedAlert.Action.TRIGGER,
                PagerDutyFormat.map(new PagerDutyEvent("k", "trigger", null, payload, null, null, null, null)).action());
        PagerDutyEvent.Payload bad = new PagerDutyEvent.Payload("s", "h", "info", "yesterday", null, null, null, null);
        assertThrows(InvalidAlertException.class,
                () -> PagerDutyFormat.map(new PagerDutyEvent("k", "trigger", null, bad, null, null, null, null)));
    }

    @Test
    void signaturesAreCheckedOverTimestampAndBody() {
        byte[] secret = "whsec_test".getBytes(StandardCharsets.UTF_8);
        byte[] body = "{\"summary\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        String ts = String.valueOf(now.getEpochSecond());
        String good = "v1=" + Signatures.hmacHex(secret, (ts + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        assertNull(Signatures.checkGeneric(List.of(secret), ts, good, body, now));
        assertNull(Signatures.checkGeneric(List.of("old".getBytes(), secret), ts, good, body, now), "any valid secret");
        assertTrue(Signatures.checkGeneric(List.of(secret), ts, good, body, now.plusSeconds(301)) != null, "replay window");
        assertTrue(Signatures.checkGeneric(List.of(secret), ts, good.toUpperCase().replace("V1=", "v1="), body, now) == null,
                "hex case does not matter");
        assertTrue(Signatures.checkGeneric(List.of(secret), "yesterday", good, body, now) != null);
        assertTrue(Signatures.checkGeneric(List.of(secret), ts, good.substring(3), body, now) != null, "needs v1=");
    }
}
