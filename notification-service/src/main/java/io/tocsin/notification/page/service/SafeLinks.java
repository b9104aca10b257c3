package io.tocsin.notification.page.service;

import io.tocsin.events.Link;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Which of an alert's links may become a link or button in a page: absolute http and https URLs only. Alert links
 * come from whoever can post alerts; {@code javascript:}, {@code data:}, {@code file:} and the like would run or
 * open something in the recipient's mail client or chat, so they are dropped here, whatever the channel.
 */
public final class SafeLinks {

    private SafeLinks() {
    }

    public static List<Link> clickable(List<Link> links) {
        return links == null ? List.of() : links.stream().filter(l -> l != null && isWeb(l.href())).toList();
    }

    static boolean isWeb(String href) {
        if (href == null || href.isBlank() || !href.equals(href.strip())) {
            return false;
        }
        try {
            URI uri = new URI(href);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
