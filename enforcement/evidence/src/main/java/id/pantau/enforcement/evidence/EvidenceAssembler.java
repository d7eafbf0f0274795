package id.pantau.enforcement.evidence;

import id.pantau.core.asset.Assets;
import id.pantau.core.asset.ModelSpec;
import id.pantau.core.camera.CameraId;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.perception.BoundingBox;
import id.pantau.storage.EvidenceStorage;
import id.pantau.storage.StoreUnavailableException;
import id.pantau.storage.evidence.EvidenceConflictException;
import id.pantau.storage.evidence.EvidencePackage;
import id.pantau.storage.evidence.Manifest;
import id.pantau.storage.evidence.ManifestEntry;
import id.pantau.storage.evidence.PackageLayout;
import id.pantau.storage.evidence.Sha256;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the evidence package of one red-light violation and stores it through the storage module (which hashes,
 * signs and spools): three stamped photos (before, at, after the stop line), the vehicle and plate crops, an H.264
 * MP4 clip of the frames around the crossing, and {@code metadata.json}.
 *
 * <p>Idempotent: the package key depends only on camera, event id and time, every file is made deterministically,
 * and a package that is already stored is returned as it is (no second copy, never overwritten).
 */
public final class EvidenceAssembler {
    public static final String CLIP = PackageLayout.CLIP;
    public static final String METADATA = "metadata.json";
    public static final String VEHICLE_CROP = "vehicle.jpg";
    public static final String PLATE_CROP = "plate.jpg";
    /** The photos of a package, in the order a reviewer sees them. */
    private static final List<String> PHOTOS = List.of(FrameRole.BEFORE.fileName(), FrameRole.AT.fileName(),
            FrameRole.AFTER.fileName(), VEHICLE_CROP, PLATE_CROP);
    /** Margin around the vehicle box, so the crop shows the vehicle whole even if the box is tight. */
    private static final double VEHICLE_MARGIN = 0.15;
    private static final double PLATE_MARGIN = 0.10;
    private static final Logger log = LoggerFactory.getLogger(EvidenceAssembler.class);

    private final EvidenceStorage storage;
    private final List<ModelSpec> models;
    private final EvidenceSettings settings;
    private final PackageLayout layout;
    private final MeterRegistry registry;

    /**
     * @param storage  the storage module (store, spool, signing writer)
     * @param assets   where the model specs (name, sha256) come from; only the manifest is read
     * @param settings zone (must be the store's zone, it also dates the key), clip margins, JPEG quality, models
     */
    public EvidenceAssembler(EvidenceStorage storage, Assets assets, EvidenceSettings settings, MeterRegistry registry) {
        this.storage = storage;
        this.models = settings.models().stream().map(assets::modelSpec).toList();
        this.settings = settings;
        this.layout = new PackageLayout(settings.zone());
        this.registry = registry;
    }

    public EvidenceSettings settings() {
        return settings;
    }

    /**
     * The store's violation id for an event id: event ids ({@code camera:approach:track:frame}) hold ':' which
     * object keys do not allow, so unsafe characters become '_' and a short hash of the exact id keeps two
     * different event ids from ever sharing a package.
     */
    public static String violationId(RedLightViolation v) {
        String id = v.eventId();
        String prefix = v.camera() + ":";
        String body = id.startsWith(prefix) ? id.substring(prefix.length()) : id; // the camera is in the key already
        String safe = body.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[^A-Za-z0-9]+", "");
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return (safe.isEmpty() ? "v" : safe) + "-" + sha256(id).substring(0, 10);
    }

    /** Builds, stores and describes the package; returns the existing one when it is already stored. */
    public AssembledEvidence assemble(ViolationCapture capture) {
        RedLightViolation v = capture.violation();
        CameraId camera = cameraOf(v);
        String violationId = violationId(v);
        Instant occurredAt = v.time().toInstant();
        // The layout depends only on the package identity; a one-file probe gives the prefix before any work.
        String prefix = layout.prefixOf(EvidencePackage.builder(camera, violationId, occurredAt)
                .add(METADATA, new byte[] {'{', '}'}, "application/json").build());
        AssembledEvidence existing = existingIfReachable(prefix, v);
        if (existing != null) {
            registry.counter("pantau.evidence.assembled", "result", "already_stored").increment();
            log.info("evidence for {} already stored at {}, nothing rebuilt", v.eventId(), prefix);
            return existing;
        }
        Timer.Sample sample = Timer.start(registry);
        Path clip = null;
        try {
            clip = Files.createTempFile("pantau-evidence-", ".mp4");
            storage.write(build(capture, camera, violationId, occurredAt, clip));
        } catch (EvidenceConflictException e) {
            // Another writer (or an earlier attempt with other ring frames) stored this violation first: keep it.
            log.warn("evidence for {} was stored meanwhile with other content; keeping the stored package {}",
                    v.eventId(), prefix);
            return existing(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("temporary clip file for " + v.eventId() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(clip);
        }
        long nanos = sample.stop(registry.timer("pantau.evidence.assembly"));
        registry.counter("pantau.evidence.assembled", "result", "written").increment();
        AssembledEvidence stored = existing(prefix);
        if (stored == null) {
            throw new IllegalStateException("evidence package " + prefix + " has no manifest right after writing it");
        }
        log.info("evidence for {} stored at {}: {} files in {} ms, manifest sha256 {}", v.eventId(), prefix,
                stored.files().size(), nanos / 1_000_000, stored.manifestSha256());
        return new AssembledEvidence(stored.key(), stored.manifestSha256(), stored.photos(), stored.files(), false,
                stored.complete(), stored.problems());
    }

    private static CameraId cameraOf(RedLightViolation v) {
        try {
            return CameraId.of(v.camera());
        } catch (IllegalArgumentException e) {
            throw new EvidenceAssemblyException("violation " + v.eventId() + " cannot be filed: " + e.getMessage()
                    + "; fix the camera id in the camera configuration", e);
        }
    }

    private EvidencePackage build(ViolationCapture capture, CameraId camera, String violationId, Instant occurredAt,
                                  Path clipFile) {
        RedLightViolation v = capture.violation();
        List<ClipFrame> ring = capture.frames();
        if (ring.size() < 3) {
            throw new EvidenceAssemblyException("violation " + v.eventId() + ": only " + ring.size()
                    + " frame(s) around the crossing, at least 3 are needed (before, at, after); make the camera's"
                    + " ring buffer hold at least " + settings.requiredRingWindow().toSeconds() + " s of footage");
        }
        Moments moments = Moments.of(v, ring);
        List<String> problems = new ArrayList<>();
        EvidencePackage.Builder b = EvidencePackage.builder(camera, violationId, occurredAt);
        List<EvidenceMetadata.Photo> photos = new ArrayList<>();
        ClipFrame at = null;
        BufferedImage atPicture = null;
        for (FrameRole role : FrameRole.values()) {
            Instant stated = moments.stated(role);
            Optional<ClipFrame> found = moments.frameAt(role, stated);
            if (found.isEmpty()) {
                String reason = role.fileName() + " left out: the ring holds no frame within one frame period ("
                        + moments.period().toMillis() + " ms) of its moment " + stated.atZone(settings.zone())
                        .toOffsetDateTime() + " (" + moments.describeNearest(stated) + "); " + RING_ADVICE
                        + settings.requiredRingWindow().toSeconds() + " s";
                problems.add(reason);
                photos.add(EvidenceMetadata.Photo.missing(role, stated, reason));
                log.warn("violation {}: {}", v.eventId(), reason);
                continue;
            }
            ClipFrame f = found.get();
            BufferedImage picture = JpegImages.decode(f);
            BoundingBox box = role == FrameRole.AT ? capture.vehicleBox() : capture.boxes().get(f.sequence());
            BufferedImage stamped = FrameStamper.stamp(picture, BannerText.lines(v, role, f, settings.zone()), box);
            b.add(role.fileName(), JpegImages.encode(stamped, settings.jpegQuality()), "image/jpeg");
            photos.add(EvidenceMetadata.Photo.of(role, f, stated, box));
            if (role == FrameRole.AT) {
                at = f;
                atPicture = picture;
            }
        }
        List<EvidenceMetadata.Crop> crops = new ArrayList<>();
        if (at != null) {
            BoundingBox vehicleBox = expand(capture.vehicleBox(), VEHICLE_MARGIN);
            b.add(VEHICLE_CROP, JpegImages.encode(crop(atPicture, vehicleBox, v, "vehicle"), settings.jpegQuality()),
                    "image/jpeg");
            crops.add(new EvidenceMetadata.Crop(VEHICLE_CROP, at.sequence(), capture.vehicleBox()));
        } else {
            problems.add(VEHICLE_CROP + " left out: it is cut from the crossing frame, which the ring no longer held");
        }
        if (capture.plate().isPresent()) {
            PlateEvidence plate = capture.plate().get();
            Instant stated = moments.ofSequence(plate.frameSequence());
            Optional<ClipFrame> plateFrame = moments.frameNear(plate.frameSequence(), stated);
            if (plateFrame.isPresent()) {
                ClipFrame pf = plateFrame.get();
                BufferedImage source = pf == at ? atPicture : JpegImages.decode(pf);
                b.add(PLATE_CROP, JpegImages.encode(crop(source, expand(plate.box(), PLATE_MARGIN), v, "plate"),
                        settings.jpegQuality()), "image/jpeg");
                crops.add(new EvidenceMetadata.Crop(PLATE_CROP, pf.sequence(), plate.box()));
            } else {
                problems.add(PLATE_CROP + " left out: the plate was read in frame " + plate.frameSequence()
                        + ", which the ring no longer held (" + moments.describeNearest(stated) + ")");
            }
        }
        List<ClipFrame> clipFrames = clipFrames(ring, occurredAt);
        Duration before = Duration.between(clipFrames.getFirst().time(), occurredAt);
        Duration after = Duration.between(occurredAt, clipFrames.getLast().time());
        if (before.plus(moments.period()).compareTo(settings.clipBefore()) < 0
                || after.plus(moments.period()).compareTo(settings.clipAfter()) < 0) {
            problems.add("clip.mp4 covers only " + seconds(before.isNegative() ? Duration.ZERO : before)
                    + " s before and " + seconds(after.isNegative() ? Duration.ZERO : after)
                    + " s after the crossing, " + seconds(settings.clipBefore()) + " s and "
                    + seconds(settings.clipAfter()) + " s are required; " + RING_ADVICE
                    + settings.requiredRingWindow().toSeconds() + " s");
        }
        ClipEncoder.ClipInfo clip = ClipEncoder.encode(clipFrames, clipFile);
        b.add(CLIP, clipFile, "video/mp4");
        if (!problems.isEmpty()) {
            registry.counter("pantau.evidence.incomplete").increment();
            log.error("violation {}: evidence package INCOMPLETE, it goes to the back office flagged so: {}",
                    v.eventId(), problems);
        }
        b.add(METADATA, EvidenceMetadata.toJson(v, photos, crops, capture.plate(), capture.vehicleBox(), clip,
                before, after, models, problems, settings.zone()), "application/json");
        return b.build();
    }

    private static final String RING_ADVICE = "the camera's ring (ring_seconds, and ring_max_mb large enough to"
            + " hold them) must reach back clip before + max(clip after, analytics lag) + 2 s = ";

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f", d.toNanos() / 1e9);
    }

    /**
     * The clip: every ring frame from {@code clipBefore} before to {@code clipAfter} after the crossing, plus the
     * nearest frame beyond each edge, so the clip covers at least the whole window whatever the frames' phase.
     */
    private List<ClipFrame> clipFrames(List<ClipFrame> ring, Instant crossing) {
        Instant from = crossing.minus(settings.clipBefore());
        Instant to = crossing.plus(settings.clipAfter());
        int first = 0;
        int last = ring.size() - 1;
        for (int i = 0; i < ring.size(); i++) {
            if (!ring.get(i).time().isAfter(from)) {
                first = i; // the last frame at or before the window's start
            }
        }
        for (int i = ring.size() - 1; i >= 0; i--) {
            if (!ring.get(i).time().isBefore(to)) {
                last = i; // the first frame at or after the window's end
            }
        }
        return ring.subList(first, last + 1);
    }

    /**
     * When each photo's moment is and which ring frame shows it. A photo's moment is stated by the event: the
     * crossing time for "at"; for "before" and "after" the capture time of the frame the event names (its own
     * time when the ring holds it, else the crossing time moved by the frame-number difference at the camera's
     * rate). A ring frame shows a moment when it was captured within one ring frame period of it; a frame further
     * away shows another moment and is never used in its place.
     */
    private record Moments(RedLightViolation v, List<ClipFrame> ring, Duration period, double secondsPerFrameNumber) {
        static Moments of(RedLightViolation v, List<ClipFrame> ring) {
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < ring.size(); i++) {
                gaps.add(Duration.between(ring.get(i - 1).time(), ring.get(i).time()).toNanos());
            }
            gaps.sort(null);
            Duration period = Duration.ofNanos(Math.max(1_000_000, gaps.get(gaps.size() / 2)));
            // frame numbers count decoded frames; the ring may keep only some of them
            double perNumber = period.toNanos() / 1e9;
            for (int i = 1; i < ring.size(); i++) {
                long dn = ring.get(i).sequence() - ring.get(i - 1).sequence();
                long dt = Duration.between(ring.get(i - 1).time(), ring.get(i).time()).toNanos();
                if (dn > 0 && dt == gaps.get(gaps.size() / 2)) {
                    perNumber = dt / 1e9 / dn;
                    break;
                }
            }
            return new Moments(v, ring, period, perNumber);
        }

        Instant stated(FrameRole role) {
            Instant crossing = v.time().toInstant();
            RedLightViolation.Frames f = v.frames();
            if (role == FrameRole.AT) {
                return crossing;
            }
            if (f == null) {
                return role == FrameRole.BEFORE ? crossing.minusSeconds(1) : crossing.plusSeconds(1);
            }
            return ofSequence(role == FrameRole.BEFORE ? f.before() : f.after());
        }

        /** The capture time of frame number {@code n}: its own when the ring holds it, else estimated. */
        Instant ofSequence(long n) {
            for (ClipFrame c : ring) {
                if (c.sequence() == n) {
                    return c.time();
                }
            }
            long at = v.frames() == null ? n : v.frames().at();
            return v.time().toInstant().plusNanos(Math.round((n - at) * secondsPerFrameNumber * 1e9));
        }

        Optional<ClipFrame> frameAt(FrameRole role, Instant stated) {
            if (role != FrameRole.AT && v.frames() != null) {
                long wanted = role == FrameRole.BEFORE ? v.frames().before() : v.frames().after();
                return frameNear(wanted, stated);
            }
            return within(nearest(stated), stated);
        }

        /** Frame number {@code n} itself, or the ring frame nearest its moment if that is within one period. */
        Optional<ClipFrame> frameNear(long n, Instant stated) {
            for (ClipFrame c : ring) {
                if (c.sequence() == n) {
                    return within(c, stated);
                }
            }
            return within(nearest(stated), stated);
        }

        ClipFrame nearest(Instant t) {
            return ring.stream().min(Comparator.comparing(c -> Duration.between(c.time(), t).abs())).orElseThrow();
        }

        Optional<ClipFrame> within(ClipFrame c, Instant stated) {
            Duration off = Duration.between(c.time(), stated).abs();
            return off.compareTo(period.plusMillis(1)) <= 0 ? Optional.of(c) : Optional.empty();
        }

        String describeNearest(Instant t) {
            ClipFrame c = nearest(t);
            return "its nearest frame " + c.sequence() + " is " + seconds(Duration.between(t, c.time())) + " s away"
                    + "; the ring holds frames " + ring.getFirst().sequence() + ".." + ring.getLast().sequence();
        }
    }

    private static BoundingBox expand(BoundingBox b, double margin) {
        double dx = b.width() * margin;
        double dy = b.height() * margin;
        return new BoundingBox(b.x1() - dx, b.y1() - dy, b.x2() + dx, b.y2() + dy);
    }

    private static BufferedImage crop(BufferedImage img, BoundingBox box, RedLightViolation v, String what) {
        BoundingBox c = box.clip(img.getWidth(), img.getHeight());
        int x1 = (int) Math.floor(c.x1());
        int y1 = (int) Math.floor(c.y1());
        int x2 = (int) Math.ceil(c.x2());
        int y2 = (int) Math.ceil(c.y2());
        if (x2 - x1 < 2 || y2 - y1 < 2) {
            throw new EvidenceAssemblyException("violation " + v.eventId() + ": the " + what + " box " + box
                    + " lies outside the " + img.getWidth() + "x" + img.getHeight()
                    + " frame; boxes must be in pixels of that frame");
        }
        BufferedImage out = new BufferedImage(x2 - x1, y2 - y1, BufferedImage.TYPE_3BYTE_BGR);
        var g = out.createGraphics();
        try {
            g.drawImage(img.getSubimage(x1, y1, x2 - x1, y2 - y1), 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The stored package, or null when it is not stored or the store cannot be asked now: then the package is
     * built and written anyway, and the spool keeps it until the store is back (same keys, same bytes).
     */
    private AssembledEvidence existingIfReachable(String prefix, RedLightViolation v) {
        try {
            return existing(prefix);
        } catch (StoreUnavailableException e) {
            log.warn("evidence store unreachable while checking {} for {} ({}); building it, the spool keeps it",
                    prefix, v.eventId(), e.getMessage());
            return null;
        }
    }

    /** The stored package at {@code prefix}, or null when it has no manifest yet. */
    private AssembledEvidence existing(String prefix) {
        String manifestKey = prefix + PackageLayout.MANIFEST;
        if (!storage.store().exists(manifestKey)) {
            return null;
        }
        byte[] manifestBytes = storage.store().get(manifestKey);
        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestBytes);
        } catch (IOException e) {
            throw new EvidenceAssemblyException("evidence package " + prefix + " has an unreadable manifest ("
                    + e.getMessage() + "); it is never overwritten: run 'pantau evidence verify " + prefix + "'", e);
        }
        List<String> files = manifest.files().stream().map(ManifestEntry::name).toList();
        List<String> photos = PHOTOS.stream().filter(files::contains).toList();
        boolean complete = false;
        List<String> problems = new ArrayList<>();
        try {
            com.fasterxml.jackson.databind.JsonNode m = id.pantau.core.json.Json.mapper()
                    .readTree(storage.store().get(prefix + METADATA));
            if (m.path("complete").isBoolean()) {
                complete = m.get("complete").asBoolean();
                m.path("problems").forEach(p -> problems.add(p.asText()));
            } else {
                problems.add("the package was made before each photo's moment was checked (" + m.path("format")
                        .asText() + "): review its photos against the clip");
            }
        } catch (IOException | RuntimeException e) {
            problems.add("metadata.json of the stored package is unreadable: " + e.getMessage());
        }
        return new AssembledEvidence(prefix, sha256(manifestBytes), photos, files, true, complete, problems);
    }

    private static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            return Sha256.of(in).hex();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("temporary clip {} could not be deleted: {}", p, e.getMessage());
            }
        }
    }
}
