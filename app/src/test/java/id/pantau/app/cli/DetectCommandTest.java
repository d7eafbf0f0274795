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

    @Test
    void cameraProfileReplacesModelAndTiles() {
        DetectCommand c = parse("--input", "a.png", "--out", "o.jsonl", "--camera", "cam.json");
        assertThat(c.camera).isEqualTo(Path.of("cam.json"));
        assertThat(c.clashingWithCamera()).isEmpty();
        DetectCommand clash = new DetectCommand();
        CommandLine cl = new CommandLine(clash);
        cl.parseArgs("--input", "a.png", "--out", "o.jsonl", "--camera", "cam.json", "--tiles", "2x2", "--model",
                "yolov8n");
        clash.spec = cl.getCommandSpec();
        assertThat(clash.clashingWithCamera()).containsExactly("--model", "--tiles");
    }

    @Test
    void aCameraWithABadProfileIsAClearErrorNamingCameraAndField(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path cam = tmp.resolve("cam.json");
        java.nio.file.Files.writeString(cam, """
                {"camera": "simpang-kawat-1", "frame": {"width": 640, "height": 480},
                 "detector": {"model": "yolov8s"}}
                """);
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new DetectCommand());
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("--input", tmp.toString(), "--out", tmp.resolve("o.jsonl").toString(), "--camera",
                cam.toString());
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("simpang-kawat-1").contains("detector.accept_licence");
    }
}
