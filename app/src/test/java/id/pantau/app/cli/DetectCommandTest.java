package id.pantau.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Option parsing of {@code pantau detect} (the job itself is tested in the detect module). */
class DetectCommandTest {

    private static DetectCommand parse(String... args) {
        DetectCommand c = new DetectCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void defaultsAndOptions() {
        DetectCommand c = parse("--input", "clip.mp4", "--out", "o.jsonl");
        assertThat(c.model).isEqualTo("yolox_nano");
        assertThat(c.every).isEqualTo(1);
        assertThat(c.tileGrid()).isEmpty();
        assertThat(c.settings().trainIsBus()).isTrue();

        DetectCommand d = parse("--input", "dir", "--out", "o.jsonl", "--annotate", "ann", "--model", "m.onnx",
                "--family", "yolov8", "--every", "3", "--tiles", "2x3", "--threads", "1", "--no-train-as-bus");
        assertThat(d.input).isEqualTo(Path.of("dir"));
        assertThat(d.annotate).isEqualTo(Path.of("ann"));
        assertThat(d.family).isEqualTo("yolov8");
        assertThat(d.tileGrid()).containsExactly(2, 3);
        assertThat(d.settings().intraOpThreads()).isEqualTo(1);
        assertThat(d.settings().trainIsBus()).isFalse();
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> parse("--out", "o.jsonl")).isInstanceOf(CommandLine.MissingParameterException.class)
                .hasMessageContaining("--input");
        assertThatThrownBy(() -> parse("--input", "a", "--out", "o", "--tiles", "two").tileGrid())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("2x2");
        assertThatThrownBy(() -> parse("--input", "a", "--out", "o", "--provider", "tpu").settings())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("cpu or cuda");
        assertThatThrownBy(() -> parse("--input", "a", "--out", "o", "--every", "0").settings())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--every");
    }
}
