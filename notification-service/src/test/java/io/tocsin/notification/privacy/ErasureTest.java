package io.tocsin.notification.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.PersonErased;
import io.tocsin.events.Priority;
import io.tocsin.events.Recipient;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** An erased responder (PersonErased from escalation-service) is no longer reachable or named here. */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class ErasureTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void anErasedRespondersDeliveriesAndLinksAreForgotten() throws Exception {
        String rita = "rita-" + UUID.randomUUID().toString().substring(0, 8);
        String mailbox = Pages.mailbox("rita");
        UUID incident = UUID.randomUUID();
        NotificationRequested request = new NotificationRequested(new Recipient(rita, "Rita Erasmus", mailbox,
                "UTC", "en"), ContactMethod.email(mailbox), "checkout-api", Priority.P1, "error rate 45%",
                Instant.now().plusSeconds(900), List.of(), 1, 0, "on call");
        Pages.publish(mapper, Envelope.of(request, incident, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from delivery where incident_id = ? and state = 'SENT'", incident) == 1);
        assertEquals(2, TestDatabase.count("select count(*) from action_link where recipient_id = ?", rita));

        String erased = mapper.writeValueAsString(Envelope.of(new PersonErased(rita, PersonErased.Kind.RESPONDER),
                null, Instant.now()));
        TestKafka.send(Topics.PERSON_EVENTS, rita, erased);
        TestKafka.send(Topics.PERSON_EVENTS, rita, erased);

        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from delivery where incident_id = ? and recipient like 'erased:%'", incident) == 1);
        assertEquals(0, TestDatabase.count("select count(*) from action_link where recipient_id = ?", rita));
        assertEquals(0, TestDatabase.count("select count(*) from delivery where recipient = ? or recipient_name = ?"
                + " or body_text like ?", mailbox, "Rita Erasmus", "%Rita%"));
        String deliveries = given().header("Authorization", TestTokens.bearer("root", "admin"))
                .queryParam("incident", incident.toString()).get("/api/v1/deliveries").then().statusCode(200)
                .extract().asString();
        assertFalse(deliveries.contains(mailbox) || deliveries.contains("Rita") || deliveries.contains(rita), deliveries);
    }
}
