package id.pantau.enforcement.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import id.pantau.enforcement.config.EnforcementConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The enforcement database: a connection pool, migrated with Flyway on open. Vendor-specific migrations
 * (the PostgreSQL append-only trigger) live in {@code db/migration/postgresql} beside the common ones.
 * Every unit of work goes through {@link #inTransaction}, so a state change and its audit entry commit together.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;

    public Database(EnforcementConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.dbUrl());
        hc.setUsername(config.dbUser());
        hc.setPassword(config.dbPassword());
        hc.setMaximumPoolSize(8);
        hc.setPoolName("enforcement-db");
        hc.setAutoCommit(false);
        hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        this.pool = new HikariDataSource(hc);
        // common migrations everywhere; PostgreSQL also gets its own (the append-only trigger on audit_log)
        String[] locations = config.dbUrl().startsWith("jdbc:postgresql:")
                ? new String[]{"classpath:db/migration/common", "classpath:db/migration/postgresql"}
                : new String[]{"classpath:db/migration/common"};
        Flyway flyway = Flyway.configure().dataSource(pool).locations(locations).load();
        int applied = flyway.migrate().migrationsExecuted;
        log.info("enforcement database {} at schema version {} ({} migrations applied now)",
                config.dbUrl().replaceAll(";.*", ""), flyway.info().current().getVersion(), applied);
    }

    public DataSource dataSource() {
        return pool;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: commit on return, rollback on any exception. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
