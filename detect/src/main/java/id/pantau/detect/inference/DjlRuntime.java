package id.pantau.detect.inference;

/**
 * Keeps Deep Java Library offline. DJL's telemetry ({@code ai.djl.util.Ec2Utils}) contacts the cloud metadata
 * address 169.254.169.254 when its engine loads, and its model zoo may download; Pantau only ever loads models
 * from local paths. Both switches must be set before the first DJL engine class initialises, so every entry point
 * that touches DJL calls {@link #ensureOffline()} first. The launcher and Surefire also set them.
 */
public final class DjlRuntime {
    public static final String OFFLINE = "ai.djl.offline";
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    public static final String ENGINE = "OnnxRuntime";

    private DjlRuntime() {
    }

    public static void ensureOffline() {
        System.setProperty(OFFLINE, "true");
        System.setProperty(OPT_OUT_TRACKING, "true");
    }

    public static boolean isOffline() {
        return Boolean.parseBoolean(System.getProperty(OFFLINE))
                && Boolean.parseBoolean(System.getProperty(OPT_OUT_TRACKING));
    }
}
