package io.tocsin.events;

import java.time.LocalDate;

/**
 * An improvement action from a postmortem is past its due date.
 */
public record ActionItemOverdue(
        String actionItemId, String postmortemId, String title, String owner, LocalDate dueDate) implements EventData {
}
