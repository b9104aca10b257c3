package io.tocsin.incident.lifecycle.service;

import io.smallrye.mutiny.Uni;
import io.tocsin.events.Actor;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.repository.TimelineRepository;

import java.time.Instant;

/**
 * What opening an incident does when its classification rule marks it a personal-data breach. The breach feature
 * implements it: breaches build on incidents (they lock them and write their timeline), so the lifecycle names what
 * it needs here instead of depending on breaches.
 */
public interface BreachMarking {

    /**
     * The rule marked the new {@code incident}, whose timeline ends at {@code head}: the organisation is aware since
     * the alert arrived ({@code now}). Writes the timeline line, the breach record and its event inside the opening
     * transaction.
     */
    Uni<Void> markedByRule(Incident incident, TimelineRepository.Head head, IncidentService.NewIncident facts, Actor actor,
                           Instant now);
}
