package io.tocsin.e2e;

import io.tocsin.local.demo.Tour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product's story, end to end, on the four packaged services: an Alertmanager alert becomes a P1, pages the
 * on-call responder by email, escalates, tells stakeholders, is acknowledged through the one-tap link, resolves,
 * and ends as a postmortem, a green status page and a metric. Each step's time is logged; the level delay is
 * shortened by configuration (the escalation timer loop ticks every second).
 */
class AlertToPostmortemIT {

    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start(Map.of("TOCSIN_ESCALATION_TICK", "1s", "TOCSIN_DELIVERY_POLL_INTERVAL", "1s"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void oneAlertThroughEveryService() throws Exception {
        Tour.Target target = new Tour.Target(stack.url("incident-service"), stack.url("escalation-service"),
                stack.url("notification-service"), stack.url("status-service"), stack.mail.imapPort(),
                stack::token);
        Tour tour = new Tour(target, Duration.ofSeconds(5), System.out);
        List<Tour.Step> steps = tour.run();
        assertEquals(17, steps.size(), "every step of the story happened");
        assertTrue(tour.pageLatency().compareTo(Duration.ofSeconds(5)) <= 0,
                "the page reached the mailbox within 5 s of the webhook's 202, took " + tour.pageLatency());
        Duration total = steps.stream().map(Tour.Step::took).reduce(Duration.ZERO, Duration::plus);
        assertTrue(total.compareTo(Duration.ofMinutes(2)) < 0, "the story takes under 2 minutes, took " + total);
    }
}
