package id.pantau.detect.runtime;

import java.util.Locale;

/** Where ONNX Runtime runs the model. */
public enum ExecutionProvider {
    CPU, CUDA;

    public static ExecutionProvider fromConfigName(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "cpu" -> CPU;
            case "cuda", "gpu" -> CUDA;
            default -> throw new IllegalArgumentException("unknown execution provider '" + name
                    + "': use cpu or cuda");
        };
    }
}
