package io.tocsin.incident.intake.service.format;

import java.util.Locale;
import java.util.regex.Pattern;

/** Service slugs from labels written by people ("Checkout API" → "checkout-api"); null when nothing usable. */
final class Slugs {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Slugs() {
    }

    static String of(String label) {
        if (label == null) {
            return null;
        }
        String slug = label.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 63) {
            slug = slug.substring(0, 63).replaceAll("-+$", "");
        }
        return SLUG.matcher(slug).matches() ? slug : null;
    }
}
