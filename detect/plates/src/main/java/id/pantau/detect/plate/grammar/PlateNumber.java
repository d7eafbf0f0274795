package id.pantau.detect.plate.grammar;

/**
 * An Indonesian plate number split into its grammar slots: region prefix (1-2 letters), number (1-4 digits),
 * suffix (0-3 letters). {@link #text()} is the normalised form, e.g. {@code BH 1234 XY}.
 */
public record PlateNumber(String prefix, String digits, String suffix) {
    public PlateNumber {
        if (!prefix.matches("[A-Z]{1,2}") || !digits.matches("[0-9]{1,4}") || !suffix.matches("[A-Z]{0,3}")) {
            throw new IllegalArgumentException("not an Indonesian plate: '" + prefix + "' '" + digits + "' '"
                    + suffix + "' (expected 1-2 letters, 1-4 digits, 0-3 letters)");
        }
    }

    public String text() {
        return suffix.isEmpty() ? prefix + " " + digits : prefix + " " + digits + " " + suffix;
    }

    /** The characters without spaces, slot after slot. */
    public String compact() {
        return prefix + digits + suffix;
    }

    /** The same layout (slot lengths): readings of one plate are compared character by character only then. */
    public String layout() {
        return prefix.length() + "-" + digits.length() + "-" + suffix.length();
    }

    @Override
    public String toString() {
        return text();
    }
}
