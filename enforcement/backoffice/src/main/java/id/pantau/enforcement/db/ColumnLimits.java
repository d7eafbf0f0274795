package id.pantau.enforcement.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The character limits of a table's text columns, read from the database itself, so a refused record can be
 * explained field by field (PostgreSQL's "value too long for type character varying(200)" names no column).
 */
public final class ColumnLimits {
    private ColumnLimits() {
    }

    /** Column name (lower case) to its maximum length in characters, for VARCHAR-like columns. */
    public static Map<String, Integer> of(Connection c, String table) throws SQLException {
        Map<String, Integer> limits = new LinkedHashMap<>();
        DatabaseMetaData md = c.getMetaData();
        for (String name : new String[]{table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getColumns(null, null, name, null)) {
                while (rs.next()) {
                    String type = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
                    if (type.contains("char")) {
                        limits.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("COLUMN_SIZE"));
                    }
                }
            }
            if (!limits.isEmpty()) {
                break;
            }
        }
        return limits;
    }
}
