package io.tocsin.status.page.rest;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Time formats for the public templates: UTC, unambiguous for readers anywhere. */
@TemplateExtension
public class TimeFormats {

    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private TimeFormats() {
    }

    /** "27 Nov 2026, 10:00 UTC". */
    static String human(Instant instant) {
        return instant == null ? "" : HUMAN.format(instant);
    }

    /** RFC 3339 for datetime attributes and Atom. */
    static String iso(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
