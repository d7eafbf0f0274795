package id.pantau.storage.verify;

/** The verdict on one file; {@code detail} explains ALTERED (expected vs. actual size/hash). */
public record FileCheck(String name, FileStatus status, String detail) {
    @Override
    public String toString() {
        return "%-10s %s%s".formatted(status, name, detail.isEmpty() ? "" : "  (" + detail + ")");
    }
}
