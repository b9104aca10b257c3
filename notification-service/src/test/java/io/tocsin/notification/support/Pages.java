package io.tocsin.notification.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.Link;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.Priority;
import io.tocsin.events.Recipient;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestInfrastructure;
import io.tocsin.local.testing.TestKafka;
import jakarta.mail.Folder;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** Builds and publishes page requests the way escalation-service does, and reads mail headers over IMAP. */
public final class Pages {

    private Pages() {
    }

    /** A unique mailbox per test, so tests never see each other's mail. */
    public static String mailbox(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    public static NotificationRequested page(String email, String locale, Priority priority, String service,
                                             String summary, Duration timeLeft, int step) {
        return new NotificationRequested(
                new Recipient("bob", "Bob Builder", email, "Europe/Berlin", locale),
                ContactMethod.email(email), service, priority, summary, Instant.now().plus(timeLeft),
                List.of(new Link("https://runbooks.example.test/checkout", "Runbook"),
                        new Link("https://grafana.example.test/d/42", "Dashboard")),
                step, 0, "on call for " + service);
    }

    /** Publishes the request on the real broker after validating it against its schema; returns the JSON sent. */
    public static String publish(ObjectMapper mapper, Envelope<NotificationRequested> event) throws Exception {
        String json = mapper.writeValueAsString(event);
        EventSchemaAssert.assertMatchesSchema(json);
        TestKafka.send(Topics.NOTIFICATION_REQUESTS, event.incidentId().toString(), json);
        return json;
    }

    /** The Message-ID headers of every mail in a mailbox, read over IMAP. */
    public static List<String> messageIds(String address) {
        return headers(address).stream().map(h -> h.getOrDefault("Message-ID", List.of()).stream().findFirst().orElse(null))
                .toList();
    }

    /** Every header of every mail in a mailbox (name → values, in order), read over IMAP as a mail client sees it. */
    public static List<Map<String, List<String>>> headers(String address) {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", TestInfrastructure.setting("imap.port"));
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect(address, address);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Map<String, List<String>>> all = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    Map<String, List<String>> headers = new LinkedHashMap<>();
                    for (Header header : java.util.Collections.list(message.getAllHeaders())) {
                        headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
                    }
                    all.add(headers);
                }
                inbox.close(false);
                return all;
            } finally {
                store.close();
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
