package io.tocsin.notification.delivery.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Delivery records as the API lists them. */
@ApplicationScoped
public class DeliveryService {

    private final DeliveryRepository deliveries;

    public DeliveryService(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    /** An incident's deliveries, oldest first. */
    @WithSession
    public Uni<List<Delivery>> byIncident(UUID incidentId) {
        return deliveries.byIncident(incidentId);
    }
}
