package id.pantau.enforcement.stored;

/** Builds the storage key of one evidence file from the event's evidence prefix and the file name. */
public final class EvidenceKeys {
    private EvidenceKeys() {
    }

    public static String photo(String evidenceKey, String name) {
        if (evidenceKey == null) {
            return name;
        }
        return evidenceKey.endsWith("/") ? evidenceKey + name : evidenceKey + "/" + name;
    }
}
