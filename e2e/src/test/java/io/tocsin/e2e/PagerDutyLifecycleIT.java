package io.tocsin.e2e;

import io.tocsin.local.demo.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PagerDuty Events v2 client drives one incident through trigger, acknowledge and resolve with one dedup_key. */
class PagerDutyLifecycleIT {

    private static Stack stack;
    private final Http api = new Http();

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * The services as a user starts them (no host setting) listen on 127.0.0.1 only: from any other address of this
     * machine, neither the service port nor the management port answers. Metrics are on the management port only.
     */
    @Test
    void everyListenerIsOnLoopbackOnly() throws Exception {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    others.add(address);
                }
            }
        }
        Assumptions.assumeFalse(others.isEmpty(), "this machine has no address but loopback");
        for (String service : stack.ports.keySet()) {
            for (int port : List.of(stack.ports.get(service), stack.managementPorts.get(service))) {
                assertTrue(accepting(InetAddress.getLoopbackAddress(), port), service + " listens on 127.0.0.1:" + port);
                for (InetAddress address : others) {
                    assertFalse(accepting(address, port), service + " must not listen on " + address + ":" + port);
                }
            }
            assertEquals(200, api.get("http://127.0.0.1:" + stack.managementPorts.get(service) + "/q/metrics", null).status(),
                    service + " metrics on the management port");
            assertEquals(404, api.get(stack.url(service) + "/q/metrics", null).status(), service + " no metrics on its port");
        }
    }

    private static boolean accepting(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void triggerAcknowledgeResolve() throws Exception {
        String incident = stack.url("incident-service");
        String admin = stack.token("admin", "admin");
        String responder = stack.token("alice", "responder");
        String key = api.expect(201, api.post(incident + "/api/v1/integrations", admin,
                "{\"name\":\"PD client\",\"kind\":\"pagerduty\",\"service\":\"billing\"}")).json().get("key").asText();
        String dedup = "billing/db-" + System.nanoTime();

        for (String action : new String[] {"trigger", "acknowledge", "resolve"}) {
            Http.Answer answer = api.expect(202, api.post(incident + "/v2/enqueue", null,
                    "{\"routing_key\":\"" + key + "\",\"event_action\":\"" + action + "\",\"dedup_key\":\"" + dedup + "\","
                            + "\"payload\":{\"summary\":\"Billing DB replication lag\",\"source\":\"db-7\",\"severity\":\"error\"}}"));
            assertEquals("success", answer.json().get("status").asText());
            assertEquals(dedup, answer.json().get("dedup_key").asText());
        }
        Http.Answer list = api.expect(200, api.get(incident + "/api/v1/incidents?status=all&service=billing", responder));
        assertEquals(1, list.json().get("items").size());
        String id = list.json().get("items").get(0).get("id").asText();
        Http.Answer timeline = api.expect(200, api.get(incident + "/api/v1/incidents/" + id + "/timeline", responder));
        assertEquals("triggered", timeline.json().get(0).get("kind").asText());
        assertEquals("acknowledged", timeline.json().get(1).get("kind").asText());
        assertEquals("resolved", timeline.json().get(2).get("kind").asText());
        assertEquals("P2", api.get(incident + "/api/v1/incidents/" + id, responder).json().get("priority").asText());

        // escalation-service heard all of it over Kafka.
        Http.await("escalation state RESOLVED", Duration.ofSeconds(20),
                () -> api.get(stack.url("escalation-service") + "/api/v1/escalations/" + id, responder),
                answer -> answer.status() == 200 && "RESOLVED".equals(answer.json().path("status").asText()));
    }
}
