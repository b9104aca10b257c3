package io.tocsin.notification.clock.service;

import io.quarkus.qute.TemplateData;

/**
 * What a clock mail shows (docs/notifications.md lists these variables): the response-target notice to stakeholders
 * and the GDPR clock's reminder to the data-protection group.
 */
@TemplateData
public record ClockView(String subject, String headline, String recipientName, String priority, String service,
                        String summary, String detail, String deadline, String commander, String unsubscribeUrl,
                        String incidentId) {
}
