package id.pantau.ingest.sim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP server on 127.0.0.1 for tests, benchmarks and demos: GStreamer's gst-rtsp-server driven by a small
 * Python program (resource {@code rtsp_server.py}), serving H.264 MP4 files, each looped forever on its own mount.
 * It can be killed (SIGKILL) and restarted on the same port to rehearse camera outages.
 *
 * <pre>{@code
 * try (GstRtspServer rtsp = GstRtspServer.start(Map.of("cam1", video))) {
 *     String url = rtsp.url("cam1");   // rtsp://127.0.0.1:<port>/cam1
 * }
 * }</pre>
 *
 * Needs Debian packages {@value #PACKAGES} and {@code /usr/bin/python3} (the system Python that has {@code gi};
 * a pyenv/venv python3 on PATH usually does not). Override with system property {@code pantau.python}.
 */
public final class GstRtspServer implements AutoCloseable {
    public static final String PACKAGES = "python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base "
            + "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav";
    private static final Logger log = LoggerFactory.getLogger(GstRtspServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile Path script;

    static {
        // Never leave a server behind if the JVM exits without closing it (e.g. a failed test).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final Map<String, Path> mounts;
    private int port;
    private Process process;
    private final StringBuffer stderr = new StringBuffer();

    private GstRtspServer(Map<String, Path> mounts, int port) {
        this.mounts = mounts;
        this.port = port;
    }

    /** Starts a server on a free port; mount names like "cam1" (served at rtsp://127.0.0.1:port/cam1). */
    public static GstRtspServer start(Map<String, Path> mounts) {
        return start(0, mounts);
    }

    /** Starts a server on {@code port} (0 = a free one). Waits until it accepts connections. */
    public static GstRtspServer start(int port, Map<String, Path> mounts) {
        if (mounts.isEmpty()) {
            throw new IllegalArgumentException("an RTSP server needs at least one mount");
        }
        Map<String, Path> copy = new LinkedHashMap<>();
        mounts.forEach((name, file) -> {
            if (!name.matches("[A-Za-z0-9_./-]+")) {
                throw new IllegalArgumentException("mount name '" + name + "' must be letters, digits, _ . / -");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("video for mount '" + name + "' not found: " + file);
            }
            copy.put(name.startsWith("/") ? name.substring(1) : name, file.toAbsolutePath());
        });
        GstRtspServer server = new GstRtspServer(copy, port);
        server.launch();
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code rtsp://127.0.0.1:<port>/<mount>} */
    public String url(String mount) {
        return "rtsp://127.0.0.1:" + port + "/" + (mount.startsWith("/") ? mount.substring(1) : mount);
    }

    /** The server process id (for tests that pause it with SIGSTOP to simulate a hung camera). */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("RTSP simulator is not running");
        }
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server with SIGKILL, as a crashed camera or a pulled cable would look to clients. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
        process = null;
    }

    /** Starts it again on the same port (after {@link #kill()}), waiting until it is ready. */
    public synchronized void restart() {
        kill();
        launch();
    }

    private synchronized void launch() {
        List<String> cmd = new ArrayList<>(List.of(python(), scriptPath().toString(), "--port",
                Integer.toString(port), "--bind", "127.0.0.1"));
        mounts.forEach((name, file) -> {
            cmd.add("--mount");
            cmd.add("/" + name + "=" + file);
        });
        // The port may still be held for a moment after a kill: retry the bind briefly.
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            stderr.setLength(0);
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + cmd.getFirst() + ": " + e.getMessage()
                        + ". The RTSP simulator needs the system Python 3 with GStreamer; install the Debian packages: "
                        + PACKAGES, e);
            }
            LIVE.add(p);
            drain(p.getErrorStream(), stderr);
            Integer ready = awaitReady(p);
            if (ready != null) {
                process = p;
                port = ready;
                log.info("RTSP simulator ready on 127.0.0.1:{} serving {}", port, mounts.keySet());
                return;
            }
            LIVE.remove(p);
            p.destroyForcibly();
            String err = stderr.toString().trim();
            if (err.contains("MISSING-GSTREAMER")) {
                throw new IllegalStateException("GStreamer RTSP server not available to " + cmd.getFirst() + " ("
                        + err + "). Install the Debian packages: " + PACKAGES);
            }
            if (err.contains("BIND-FAILED") && port != 0 && System.nanoTime() < deadline) {
                sleep(200);
                continue;
            }
            throw new IllegalStateException("RTSP simulator did not start: " + (err.isEmpty() ? "no output" : err));
        }
    }

    /** Waits for the "READY <port>" line; null if the process exited or timed out first. */
    private static Integer awaitReady(Process p) {
        SynchronousQueue<String> line = new SynchronousQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String first = r.readLine();
                line.offer(first == null ? "" : first, 1, TimeUnit.MINUTES);
                while (r.readLine() != null) {
                    // keep the pipe drained for the life of the process
                }
            } catch (IOException | InterruptedException ignored) {
                // the process went away
            }
        });
        try {
            String first = line.poll(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (first != null && first.startsWith("READY ")) {
                return Integer.parseInt(first.substring(6).trim());
            }
            reader.interrupt();
            p.waitFor(2, TimeUnit.SECONDS); // let stderr arrive for the error message
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void drain(InputStream in, StringBuffer sink) {
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    if (sink.length() < 8192) {
                        sink.append(l).append('\n');
                    }
                    log.debug("gst-rtsp: {}", l);
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
    }

    private static String python() {
        return System.getProperty("pantau.python", "/usr/bin/python3");
    }

    private static Path scriptPath() {
        Path p = script;
        if (p == null) {
            synchronized (GstRtspServer.class) {
                if (script == null) {
                    try (InputStream in = GstRtspServer.class.getResourceAsStream("rtsp_server.py")) {
                        if (in == null) {
                            throw new IllegalStateException("resource rtsp_server.py missing from the ingest jar");
                        }
                        Path tmp = Files.createTempFile("pantau-rtsp-server", ".py");
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        tmp.toFile().deleteOnExit();
                        script = tmp;
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot extract rtsp_server.py", e);
                    }
                }
                p = script;
            }
        }
        return p;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
