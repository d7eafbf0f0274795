package id.pantau.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.app.Main;
import id.pantau.app.Pantau;
import id.pantau.app.config.NodeConfigLoader;
import id.pantau.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pantau complaints import} against a real node (enforcement stage, H2) with a real API key: a SiKesal CSV
 * export with good and bad rows, reported row by row; a second run changes nothing; a JSON export; a revoked key.
 * The complaint texts are written for this test.
 */
class ComplaintsImportTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void importsAnExportAndReportsEachRejectedRowWithItsReason() throws Exception {
        Path yaml = dir.resolve("node.yaml");
        Files.writeString(yaml, "http: {port: 0}\ndata_dir: data\nstages: [enforcement]\n");
        AtomicReference<String> oneTime = new AtomicReference<>();
        try (Pantau node = Pantau.start(NodeConfigLoader.load(yaml), oneTime::set)) {
            String admin = admin(node.url(), oneTime.get());
            JsonNode issued = send(node.url() + "api/api-keys", admin, "{\"name\":\"sikesal\"}", 201);
            Path keyFile = dir.resolve("sikesal.key");
            Files.writeString(keyFile, issued.get("secret").asText() + "\n");

            Path csv = dir.resolve("sikesal-2026-11.csv");
            Files.writeString(csv, """
                    external_id,category,text,reported_at,lat,lon,address,area,reporter_contact
                    SKL-2026-1101,lampu_lalu_lintas_mati,"Lampu merah Simpang Kawat mati, kendaraan saling serobot. (teks uji)",2026-11-20T06:40:00+07:00,-1.6140,103.6125,"Simpang Kawat, Jl. Jend. Sudirman",Jambi Selatan,0812-7400-1234
                    SKL-2026-1102,macet,"Macet panjang di Simpang Pulai.
                    Antrean sampai Jl. Sultan Agung. (teks uji)",2026-11-20T07:10:00+07:00,,,"Simpang Pulai, Jl. Sultan Thaha",Pasar Jambi,
                    SKL-2026-1103,banjir,Jalan tergenang di depan Pasar Angso Duo. (teks uji),2026-11-20T08:00:00+07:00,,,Pasar Angso Duo,Pasar Jambi,
                    SKL-2026-1104,jalan_rusak,Lubang besar di Jl. Kol. Abunjani. (teks uji),2026-11-20T09:00:00+07:00,-1.62x,103.6,,Telanaipura,
                    SKL-2026-1105,lampu_jalan,PJU padam sepanjang Jl. Gatot Subroto. (teks uji),2026-11-20T19:30:00+07:00,95.0,103.6,,Kota Baru,
                    """);
            Path report = dir.resolve("laporan-impor.json");
            Run first = run("complaints", "import", csv.toString(), "--url", node.url(), "--api-key-file", keyFile.toString(),
                    "--report", report.toString());
            assertThat(first.status()).as(first.out() + first.err()).isEqualTo(1);
            assertThat(first.out())
                    .contains("row 1 SKL-2026-1101: created")
                    .contains("row 2 SKL-2026-1102: created")
                    .contains("row 3 SKL-2026-1103: rejected - category: category must be one of macet,")
                    .contains("row 4 SKL-2026-1104: rejected - location.lat: location.lat is not a number: '-1.62x'")
                    .contains("row 5 SKL-2026-1105: rejected - location.lat: location.lat must be within -90..90")
                    .contains("5 rows: {created=2, rejected=3}");
            JsonNode written = Json.mapper().readTree(report.toFile());
            assertThat(written).hasSize(5);
            assertThat(written.get(2).get("external_id").asText()).isEqualTo("SKL-2026-1103");
            assertThat(written.get(2).get("outcome").asText()).isEqualTo("rejected");
            assertThat(written.get(2).get("field").asText()).isEqualTo("category");
            assertThat(written.get(2).get("reason").asText()).contains("'banjir'");
            JsonNode stored = get(node.url() + "api/complaints?limit=500", admin).get("items");
            assertThat(stored).hasSize(2);
            JsonNode pulai = stored.findParents("external_id").stream()
                    .filter(n -> n.get("external_id").asText().equals("SKL-2026-1102")).findFirst().orElseThrow();
            assertThat(pulai.get("text").asText()).contains("Simpang Pulai.\nAntrean");
            assertThat(pulai.get("location").get("lat").isNull()).isTrue();

            // again: nothing new, nothing duplicated
            Run again = run("complaints", "import", csv.toString(), "--url", node.url(), "--api-key-file", keyFile.toString());
            assertThat(again.out()).contains("row 1 SKL-2026-1101: unchanged").contains("{rejected=3, unchanged=2}");
            assertThat(get(node.url() + "api/complaints?limit=500", admin).get("items")).hasSize(2);

            Path json = dir.resolve("sikesal.json");
            Files.writeString(json, """
                    {"items": [{"external_id": "SKL-2026-1101", "category": "macet", "text": "Setelah lampu mati, Simpang Kawat macet. (teks uji)",
                                "reported_at": "2026-11-20T06:40:00+07:00", "location": {"lat": -1.6140, "lon": 103.6125}},
                               {"external_id": "SKL-2026-1106", "category": "lainnya", "text": "Trotoar dipakai parkir. (teks uji)",
                                "reported_at": "2026-11-21T10:00:00+07:00", "location": {"address": "Jl. Hayam Wuruk"}, "pelapor": "x"}]}
                    """);
            Run fromJson = run("complaints", "import", json.toString(), "--url", node.url(), "--api-key-file", keyFile.toString());
            assertThat(fromJson.out()).contains("row 1 SKL-2026-1101: updated")
                    .contains("row 2 SKL-2026-1106: rejected - unknown field 'pelapor'");

            send(node.url() + "api/api-keys/" + issued.get("key").get("id").asLong() + "/revoke", admin, null, 200);
            Run revoked = run("complaints", "import", csv.toString(), "--url", node.url(), "--api-key-file", keyFile.toString());
            assertThat(revoked.status()).isEqualTo(2);
            assertThat(revoked.out()).contains("row 1 SKL-2026-1101: error - HTTP 401").contains("revoked");
        }
        Run noKey = run("complaints", "import", dir.resolve("missing.csv").toString(), "--api-key-file",
                dir.resolve("sikesal.key").toString());
        assertThat(noKey.status()).isEqualTo(2);
        assertThat(noKey.err()).contains("no such file");
    }

    private String admin(String url, String oneTime) throws Exception {
        String first = send(url + "api/auth/login", null, "{\"username\":\"admin\",\"password\":\"" + oneTime + "\"}", 200)
                .get("token").asText();
        HttpResponse<String> changed = http.send(HttpRequest.newBuilder(URI.create(url + "api/auth/password"))
                .header("content-type", "application/json").header("authorization", "Bearer " + first)
                .POST(HttpRequest.BodyPublishers.ofString("{\"current_password\":\"" + oneTime
                        + "\",\"new_password\":\"sandi-admin-uji-123\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).isEqualTo(204);
        return send(url + "api/auth/login", null, "{\"username\":\"admin\",\"password\":\"sandi-admin-uji-123\"}", 200)
                .get("token").asText();
    }

    private JsonNode send(String url, String token, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.mapper().readTree(r.body());
    }

    private JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }
}
