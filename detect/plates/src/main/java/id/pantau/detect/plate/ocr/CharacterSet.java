package id.pantau.detect.plate.ocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recogniser's output classes: 0 = CTC blank, then one class per line of {@code ppocr_keys_v1.txt}, then space.
 * Also maps the 36 plate characters (A-Z, 0-9) to every class that draws them (upper and lower case), because the
 * model sometimes reads a plate's "O" as "o": for plates, both mean the same character.
 */
public final class CharacterSet {
    public static final String PLATE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final List<String> classes;
    private final int[][] plateClassIndices;

    private CharacterSet(List<String> classes) {
        this.classes = classes;
        this.plateClassIndices = new int[PLATE_CHARACTERS.length()][];
        for (int k = 0; k < PLATE_CHARACTERS.length(); k++) {
            String upper = String.valueOf(PLATE_CHARACTERS.charAt(k));
            String lower = upper.toLowerCase(java.util.Locale.ROOT);
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < classes.size(); i++) {
                if (classes.get(i).equals(upper) || (!lower.equals(upper) && classes.get(i).equals(lower))) {
                    idx.add(i);
                }
            }
            plateClassIndices[k] = idx.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public static CharacterSet load(Path keysFile) {
        try {
            List<String> lines = Files.readAllLines(keysFile, StandardCharsets.UTF_8);
            List<String> classes = new ArrayList<>(lines.size() + 2);
            classes.add("");            // CTC blank
            classes.addAll(lines);
            classes.add(" ");           // PaddleOCR appends space when use_space_char is on
            return new CharacterSet(List.copyOf(classes));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the recogniser's character list " + keysFile + ": " + e, e);
        }
    }

    public int size() {
        return classes.size();
    }

    public String text(int classIndex) {
        return classes.get(classIndex);
    }

    /** Classes that draw plate character {@code PLATE_CHARACTERS.charAt(k)}. */
    public int[] plateClasses(int k) {
        return plateClassIndices[k];
    }
}
