package io.tocsin.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's limit for the kind of work intake does: Debian's pgbench running single-row INSERT transactions
 * against the stack's own PostgreSQL (16 clients, 2 threads, TCP), in a scratch database it creates and drops.
 * Intake divided by this figure says how close the services come to what the database alone could do here.
 */
final class PgBench {

    static final String DATABASE = "bench_pgbench";
    static final List<String> COMMIT_SETTINGS = List.of("synchronous_commit", "fsync", "wal_sync_method",
            "commit_delay", "full_page_writes");
    private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+)", Pattern.MULTILINE);

    private final RunningStack stack;
    private final PrintStream out;

    PgBench(RunningStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /**
     * Returns the TPS, or null when pgbench is not installed or failed. {@code throttle} > 0 passes {@code -R} to
     * pgbench (transactions per second): a check of the harness that does not load the machine.
     */
    Double run(int seconds, int throttle) throws Exception {
        Path pgbench = onPath("pgbench");
        if (pgbench == null) {
            out.println("pgbench: not installed (Debian's postgresql-client has it); skipped");
            return null;
        }
        String admin = "jdbc:postgresql://127.0.0.1:" + stack.pgPort() + "/postgres";
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(admin, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE + " with (force)");
            s.execute("create database " + DATABASE);
            try (ResultSet rs = s.executeQuery("select name, setting from pg_settings where name in ('"
                    + String.join("','", COMMIT_SETTINGS) + "')")) {
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        Path script = Files.createTempFile("bench-pgbench", ".sql");
        try {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.pgPort() + "/" + DATABASE,
                    "postgres", "postgres"); Statement s = c.createStatement()) {
                s.execute("create table t (id bigserial primary key, created_at timestamptz not null default now(), "
                        + "payload text not null)");
            }
            Files.writeString(script, "insert into t (payload) values ('bench: checkout error rate 45%');\n");
            List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-n", "-h", "127.0.0.1",
                    "-p", String.valueOf(stack.pgPort()), "-U", "postgres", "-c", "16", "-j", "2",
                    "-T", String.valueOf(seconds), "-f", script.toString()));
            if (throttle > 0) {
                command.addAll(List.of("-R", String.valueOf(throttle)));
            }
            command.add(DATABASE);
            out.printf("pgbench: single-row INSERT transactions, 16 clients, -j 2, TCP to 127.0.0.1:%d, %d s%s%n",
                    stack.pgPort(), seconds, throttle > 0 ? ", throttled to " + throttle + "/s (-R)" : "");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", "postgres");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                out.println("  pgbench failed:\n" + output.indent(4));
                return null;
            }
            Double tps = tps(output);
            if (tps == null) {
                out.println("  no tps in pgbench's output:\n" + output.indent(4));
                return null;
            }
            out.printf("  %.0f transactions/s   (%s)%n", tps, describe(settings));
            return tps;
        } finally {
            Files.deleteIfExists(script);
            try (Connection c = DriverManager.getConnection(admin, "postgres", "postgres"); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + DATABASE + " with (force)");
            } catch (SQLException e) {
                out.println("  could not drop " + DATABASE + ": " + e.getMessage());
            }
        }
    }

    /** pgbench's "tps = 12345.678901 (without initial connection time)" line; null if absent. */
    static Double tps(String output) {
        Matcher m = TPS.matcher(output);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    static String describe(Map<String, String> settings) {
        List<String> parts = new ArrayList<>();
        for (String name : COMMIT_SETTINGS) {
            if (settings.containsKey(name)) {
                parts.add(name + " " + settings.get(name));
            }
        }
        return String.join(", ", parts);
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
