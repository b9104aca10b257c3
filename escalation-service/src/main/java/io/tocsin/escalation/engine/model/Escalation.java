package io.tocsin.escalation.engine.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Escalation state of one incident, keyed by the incident id from incident-service's events, and the engine's
 * durable timers: {@code nextEscalationAt} (the next level) and {@code nextTargetAt} (the response-target clock).
 * A row may exist before its IncidentTriggered (an acknowledge replayed first): then {@code triggered} is false and
 * nothing is paged until the trigger fills in the rest.
 */
@Entity
@Table(name = "escalation")
public class Escalation {

    public enum Status { ACTIVE, ACKNOWLEDGED, RESOLVED }

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String priority;

    @Column(nullable = false)
    public String summary;

    @Column(name = "respond_by")
    public Instant respondBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** occurredAt of the event that set {@link #status}: an older event replayed later does not override it. */
    @Column(name = "status_at")
    public Instant statusAt;

    @Column(name = "triggered_at")
    public Instant triggeredAt;

    @Column(nullable = false)
    public boolean triggered;

    /** JSON list of links from the trigger (kept as text: event data, read whole when paging). */
    @Column(nullable = false)
    public String links;

    @Column(name = "policy_id")
    public UUID policyId;

    @Column(name = "policy_name")
    public String policyName;

    /** 0-based level fired when {@link #nextEscalationAt} is due. */
    @Column(name = "next_level", nullable = false)
    public int nextLevel;

    @Column(nullable = false)
    public int loop;

    @Column(name = "loop_start", nullable = false)
    public int loopStart;

    @Column(name = "last_step")
    public Integer lastStep;

    @Column(name = "last_loop")
    public Integer lastLoop;

    @Column(name = "next_escalation_at")
    public Instant nextEscalationAt;

    /** 0 nothing sent, 1 at risk sent, 2 breached sent. */
    @Column(name = "target_stage", nullable = false)
    public int targetStage;

    @Column(name = "next_target_at")
    public Instant nextTargetAt;

    /** When the response-target clock started (trigger or reopen). */
    @Column(name = "target_start")
    public Instant targetStart;

    @Column(name = "muted_by")
    public String mutedBy;

    @Column(name = "mute_reason")
    public String muteReason;

    /** The war room's bridge (IncidentBridgeChanged); pages link to it. */
    @Column(name = "bridge_url")
    public String bridgeUrl;

    /** The incident's commander (IncidentRoleChanged): response-target clock notices page them first. */
    @Column(name = "commander_id")
    public String commanderId;

    @Column(name = "commander_name")
    public String commanderName;

    /** The commander's e-mail from the event, for a commander who is no responder here. */
    @Column(name = "commander_email")
    public String commanderEmail;

    /** occurredAt of the role event that set the commander: an older one replayed later does not override it. */
    @Column(name = "commander_at")
    public Instant commanderAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean pageable() {
        return status == Status.ACTIVE && triggered && mutedBy == null;
    }
}
