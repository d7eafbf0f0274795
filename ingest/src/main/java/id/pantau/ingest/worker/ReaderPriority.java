package id.pantau.ingest.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the OS priority (raises the nice value) of the calling camera reader thread, and so of the threads it
 * starts (FFmpeg's decoder threads, the ring's JPEG encoder): Linux threads inherit it.
 *
 * <p>Why: past the node's limit every camera's reader and the few analysis threads compete for the cores, and the
 * kernel shares CPU per thread: 24 readers against 2 analysis threads would leave analysis a twelfth of the CPU,
 * so the more cameras, the fewer frames analysed in all (issue #18: 12 cameras analysed fewer frames than 8). At
 * nice 10 a reader weighs a tenth of an analysis thread (CFS weights 110 against 1024): at twice the cameras a node
 * holds (20 readers, 2 analysis threads on 2 cores, every reader behind) analysis still gets about half the CPU,
 * 0.96 cores, more than the 0.7 cores the held cameras' analysis needs; at nice 5 (weight 335) it would get 0.47.
 * Decoding fills the rest and sheds work meanwhile ({@code PacketDecoder.shed}). With CPU to spare nothing changes:
 * nice only matters when threads wait for a core, and with the kernel's autogroups (on by default) only between
 * threads of the same session, so other programs on the machine are not affected. {@code -Dpantau.ingest.nice=N}
 * (0..19) changes it; 0 leaves readers at normal priority.
 *
 * <p>Linux only: the thread's id from {@code /proc/thread-self}, its nice value set with {@code renice} (util-linux,
 * in every Debian and Ubuntu base image; the JDK 21 this builds for has no stable native call for it). Once per
 * reader thread, not per frame. Elsewhere, or if refused, the reader runs at normal priority and this is logged once.
 */
final class ReaderPriority {
    static final int NICE = Math.clamp(Integer.getInteger("pantau.ingest.nice", 10), 0, 19);
    private static final Logger log = LoggerFactory.getLogger(ReaderPriority.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static volatile boolean warned;

    private ReaderPriority() {
    }

    /** Lowers the calling thread's priority to nice {@link #NICE}; true if it took effect. */
    static boolean lowerCurrentThread() {
        if (NICE == 0) {
            return false;
        }
        try {
            if (!Files.exists(THREAD_SELF)) {
                warnOnce("no /proc/thread-self: not Linux");
                return false;
            }
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString(); // "PID/task/TID"
            Process p = new ProcessBuilder("renice", "-n", String.valueOf(NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                warnOnce("renice did not answer");
                return false;
            }
            if (p.exitValue() != 0) {
                warnOnce("renice refused (exit " + p.exitValue() + ")");
                return false;
            }
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            warnOnce(e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the reader sees it at its next check
            return false;
        }
    }

    private static void warnOnce(String why) {
        if (!warned) {
            warned = true;
            log.info("camera readers run at normal priority ({}); under overload analysis competes with decoding", why);
        }
    }
}
