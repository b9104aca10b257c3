package io.tocsin.notification.shared.service;

import io.quarkus.mailer.Mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one header sanitizer: every header of every mail goes through {@link #sanitize(Mail)} in {@link SmtpClient}
 * just before it is sent, and the code that builds subjects from alert text uses {@link #line(String)}. Alert text
 * (summaries, service names) is written by monitoring systems, and a line break in a header would either inject
 * headers into mail from Tocsin's own address or make the mail library refuse the mail, losing a page.
 */
public final class MailHeaders {

    /**
     * CR, LF and every other control character (C0, DEL, C1, which includes NEL), plus the Unicode line and
     * paragraph separators: none of them belongs in a header line.
     */
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\u0080-\\u009f\\u2028\\u2029]+");

    /** A header name is printable US-ASCII without the colon (RFC 5322, 2.2). */
    private static final Pattern NOT_IN_NAME = Pattern.compile("[^!-9;-~]");

    private MailHeaders() {
    }

    /** One header-safe line: each run of control characters becomes one space, ends trimmed; null stays null. */
    public static String line(String text) {
        return text == null ? null : BREAKS.matcher(text).replaceAll(" ").trim();
    }

    /** The same mail with every header line made safe: subject, addresses and any extra header, names and values. */
    public static Mail sanitize(Mail mail) {
        mail.setSubject(line(mail.getSubject()));
        mail.setFrom(line(mail.getFrom()));
        mail.setBounceAddress(line(mail.getBounceAddress()));
        mail.setTo(lines(mail.getTo()));
        mail.setCc(lines(mail.getCc()));
        mail.setBcc(lines(mail.getBcc()));
        if (mail.getReplyTo() != null) {
            // Only when set: the mail library writes a null Reply-To as the text "null".
            mail.setReplyTo(line(mail.getReplyTo()));
        }
        if (mail.getHeaders() != null && !mail.getHeaders().isEmpty()) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            mail.getHeaders().forEach((name, values) -> headers.put(NOT_IN_NAME.matcher(name).replaceAll(""), lines(values)));
            mail.setHeaders(headers);
        }
        return mail;
    }

    private static List<String> lines(List<String> values) {
        return values == null ? null : new ArrayList<>(values.stream().map(MailHeaders::line).toList());
    }
}
