package id.pantau.detect.runtime;

import ai.djl.engine.Engine;

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

    /**
     * Initialises DJL's ONNX Runtime engine once, offline.
     *
     * <p>WHY a separate thread: on Temurin 25 the engine's first initialisation (native ONNX Runtime load and
     * environment creation) overflows the default 1 MB stack of the JVM's main thread and the process dies with
     * SIGSEGV and no Java stack trace (measured: {@code java -Xss1m} crashes, {@code -Xss2m} works). Running it
     * on a thread with a generous stack makes Pantau independent of the launcher's -Xss.
     */
    public static synchronized void initEngine() {
        ensureOffline();
        if (engineReady) {
            return;
        }
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                Engine.getEngine(ENGINE);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "djl-engine-init", INIT_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the ONNX Runtime engine", e);
        }
        if (failure[0] != null) {
            throw new IllegalStateException("DJL could not load its ONNX Runtime engine: " + failure[0], failure[0]);
        }
        engineReady = true;
    }

    private static final long INIT_STACK_BYTES = 16L << 20;
    private static boolean engineReady;

    public static boolean isOffline() {
        return Boolean.parseBoolean(System.getProperty(OFFLINE))
                && Boolean.parseBoolean(System.getProperty(OPT_OUT_TRACKING));
    }
}
