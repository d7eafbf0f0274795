package id.pantau.detect.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import id.pantau.detect.model.DetectorSetupException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives a dynamic-batch copy of an ONNX detector exported at batch 1 (the shipped yolox_nano.onnx takes
 * {@code images [1,3,416,416]} and gives {@code output [1,3549,85]}), so that {@code OnnxDetector} can run the frames
 * of several cameras as one inference. Usage: {@code DynamicBatchExport <batch-1.onnx> <dynamic.onnx>}.
 *
 * <p>What it changes, each for a reason:
 * <ul>
 *   <li>the first dimension of the graph input, and of each output whose first dimension is 1, becomes the symbolic
 *       {@value #BATCH}, so ONNX Runtime accepts any batch;</li>
 *   <li>a Reshape of batch-carrying data whose constant target shape starts with 1 (YOLOX's head reshapes to
 *       {@code [1, 85, -1]}) gets its own copy of that constant starting with 0, which Reshape reads as "keep the
 *       input's dimension" (the batch) where 1 would force a batch of one. A copy, because an initializer may be
 *       shared by other nodes;</li>
 *   <li>the graph's value_info is dropped: it only records the shapes the exporter inferred, all at batch 1, and
 *       ONNX Runtime infers them again when it loads the model.</li>
 * </ul>
 * Weights, other nodes, opsets and metadata are copied as they are.
 *
 * <p>It refuses, with a {@link DetectorSetupException} naming the file and the problem, a file that is not ONNX, a
 * model with external weight files, with other than one input, whose input batch is not fixed at 1 (already
 * dynamic, or a fixed batch of several), an output with another fixed first dimension, a Reshape that folds the
 * batch into a fixed size, a Resize to fixed sizes, and control flow (If, Loop, Scan) on batch-carrying data. A
 * pattern it does not know can still get through the rewrite; {@link DynamicBatchCheck} runs the result on a batch
 * of two against the original and catches it, and {@link #main} runs both.
 */
public final class DynamicBatchExport {
    /** Name of the symbolic batch dimension in the derived model. */
    public static final String BATCH = "N";

    /**
     * @param input   the graph input that now takes a batch
     * @param changes one line per change, for the operator's log
     */
    public record Result(Path target, String input, List<String> changes) {
    }

    private DynamicBatchExport() {
    }

    /** Writes the dynamic-batch copy of {@code source} to {@code target} (replaced if it exists). */
    public static Result export(Path source, Path target) {
        if (target.toAbsolutePath().normalize().equals(source.toAbsolutePath().normalize())) {
            throw new DetectorSetupException("model file " + source.toAbsolutePath()
                    + ": write the dynamic-batch copy to another file, not over the original");
        }
        ModelProto model = read(source);
        List<String> changes = new ArrayList<>();
        Rewrite rewrite = new Rewrite(source, model.getGraph(), model.getIrVersion(), changes);
        GraphProto dynamic = rewrite.apply();
        write(model.toBuilder().setGraph(dynamic).build(), target);
        return new Result(target, rewrite.inputName, List.copyOf(changes));
    }

    /** Command line for operators: rewrite, then check the result on a batch of two against the original. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@link #main} without the exit: 0 when the copy was written and checked, 1 on a refusal, 2 on bad usage. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: DynamicBatchExport <model exported at batch 1>.onnx <dynamic-batch copy>.onnx");
            return 2;
        }
        try {
            Result r = export(Path.of(args[0]), Path.of(args[1]));
            r.changes().forEach(c -> out.println("  " + c));
            DynamicBatchCheck.Report check = DynamicBatchCheck.verify(Path.of(args[0]), r.target());
            out.println("wrote " + r.target().toAbsolutePath() + ": input '" + r.input() + "' takes a batch "
                    + BATCH + "; a batch of 2 gives the rows of two single runs (largest relative difference "
                    + check.maxDifference() + ")");
            return 0;
        } catch (DetectorSetupException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    static ModelProto read(Path source) {
        if (!Files.isRegularFile(source)) {
            throw new DetectorSetupException("model file " + source.toAbsolutePath()
                    + " does not exist or is not a file");
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(source));
        } catch (InvalidProtocolBufferException e) {
            throw notOnnx(source, e.getMessage(), e);
        } catch (IOException e) {
            throw new DetectorSetupException("model file " + source.toAbsolutePath() + " could not be read ("
                    + e.getMessage() + ")", e);
        }
        // protobuf parses many non-ONNX byte strings as a message of unknown fields: a model has a graph of nodes
        if (model.getIrVersion() <= 0 || !model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw notOnnx(source, "no ONNX graph in it", null);
        }
        return model;
    }

    private static DetectorSetupException notOnnx(Path source, String why, Exception cause) {
        return new DetectorSetupException("model file " + source.toAbsolutePath() + " is not an ONNX model (" + why
                + "); check that the file is a complete .onnx export (compare its sha256 with the manifest)", cause);
    }

    private static void write(ModelProto model, Path target) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // write beside the target and move: a reader never sees half a model
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                model.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target.toAbsolutePath(), e);
        }
    }

    /** One rewrite of one graph; collects the changes it made. */
    private static final class Rewrite {
        private final Path source;
        private final GraphProto graph;
        private final long irVersion;
        private final List<String> changes;
        private final GraphProto.Builder out;
        private final Int64Constants constants;
        /** original shape constant -> its copy with a leading 0, shared by the Reshapes that used the original */
        private final Map<String, String> batchCopies = new HashMap<>();
        private final Set<String> names = new HashSet<>();
        private String inputName;

        Rewrite(Path source, GraphProto graph, long irVersion, List<String> changes) {
            this.source = source;
            this.graph = graph;
            this.irVersion = irVersion;
            this.changes = changes;
            this.out = graph.toBuilder();
            this.constants = new Int64Constants(graph);
            graph.getInitializerList().forEach(t -> names.add(t.getName()));
            graph.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        }

        GraphProto apply() {
            refuseExternalData();
            int inputIndex = imageInput();
            ValueInfoProto input = graph.getInput(inputIndex);
            inputName = input.getName();
            out.setInput(inputIndex, withBatch(input));
            changes.add("input '" + input.getName() + "': batch 1 -> " + BATCH);
            for (int i = 0; i < graph.getOutputCount(); i++) {
                ValueInfoProto o = graph.getOutput(i);
                TensorShapeProto.Dimension first = firstDimension(o, "output");
                if (first.hasDimValue() && first.getDimValue() == 1) {
                    out.setOutput(i, withBatch(o));
                    changes.add("output '" + o.getName() + "': batch 1 -> " + BATCH);
                } else if (first.hasDimValue()) {
                    throw refuse("output '" + o.getName() + "' has a fixed first dimension of " + first.getDimValue()
                            + ", so it is not one row per image");
                }
            }
            followBatch(input.getName());
            if (graph.getValueInfoCount() > 0) {
                out.clearValueInfo();
                changes.add("value_info: " + graph.getValueInfoCount()
                        + " batch-1 shape records dropped (ONNX Runtime infers them on load)");
            }
            return out.build();
        }

        private void refuseExternalData() {
            for (TensorProto t : graph.getInitializerList()) {
                if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                    throw refuse("its weights are kept in external files (initializer '" + t.getName()
                            + "'); only self-contained .onnx files are supported");
                }
            }
        }

        /** Index of the one graph input that is not an initializer (before IR 4 initializers were inputs too). */
        private int imageInput() {
            Set<String> initializers = new HashSet<>();
            graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
            List<Integer> real = new ArrayList<>();
            for (int i = 0; i < graph.getInputCount(); i++) {
                if (!initializers.contains(graph.getInput(i).getName())) {
                    real.add(i);
                }
            }
            if (real.size() != 1) {
                throw refuse("it has " + real.size() + " inputs; only single-input image models are supported");
            }
            ValueInfoProto in = graph.getInput(real.getFirst());
            TensorShapeProto.Dimension batch = firstDimension(in, "input");
            if (!batch.hasDimValue()) {
                throw refuse("input '" + in.getName() + "' already has a dynamic batch ("
                        + (batch.hasDimParam() ? "'" + batch.getDimParam() + "'" : "unnamed")
                        + "); use the model as it is");
            }
            if (batch.getDimValue() != 1) {
                throw refuse("input '" + in.getName() + "' is fixed at a batch of " + batch.getDimValue()
                        + "; only models exported at batch 1 can be rewritten");
            }
            return real.getFirst();
        }

        /**
         * Walks the nodes in graph order (ONNX requires topological order) from the input: every tensor computed
         * from it carries the batch, and the nodes that consume such tensors are checked and fixed.
         */
        private void followBatch(String inputName) {
            Set<String> batched = new HashSet<>(Set.of(inputName));
            for (int i = 0; i < graph.getNodeCount(); i++) {
                NodeProto node = graph.getNode(i);
                if (node.getInputList().stream().noneMatch(batched::contains)) {
                    continue;
                }
                batched.addAll(node.getOutputList());
                switch (node.getOpType()) {
                    case "Reshape" -> reshape(i, node);
                    case "Resize" -> resize(node);
                    case "If", "Loop", "Scan" -> throw refuse(node.getOpType() + " node '" + node.getName()
                            + "' runs a subgraph on the image data; subgraphs are not rewritten");
                    default -> {
                    }
                }
            }
        }

        private void reshape(int index, NodeProto node) {
            if (node.getInputCount() < 2) {
                return;
            }
            String shapeName = node.getInput(1);
            List<Long> target = constants.of(shapeName).orElse(null);
            if (target == null || target.isEmpty()) {
                return; // computed from the tensor's run-time shape: follows the batch by itself
            }
            long lead = target.getFirst();
            if (lead == 0 || lead == -1) {
                return; // already "keep the input's batch" or "whatever is left"
            }
            if (lead != 1) {
                throw refuse("Reshape '" + node.getName() + "' reshapes the image data to " + target
                        + ", a fixed leading size that folds the batch into other dimensions");
            }
            if (allowsZero(node)) {
                throw refuse("Reshape '" + node.getName() + "' sets allowzero=1, so its target " + target
                        + " cannot keep the input's batch with a 0");
            }
            List<Long> dynamic = new ArrayList<>(target);
            dynamic.set(0, 0L);
            String copy = batchCopies.computeIfAbsent(shapeName, s -> {
                String name = freshName(s + "_dynamic_batch");
                out.addInitializer(Int64Constants.tensor(name, dynamic));
                if (irVersion < 4) {
                    // before IR 4 every initializer must also be declared as a graph input
                    out.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                            .setTensorType(TypeProto.Tensor.newBuilder()
                                    .setElemType(TensorProto.DataType.INT64_VALUE)
                                    .setShape(TensorShapeProto.newBuilder().addDim(
                                            TensorShapeProto.Dimension.newBuilder().setDimValue(dynamic.size()))))));
                }
                return name;
            });
            out.setNode(index, node.toBuilder().setInput(1, copy));
            changes.add("Reshape '" + node.getName() + "': target " + target + " -> " + dynamic);
        }

        private void resize(NodeProto node) {
            // Resize(X, roi, scales, sizes): scales follow any batch, fixed output sizes do not
            if (node.getInputCount() >= 4 && constants.of(node.getInput(3)).isPresent()) {
                throw refuse("Resize '" + node.getName() + "' resizes the image data to the fixed sizes "
                        + constants.of(node.getInput(3)).get() + ", batch included");
            }
        }

        private static boolean allowsZero(NodeProto node) {
            for (AttributeProto a : node.getAttributeList()) {
                if (a.getName().equals("allowzero") && a.getI() != 0) {
                    return true;
                }
            }
            return false;
        }

        private String freshName(String base) {
            String name = base;
            for (int i = 2; names.contains(name); i++) {
                name = base + "_" + i;
            }
            names.add(name);
            return name;
        }

        private TensorShapeProto.Dimension firstDimension(ValueInfoProto v, String what) {
            if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()
                    || v.getType().getTensorType().getShape().getDimCount() == 0) {
                throw refuse(what + " '" + v.getName() + "' is not a tensor with a declared shape");
            }
            return v.getType().getTensorType().getShape().getDim(0);
        }

        private static ValueInfoProto withBatch(ValueInfoProto v) {
            ValueInfoProto.Builder b = v.toBuilder();
            b.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                    .setDim(0, TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
            return b.build();
        }

        private DetectorSetupException refuse(String why) {
            return new DetectorSetupException("model file " + source.toAbsolutePath()
                    + " cannot be given a dynamic batch: " + why);
        }
    }
}
