package io.tocsin.escalation.admin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.escalation.support.Api;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tocsin.escalation.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A webhook contact method is a URL that notification-service will call: an admin (or a stolen admin token) must not
 * be able to aim it at the service's own network. With the default configuration (no allowlist, as here) every
 * internal, loopback, link-local, multicast or unspecified address is refused at save, in every spelling Java's
 * address parser accepts, and nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class WebhookAddressTest {

    private static final List<String> INTERNAL = List.of(
            "http://127.0.0.1:8081/api/v1/incidents",
            "http://127.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://localhost:5432/",
            "http://LOCALHOST./",
            "http://db.localhost/",
            "http://0.0.0.0:8083/",
            "http://10.1.2.3/hook",
            "http://172.16.0.1/",
            "http://192.168.1.1/",
            "http://100.64.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://224.0.0.1/",
            "http://[::1]:8084/",
            "http://[::]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:a9fe:a9fe]/",
            "http://[fe80::1]/",
            "http://[fd00::1]/",
            "http://[ff02::1]/",
            "https://[64:ff9b::a9fe:a9fe]/");

    @Test
    void internalAddressesAreRefusedAtSaveAndNothingIsStored() {
        long before = TestDatabase.count("select count(*) from responder");
        for (String url : INTERNAL) {
            admin().body(responder(Api.unique("ssrf"), url)).post("/api/v1/responders")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("errors", hasItem(startsWithAddress()));
        }
        admin().body(responder(Api.unique("ssrf"), "http://169.254.169.254/latest/meta-data/")).post("/api/v1/responders")
                .then().statusCode(422).body("errors[0]", containsString("link-local"));
        assertEquals(before, TestDatabase.count("select count(*) from responder"), "nothing stored");
    }

    @Test
    void aPublicWebhookIsAccepted() {
        String id = Api.unique("slack");
        admin().body(responder(id, "https://hooks.slack.test/services/T1")).post("/api/v1/responders")
                .then().statusCode(201).body("contactMethods[0].address", equalTo("https://hooks.slack.test/services/T1"));
        admin().body(responder(id, "http://127.0.0.1:9/")).put("/api/v1/responders/" + id)
                .then().statusCode(422).contentType("application/problem+json");
    }

    private static org.hamcrest.Matcher<String> startsWithAddress() {
        return org.hamcrest.Matchers.startsWith("contactMethods[0].address");
    }

    private static String responder(String id, String url) {
        return """
                {"id":"%s","name":"Mallory","email":"mallory@example.test","timeZone":"UTC","locale":"en",
                 "contactMethods":[{"kind":"WEBHOOK","address":"%s","format":"GENERIC"}]}""".formatted(id, url);
    }
}
