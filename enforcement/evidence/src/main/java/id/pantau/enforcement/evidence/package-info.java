/**
 * The evidence package of each red-light violation, made from the camera's ring buffer and stored through the
 * storage module (which hashes every file into a signed manifest and spools through store outages).
 *
 * <p>A package ({@code evidence/<camera>/<yyyy>/<MM>/<dd>/<approach_track_frame-hash>/}) holds:
 * <ul>
 *   <li>{@code frame_before.jpg}, {@code frame_at.jpg}, {@code frame_after.jpg}: the full frames before, at and
 *       after the stop line (the event's {@code frames.before/at/after}), each with a banner ADDED above the picture
 *       (nothing of the scene is covered): camera, location, approach; date-time with zone (WIB) and frame
 *       number; signal state and time into red at that frame, vehicle class and track; the offending vehicle boxed
 *       in yellow. Each is made only from a ring frame captured within one frame period of its stated moment;
 *       otherwise it is left out and the package says {@code complete: false} with the reason (never another
 *       frame in its place);</li>
 *   <li>{@code vehicle.jpg} (the vehicle box at the crossing plus 15 %) and {@code plate.jpg} (when a plate box is
 *       known; original pixels, not upscaled);</li>
 *   <li>{@code clip.mp4}: every ring frame from {@code clipBefore} (6 s) before to {@code clipAfter} (6 s) after the
 *       crossing, plus the frame beyond each edge,
 *       H.264 in MP4 at the frames' own rate, encoded with the {@code libopenh264} encoder bundled in JavaCV's
 *       FFmpeg 7.1.1 (that build has no libx264); single-threaded and bit-exact, so the same frames give the same
 *       bytes;</li>
 *   <li>{@code metadata.json}: {@code complete} and {@code problems}; the {@code data} block (time, location,
 *       approach, camera, signal state, time into red, amber duration, speed, config version...); the violation
 *       event as published, the plate reading, each photo's stated moment and the frame (and capture time) it came
 *       from, the clip's encoding, and the name, file and sha256 of each model the finding rests on.</li>
 * </ul>
 *
 * <p>Wiring (the app):
 * <pre>{@code
 * EvidenceAssembler assembler = new EvidenceAssembler(evidenceStorage, Assets.defaults(),
 *         EvidenceSettings.defaults(), registry);             // zone must be the store's zone (Asia/Jakarta)
 * FrameSource ring = (camera, from, to) -> rings.get(camera).window(from, to).stream()
 *         .map(r -> new ClipFrame(r.sequence(), r.captureTime(), r.jpeg())).toList();
 * VehicleSightings sightings = v -> ...;                       // track box at frames.at + plate reading
 * EvidenceStage stage = new EvidenceStage(ring, sightings, assembler, bus, registry);
 * stage.subscribe("pantau.events", "evidence");                // publishes to pantau.violations
 * }</pre>
 * The ring buffer must hold {@link EvidenceSettings#requiredRingWindow()} (clip before + max(clip after, analytics
 * lag) + 2 s); {@code EdgeEvidence} widens each camera's ring to it. The stage pins the ring frames around each
 * crossing as soon as the violation arrives (a consumer group of its own, {@code <group>-pin}), and waits until the
 * footage after a crossing exists before it reads the ring again and merges both.
 */
package id.pantau.enforcement.evidence;
