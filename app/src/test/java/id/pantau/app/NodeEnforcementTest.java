package id.pantau.app;

import id.pantau.app.config.NodeConfigLoader;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A node running only the enforcement stage: the back office mounted under /api, with the OpenAPI document public. */
class NodeEnforcementTest {
    @TempDir
    Path dir;

    @Test
    void mountsTheEnforcementApiBehindAuthenticationAndServesOpenApiPublicly() throws Exception {
        Path yaml = dir.resolve("node.yaml");
        Files.writeString(yaml, """
                http: {port: 0}
                data_dir: data
                stages: [enforcement]
                """);
        AtomicReference<String> oneTimePassword = new AtomicReference<>();
        try (Pantau node = Pantau.start(NodeConfigLoader.load(yaml), oneTimePassword::set)) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, node.url() + "openapi", null).statusCode()).isEqualTo(200);
            assertThat(get(http, node.url() + "api/violations", null).statusCode()).isEqualTo(401);

            assertThat(oneTimePassword.get()).isNotBlank();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(node.url() + "api/auth/login"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
                            .put("password", oneTimePassword.get()).encode())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            String token = new JsonObject(login.body()).getString("token");
            // the admin must change the one-time password before anything else; police-only paths stay closed
            assertThat(get(http, node.url() + "api/violations", token).statusCode()).isEqualTo(403);
            assertThat(dir.resolve("data/keys/evidence-ed25519.pem")).exists();
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
