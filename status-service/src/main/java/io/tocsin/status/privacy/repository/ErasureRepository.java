package io.tocsin.status.privacy.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rewrites what names a person, across the read model and the postmortems, in the caller's transaction. Who a line
 * names is recorded in {@code timeline_person} (id and the name shown), so only their names are replaced.
 */
@ApplicationScoped
public class ErasureRepository {

    /**
     * The names the person appears under, per incident. Every line of those incidents showing the name is rewritten,
     * including lines from before lines knew whom they name (version 1 notification events carried no id).
     */
    private static final String NAMED = """
            with named as (select distinct e.incident_id, p.name from timeline_person p
                           join timeline_entry e on e.event_id = p.event_id
                           where p.person_id = ?1 and p.name is not null and p.name <> '')
            """;

    /**
     * Replaces the person's names with {@code replacement} in the edited postmortem sections and the timeline lines
     * of every incident that names them, then forgets whom those lines named; the number of lines rewritten.
     */
    public Uni<Integer> replaceNames(String personId, String replacement) {
        return Panache.getSession().chain(session -> session.createNativeQuery(NAMED + """
                                update postmortem pm set
                                    timeline_md = replace(pm.timeline_md, n.name, ?2),
                                    communication_log_md = replace(pm.communication_log_md, n.name, ?2)
                                from named n where pm.incident_id = n.incident_id""")
                        .setParameter(1, personId).setParameter(2, replacement).executeUpdate()
                        .chain(() -> session.createNativeQuery(NAMED + """
                                        update timeline_entry t set detail = replace(t.detail, n.name, ?2),
                                            actor = case when t.actor = n.name then ?2 else t.actor end
                                        from named n
                                        where t.incident_id = n.incident_id
                                          and (strpos(t.detail, n.name) > 0 or t.actor = n.name)""")
                                .setParameter(1, personId).setParameter(2, replacement).executeUpdate())
                        .call(() -> session.createNativeQuery("delete from timeline_person where person_id = ?1")
                                .setParameter(1, personId).executeUpdate()));
    }
}
