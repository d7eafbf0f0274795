package id.pantau.enforcement.evidence;

import id.pantau.storage.testing.S3ProxyServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.asset.Assets;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.json.Json;
import id.pantau.core.perception.BoundingBox;
import id.pantau.storage.EvidenceStorage;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.evidence.Manifest;
import id.pantau.storage.evidence.Sha256;
import id.pantau.storage.signing.PemKeys;
import id.pantau.storage.verify.FileStatus;
import id.pantau.storage.verify.VerificationReport;
import id.pantau.storage.verify.VerifyEvidence;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence for a real, labelled red-light violation in the Hanoi intersection footage (violations.csv frame 116:
 * a motorcycle with two riders crossing on red), written to a local folder store and to a real S3 server.
 */
class EvidenceAssemblerTest {
    /** The violating motorcycle in frame 116 and its rear plate, marked by hand on that frame. */
    static final BoundingBox MOTORCYCLE = new BoundingBox(447, 283, 488, 368);
    static final BoundingBox PLATE = new BoundingBox(470, 340, 483, 350);

    @TempDir
    static Path tmp;
    static S3ProxyServer s3;
    static EvidenceStoreConfig localConfig;
    static EvidenceStoreConfig s3Config;
    static EvidenceStorage local;
    static EvidenceStorage remote;
    static EvidenceAssembler toLocal;
    static EvidenceAssembler toS3;
    static ViolationCapture capture;
    static AssembledEvidence localPackage;
    static AssembledEvidence s3Package;

    @BeforeAll
    static void writeTheViolationToBothStores() throws Exception {
        Path priv = tmp.resolve("keys/evidence-signing.pem");
        Path pub = tmp.resolve("keys/evidence-signing.pub.pem");
        Files.createDirectories(priv.getParent());
        PemKeys.generateEd25519(priv, pub);
        s3 = S3ProxyServer.start(tmp.resolve("s3"));
        localConfig = EvidenceStoreConfig.local(tmp.resolve("evidence"), null, priv, pub);
        s3Config = EvidenceStoreConfig.s3(s3.endpoint(), "pantau-evidence", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, tmp.resolve("spool"), priv, pub).withSpoolMinFreeMb(1);
        local = EvidenceStorage.open(localConfig, new SimpleMeterRegistry());
        remote = EvidenceStorage.open(s3Config, new SimpleMeterRegistry());
        toLocal = new EvidenceAssembler(local, Assets.defaults(), EvidenceSettings.defaults(), new SimpleMeterRegistry());
        toS3 = new EvidenceAssembler(remote, Assets.defaults(), EvidenceSettings.defaults(), new SimpleMeterRegistry());

        HanoiFootage.LabelledViolation label = HanoiFootage.violations().getFirst();
        assertThat(label.frame()).isEqualTo(116);
        assertThat(label.certainty()).isEqualTo("definite");
        RedLightViolation v = HanoiFootage.event(label, 41);
        capture = new ViolationCapture(v, HanoiFootage.between(v.time().toInstant().minusSeconds(7),
                v.time().toInstant().plusSeconds(7)), MOTORCYCLE,
                Optional.of(new PlateEvidence(null, null, 0.21, PLATE, 116)));
        localPackage = toLocal.assemble(capture);
        s3Package = toS3.assemble(capture);
        keepForInspection(tmp.resolve("evidence").resolve(localPackage.key()));
    }

    /**
     * {@code -Devidence.keep=DIR} copies the package to DIR/package (to look at the photos, play the clip, try
     * {@code pantau evidence verify DIR/package --public-key DIR/evidence-signing.pub.pem}).
     */
    private static void keepForInspection(Path pkg) throws Exception {
        String keep = System.getProperty("evidence.keep");
        if (keep != null) {
            Path dir = Path.of(keep).resolve(pkg.getFileName()); // a package is checked under its own id
            Files.createDirectories(dir);
            Files.copy(tmp.resolve("keys/evidence-signing.pub.pem"), Path.of(keep).resolve("evidence-signing.pub.pem"),
                    StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> files = Files.list(pkg)) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (remote != null) {
            remote.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void bothStoresHoldAVerifiedPackageWithTheSameFiles() throws Exception {
        String expectedKey = "evidence/hanoi-lythuongkiet-01/2026/11/23/" + EvidenceAssembler.violationId(
                capture.violation()) + "/";
        assertThat(localPackage.key()).isEqualTo(expectedKey).isEqualTo(s3Package.key());
        assertThat(localPackage.alreadyStored()).isFalse();
        assertThat(localPackage.files()).containsExactlyInAnyOrder("frame_before.jpg", "frame_at.jpg",
                "frame_after.jpg", "vehicle.jpg", "plate.jpg", "clip.mp4", "metadata.json");
        assertThat(localPackage.photos()).containsExactly("frame_before.jpg", "frame_at.jpg", "frame_after.jpg",
                "vehicle.jpg", "plate.jpg");

        VerificationReport l = local.verify(localPackage.key());
        VerificationReport r = remote.verify(s3Package.key());
        assertThat(l.ok()).as(l.toString()).isTrue();
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(VerifyEvidence.verify(s3Package.key() + "manifest.json", s3Config).ok()).isTrue();

        // Made twice from the same inputs, every file is byte-identical: rewrites after a crash never conflict.
        Manifest lm = Manifest.parse(local.store().get(localPackage.key() + "manifest.json"));
        Manifest rm = Manifest.parse(remote.store().get(s3Package.key() + "manifest.json"));
        assertThat(lm.sameContentAs(rm)).isTrue();
        // The manifest hash in the event is the hash of the stored, signed manifest bytes.
        assertThat(s3Package.manifestSha256()).isEqualTo(sha256(remote.store().get(s3Package.key() + "manifest.json")));
    }

    @Test
    void metadataCarriesTheEventThePlateTheFramesAndTheModelHashes() throws Exception {
        JsonNode m = Json.mapper().readTree(remote.store().get(s3Package.key() + "metadata.json"));
        RedLightViolation v = capture.violation();
        assertThat(m.at("/violation/event_id").asText()).isEqualTo(v.eventId());
        assertThat(m.at("/violation/type").asText()).isEqualTo("red_light_violation");
        assertThat(m.at("/violation/signal_state").asText()).isEqualTo("red");
        assertThat(m.at("/violation/time_into_red_s").asDouble()).isCloseTo(19.328 - 0.5, within(1e-9));
        assertThat(m.at("/violation/location").asText()).isEqualTo(HanoiFootage.LOCATION);
        assertThat(m.at("/violation/frames/at").asLong()).isEqualTo(116);
        assertThat(m.at("/plate/score").asDouble()).isEqualTo(0.21);
        assertThat(m.at("/plate/box/x1").asDouble()).isEqualTo(470);
        assertThat(m.at("/vehicle/box_at_crossing/y2").asDouble()).isEqualTo(368);
        List<Long> frames = new ArrayList<>();
        m.get("photos").forEach(p -> frames.add(p.get("frame").asLong()));
        assertThat(frames).containsExactly(110L, 116L, 122L);
        assertThat(m.at("/photos/1/captured_at").asText()).endsWith("+07:00");
        assertThat(m.at("/photos/1/stamp").asText()).contains("WIB", "frame 116", "SIGNAL RED", "18.83 s into red",
                HanoiFootage.CAMERA, HanoiFootage.LOCATION);
        assertThat(m.at("/clip/codec").asText()).isEqualTo("h264");
        assertThat(m.at("/clip/encoder").asText()).isEqualTo("libopenh264");
        assertThat(m.at("/clip/frames").asInt()).isBetween(72, 75); // 6 s either side + the frame beyond each edge

        List<String> names = new ArrayList<>();
        m.get("models").forEach(n -> names.add(n.get("name").asText()));
        assertThat(names).containsExactlyElementsOf(EvidenceSettings.defaults().models());
        // The recorded hash is the hash of the model file the pipeline loads.
        JsonNode yolox = m.get("models").get(0);
        Path model = Assets.defaults().model("yolox_nano").path();
        try (InputStream in = Files.newInputStream(model)) {
            assertThat(yolox.get("sha256").asText()).isEqualTo(Sha256.of(in).hex());
        }
    }

    @Test
    void clipIsAnH264Mp4OfTheSecondsAroundTheCrossing() throws Exception {
        Path clip = tmp.resolve("clip-from-s3.mp4");
        Files.write(clip, remote.store().get(s3Package.key() + "clip.mp4"));
        int decoded = 0;
        double firstFrameDiff;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile());
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            assertThat(g.getFormat()).contains("mp4");
            assertThat(g.getVideoCodecName()).isEqualTo("h264");
            assertThat(g.getImageWidth()).isEqualTo(640);
            assertThat(g.getImageHeight()).isEqualTo(480);
            assertThat(g.getLengthInTime() / 1e6).isBetween(12.0, 13.0);
            Frame f = g.grabImage();
            long firstFrame = Json.mapper().readTree(remote.store().get(s3Package.key() + "metadata.json"))
                    .at("/clip/first_frame").asLong();
            firstFrameDiff = meanAbsDiff(conv.getBufferedImage(f), JpegImages.decode(HanoiFootage.frame(firstFrame)), 0, 0);
            long firstTs = f.timestamp;
            long lastTs = firstTs;
            decoded = 1;
            while ((f = g.grabImage()) != null) {
                decoded++;
                lastTs = f.timestamp;
            }
            // what a player shows: from the first picture to the end of the last one
            double played = (lastTs - firstTs) / 1e6 + 1 / g.getFrameRate();
            assertThat(played).as("decoded duration of the clip").isGreaterThanOrEqualTo(12.0);
            g.stop();
        }
        assertThat(decoded).isBetween(72, 75); // 12 s at 6 fps and the frame beyond each edge
        JsonNode m = Json.mapper().readTree(remote.store().get(s3Package.key() + "metadata.json"));
        assertThat(m.at("/clip/before_crossing_s").asDouble()).isGreaterThanOrEqualTo(6.0);
        assertThat(m.at("/clip/after_crossing_s").asDouble()).isGreaterThanOrEqualTo(6.0);
        // It is the footage, not just any H.264: the first picture matches the first ring frame.
        assertThat(firstFrameDiff).isLessThan(8);
    }

    @Test
    void stampedPhotosShowTheWholeFrameUnderADarkBannerWithText() throws Exception {
        BufferedImage stamped = ImageIO.read(new ByteArrayInputStream(remote.store().get(s3Package.key() + "frame_at.jpg")));
        BufferedImage original = JpegImages.decode(HanoiFootage.frame(116));
        int banner = FrameStamper.bannerHeight(640, 3);
        assertThat(stamped.getWidth()).isEqualTo(640);
        assertThat(stamped.getHeight()).isEqualTo(480 + banner);
        // Below the banner: the unaltered scene (only JPEG re-compression noise).
        assertThat(meanAbsDiff(stamped, original, banner, 0)).isLessThan(4);
        // The banner rows are unlike the scene's top rows, dark, and carry bright text.
        BufferedImage bannerArea = stamped.getSubimage(0, 0, 640, banner);
        assertThat(meanAbsDiff(bannerArea, original.getSubimage(0, 0, 640, banner), 0, 0)).isGreaterThan(40);
        long bright = 0;
        long dark = 0;
        for (int y = 0; y < banner; y++) {
            for (int x = 0; x < 640; x++) {
                int l = luma(bannerArea.getRGB(x, y));
                bright += l > 180 ? 1 : 0;
                dark += l < 50 ? 1 : 0;
            }
        }
        assertThat(dark).isGreaterThan(640L * banner / 2);
        assertThat(bright).isGreaterThan(500);

        BufferedImage vehicle = ImageIO.read(new ByteArrayInputStream(remote.store().get(s3Package.key() + "vehicle.jpg")));
        assertThat(vehicle.getWidth()).isBetween(41, 56);   // the box plus a 15 % margin each side
        assertThat(vehicle.getHeight()).isBetween(85, 112);
        BufferedImage plate = ImageIO.read(new ByteArrayInputStream(remote.store().get(s3Package.key() + "plate.jpg")));
        assertThat(plate.getWidth()).isBetween(13, 17);
        assertThat(plate.getHeight()).isBetween(10, 13);
    }

    @Test
    void verifierReportsAnAlteredAndAMissingFile() throws Exception {
        Path original = tmp.resolve("evidence").resolve(localPackage.key());
        Path copy = tmp.resolve("tampered").resolve(original.getFileName()); // checked under its own id
        try (Stream<Path> files = Files.list(original)) {
            Files.createDirectories(copy);
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(VerifyEvidence.verify(copy.toString(), localConfig).ok()).isTrue();

        byte[] photo = Files.readAllBytes(copy.resolve("frame_at.jpg"));
        photo[photo.length / 2] ^= 0x20;
        Files.write(copy.resolve("frame_at.jpg"), photo);
        Files.delete(copy.resolve("plate.jpg"));

        VerificationReport report = VerifyEvidence.verify(copy.toString(), localConfig);
        assertThat(report.ok()).isFalse();
        assertThat(report.withStatus(FileStatus.ALTERED)).extracting(c -> c.name()).containsExactly("frame_at.jpg");
        assertThat(report.withStatus(FileStatus.MISSING)).extracting(c -> c.name()).containsExactly("plate.jpg");
        assertThat(report.toString()).contains("frame_at.jpg", "plate.jpg");
    }

    @Test
    void assemblingAgainGivesTheSameKeyAndNoSecondCopy() {
        int before = remote.store().list(s3Package.key()).size();
        AssembledEvidence again = toS3.assemble(capture);
        assertThat(again.alreadyStored()).isTrue();
        assertThat(again.key()).isEqualTo(s3Package.key());
        assertThat(again.manifestSha256()).isEqualTo(s3Package.manifestSha256());
        assertThat(again.photos()).isEqualTo(s3Package.photos());
        assertThat(remote.store().list(s3Package.key())).hasSize(before).hasSize(7 + 2);
        assertThat(remote.store().list("evidence/")).hasSize(before);
    }

    @Test
    void badInputIsRefusedWithAReasonAndWritesNothing() {
        RedLightViolation v = HanoiFootage.event(HanoiFootage.violations().get(1), 42);
        List<ClipFrame> frames = HanoiFootage.between(v.time().toInstant().minusSeconds(2),
                v.time().toInstant().plusSeconds(2));
        List<ClipFrame> broken = new ArrayList<>(frames);
        broken.set(3, new ClipFrame(frames.get(3).sequence(), frames.get(3).time(), "not a jpeg".getBytes()));

        assertThatThrownBy(() -> toLocal.assemble(new ViolationCapture(v, broken, MOTORCYCLE, Optional.empty())))
                .isInstanceOf(EvidenceAssemblyException.class)
                .hasMessageContaining("frame " + frames.get(3).sequence() + " is not a JPEG");
        assertThatThrownBy(() -> toLocal.assemble(new ViolationCapture(v, frames,
                new BoundingBox(900, 700, 950, 760), Optional.empty())))
                .isInstanceOf(EvidenceAssemblyException.class)
                .hasMessageContaining("vehicle box").hasMessageContaining("outside the 640x480 frame");
        assertThatThrownBy(() -> toLocal.assemble(new ViolationCapture(v, frames.subList(0, 2), MOTORCYCLE,
                Optional.empty())))
                .isInstanceOf(EvidenceAssemblyException.class)
                .hasMessageContaining("at least 3 are needed");
        RedLightViolation badCamera = new RedLightViolation("Cam 7:s:1:130", "Cam 7", "s", 1, "car", v.time(),
                v.signalState(), 1.0, null, null, v.frames(), 1, null, null, null);
        assertThatThrownBy(() -> toLocal.assemble(new ViolationCapture(badCamera, frames, MOTORCYCLE,
                Optional.empty())))
                .isInstanceOf(EvidenceAssemblyException.class)
                .hasMessageContaining("camera id 'Cam 7'").hasMessageContaining("fix the camera id");
        String key = "evidence/hanoi-lythuongkiet-01/2026/11/23/" + EvidenceAssembler.violationId(v) + "/";
        assertThat(local.store().list(key)).isEmpty();
    }

    @Test
    void violationIdsAreValidKeysAndDistinctPerEvent() {
        RedLightViolation v = capture.violation();
        assertThat(EvidenceAssembler.violationId(v)).matches("southbound_41_116-[0-9a-f]{10}");
        RedLightViolation other = HanoiFootage.event(HanoiFootage.violations().get(1), 41);
        assertThat(EvidenceAssembler.violationId(other)).isNotEqualTo(EvidenceAssembler.violationId(v));
    }

    @Test
    void everyPhotoWasCapturedWithinOneFramePeriodOfItsStatedMoment() throws Exception {
        JsonNode m = Json.mapper().readTree(remote.store().get(s3Package.key() + "metadata.json"));
        assertThat(m.get("complete").asBoolean()).as(m.get("problems").toString()).isTrue();
        assertThat(m.get("problems")).isEmpty();
        double framePeriodMs = EvidenceMomentsTest.FRAME_PERIOD_MS;
        RedLightViolation v = capture.violation();
        assertThat(java.time.OffsetDateTime.parse(m.at("/photos/1/stated_at").asText()).toInstant())
                .isEqualTo(v.time().toInstant()); // "at" is the crossing the event states
        for (JsonNode p : m.get("photos")) {
            assertThat(p.get("missing").asBoolean()).isFalse();
            java.time.Instant stated = java.time.OffsetDateTime.parse(p.get("stated_at").asText()).toInstant();
            java.time.Instant captured = java.time.OffsetDateTime.parse(p.get("captured_at").asText()).toInstant();
            assertThat(Math.abs(java.time.Duration.between(stated, captured).toNanos() / 1e6))
                    .as("%s: captured %s, stated %s", p.get("role").asText(), captured, stated)
                    .isLessThanOrEqualTo(framePeriodMs);
            // and the frame it names is the ring frame of that capture time
            assertThat(HanoiFootage.frame(p.get("frame").asLong()).time()).isEqualTo(captured);
        }
        assertThat(local.store().exists(localPackage.key() + "frame_at.jpg")).isTrue();
    }

    @Test
    void theOffendingVehicleIsBoxedInTheCrossingPhoto() throws Exception {
        BufferedImage stamped = ImageIO.read(new ByteArrayInputStream(remote.store().get(s3Package.key() + "frame_at.jpg")));
        BufferedImage original = JpegImages.decode(HanoiFootage.frame(116));
        int banner = FrameStamper.bannerHeight(640, 3);
        // The middle of the box's 3-pixel frame runs 2 pixels outside the vehicle box, all the way round.
        int x1 = (int) MOTORCYCLE.x1() - 2;
        int y1 = (int) MOTORCYCLE.y1() - 2;
        int x2 = (int) MOTORCYCLE.x2() + 2;
        int y2 = (int) MOTORCYCLE.y2() + 2;
        int yellow = 0;
        int yellowBefore = 0;
        int n = 0;
        for (int x = x1; x <= x2; x++) {
            for (int y : new int[] {y1, y2}) {
                yellow += isBoxColour(stamped.getRGB(x, y + banner)) ? 1 : 0;
                yellowBefore += isBoxColour(original.getRGB(x, y)) ? 1 : 0;
                n++;
            }
        }
        for (int y = y1; y <= y2; y++) {
            for (int x : new int[] {x1, x2}) {
                yellow += isBoxColour(stamped.getRGB(x, y + banner)) ? 1 : 0;
                yellowBefore += isBoxColour(original.getRGB(x, y)) ? 1 : 0;
                n++;
            }
        }
        assertThat(yellow).as("box-coloured pixels on the box outline").isGreaterThan(n * 9 / 10);
        assertThat(yellowBefore).as("box-coloured pixels there in the camera frame").isLessThan(n / 20);
        // inside the box the vehicle is untouched
        assertThat(meanAbsDiff(stamped.getSubimage((int) MOTORCYCLE.x1() + 2, (int) MOTORCYCLE.y1() + 2 + banner, 36, 80),
                original.getSubimage((int) MOTORCYCLE.x1() + 2, (int) MOTORCYCLE.y1() + 2, 36, 80), 0, 0)).isLessThan(6);
        JsonNode m = Json.mapper().readTree(remote.store().get(s3Package.key() + "metadata.json"));
        assertThat(m.at("/photos/1/vehicle_box_drawn/x1").asDouble()).isEqualTo(MOTORCYCLE.x1());
    }

    private static boolean isBoxColour(int rgb) {
        return ((rgb >> 16) & 0xff) > 190 && ((rgb >> 8) & 0xff) > 190 && (rgb & 0xff) < 110;
    }

    @Test
    void theDataBlockNamesTimePlaceApproachSignalSpeedCameraAndConfiguration() throws Exception {
        JsonNode d = Json.mapper().readTree(remote.store().get(s3Package.key() + "metadata.json")).get("data");
        RedLightViolation v = capture.violation();
        for (String field : List.of("violation_id", "event_id", "time", "time_local", "location", "approach",
                "camera", "signal_state", "time_into_red_s", "amber_duration_s", "speed_kmh", "vehicle_class",
                "track_id", "config_version")) {
            assertThat(d.has(field)).as("data.%s present", field).isTrue();
        }
        assertThat(d.get("violation_id").asText()).isEqualTo(EvidenceAssembler.violationId(v));
        assertThat(d.get("time").asText()).isEqualTo(v.time().toInstant().toString());
        assertThat(d.get("time_local").asText()).endsWith("+07:00");
        assertThat(d.get("location").asText()).isEqualTo(HanoiFootage.LOCATION);
        assertThat(d.get("approach").asText()).isEqualTo("southbound");
        assertThat(d.get("camera").asText()).isEqualTo(HanoiFootage.CAMERA);
        assertThat(d.get("signal_state").asText()).isEqualTo("red");
        assertThat(d.get("time_into_red_s").asDouble()).isCloseTo(18.828, within(1e-9));
        assertThat(d.get("amber_duration_s").isNull()).isTrue(); // not observed in this clip: present, null
        assertThat(d.get("speed_kmh").asDouble()).isEqualTo(14.0);
        assertThat(d.get("config_version").asInt()).isEqualTo(3);
    }

    @Test
    void aValidPackageCopiedUnderAnotherViolationFailsVerificationNamingTheMismatch() throws Exception {
        Path original = tmp.resolve("evidence").resolve(localPackage.key());
        String otherId = EvidenceAssembler.violationId(HanoiFootage.event(HanoiFootage.violations().get(1), 99));
        // a copy for a court, under its own id: valid
        Path own = tmp.resolve("court").resolve(original.getFileName());
        // the same bytes filed as another case
        Path other = tmp.resolve("court").resolve(otherId);
        for (Path target : List.of(own, other)) {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(original)) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        assertThat(VerifyEvidence.verify(own.toString(), localConfig).ok()).isTrue();
        VerificationReport copied = VerifyEvidence.verify(other.toString(), localConfig);
        assertThat(copied.ok()).isFalse();
        assertThat(copied.problem()).contains(EvidenceAssembler.violationId(capture.violation()), otherId);
        assertThat(copied.toString()).contains("NOT OK");

        // the same inside a store: the package's objects under another case's key
        String otherKey = localPackage.key().replace(EvidenceAssembler.violationId(capture.violation()), otherId);
        for (String key : local.store().list(localPackage.key())) {
            local.store().put(otherKey + key.substring(localPackage.key().length()), local.store().get(key),
                    "application/octet-stream");
        }
        VerificationReport inStore = local.verify(otherKey);
        assertThat(inStore.ok()).isFalse();
        assertThat(inStore.problem()).contains(otherId, EvidenceAssembler.violationId(capture.violation()));
    }

    private static double meanAbsDiff(BufferedImage a, BufferedImage b, int aTop, int bTop) {
        long sum = 0;
        long n = 0;
        int h = Math.min(a.getHeight() - aTop, b.getHeight() - bTop);
        int w = Math.min(a.getWidth(), b.getWidth());
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                sum += Math.abs(luma(a.getRGB(x, y + aTop)) - luma(b.getRGB(x, y + bTop)));
                n++;
            }
        }
        return (double) sum / n;
    }

    private static int luma(int rgb) {
        return (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
    }

    private static String sha256(byte[] b) throws Exception {
        return Sha256.of(new ByteArrayInputStream(b)).hex();
    }
}
