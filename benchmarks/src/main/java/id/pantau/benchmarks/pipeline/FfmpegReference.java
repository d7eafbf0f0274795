package id.pantau.benchmarks.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical limit for decoding: FFmpeg's own command-line decoder on the same clip with the same thread count
 * ({@code ffmpeg -benchmark -threads N -i CLIP -f null -}). Our decode rate is reported as a ratio of this.
 */
public final class FfmpegReference {
    private static final Pattern FRAMES = Pattern.compile("frame=\\s*(\\d+)");
    private static final Pattern RTIME = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

    private final String ffmpeg;

    public FfmpegReference(String ffmpegExecutable) {
        this.ffmpeg = ffmpegExecutable;
    }

    /** The result of one run: frames decoded and wall seconds as FFmpeg itself measured them. */
    public record Run(long frames, double wallSeconds) {
        public double fps() {
            return frames / wallSeconds;
        }
    }

    public Run decode(Path clip, int threads) throws IOException, InterruptedException {
        return decode(clip, threads, false);
    }

    /** As {@link #decode(Path, int)}; with {@code skipNonRef} FFmpeg skips non-reference frames as ingest can. */
    public Run decode(Path clip, int threads, boolean skipNonRef) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-benchmark",
                "-threads", String.valueOf(threads)));
        if (skipNonRef) {
            cmd.addAll(List.of("-skip_frame", "noref")); // AVDISCARD_NONREF
        }
        cmd.addAll(List.of("-i", clip.toString(), "-an", "-f", "null", "-"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + ffmpeg + "' for the decode reference: install FFmpeg "
                    + "(apt-get install ffmpeg) or pass --ffmpeg PATH", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed on " + clip + ":\n" + out.lines().skip(Math.max(0, out.lines().count() - 5))
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        return parse(out);
    }

    static Run parse(String ffmpegOutput) {
        long frames = -1;
        Matcher f = FRAMES.matcher(ffmpegOutput);
        while (f.find()) {
            frames = Long.parseLong(f.group(1));
        }
        Matcher r = RTIME.matcher(ffmpegOutput);
        if (frames <= 0 || !r.find()) {
            throw new IllegalArgumentException("ffmpeg -benchmark output has no frame count or rtime:\n" + ffmpegOutput);
        }
        return new Run(frames, Double.parseDouble(r.group(3)));
    }
}
