package io.tocsin.incident.classification.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One label condition of a classification rule, as an admin wrote it: {@code op} is equals, regex or exists;
 * {@code value} is absent for exists. Stored in the rule's jsonb column and shown as is in the admin API.
 */
@RegisterForReflection
public record LabelMatch(String key, String op, String value) {
}
