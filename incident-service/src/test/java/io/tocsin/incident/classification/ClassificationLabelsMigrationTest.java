package io.tocsin.incident.classification;

import io.tocsin.local.testing.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A database from before the label conditions were jsonb: the rules an admin wrote keep their conditions exactly, in
 * order, now the same array as typed jsonb, and a rule written without conditions still gets none.
 */
class ClassificationLabelsMigrationTest {

    private static final String WRITTEN = "[{\"key\": \"env\", \"op\": \"equals\", \"value\": \"prod_%\"}, "
            + "{\"key\": \"team\", \"op\": \"exists\", \"value\": null}, "
            + "{\"key\": \"owner\", \"op\": \"regex\", \"value\": \"Jürgen \\\"ops\\\"|.*-sre\"}]";

    @Test
    void labelConditionsWrittenAsTextAreKeptAsJsonb() throws Exception {
        String port = TestInfrastructure.setting("pg.port");
        String database = "labels_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/tocsin",
                "postgres", "postgres"); Statement s = admin.createStatement()) {
            s.execute("create database " + database);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        Supplier<FluentConfiguration> flyway = () -> Flyway.configure().dataSource(url, "postgres", "postgres")
                .locations("classpath:db/commons", "classpath:db/migration");
        flyway.get().target("7").load().migrate();

        UUID written = UUID.randomUUID();
        UUID empty = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            try (PreparedStatement p = c.prepareStatement("insert into classification_rule (id, position, name, "
                    + "match_labels, set_priority) values (?, 1, 'written', ?, 'P1')")) {
                p.setObject(1, written);
                p.setString(2, WRITTEN);
                p.execute();
            }
        }

        flyway.get().load().migrate();

        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            try (PreparedStatement p = c.prepareStatement("insert into classification_rule (id, position, name, "
                    + "set_priority) values (?, 2, 'no conditions', 'P2')")) {
                p.setObject(1, empty);
                p.execute();
            }
            assertEquals("jsonb", text(c, "select data_type from information_schema.columns "
                    + "where table_name = 'classification_rule' and column_name = 'match_labels'", null));
            assertEquals("true", text(c, "select (match_labels = ?::jsonb)::text from classification_rule "
                    + "where id = '" + written + "'", WRITTEN), "the conditions are kept exactly, in order");
            assertEquals("array", text(c, "select jsonb_typeof(match_labels) from classification_rule where id = '"
                    + written + "'", null));
            assertEquals("[]", text(c, "select match_labels::text from classification_rule where id = '"
                    + empty + "'", null));
        }
    }

    private static String text(Connection c, String sql, String parameter) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            if (parameter != null) {
                p.setString(1, parameter);
            }
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
