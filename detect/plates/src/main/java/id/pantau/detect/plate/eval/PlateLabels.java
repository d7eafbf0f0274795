package id.pantau.detect.plate.eval;

import id.pantau.core.perception.BoundingBox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Labelled plates from a CSV with a header: {@code image,plate_text} (plate crops) or
 * {@code image,plate_text,x1,y1,x2,y2,colour,vehicle} (street photos, box in pixels). Columns are found by name,
 * so extra columns are ignored and missing optional ones ({@code x1..y2}, {@code colour}, {@code vehicle}) are
 * allowed.
 */
public final class PlateLabels {
    private PlateLabels() {
    }

    /** What a split of the labelled pictures is used for. */
    public enum Part {
        /** thresholds and settings may be chosen by looking at it */
        DEV,
        /** never looked at while choosing anything: the figures to trust */
        HELD_OUT;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One labelled plate.
     *
     * @param box     the plate's box in the picture, null for crops (the crop is the plate)
     * @param colour  plate colour ({@code black}, {@code white}, ...), "unknown" when not labelled
     * @param vehicle {@code car} or {@code motorbike}, "unknown" when not labelled
     */
    public record Label(String image, String text, BoundingBox box, String colour, String vehicle) {
        /** Deterministic split by file name (SHA-256): about 40 % held out, independent of the label itself. */
        public Part part() {
            return partOf(image);
        }
    }

    public static Part partOf(String imageName) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(imageName.getBytes(StandardCharsets.UTF_8));
            return (h[0] & 0xff) % 5 < 2 ? Part.HELD_OUT : Part.DEV;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Label> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labels " + csv + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("labels " + csv + " are empty: expected a header 'image,plate_text,...'");
        }
        List<String> header = Arrays.stream(lines.getFirst().split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .toList();
        int image = header.indexOf("image"), text = header.indexOf("plate_text");
        if (image < 0 || text < 0) {
            throw new IllegalArgumentException("labels " + csv + ": the header must name 'image' and 'plate_text', got "
                    + header);
        }
        int x1 = header.indexOf("x1"), y1 = header.indexOf("y1"), x2 = header.indexOf("x2"), y2 = header.indexOf("y2");
        int colour = header.indexOf("colour"), vehicle = header.indexOf("vehicle");
        List<Label> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            String[] f = l.split(",", -1);
            if (f.length < header.size()) {
                throw new IllegalArgumentException("labels " + csv + " line " + (i + 1) + ": " + f.length
                        + " fields, the header has " + header.size());
            }
            BoundingBox box = x1 < 0 ? null : new BoundingBox(d(f[x1]), d(f[y1]), d(f[x2]), d(f[y2]));
            out.add(new Label(f[image].trim(), f[text].trim(), box, colour < 0 ? "unknown" : f[colour].trim(),
                    vehicle < 0 ? "unknown" : f[vehicle].trim()));
        }
        return out;
    }

    private static double d(String s) {
        return Double.parseDouble(s.trim());
    }
}
