package id.pantau.enforcement.db;

import java.sql.SQLException;

/** A database failure not caused by the caller's input (connection lost, constraint bug): a 5xx, logged. */
public final class DatabaseException extends RuntimeException {
    private final String sqlState;

    public DatabaseException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    /**
     * The database refused this record itself, and will refuse it again however often it is retried: a data
     * exception (SQLSTATE class 22: a value too long for its column, out of range) or an integrity violation other
     * than a duplicate key (class 23). A lost connection (08), a deadlock (40) or a full disk are worth retrying.
     */
    public boolean isRecordRefused() {
        return sqlState != null && (sqlState.startsWith("22") || (sqlState.startsWith("23") && !isUniqueViolation()));
    }

    public String sqlState() {
        return sqlState;
    }

    /** SQLSTATE 23505 on both PostgreSQL and H2. */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }
}
