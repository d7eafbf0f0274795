package id.pantau.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import id.pantau.app.Main;
import id.pantau.core.camera.CameraId;
import id.pantau.storage.EvidenceStorage;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.evidence.EvidencePackage;
import id.pantau.storage.evidence.StoredPackage;
import id.pantau.storage.signing.PemKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pantau evidence verify PATH|KEY} as the README gives it: with no key option it checks with the node's own
 * key (DATA_DIR/keys/evidence-ed25519.pub.pem, --data-dir defaulting to ./var), the package written by a node
 * with that data folder's default settings (real Ed25519 keys, a real JPEG from ../shared).
 */
class EvidenceCommandTest {
    @TempDir
    Path tmp;

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

    /** A node's data folder as `pantau demo --data-dir DIR` leaves it: keys/ and evidence/. */
    private StoredPackage nodeWithOnePackage(Path dataDir) throws Exception {
        Path priv = dataDir.resolve("keys/evidence-ed25519.pem");
        Path pub = dataDir.resolve("keys/evidence-ed25519.pub.pem");
        Files.createDirectories(priv.getParent());
        PemKeys.generateEd25519(priv, pub);
        Path jpeg;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("pantau.shared", "../shared"),
                "data/plates/openalpr_endtoend_eu/images"))) {
            jpeg = s.filter(p -> p.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
        }
        try (EvidenceStorage storage = EvidenceStorage.open(EvidenceStoreConfig.local(dataDir.resolve("evidence"),
                null, priv, pub), new SimpleMeterRegistry())) {
            return storage.write(EvidencePackage.builder(CameraId.of("simpang-kawat-1"), "north_7_126-0123456789",
                    Instant.parse("2026-11-23T03:00:01Z")).add("frame_at.jpg", Files.readAllBytes(jpeg), "image/jpeg")
                    .build());
        }
    }

    @Test
    void verifiesWithTheNodesOwnKeyByDefault() throws Exception {
        Path dataDir = tmp.resolve("var");
        StoredPackage p = nodeWithOnePackage(dataDir);
        Path folder = dataDir.resolve("evidence").resolve(p.prefix());

        Run byFolder = run("evidence", "verify", folder.toString(), "--data-dir", dataDir.toString());
        assertThat(byFolder.status()).as(byFolder.err()).isZero();
        assertThat(byFolder.out()).contains("OK", "signature: VALID");
        Run byKey = run("evidence", "verify", p.prefix(), "--data-dir", dataDir.toString());
        assertThat(byKey.status()).as(byKey.err()).isZero();

        // altered: named, status 1 (not 2: the key was found)
        Files.write(folder.resolve("frame_at.jpg"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        Run altered = run("evidence", "verify", folder.toString(), "--data-dir", dataDir.toString());
        assertThat(altered.status()).isEqualTo(1);
        assertThat(altered.err()).contains("frame_at.jpg", "ALTERED");
    }

    @Test
    void withoutAnyKeyOptionTheDefaultDataDirIsUsedAndAMissingKeyIsNamed() throws Exception {
        StoredPackage p = nodeWithOnePackage(tmp.resolve("node"));
        Path folder = tmp.resolve("node/evidence").resolve(p.prefix());
        // the tests run in app/, which has no var/ folder: the default ./var key is looked for and named
        assertThat(Path.of("var/keys/evidence-ed25519.pub.pem")).doesNotExist();
        Run none = run("evidence", "verify", folder.toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("var/keys/evidence-ed25519.pub.pem does not exist", "--data-dir");
        // an explicit key still works as before
        Run explicit = run("evidence", "verify", folder.toString(), "--public-key",
                tmp.resolve("node/keys/evidence-ed25519.pub.pem").toString());
        assertThat(explicit.status()).as(explicit.err()).isZero();
    }
}
