package io.tocsin.notification.delivery;

import io.quarkus.mailer.Mail;
import io.tocsin.notification.shared.service.MailHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The one header sanitizer, on every kind of line break and control character alert text can carry. */
class MailHeaderRulesTest {

    @Test
    void everyRunOfLineBreaksAndControlCharactersBecomesOneSpace() {
        for (String lineBreak : List.of("\r\n", "\n", "\r", "\r\n\r\n", "\u0000", "\t", "\u000b", "\u000c", "\u007f",
                "\u0085", "\u2028", "\u2029")) {
            assertEquals("disk full X-Injected: yes", MailHeaders.line("disk full" + lineBreak + "X-Injected: yes"),
                    "with " + lineBreak.chars().mapToObj(c -> String.format("U+%04X", c)).toList());
        }
        assertEquals("Ünïcode stays: 45% ✓", MailHeaders.line("\n Ünïcode stays: 45% ✓ \r\n"));
        assertNull(MailHeaders.line(null));
    }

    @Test
    void aMailLeavesWithEveryHeaderOnOneLine() {
        Mail mail = Mail.withText("bob@example.test\r\nBcc: eve@example.test", "[P1] a\nReply-To: eve@example.test", "body\nstays")
                .addHeader("X-Tocsin-Delivery", "id\r\nX-Injected: yes")
                .addHeader("X-Evil\r\nBcc", "x");
        MailHeaders.sanitize(mail);
        assertEquals("[P1] a Reply-To: eve@example.test", mail.getSubject());
        assertEquals(List.of("bob@example.test Bcc: eve@example.test"), mail.getTo());
        assertEquals(Map.of("X-Tocsin-Delivery", List.of("id X-Injected: yes"), "X-EvilBcc", List.of("x")), mail.getHeaders());
        assertEquals("body\nstays", mail.getText(), "the body is not a header");
        assertNull(mail.getReplyTo(), "no Reply-To appears where none was set");
    }
}
