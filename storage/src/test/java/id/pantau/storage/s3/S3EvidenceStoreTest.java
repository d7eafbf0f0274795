package id.pantau.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pantau.storage.EvidenceNotFoundException;
import id.pantau.storage.StorageException;
import id.pantau.storage.StoreHealth;
import id.pantau.storage.StoreUnavailableException;
import id.pantau.storage.testing.RealEvidence;
import id.pantau.storage.testing.S3ProxyServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3EvidenceStore against a real S3 server (S3Proxy on 127.0.0.1) through the MinIO SDK. */
class S3EvidenceStoreTest {
    @TempDir
    static Path data;
    static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(data.resolve("s3"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static S3EvidenceStore store(String bucket, int retentionDays) {
        return new S3EvidenceStore(new S3Settings(server.endpoint(), bucket, S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, null, retentionDays, Duration.ofSeconds(5)), new SimpleMeterRegistry());
    }

    @Test
    void createsBucketThenPutsGetsAndListsRealFiles() throws Exception {
        Path plate = RealEvidence.plateCrops().get(0);
        byte[] plateBytes = RealEvidence.read(plate);
        try (S3EvidenceStore s3 = store("evidence-basic", 0)) {
            s3.put("evidence/cam/2026/11/23/v1/crops/plate.jpg", plateBytes, "image/jpeg");
            s3.put("evidence/cam/2026/11/23/v1/clip.mp4", RealEvidence.intersectionClip(), "video/mp4");
            s3.put("evidence/cam/2026/11/24/v2/metadata.json", "{}".getBytes(), "application/json");

            assertThat(s3.get("evidence/cam/2026/11/23/v1/crops/plate.jpg")).isEqualTo(plateBytes);
            assertThat(s3.get("evidence/cam/2026/11/23/v1/clip.mp4"))
                    .isEqualTo(RealEvidence.read(RealEvidence.intersectionClip()));
            assertThat(s3.exists("evidence/cam/2026/11/23/v1/clip.mp4")).isTrue();
            assertThat(s3.exists("evidence/cam/2026/11/23/v1/nothing.jpg")).isFalse();
            assertThat(s3.list("evidence/cam/2026/11/23/")).containsExactly(
                    "evidence/cam/2026/11/23/v1/clip.mp4", "evidence/cam/2026/11/23/v1/crops/plate.jpg");
            assertThat(s3.list("evidence/")).hasSize(3);
            assertThatThrownBy(() -> s3.get("evidence/cam/2026/11/23/v1/nothing.jpg"))
                    .isInstanceOf(EvidenceNotFoundException.class)
                    .hasMessageContaining("evidence/cam/2026/11/23/v1/nothing.jpg")
                    .hasMessageContaining("evidence-basic");
            assertThat(s3.health().up()).isTrue();
        }
    }

    @Test
    void presignedUrlServesTheObjectOverHttpAndRejectsATamperedSignature() throws Exception {
        byte[] plate = RealEvidence.read(RealEvidence.plateCrops().get(5));
        try (S3EvidenceStore s3 = store("evidence-presign", 0);
             HttpClient http = HttpClient.newHttpClient()) {
            s3.put("evidence/cam/v9/crops/plate.jpg", plate, "image/jpeg");
            URI url = s3.presignedUrl("evidence/cam/v9/crops/plate.jpg", Duration.ofMinutes(10)).orElseThrow();
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            assertThat(url.getQuery()).contains("X-Amz-Signature");

            HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo(plate);
            assertThat(ok.headers().firstValue("Content-Type")).hasValue("image/jpeg");

            String s = url.toString();
            char last = s.charAt(s.length() - 1);
            URI tampered = URI.create(s.substring(0, s.length() - 1) + (last == '0' ? '1' : '0'));
            HttpResponse<byte[]> bad = http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(bad.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void objectLockIsRequestedButDegradesWithANoticeOnAServerWithoutIt() {
        try (S3EvidenceStore s3 = store("evidence-locked", 3650)) {
            s3.put("evidence/cam/v1/metadata.json", "{\"a\":1}".getBytes(), "application/json");
            // S3Proxy has no object lock: the write still succeeds, without retention.
            assertThat(s3.objectLockActive()).isFalse();
            assertThat(s3.get("evidence/cam/v1/metadata.json")).isEqualTo("{\"a\":1}".getBytes());
        }
    }

    @Test
    void unreachableEndpointGivesAClearRetryableError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        URI endpoint = URI.create("http://127.0.0.1:" + closedPort);
        try (S3EvidenceStore s3 = new S3EvidenceStore(new S3Settings(endpoint, "evidence", "a", "b", null, 0,
                Duration.ofSeconds(2)), registry)) {
            assertThatThrownBy(() -> s3.put("evidence/cam/v1/metadata.json", new byte[] {1}, "application/json"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("cannot reach S3 bucket 'evidence' at " + endpoint)
                    .hasMessageContaining("check that the object store is running");
            StoreHealth h = s3.health();
            assertThat(h.up()).isFalse();
            assertThat(h.detail()).contains(endpoint.toString());
            assertThat(registry.get("pantau.evidence.s3.errors").counter().count()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void wrongCredentialsAreReportedAsSuchNotAsAnOutage() {
        try (S3EvidenceStore s3 = new S3EvidenceStore(new S3Settings(server.endpoint(), "evidence-basic",
                S3ProxyServer.ACCESS_KEY, "wrong-secret", null, 0, Duration.ofSeconds(5)), new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> s3.put("evidence/cam/v1/x.json", new byte[] {1}, "application/json"))
                    .isInstanceOf(StorageException.class)
                    .isNotInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("check 'accessKey'/'secretKey'");
        }
    }

    @Test
    void keysThatCouldEscapeOrConfuseAreRefusedBeforeAnyRequest() {
        try (S3EvidenceStore s3 = store("evidence-basic", 0)) {
            assertThatThrownBy(() -> s3.put("evidence/../etc/passwd", new byte[] {1}, "text/plain"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..'");
            assertThatThrownBy(() -> s3.put("/abs/key", new byte[] {1}, "text/plain"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
