package id.pantau.enforcement.db;

import java.sql.SQLException;

/** A database failure not caused by the caller's input (connection lost, constraint bug): a 5xx, logged. */
public final class DatabaseException extends RuntimeException {
    private final String sqlState;

    public DatabaseException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    /** SQLSTATE 23505 on both PostgreSQL and H2. */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }
}
