package io.tocsin.commons.db;

/** Tells a database that is away (worth retrying) from a statement it refused (not worth retrying). */
public final class Failures {

    private Failures() {
    }

    /**
     * A refused, reset or closed database connection, or a closed pool, anywhere in the cause chain. The pool is
     * closed while the service stops, possibly under a batch its consumers are still applying: that batch must be
     * tried again (by whoever owns the partition next), never taken for a bad record.
     */
    public static boolean databaseUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                    || (cause instanceof java.io.IOException && String.valueOf(cause.getMessage()).contains("Connection reset"))
                    // Vert.x answers every request to a closed pool with this one message (SimpleConnectionPool).
                    || (cause instanceof io.vertx.core.impl.NoStackTraceThrowable && "Pool closed".equals(cause.getMessage()))) {
                return true;
            }
            // SQLSTATE class 08 (connection exception) and 57P (server shutting down / cannot connect now).
            if (cause instanceof io.vertx.sqlclient.DatabaseException database && database.getSqlState() != null
                    && (database.getSqlState().startsWith("08") || database.getSqlState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
