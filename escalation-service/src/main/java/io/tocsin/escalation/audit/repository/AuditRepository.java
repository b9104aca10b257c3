package io.tocsin.escalation.audit.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.audit.model.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The audit log of configuration changes: each is recorded with its actor in the transaction of the change. */
@ApplicationScoped
public class AuditRepository {

    /** Records one change; must run inside the change's transaction. */
    public Uni<Void> record(String actor, String action, String target, String detail) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into audit_log (actor, action, target, detail) values (?1, ?2, ?3, ?4)")
                .setParameter(1, actor).setParameter(2, action).setParameter(3, target).setParameter(4, detail)
                .executeUpdate()).replaceWithVoid();
    }

    /** The latest {@code limit} entries, newest first; inside a session. */
    public Uni<List<AuditEntry>> latest(int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id || chr(31) || (extract(epoch from at) * 1000)::bigint || chr(31) || actor || chr(31) "
                                + "|| action || chr(31) || target || chr(31) || coalesce(detail, '') "
                                + "from audit_log order by id desc limit ?1", String.class)
                .setParameter(1, limit).getResultList())
                .map(rows -> rows.stream().map(row -> {
                    String[] f = row.split("\u001f", 6);
                    return new AuditEntry(Long.parseLong(f[0]), Instant.ofEpochMilli(Long.parseLong(f[1])), f[2], f[3],
                            f[4], f[5].isEmpty() ? null : f[5]);
                }).toList());
    }
}
