package io.tocsin.incident.lifecycle;

import io.tocsin.incident.lifecycle.model.TimelineChain;
import io.tocsin.local.testing.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database from before the war room: its timeline entries get sequence numbers in the order they were written and
 * are chained by the migration exactly as incident-service chains new ones.
 */
class TimelineMigrationTest {

    @Test
    void entriesWrittenBeforeTheChainAreNumberedAndChainedByTheMigration() throws Exception {
        String port = TestInfrastructure.setting("pg.port");
        String database = "chain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/tocsin",
                "postgres", "postgres"); Statement s = admin.createStatement()) {
            s.execute("create database " + database);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        Supplier<FluentConfiguration> flyway = () -> Flyway.configure().dataSource(url, "postgres", "postgres")
                .locations("classpath:db/commons", "classpath:db/migration");
        flyway.get().target("2").load().migrate();

        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-01T08:00:00.654321Z");
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            for (UUID id : List.of(first, second)) {
                try (PreparedStatement p = c.prepareStatement("""
                        insert into incident (id, dedup_key, service, priority, severity, summary, status, respond_by,
                                              created_at, last_seen_at)
                        values (?, ?, 'checkout-api', 'P1', 'critical', 'old incident', 'TRIGGERED', ?, ?, ?)""")) {
                    Timestamp at = Timestamp.from(t0);
                    p.setObject(1, id);
                    p.setString(2, id.toString());
                    p.setTimestamp(3, at);
                    p.setTimestamp(4, at);
                    p.setTimestamp(5, at);
                    p.execute();
                }
            }
            // Interleaved, as the old service wrote them; one detail null, one beyond ASCII.
            String[][] rows = {{"first", "triggered", "P1 old incident"}, {"second", "triggered", null},
                    {"first", "note", "Straße gesperrt — 🚧"}, {"second", "acknowledged", null}, {"first", "resolved", "fixed"}};
            for (int i = 0; i < rows.length; i++) {
                try (PreparedStatement p = c.prepareStatement(
                        "insert into timeline_entry (incident_id, at, kind, actor, detail) values (?, ?, ?, 'user:alice', ?)")) {
                    p.setObject(1, rows[i][0].equals("first") ? first : second);
                    p.setTimestamp(2, Timestamp.from(t0.plusSeconds(i)));
                    p.setString(3, rows[i][1]);
                    p.setString(4, rows[i][2]);
                    p.execute();
                }
            }
        }

        flyway.get().load().migrate();

        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            List<TimelineChain.Link> chain = links(c, first);
            assertEquals(List.of(1L, 2L, 3L), chain.stream().map(TimelineChain.Link::seq).toList());
            assertNull(chain.get(0).previousHash());
            assertEquals(chain.get(0).hash(), chain.get(1).previousHash());
            String content = TimelineChain.contentHash(first, 2, t0.plusSeconds(2), "note", "user:alice",
                    "Straße gesperrt — 🚧");
            assertEquals(content, chain.get(1).contentHash(), "the database hashes as the service does");
            assertEquals(TimelineChain.link(chain.get(0).hash(), content), chain.get(1).hash());
            for (UUID id : List.of(first, second)) {
                List<TimelineChain.Link> links = links(c, id);
                try (PreparedStatement p = c.prepareStatement("select timeline_seq, timeline_head from incident where id = ?")) {
                    p.setObject(1, id);
                    try (ResultSet r = p.executeQuery()) {
                        assertTrue(r.next());
                        TimelineChain.Verification v = TimelineChain.verify(id, links, r.getLong(1), r.getString(2));
                        assertTrue(v.intact(), v.toString());
                    }
                }
            }
        }
    }

    private static List<TimelineChain.Link> links(Connection c, UUID incident) throws Exception {
        List<TimelineChain.Link> links = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "select seq, at, kind, actor, detail, previous_hash, content_hash, hash from timeline_entry "
                        + "where incident_id = ? order by seq")) {
            p.setObject(1, incident);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    links.add(new TimelineChain.Link(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8), false));
                }
            }
        }
        return links;
    }
}
