package io.tocsin.notification.page.service;

import io.quarkus.qute.TemplateData;
import io.tocsin.events.Link;

import java.util.List;

/** Everything a page template shows (docs/notifications.md lists these as the template variables). */
@TemplateData
public record PageView(String subject, String recipientName, String priority, String service, String summary,
                       String timeLeft, String respondBy, List<Link> links, int step, int loop, int round, String reason,
                       String acknowledgeUrl, String resolveUrl, String incidentId) {
}
