package io.tocsin.commons.privacy;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * How other people's addresses are shown: an email keeps its first character and its domain
 * ({@code a***@example.com}), a URL only its scheme and host ({@code https://hooks.slack.com/…}: the path of a Slack
 * or Teams webhook is the credential). Enough to recognise a channel, not enough to use it.
 */
public final class Addresses {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s\"'<>]+");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private Addresses() {
    }

    /** A masked email or URL (anything else is masked entirely). */
    public static String mask(String address) {
        if (address == null || address.isBlank()) {
            return address;
        }
        int at = address.lastIndexOf('@');
        if (!address.contains("://") && at > 0) {
            return address.charAt(0) + "***" + address.substring(at);
        }
        try {
            URI uri = URI.create(address.strip());
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + "/…";
            }
        } catch (IllegalArgumentException ignored) {
            // Not a URL: mask it all.
        }
        return "***";
    }

    /**
     * {@code text} without any URL or email address in it, e.g. a failure reason that goes into an event, a log or a
     * timeline: whoever reads it learns what failed, not where it was sent.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        return EMAIL.matcher(URL.matcher(text).replaceAll(REMOVED)).replaceAll(REMOVED);
    }

    private static final String REMOVED = "[address removed]";
}
