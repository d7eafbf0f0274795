package id.pantau.detect.runtime;

import java.nio.file.Path;

/** Loads and runs one model from a plain JVM's main thread: the child process of {@link OnnxModelTest}. */
public final class LoadModelMain {
    private LoadModelMain() {
    }

    public static void main(String[] args) {
        try (OnnxModel m = OnnxModel.load("child", Path.of(args[0]), 1)) {
            OnnxModel.Tensor t = m.run("input", new float[3 * 320 * 320], 1, 3, 320, 320);
            System.out.println("rows=" + t.dim(1));
        }
    }
}
