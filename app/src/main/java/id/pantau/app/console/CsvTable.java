package id.pantau.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart's data as CSV (RFC 4180, UTF-8, a header row), written by Jackson's CSV module so quoting of names with
 * commas or quotes is the library's business. Column names are Indonesian, values as in the JSON answer.
 */
final class CsvTable {
    /** quotes a value only when it needs it (a comma, quote or line break), so plain ids and times read as typed */
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    /** as the JSON answers write times (Jackson uses the same): seconds always, fractions when there are any, +07:00 */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final List<String> columns;
    private final List<Map<String, Object>> rows = new java.util.ArrayList<>();

    CsvTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    CsvTable row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalStateException(values.length + " values for " + columns.size() + " columns");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            r.put(columns.get(i), values[i] == null ? "" : values[i] instanceof OffsetDateTime t ? TIME.format(t) : values[i].toString());
        }
        rows.add(r);
        return this;
    }

    byte[] bytes() {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(schema::addColumn);
        try {
            return MAPPER.writer(schema.build()).writeValueAsString(rows).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CSV of " + columns + " not written", e);
        }
    }
}
