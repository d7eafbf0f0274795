package id.pantau.app.cli;

import id.pantau.core.asset.Assets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code pantau plates}: options, and a real run over two shared plate crops scored against their labels. */
class PlatesCommandTest {
    @TempDir
    Path dir;

    private static PlatesCommand parse(String... args) {
        PlatesCommand c = new PlatesCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void options() {
        PlatesCommand c = parse("--input", "dir", "--out", "o.jsonl");
        assertThat(c.crops).isFalse();
        assertThat(c.minConfidence).as("default: the calibrated threshold").isNull();
        assertThat(c.labels).isNull();
        PlatesCommand d = parse("--input", "dir", "--out", "o.jsonl", "--crops", "--min-confidence", "0.8",
                "--labels", "l.csv");
        assertThat(d.crops).isTrue();
        assertThat(d.minConfidence).isEqualTo(0.8);
        assertThat(d.labels).isEqualTo(Path.of("l.csv"));
        assertThatThrownBy(() -> parse("--out", "o.jsonl")).isInstanceOf(CommandLine.MissingParameterException.class)
                .hasMessageContaining("--input");
    }

    @Test
    void readsCropsAndPrintsTheScoresAgainstLabels() throws Exception {
        Path shared = Assets.defaults().data("plates/indonesia");
        List<String> lines = Files.readAllLines(shared.resolve("labels.csv"));
        Path in = Files.createDirectory(dir.resolve("in"));
        StringBuilder labels = new StringBuilder("image,plate_text\n");
        for (String l : lines.subList(1, 3)) {
            String name = l.split(",")[0].trim();
            Files.createSymbolicLink(in.resolve(name), shared.resolve("images").resolve(name));
            labels.append(l).append('\n');
        }
        Files.writeString(in.resolve("zz_corrupt.jpg"), "not a picture");
        Path csv = Files.writeString(dir.resolve("labels.csv"), labels);
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new PlatesCommand());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("--input", in.toString(), "--out", dir.resolve("o.jsonl").toString(), "--crops",
                "--labels", csv.toString());
        assertThat(code).as("a picture failed").isEqualTo(1);
        assertThat(out.toString()).contains("3 pictures, 2 plates").contains("1 pictures failed")
                .contains("READ-acc").contains("top-3").contains("confidence");
        assertThat(Files.readAllLines(dir.resolve("o.jsonl"))).hasSize(3);
    }
}
