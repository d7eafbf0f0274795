package id.pantau.app.cli;

import id.pantau.ingest.config.Transport;
import id.pantau.ingest.probe.ProbeReport;
import id.pantau.ingest.probe.StreamProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** The smallest tool a field engineer needs to check a camera: open it, decode N frames, print what came. */
@Command(name = "ingest", description = "Decode N frames of a camera URL or video file; print stream facts and the decode rate.")
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "URL|FILE", description = "rtsp://, http:// (MJPEG) or a video file.")
    String input;

    @Option(names = "--frames", defaultValue = "100", description = "Frames to decode (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--transport", defaultValue = "tcp", description = "RTSP transport: tcp (default) or udp.")
    Transport transport;

    @Option(names = "--timeout", defaultValue = "5", description = "Seconds to wait on a live source (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        ProbeReport report = StreamProbe.probe(input, frames, new StreamProbe.Options(transport, Duration.ofSeconds(timeoutSeconds)));
        spec.commandLine().getOut().println(report);
        return 0;
    }
}
