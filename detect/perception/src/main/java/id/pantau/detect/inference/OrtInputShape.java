package id.pantau.detect.inference;

import ai.djl.Model;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.lang.reflect.Field;
import java.util.Optional;

/**
 * Reads the declared shape of a DJL-loaded ONNX model's first input.
 *
 * <p>WHY reflection: DJL 0.38's {@code OrtSymbolBlock.describeInput()} returns names with null shapes and keeps
 * the {@code OrtSession} private; opening a second session just to read the shape would double load time and
 * memory. If a DJL upgrade renames the field this returns empty and the caller falls back to the manifest's
 * input size.
 */
final class OrtInputShape {
    private OrtInputShape() {
    }

    static Optional<long[]> of(Model model) {
        if (!(model.getBlock() instanceof OrtSymbolBlock block)) {
            return Optional.empty();
        }
        try {
            Field f = OrtSymbolBlock.class.getDeclaredField("session");
            f.setAccessible(true);
            OrtSession session = (OrtSession) f.get(block);
            NodeInfo first = session.getInputInfo().values().iterator().next();
            if (first.getInfo() instanceof TensorInfo t) {
                return Optional.of(t.getShape());
            }
            return Optional.empty();
        } catch (ReflectiveOperationException | OrtException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
