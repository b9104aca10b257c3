package io.tocsin.commons.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import java.util.ArrayList;
import java.util.List;

/**
 * Prepared statements for the hot paths (intake, outbox, consumers), run on the connection of the current Hibernate
 * Reactive session, so they join its transaction. Placeholders are PostgreSQL's ({@code $1}, {@code $2}, …);
 * arguments are bound as they are (UUID, String, Integer, Long, Boolean, OffsetDateTime, arrays of those), and
 * row values come back as the PostgreSQL client reads them.
 *
 * <p>Why not Hibernate's native queries: each one costs a query-plan lookup (whose cache grows with every native
 * SELECT in Hibernate Reactive 3.2, bench/README.md), parameter binding through the type system, and an auto-flush
 * of the session. Here the statement goes straight to the connection (prepared once per connection: the pool caches
 * prepared statements), after the inserts Hibernate has batched so far, so the order of writes is kept. Hibernate
 * never sees these statements: do not hold an entity in the session across a change to its row made here. Admin
 * CRUD stays with Panache.
 */
@ApplicationScoped
public class Sql {

    /** The rows a statement returns (a SELECT, or a write with RETURNING). */
    public Uni<List<Object[]>> select(String sql, Object... arguments) {
        return connection().chain(connection -> Uni.createFrom().completionStage(
                () -> connection.select(sql, arguments))).map(result -> {
                    List<Object[]> rows = new ArrayList<>(result.size());
                    result.forEachRemaining(rows::add);
                    return rows;
                });
    }

    /** Rows changed by one statement. */
    public Uni<Integer> update(String sql, Object... arguments) {
        return connection().chain(connection -> Uni.createFrom().completionStage(
                () -> connection.update(sql, arguments)));
    }

    /** Runs one statement once per set of arguments, in a single round trip; rows changed by each. */
    public Uni<int[]> updateEach(String sql, List<Object[]> arguments) {
        if (arguments.isEmpty()) {
            return Uni.createFrom().item(new int[0]);
        }
        return connection().chain(connection -> Uni.createFrom().completionStage(
                () -> connection.update(sql, arguments)));
    }

    private static Uni<ReactiveConnection> connection() {
        // MutinySessionImpl is Hibernate Reactive's only Mutiny.Session; its connection is the transaction's.
        return Panache.getSession().map(session -> ((MutinySessionImpl) session).getReactiveConnection());
    }
}
