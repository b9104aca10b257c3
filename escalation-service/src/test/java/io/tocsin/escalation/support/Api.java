package io.tocsin.escalation.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tocsin.events.Envelope;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** What the tests do through the admin API and the broker, as a user or another service would. */
public final class Api {

    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Api() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("root", "admin")).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String user, String... roles) {
        return given().header("Authorization", TestTokens.bearer(user, roles)).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a responder reachable by email (and optionally more JSON for contact methods and rules). */
    public static String responder(String id, String extraJson) {
        admin().body("""
                {"id":"%s","name":"%s","email":"%s@example.test","timeZone":"Europe/Berlin","locale":"de",
                 "contactMethods":[{"kind":"EMAIL","address":"%s@example.test"}]%s}""".formatted(id, id, id, id,
                        extraJson == null ? "" : "," + extraJson))
                .post("/api/v1/responders").then().statusCode(201);
        return id;
    }

    public static String responder(String id) {
        return responder(id, null);
    }

    /** Creates a policy whose levels each page one responder ({@code "RESPONDER:id"} or {@code "SCHEDULE:id"}). */
    public static UUID policy(String name, int repeat, long delaySeconds, String... targets) {
        StringBuilder levels = new StringBuilder();
        for (String target : targets) {
            String[] t = target.split(":", 2);
            if (!levels.isEmpty()) {
                levels.append(',');
            }
            levels.append("{\"targets\":[{\"type\":\"").append(t[0]).append("\",\"id\":\"").append(t[1])
                    .append("\"}],\"delaySeconds\":").append(delaySeconds).append('}');
        }
        String id = admin().body("{\"name\":\"" + name + "\",\"repeat\":" + repeat + ",\"levels\":[" + levels + "]}")
                .post("/api/v1/escalation-policies").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** Adds (service, priority) → policy to the matrix, keeping the other entries. */
    public static void route(String service, String priority, UUID policy) {
        try {
            JsonNode current = MAPPER.readTree(admin().get("/api/v1/escalation-matrix").then().statusCode(200)
                    .extract().asString());
            ArrayNode entries = (ArrayNode) current.get("entries");
            ObjectNode entry = entries.addObject();
            if (service != null) {
                entry.put("service", service);
            } else {
                entry.putNull("service");
            }
            entry.put("priority", priority);
            entry.put("policyId", policy.toString());
            admin().body(MAPPER.writeValueAsString(current)).put("/api/v1/escalation-matrix").then().statusCode(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publish(String topic, Envelope<?> event) {
        try {
            String json = MAPPER.writeValueAsString(event);
            EventSchemaAssert.assertMatchesSchema(json);
            TestKafka.send(topic, event.incidentId() == null ? null : event.incidentId().toString(), json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void incidentEvent(Envelope<?> event) {
        publish(Topics.INCIDENT_EVENTS, event);
    }

    /** Records of {@code type} for {@code incident} on {@code topic}, each validated against its schema. */
    public static List<JsonNode> await(String topic, UUID incident, String type, int expected, Duration timeout,
                                       Predicate<JsonNode> filter) {
        return TestKafka.await(topic, r -> incident.toString().equals(r.key())
                        && type.equals(parse(r).get("type").asText()) && filter.test(parse(r)), expected, timeout)
                .stream().map(Api::parse).toList();
    }

    public static List<JsonNode> pages(UUID incident, int expected) {
        return await(Topics.NOTIFICATION_REQUESTS, incident, "NotificationRequested", expected, Duration.ofSeconds(20),
                n -> true);
    }

    public static List<JsonNode> escalationEvents(UUID incident, String type, int expected) {
        return await(Topics.ESCALATION_EVENTS, incident, type, expected, Duration.ofSeconds(20), n -> true);
    }

    public static JsonNode parse(ConsumerRecord<String, String> record) {
        EventSchemaAssert.assertMatchesSchema(record.value());
        try {
            return MAPPER.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
