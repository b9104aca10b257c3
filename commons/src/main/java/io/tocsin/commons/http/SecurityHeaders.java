package io.tocsin.commons.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Browser hardening for every response of every service, in one place: {@code nosniff} everywhere, and on HTML
 * pages (status page, incident pages, one-tap and unsubscribe pages, the metrics page) a Content-Security-Policy
 * that allows no script at all, styles only from the service's own static files, no framing, and no referrer
 * (one-tap and unsubscribe URLs carry tokens). Pages must therefore keep their CSS in static files, without inline
 * {@code <style>} or {@code style=""}. A page that must run a script (incident-service's room, for its live stream)
 * sets its own, equally strict policy with a per-response nonce, and that policy is kept.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** The policy of every HTML page. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, 100);
    }

    private void addHeaders(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            String type = headers.get("Content-Type");
            if (type != null && type.regionMatches(true, 0, "text/html", 0, "text/html".length())) {
                // A page that needs more (the incident room's one script, by nonce) sets its own policy; it is kept.
                if (!headers.contains("Content-Security-Policy")) {
                    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                }
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "no-referrer");
            }
        });
        context.next();
    }
}
