package io.tocsin.notification.stakeholder.service;

import io.quarkus.qute.TemplateData;

/** What a stakeholder update template shows (docs/notifications.md lists these variables). */
@TemplateData
public record UpdateView(String subject, String headline, String recipientName, String priority, String service,
                         String summary, String detail, String url, String unsubscribeUrl, String incidentId) {
}
