package io.tocsin.status.postmortem.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An improvement action from a postmortem: who does what by when. */
@Entity
@Table(name = "action_item")
public class ActionItem {

    public enum Status { OPEN, IN_PROGRESS, DONE }

    @Id
    public UUID id;

    @Column(name = "postmortem_id", nullable = false)
    public UUID postmortemId;

    @Column(nullable = false)
    public String title;

    public String owner;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Column(nullable = false)
    public String priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "overdue_notified_at")
    public Instant overdueNotifiedAt;
}
