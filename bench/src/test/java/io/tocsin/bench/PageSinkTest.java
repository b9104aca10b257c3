package io.tocsin.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The sink as notification-service's webhook client sees it. */
class PageSinkTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @AfterAll
    static void stopVertx() {
        BenchVertx.close();
    }

    private HttpResponse<Void> page(PageSink sink, String service, String incident, String delivery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(sink.url()))
                .header("Content-Type", "application/json").header("X-Tocsin-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"page\",\"incidentId\":\"" + incident
                        + "\",\"service\":\"" + service + "\",\"step\":1,\"links\":[{\"href\":\"h\"}]}")).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void notificationServicesClientDeliversAPageInOneTryOverHttp11() throws Exception {
        // WebhookClient uses java.net.http with its defaults: HTTP/2 preferred, so a cleartext POST offers an h2c
        // upgrade. A real receiver answers in HTTP/1.1, and so must the sink, or the benchmark measures another path.
        PageSink sink = PageSink.get();
        for (int i = 0; i < 3; i++) {
            HttpResponse<Void> response = page(sink, "svc-a", "a-" + i, "delivery-" + i);
            assertEquals(204, response.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        }
        assertEquals(3, sink.incidentsPaged("svc-a"));
        assertEquals("delivery-1", sink.pages("a-1").get(0).deliveryId());
    }

    @Test
    void eachRunCountsOnlyItsOwnServicesPages() throws Exception {
        PageSink sink = PageSink.get();
        assertSame(sink, PageSink.get(), "one sink for every run of the JVM");
        page(sink, "svc-b", "b-1", "d-1");
        page(sink, "svc-b", "b-1", "d-1"); // the same delivery retried: still one page
        page(sink, "svc-b", "b-2", "d-2");
        page(sink, "svc-b", "b-2", "d-3"); // a second delivery for one incident: paged twice
        page(sink, "an-earlier-run", "old-1", "d-4");

        assertEquals(2, sink.incidentsPaged("svc-b"));
        assertEquals(1, sink.pagedTwice("svc-b"));
        assertEquals(1, sink.incidentsPaged("an-earlier-run"));
        assertEquals(0, sink.pagedTwice("an-earlier-run"));
    }
}
