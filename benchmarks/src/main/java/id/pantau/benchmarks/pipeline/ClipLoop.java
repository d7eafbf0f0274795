package id.pantau.benchmarks.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A longer copy of a short clip (the same packets repeated with {@code -c copy}, no re-encode), so that a decode
 * rate is measured over many frames instead of being dominated by opening the file.
 */
public final class ClipLoop {
    private ClipLoop() {
    }

    /** Writes {@code times} back-to-back copies of the clip's video stream to {@code out}; returns {@code out}. */
    public static Path repeat(String ffmpeg, Path clip, int times, Path out) throws IOException, InterruptedException {
        if (times <= 1) {
            return clip;
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<String> cmd = List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-y",
                "-stream_loop", String.valueOf(times - 1), "-i", clip.toString(), "-map", "0:v:0", "-c", "copy",
                out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not make a looped copy of " + clip + ": " + log.strip());
        }
        return out;
    }
}
