package io.tocsin.incident.classification.model;

import io.tocsin.commons.db.JsonbJdbcType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One ordered rule: when an alert matches every condition set, it gets this priority (and service). */
@Entity
@Table(name = "classification_rule")
public class ClassificationRule {

    @Id
    public UUID id;

    /** Rules are tried in ascending position; the first match wins. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "match_integration")
    public UUID matchIntegration;

    @Column(name = "match_service")
    public String matchService;

    @Column(name = "match_severity")
    public String matchSeverity;

    /** A regular expression found anywhere in the alert's source. */
    @Column(name = "match_source")
    public String matchSource;

    /** A regular expression found anywhere in the alert's summary. */
    @Column(name = "match_summary")
    public String matchSummary;

    /** Label conditions, all of which must hold: [{key, op: equals|regex|exists, value}, …] in jsonb. */
    @JdbcTypeCode(SqlTypes.JSON)
    @JdbcType(JsonbJdbcType.class)
    @Column(name = "match_labels", nullable = false)
    public List<LabelMatch> matchLabels = List.of();

    @Column(name = "set_priority", nullable = false)
    public String setPriority;

    @Column(name = "set_service")
    public String setService;

    /** A match also marks the new incident a personal-data breach, aware from the alert's arrival (GDPR Art. 33). */
    @Column(name = "mark_personal_data_breach", nullable = false)
    public boolean markPersonalDataBreach;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
