package io.tocsin.notification.stakeholder.service;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a stakeholder mail shows, already in the reader's language (docs/notifications.md lists these variables). Also
 * kept as JSON on a waiting delivery ({@code facts}), so a burst digest can list the incident without anything else:
 * hence registered for reflection (Jackson in a native image).
 *
 * @param resolved    the incident is over: the mail gives how long it lasted instead of what is next
 * @param incidentPage whether {@code pageUrl} is the incident's own public page (else the status page)
 * @param lasted      "1 h 12 min (2026-11-27 10:02 UTC – 11:14 UTC)", once resolved
 * @param postmortem  "a postmortem follows", when the plan will send its link and it is not published yet
 */
@TemplateData
@RegisterForReflection
public record UpdateView(String language, String subject, String headline, String recipientName, String priority,
                         String service, String summary, String affected, String impact, String tone, String status,
                         String doing, String lead, String nextUpdate, String detail, boolean resolved, String lasted,
                         String pageUrl, boolean incidentPage, String postmortemUrl, String postmortem,
                         String unsubscribeUrl, String incidentId) {
}
