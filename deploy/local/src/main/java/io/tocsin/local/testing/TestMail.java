package io.tocsin.local.testing;

import io.tocsin.local.demo.Mailbox;

import java.util.List;

/** Reads a recipient's mailbox on the test SMTP server over IMAP: what was really delivered. */
public final class TestMail {

    /** One delivered message, fully read. */
    public record Mail(String subject, List<String> to, String body) {
    }

    private TestMail() {
    }

    public static List<Mail> inbox(String address) {
        return Mailbox.inbox(Integer.parseInt(TestInfrastructure.setting("imap.port")), address).stream()
                .map(m -> new Mail(m.subject(), m.to(), m.body()))
                .toList();
    }
}
