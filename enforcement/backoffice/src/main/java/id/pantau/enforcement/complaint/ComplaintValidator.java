package id.pantau.enforcement.complaint;

import id.pantau.enforcement.EnforcementException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;

/**
 * Checks a complaint field by field; the first wrong field is a 400 that names it ({@code "field"} in the answer),
 * before anything is stored, so a refused complaint leaves no trace but its log line.
 */
public final class ComplaintValidator {
    /** A clock a little ahead of ours is tolerated; a report from tomorrow is a mistake. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final Clock clock;
    private final int maxPhotoBytes;

    public ComplaintValidator(Clock clock, int maxPhotoBytes) {
        this.clock = clock;
        this.maxPhotoBytes = maxPhotoBytes;
    }

    public ValidComplaint validate(ComplaintInput in) {
        String externalId = required("external_id", in.externalId(), 100);
        if (!externalId.matches("[A-Za-z0-9._:/-]+")) {
            throw bad("external_id", "external_id may hold letters, digits and . _ : / - only; was '" + externalId + "'");
        }
        String cat = required("category", in.category(), 64);
        ComplaintCategory category;
        try {
            category = ComplaintCategory.parse(cat);
        } catch (IllegalArgumentException e) {
            throw bad("category", e.getMessage());
        }
        String text = required("text", in.text(), ComplaintSettings.MAX_TEXT_CHARS);
        Instant reportedAt = reportedAt(required("reported_at", in.reportedAt(), 64));
        ComplaintInput.Location loc = in.location();
        if (loc == null) {
            throw bad("location", "location is required: {\"lat\", \"lon\", \"address\"} with coordinates and/or an address");
        }
        if ((loc.lat() == null) != (loc.lon() == null)) {
            throw bad(loc.lat() == null ? "location.lat" : "location.lon",
                    "location.lat and location.lon come together: give both or neither");
        }
        if (loc.lat() != null && !(loc.lat() >= -90 && loc.lat() <= 90)) {
            throw bad("location.lat", "location.lat must be within -90..90 (WGS 84 degrees); was " + loc.lat());
        }
        if (loc.lon() != null && !(loc.lon() >= -180 && loc.lon() <= 180)) {
            throw bad("location.lon", "location.lon must be within -180..180 (WGS 84 degrees); was " + loc.lon());
        }
        String address = optional("location.address", loc.address(), 300);
        if (loc.lat() == null && address == null) {
            throw bad("location", "location needs coordinates (lat, lon) or an address, or both");
        }
        return new ValidComplaint(externalId, category, text, reportedAt, loc.lat(), loc.lon(), address,
                optional("area", in.area(), 100), optional("reporter_contact", in.reporterContact(), 200),
                photo(in.photo()));
    }

    private Instant reportedAt(String v) {
        Instant t;
        try {
            t = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("reported_at", "reported_at must be an ISO-8601 time with offset, e.g. 2026-12-01T07:15:00+07:00;"
                    + " was '" + v + "'");
        }
        if (t.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw bad("reported_at", "reported_at is in the future: " + v);
        }
        return t;
    }

    private ValidComplaint.Photo photo(String b64) {
        if (b64 == null || b64.isBlank()) {
            return null;
        }
        String data = b64.strip();
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            data = comma < 0 ? "" : data.substring(comma + 1);
        }
        // 4 base64 characters carry 3 bytes: refuse an oversized photo before decoding it
        if ((long) data.length() / 4 * 3 > maxPhotoBytes + 3L) {
            throw bad("photo", "photo is larger than " + maxPhotoBytes / (1024 * 1024) + " MiB");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw bad("photo", "photo is not base64: " + e.getMessage());
        }
        String type = startsWith(bytes, JPEG) ? "image/jpeg" : startsWith(bytes, PNG) ? "image/png" : null;
        if (type == null) {
            throw bad("photo", "photo is not a JPEG or PNG image");
        }
        decodes(bytes, type);
        return new ValidComplaint.Photo(type, bytes);
    }

    /** A photo larger than this many pixels is refused before it is decoded (a small file can claim a vast picture). */
    static final long MAX_PIXELS = 50_000_000L;

    /**
     * The photo must decode as the image its first bytes say it is. The size in the header is checked first, so a
     * few kilobytes claiming 60000 x 60000 pixels cannot make the node allocate gigabytes to find out.
     */
    private static void decodes(byte[] bytes, String type) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw bad("photo", "photo is not a readable " + type + " image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > MAX_PIXELS) {
                    throw bad("photo", "photo is " + w + " x " + h + " pixels; at most " + MAX_PIXELS / 1_000_000
                            + " megapixels are allowed");
                }
                reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof EnforcementException ee) {
                throw ee;
            }
            throw bad("photo", "photo is not a readable " + type + " image: the file is damaged or cut short");
        }
    }

    private static boolean startsWith(byte[] b, byte[] magic) {
        return b.length >= magic.length && Arrays.equals(b, 0, magic.length, magic, 0, magic.length);
    }

    private static String required(String field, String v, int max) {
        String s = optional(field, v, max);
        if (s == null) {
            throw bad(field, field + " is required");
        }
        return s;
    }

    private static String optional(String field, String v, int max) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String s = v.strip();
        if (s.length() > max) {
            throw bad(field, field + " is " + s.length() + " characters long; at most " + max + " are allowed");
        }
        return s;
    }

    private static EnforcementException bad(String field, String message) {
        return EnforcementException.invalidField(field, message);
    }
}
