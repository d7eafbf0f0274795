package id.pantau.app.cli;

import id.pantau.core.asset.Assets;
import id.pantau.detect.plate.PlateReader;
import id.pantau.detect.plate.PlateReaderSettings;
import id.pantau.detect.plate.PlatesJob;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Reads the licence plates on pictures and writes one JSON line per picture. The work is {@link PlatesJob}'s. */
@Command(name = "plates", description = {
        "Read Indonesian licence plates on a picture or a folder of pictures.",
        "Writes one JSON object per picture: {\"source\": ..., \"plates\": [{\"text\", \"region\", \"score\", \"status\", \"box\"}]}."})
public final class PlatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "IMAGE|DIR", description = "A picture or a folder of pictures.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Where to write the results.")
    Path out;

    @Option(names = "--crops", description = "The pictures are plate crops: read them as they are instead of searching for plates.")
    boolean crops;

    @Option(names = "--min-confidence", description = "Readings below this calibrated confidence are reported "
            + "UNCERTAIN with their best alternatives (default: the calibrated threshold, "
            + "PlateReaderSettings.DEFAULT_MIN_CONFIDENCE).")
    Double minConfidence;

    @Option(names = "--labels", paramLabel = "LABELS.csv", description = {
            "Score the readings against labels (image,plate_text[,x1,y1,x2,y2,colour,vehicle]) and print box recall,",
            "exact plates, CER, share READ and accuracy of READ, split dev/held-out, by plate colour and vehicle type."})
    Path labels;

    @Override
    public Integer call() {
        PlateReaderSettings settings = minConfidence == null ? PlateReaderSettings.defaults()
                : PlateReaderSettings.defaults().withMinConfidence(minConfidence);
        try (PlateReader reader = PlateReader.open(Assets.defaults(), settings, new SimpleMeterRegistry())) {
            PlatesJob.Summary s = new PlatesJob(reader).run(input, out,
                    crops ? PlatesJob.Input.CROPS : PlatesJob.Input.SCENES, labels);
            spec.commandLine().getOut().printf("%d pictures, %d plates (%d read), %d pictures failed -> %s%n",
                    s.pictures(), s.plates(), s.read(), s.failedPictures(), out);
            if (s.evaluation() != null) {
                spec.commandLine().getOut().print(s.evaluation().report("Against " + labels + ":"));
                spec.commandLine().getOut().print("Reliability (all labelled pictures; calibrated on the dev part):\n"
                        + s.evaluation().reliability(o -> true, 0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1));
                spec.commandLine().getOut().flush();
            }
            return s.failedPictures() == 0 ? 0 : 1;
        }
    }
}
