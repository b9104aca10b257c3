package io.tocsin.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cheap reads of answers and pages: the incident a 202 names, a page's incident and step, pgbench's TPS. */
class AnswersTest {

    @Test
    void theIncidentOfA202() {
        assertEquals("7d0c", LoadClient.topLevelString(
                "{\"status\":\"appended\",\"incidentId\":\"7d0c\",\"dedupKey\":\"k\"}", "incidentId"));
        assertEquals("7d0c", LoadClient.topLevelString(
                "{ \"alerts\": [{\"incidentId\":\"nested\"}], \"incidentId\" : \"7d0c\" }", "incidentId"),
                "only the top level counts");
        assertNull(LoadClient.topLevelString("{\"status\":\"accepted\",\"alerts\":[]}", "incidentId"));
        assertNull(LoadClient.topLevelString("{\"incidentId\":null}", "incidentId"));
        assertNull(LoadClient.topLevelString("<html>", "incidentId"));
        assertNull(LoadClient.topLevelString("", "incidentId"));
    }

    @Test
    void aPagesIncidentAndStep() throws IOException {
        String page = "{\"type\":\"page\",\"incidentId\":\"42\",\"priority\":\"P1\",\"service\":\"checkout\","
                + "\"links\":[{\"href\":\"h\",\"text\":\"t\",\"service\":\"not this one\"}],\"step\":2,\"acknowledgeUrl\":\"a\"}";
        PageSink.Page p = PageSink.parse(page.getBytes(StandardCharsets.UTF_8), "delivery-1", 99);
        assertEquals("42", p.incidentId());
        assertEquals("checkout", p.service());
        assertEquals(2, p.step());
        assertEquals("delivery-1", p.deliveryId());
        assertEquals(99, p.arrivedNanos());
    }

    @Test
    void theWebhookBreakersStateFromNotificationServicesMetrics() {
        String open = """
                # TYPE ft_circuitbreaker_state_current gauge
                ft_circuitbreaker_state_current{method="io.tocsin.notification.delivery.service.SmtpSender.send",state="open"} 0.0
                ft_circuitbreaker_state_current{method="io.tocsin.notification.delivery.service.WebhookClient.post",state="closed"} 0.0
                ft_circuitbreaker_state_current{method="io.tocsin.notification.delivery.service.WebhookClient.post",state="open"} 1.0
                """;
        assertTrue(WebhookBreaker.isOpen(open));
        assertFalse(WebhookBreaker.isOpen(open.replace("state=\"open\"} 1.0", "state=\"open\"} 0.0")));
        assertFalse(WebhookBreaker.isOpen("# no fault tolerance metrics at all\n"));
    }

    @Test
    void pgbenchsTps() {
        String output = """
                transaction type: /tmp/bench-pgbench.sql
                scaling factor: 1
                query mode: simple
                number of clients: 16
                number of threads: 2
                duration: 20 s
                number of transactions actually processed: 254690
                latency average = 1.256 ms
                initial connection time = 21.417 ms
                tps = 12734.561234 (without initial connection time)
                """;
        assertEquals(12734.561234, PgBench.tps(output), 1e-9);
        assertNull(PgBench.tps("pgbench: error: connection to server failed"));
    }
}
