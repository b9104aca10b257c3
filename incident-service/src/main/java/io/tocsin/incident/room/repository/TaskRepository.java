package io.tocsin.incident.room.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.room.model.Task;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The room's tasks, oldest first. */
@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<Task, UUID> {

    public Uni<List<Task>> forIncident(UUID incidentId, boolean openOnly) {
        return openOnly
                ? list("incidentId = ?1 and status = ?2 order by createdAt, id", incidentId, Task.Status.OPEN)
                : list("incidentId = ?1 order by createdAt, id", incidentId);
    }
}
