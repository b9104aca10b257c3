package io.tocsin.notification.stakeholder.repository;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.events.ComponentChanged;
import io.tocsin.events.Envelope;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the status page calls each service, from status-service's ComponentChanged events (table status_component).
 * Those events have no key, so they may arrive in any order: a change older than the one stored is ignored. The
 * table's trigger moves config_version, so the audience snapshot picks the names up.
 */
@ApplicationScoped
public class StatusComponentRepository {

    private final Sql sql;

    public StatusComponentRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<Void> changed(Envelope<ComponentChanged> event) {
        ComponentChanged c = event.data();
        return sql.update("""
                        insert into status_component (component_id, service, name, removed, changed_at)
                        values ($1, $2, $3, $4, $5)
                        on conflict (component_id) do update set service = excluded.service, name = excluded.name,
                            removed = excluded.removed, changed_at = excluded.changed_at
                        where status_component.changed_at < excluded.changed_at""",
                UUID.fromString(c.componentId()), c.service(), c.name(), c.removed(),
                event.occurredAt().atOffset(ZoneOffset.UTC))
                .replaceWithVoid();
    }

    /** The names of every service's components that the page still shows, by service, in name order. */
    public Uni<Map<String, List<String>>> namesByService() {
        return sql.select("""
                select service, name from status_component where not removed
                order by name""").map(rows -> {
            Map<String, List<String>> components = new HashMap<>();
            rows.forEach(r -> components.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]));
            return components;
        });
    }
}
