package id.pantau.enforcement.ticket;

import id.pantau.enforcement.db.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** Writes outbox rows in the caller's transaction; {@link OutboxRelay} publishes them. */
public final class Outbox {
    private Outbox() {
    }

    public static void add(Connection c, String topic, String key, String payload, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (topic, msg_key, payload, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, topic);
            ps.setString(2, key);
            ps.setString(3, payload);
            Sql.setInstant(ps, 4, now);
            ps.executeUpdate();
        }
    }
}
