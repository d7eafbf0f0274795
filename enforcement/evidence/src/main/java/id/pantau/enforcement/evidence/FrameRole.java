package id.pantau.enforcement.evidence;

/** The three stamped photos of a violation: the vehicle before the stop line, crossing it, and past it. */
public enum FrameRole {
    BEFORE("frame_before.jpg", "BEFORE stop line"),
    AT("frame_at.jpg", "AT stop line (crossing)"),
    AFTER("frame_after.jpg", "AFTER stop line");

    private final String fileName;
    private final String caption;

    FrameRole(String fileName, String caption) {
        this.fileName = fileName;
        this.caption = caption;
    }

    public String fileName() {
        return fileName;
    }

    public String caption() {
        return caption;
    }
}
