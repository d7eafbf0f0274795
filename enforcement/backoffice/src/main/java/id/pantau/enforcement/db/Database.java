package id.pantau.enforcement.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import id.pantau.enforcement.config.EnforcementConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
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
        Path h2File = h2File(config.dbUrl());
        if (h2File != null) {
            createOwnerOnly(h2File);
        }
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
        if (h2File != null) {
            restrictSiblings(h2File);
        }
        log.info("enforcement database {} at schema version {} ({} migrations applied now)",
                config.dbUrl().replaceAll(";.*", ""), flyway.info().current().getVersion(), applied);
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The {@code .mv.db} file of an H2 file URL, or null for other databases (and in-memory H2). */
    static Path h2File(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String base = url.substring("jdbc:h2:file:".length());
        int semi = base.indexOf(';');
        return Path.of((semi < 0 ? base : base.substring(0, semi)) + ".mv.db").toAbsolutePath();
    }

    /**
     * The H2 file holds users' password hashes and plates: like the evidence, it is created readable by the node's
     * user alone (0600), before H2 opens it, so it never exists with wider permissions.
     */
    private static void createOwnerOnly(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file) && posix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
        } catch (FileAlreadyExistsException e) {
            // created by someone else meanwhile; restrictSiblings narrows it
        } catch (IOException e) {
            throw new DatabaseException(new SQLException("cannot create the database file " + file + ": " + e.getMessage(), e));
        }
    }

    /** Narrows the database file and its companions (trace, lock files; an older file) to 0600. */
    private static void restrictSiblings(Path file) {
        if (!posix(file)) {
            return;
        }
        String stem = file.getFileName().toString().replaceFirst("\\.mv\\.db$", "");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(file.getParent(), stem + ".*")) {
            for (Path p : files) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, OWNER_ONLY);
                }
            }
        } catch (IOException e) {
            log.warn("could not restrict the permissions of {}: {}", file, e.getMessage());
        }
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
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
