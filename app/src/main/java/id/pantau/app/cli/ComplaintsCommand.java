package id.pantau.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.pantau.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code pantau complaints import FILE}: sends a SiKesal export (CSV or JSON) to a node's complaint API, one
 * complaint per request, and reports each row: created, updated, unchanged, or rejected with the field and reason the
 * node gave. It goes through the API (not the database) so an import is checked, linked, audited and published
 * exactly like live intake, and works while the node runs.
 */
@Command(name = "complaints", description = "Work with SiKesal citizen complaints.",
        subcommands = {ComplaintsCommand.Import.class})
public final class ComplaintsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    @Command(name = "import", description = {
            "Send a SiKesal export to a node: FILE is CSV (header row; columns " + Import.CSV_COLUMNS_TEXT + ") or JSON "
                    + "(an array of complaint objects as POST /api/complaints takes them, or {\"items\": [...]}).",
            "Each row is reported: created, updated, unchanged or rejected with the reason; the same external_id "
                    + "again updates its complaint, so an import can be run again.",
            "The API key is read from --api-key-file or the PANTAU_API_KEY environment variable.",
            "Exit status: 0 every row accepted, 1 some rows rejected, 2 the file or the node could not be used."})
    public static final class Import implements Callable<Integer> {
        static final List<String> CSV_COLUMNS = List.of("external_id", "category", "text", "reported_at", "lat", "lon",
                "address", "area", "reporter_contact", "photo");
        static final String CSV_COLUMNS_TEXT =
                "external_id, category, text, reported_at, lat, lon, address, area, reporter_contact, photo";

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The export: *.csv or *.json.")
        Path file;

        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
                description = "The node (default ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding the integration API key "
                + "(pk_...); default: the PANTAU_API_KEY environment variable.")
        Path apiKeyFile;

        @Option(names = "--format", paramLabel = "csv|json", description = "The file's format (default: from its name).")
        String format;

        @Option(names = "--report", paramLabel = "FILE", description = "Also write the row report as JSON: "
                + "[{row, external_id, outcome, field, reason}], e.g. to send back to SiKesal.")
        Path report;

        /** One row's fate, as printed (and written with --report). */
        record RowReport(int row, @com.fasterxml.jackson.annotation.JsonProperty("external_id") String externalId,
                         String outcome, String field, String reason) {
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String key = apiKey();
            if (key == null) {
                err.println("no API key: give --api-key-file FILE or set PANTAU_API_KEY (an admin creates one at POST /api/api-keys)");
                return 2;
            }
            if (!Files.isRegularFile(file)) {
                err.println("no such file: " + file);
                return 2;
            }
            List<ObjectNode> rows;
            List<RowReport> reports = new ArrayList<>();
            try {
                rows = isCsv() ? readCsv(reports) : readJson();
            } catch (IOException | IllegalArgumentException e) {
                err.println("cannot read " + file + ": " + e.getMessage());
                return 2;
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI endpoint = url.resolve("/api/complaints");
            for (int i = 0; i < rows.size(); i++) {
                ObjectNode row = rows.get(i);
                if (row == null) {
                    continue; // refused while reading; already reported
                }
                reports.add(send(http, endpoint, key, i + 1, row));
                if (reports.getLast().outcome().equals("error")) {
                    break;
                }
            }
            reports.sort(java.util.Comparator.comparingInt(RowReport::row));
            int rejected = 0;
            for (RowReport r : reports) {
                out.println("row " + r.row() + " " + (r.externalId() == null ? "(no external_id)" : r.externalId()) + ": "
                        + r.outcome() + (r.reason() == null ? "" : " - " + (r.field() == null ? "" : r.field() + ": ")
                        + r.reason()));
                if (!Set.of("created", "updated", "unchanged").contains(r.outcome())) {
                    rejected++;
                }
            }
            Map<String, Long> byOutcome = new java.util.TreeMap<>(reports.stream().collect(
                    java.util.stream.Collectors.groupingBy(RowReport::outcome, java.util.stream.Collectors.counting())));
            out.println(rows.size() + " rows: " + byOutcome);
            out.flush();
            if (report != null) {
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(report.toFile(), reports);
            }
            if (reports.stream().anyMatch(r -> r.outcome().equals("error"))) {
                return 2;
            }
            return rejected == 0 ? 0 : 1;
        }

        private RowReport send(HttpClient http, URI endpoint, String key, int row, ObjectNode body) {
            String id = body.path("external_id").isTextual() ? body.get("external_id").asText() : null;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                        .header("content-type", "application/json").header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode answer = parse(r.body());
                if (r.statusCode() == 200 || r.statusCode() == 201) {
                    return new RowReport(row, id, answer.path("outcome").asText("created"), null, null);
                }
                String message = answer.path("message").asText(r.body());
                if (r.statusCode() == 400) {
                    return new RowReport(row, id, "rejected", answer.path("field").isTextual()
                            ? answer.get("field").asText() : null, message);
                }
                // 401/403/5xx: the rest would fail alike; stop here and say why
                return new RowReport(row, id, "error", null, "HTTP " + r.statusCode() + ": " + message);
            } catch (IOException e) {
                return new RowReport(row, id, "error", null, "node at " + url + " not reachable: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RowReport(row, id, "error", null, "interrupted");
            }
        }

        private static JsonNode parse(String body) {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                return Json.mapper().createObjectNode();
            }
        }

        private boolean isCsv() {
            if (format != null) {
                return format.equalsIgnoreCase("csv");
            }
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        }

        private List<ObjectNode> readJson() throws IOException {
            JsonNode root = Json.mapper().readTree(file.toFile());
            JsonNode items = root != null && root.isObject() && root.has("items") ? root.get("items") : root;
            if (items == null || !items.isArray()) {
                throw new IllegalArgumentException("expected a JSON array of complaints or {\"items\": [...]}");
            }
            List<ObjectNode> out = new ArrayList<>();
            for (JsonNode n : items) {
                out.add(n.isObject() ? (ObjectNode) n : Json.mapper().createObjectNode().put("_not_an_object", n.toString()));
            }
            return out;
        }

        /**
         * CSV rows as API bodies: lat, lon and address become {@code location}; empty cells are absent. A row whose
         * coordinates are not numbers is refused here (reported, null in the list), as the API would.
         */
        private List<ObjectNode> readCsv(List<RowReport> reports) throws IOException {
            CsvMapper csv = new CsvMapper();
            csv.enable(CsvParser.Feature.TRIM_SPACES);
            List<ObjectNode> out = new ArrayList<>();
            try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
                List<String> header = null;
                int row = 0;
                while (it.hasNextValue()) {
                    Map<String, String> cells = it.nextValue();
                    row++;
                    if (header == null) {
                        header = ((CsvSchema) it.getParserSchema()).getColumnNames();
                        List<String> unknown = header.stream().filter(h -> !CSV_COLUMNS.contains(h)).toList();
                        if (!unknown.isEmpty()) {
                            throw new IllegalArgumentException("unknown column(s) " + unknown + "; the columns are "
                                    + CSV_COLUMNS_TEXT);
                        }
                    }
                    ObjectNode body = Json.mapper().createObjectNode();
                    ObjectNode location = Json.mapper().createObjectNode();
                    String bad = null;
                    for (Map.Entry<String, String> c : cells.entrySet()) {
                        String v = c.getValue();
                        if (v == null || v.isBlank()) {
                            continue;
                        }
                        switch (c.getKey()) {
                            case "lat", "lon" -> {
                                try {
                                    location.put(c.getKey(), Double.parseDouble(v.replace(',', '.')));
                                } catch (NumberFormatException e) {
                                    bad = c.getKey();
                                }
                            }
                            case "address" -> location.put("address", v);
                            default -> body.put(c.getKey(), v);
                        }
                    }
                    if (!location.isEmpty()) {
                        body.set("location", location);
                    }
                    if (bad != null) {
                        reports.add(new RowReport(row, body.path("external_id").asText(null), "rejected",
                                "location." + bad, "location." + bad + " is not a number: '" + cells.get(bad) + "'"));
                        out.add(null);
                    } else {
                        out.add(body);
                    }
                }
            }
            return out;
        }

        private String apiKey() throws IOException {
            if (apiKeyFile != null) {
                return Files.readString(apiKeyFile).strip();
            }
            String env = System.getenv("PANTAU_API_KEY");
            return env == null || env.isBlank() ? null : env.strip();
        }
    }
}
