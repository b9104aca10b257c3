package io.tocsin.notification.stakeholder.model;

import java.time.Instant;
import java.util.UUID;

/** An open incident whose stakeholder update is due, and whom to remind (the assignee, else the last responder paged). */
public record DueReminder(UUID incidentId, String service, String priority, String summary, int cadenceMinutes,
                          String email, String name, Instant dueAt) {
}
