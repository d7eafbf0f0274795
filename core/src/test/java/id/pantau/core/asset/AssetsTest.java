package id.pantau.core.asset;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetsTest {
    private static final byte[] CONTENT = "not really a model, but bytes with a known hash".getBytes(StandardCharsets.UTF_8);
    private static final String SHA = Checksums.sha256(CONTENT);

    @TempDir
    Path cache;
    @TempDir
    Path shared;
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static ModelSpec spec(String url, String member) {
        return new ModelSpec("tiny", "tiny.onnx", "yolox", "MIT", url, member, "test model", null, null,
                List.of("a"), SHA, CONTENT.length);
    }

    private Assets assets(ModelSpec spec, boolean downloads) {
        return new Assets(Map.of(spec.name(), spec), Map.of(), cache, Optional.of(shared),
                downloads ? Optional.of(new Downloader()) : Optional.empty());
    }

    @Test
    void resolvesTheShippedDefaultModelAndFootageFromSharedWithVerifiedChecksums() throws IOException {
        Assets assets = Assets.defaults();
        ModelAsset yolox = assets.model("yolox_nano");
        assertThat(Checksums.sha256(yolox.path())).isEqualTo(yolox.spec().sha256());
        assertThat(yolox.spec().classes()).hasSize(80).contains("bus", "motorcycle");
        Path video = assets.data("videos/opencv_zoo_TestV4_street_london.mp4");
        assertThat(video).isRegularFile();
        Path plates = assets.data("plates/indonesia");
        assertThat(plates.resolve("labels.csv")).isRegularFile();
        assertThat(plates.resolve("images")).isDirectory();
    }

    @Test
    void prefersTheUserCacheOverShared() throws IOException {
        Files.createDirectories(cache.resolve("models"));
        Files.write(cache.resolve("models/tiny.onnx"), CONTENT);
        Files.createDirectories(shared.resolve("models"));
        Files.write(shared.resolve("models/tiny.onnx"), CONTENT);
        assertThat(assets(spec(null, null), false).model("tiny").path()).isEqualTo(cache.resolve("models/tiny.onnx"));
    }

    @Test
    void checksumMismatchIsSkippedAndReportedWithWhereItLooked() throws IOException {
        Files.createDirectories(shared.resolve("models"));
        Files.write(shared.resolve("models/tiny.onnx"), "tampered".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> assets(spec(null, null), false).model("tiny"))
                .isInstanceOf(AssetNotFoundException.class)
                .hasMessageContaining("model 'tiny'")
                .hasMessageContaining(shared.resolve("models/tiny.onnx") + " (sha256 mismatch: expected " + SHA)
                .hasMessageContaining(cache.resolve("models/tiny.onnx") + " (missing)")
                .hasMessageContaining("Provide it by copying the file to");
    }

    @Test
    void missingFileWithDownloadsDisabledSaysSo() {
        assertThatThrownBy(() -> assets(spec("http://127.0.0.1:9/tiny.onnx", null), false).model("tiny"))
                .isInstanceOf(AssetNotFoundException.class)
                .hasMessageContaining("(missing)")
                .hasMessageContaining("downloads disabled");
    }

    @Test
    void unknownModelNamesTheKnownOnes() {
        assertThatThrownBy(() -> Assets.defaults().model("yolo9000"))
                .hasMessageContaining("unknown model 'yolo9000'").hasMessageContaining("yolox_nano");
    }

    @Test
    void downloadsFromTheSourceUrlIntoTheCacheAndVerifies() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        String url = serve("/tiny.onnx", CONTENT, hits);
        Assets assets = assets(spec(url, null), true);
        Path p = assets.model("tiny").path();
        assertThat(p).isEqualTo(cache.resolve("models/tiny.onnx"));
        assertThat(Files.readAllBytes(p)).isEqualTo(CONTENT);
        assets.model("tiny");
        assertThat(hits).hasValue(1);
    }

    @Test
    void extractsAMemberOfAnNpmTarball() throws IOException {
        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(tgz))) {
            for (String name : List.of("package/README.md", "package/assets/tiny.onnx")) {
                byte[] body = name.endsWith(".onnx") ? CONTENT : "readme".getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setSize(body.length);
                tar.putArchiveEntry(e);
                tar.write(body);
                tar.closeArchiveEntry();
            }
        }
        String url = serve("/ocr-models-1.4.2.tgz", tgz.toByteArray(), new AtomicInteger());
        Path p = assets(spec(url, "package/assets/tiny.onnx"), true).model("tiny").path();
        assertThat(Files.readAllBytes(p)).isEqualTo(CONTENT);
    }

    @Test
    void aDownloadWithTheWrongChecksumIsDiscarded() throws IOException {
        String url = serve("/tiny.onnx", "evil twin".getBytes(StandardCharsets.UTF_8), new AtomicInteger());
        assertThatThrownBy(() -> assets(spec(url, null), true).model("tiny"))
                .hasMessageContaining(url + " (downloaded, but sha256 mismatch");
        assertThat(cache.resolve("models/tiny.onnx")).doesNotExist();
    }

    private String serve(String path, byte[] body, AtomicInteger hits) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}
