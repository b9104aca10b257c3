package io.tocsin.incident;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.LocalCa;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS with the local stack's CA, as a PagerDuty client library (always https) would post: a client that trusts
 * only that CA gets its 202 over TLS 1.3; a client offering only TLS 1.2 and a client trusting only the JDK's public
 * authorities are refused in the handshake.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
@TestProfile(TlsTest.WithCertificate.class)
class TlsTest {

    /** The "tls" profile with a certificate from deploy/local's CA, as `tocsin up` starts incident-service. */
    public static class WithCertificate implements QuarkusTestProfile {

        static LocalCa.Material material() {
            try {
                return LocalCa.loadOrCreate(Path.of("target", "tls-test-ca"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String getConfigProfile() {
            return "test,tls";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            LocalCa.Material ca = material();
            return Map.of("TOCSIN_TLS_KEYSTORE", ca.serverKeyStore().toAbsolutePath().toString(),
                    "TOCSIN_TLS_KEYSTORE_PASSWORD", ca.password());
        }
    }

    @TestHTTPResource(value = "/v2/enqueue", tls = true)
    URL https;

    @Test
    void aClientTrustingOnlyTheLocalCaPostsOverTls13() throws Exception {
        assertEquals("https", https.getProtocol());
        String key = Integrations.create("pagerduty").key();
        HttpClient client = HttpClient.newBuilder().sslContext(WithCertificate.material().trustingOnlyThisCa())
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> answer = client.send(enqueue(key), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
        assertEquals("TLSv1.3", answer.sslSession().orElseThrow().getProtocol());
        assertTrue(answer.body().contains("\"status\":\"success\""), answer.body());
    }

    @Test
    void tls12IsRefused() {
        SSLParameters onlyTls12 = new SSLParameters();
        onlyTls12.setProtocols(new String[] {"TLSv1.2"});
        HttpClient client = HttpClient.newBuilder().sslContext(WithCertificate.material().trustingOnlyThisCa())
                .sslParameters(onlyTls12).connectTimeout(Duration.ofSeconds(5)).build();
        assertHandshakeRefused(client);
    }

    @Test
    void aClientThatDoesNotTrustTheLocalCaIsRefused() {
        assertHandshakeRefused(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private void assertHandshakeRefused(HttpClient client) {
        IOException failure = assertThrows(IOException.class, () -> client.send(enqueue("any"),
                HttpResponse.BodyHandlers.ofString()));
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SSLException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, "a TLS handshake failure, not: " + failure);
    }

    @Test
    void theCaIsAFileAClientCanBeGiven() throws Exception {
        String pem = Files.readString(WithCertificate.material().caPem());
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
    }

    private HttpRequest enqueue(String key) throws Exception {
        return HttpRequest.newBuilder(URI.create(https.toString())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\","
                        + "\"payload\":{\"summary\":\"TLS check\",\"source\":\"db-1\",\"severity\":\"error\"}}"))
                .build();
    }
}
