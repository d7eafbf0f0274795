package id.pantau.detect.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import id.pantau.detect.SharedData;
import id.pantau.detect.model.DetectorSetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deriving a dynamic-batch copy of the real batch-1 models, and clear refusals for graphs it cannot convert. */
class DynamicBatchExportTest {
    @TempDir
    Path tmp;

    @Test
    void yoloxNanoGetsABatchDimensionAndABatchOfTwoMatchesTwoSingleRuns() throws IOException {
        Path original = SharedData.model("yolox_nano");
        byte[] before = Files.readAllBytes(original);
        DynamicBatchExport.Result r = DynamicBatchExport.export(original, tmp.resolve("yolox_nano_dynamic.onnx"));
        r.changes().forEach(c -> System.out.println("yolox_nano rewrite: " + c));

        assertThat(r.input()).isEqualTo("images");
        assertThat(r.changes()).contains("input 'images': batch 1 -> N", "output 'output': batch 1 -> N")
                .filteredOn(c -> c.startsWith("Reshape ")).hasSize(3)
                .allMatch(c -> c.endsWith("target [1, 85, -1] -> [0, 85, -1]"));
        GraphProto g = DynamicBatchExport.read(r.target()).getGraph();
        assertThat(g.getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam()).isEqualTo("N");
        assertThat(g.getOutput(0).getType().getTensorType().getShape().getDim(0).getDimParam()).isEqualTo("N");
        assertThat(g.getNodeCount()).isEqualTo(DynamicBatchExport.read(original).getGraph().getNodeCount());
        assertThat(Files.readAllBytes(original)).as("the original is left as it was").isEqualTo(before);

        DynamicBatchCheck.Report check = DynamicBatchCheck.verify(original, r.target());
        System.out.println("yolox_nano batch-of-2 check: " + check);
        assertThat(check.outputs()).isEqualTo(1);
        assertThat(check.maxDifference()).isLessThanOrEqualTo(DynamicBatchCheck.TOLERANCE);
    }

    @Test
    void theYolov5StylePlateDetectorConvertsToo() {
        // 38 Reshapes in its head, each starting with the batch 1
        Path original = SharedData.model("plate_det_y5fu_320");
        DynamicBatchExport.Result r = DynamicBatchExport.export(original, tmp.resolve("plates_dynamic.onnx"));
        assertThat(r.changes()).filteredOn(c -> c.startsWith("Reshape ")).hasSize(38);
        assertThat(DynamicBatchCheck.verify(original, r.target()).maxDifference())
                .isLessThanOrEqualTo(DynamicBatchCheck.TOLERANCE);
    }

    @Test
    void aFileThatIsNotOnnx() throws IOException {
        Path fake = Files.writeString(tmp.resolve("yolox_nano.onnx"), "<html>404 Not Found</html>");
        assertThatThrownBy(() -> DynamicBatchExport.export(fake, tmp.resolve("out.onnx")))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining(fake.toAbsolutePath().toString())
                .hasMessageContaining("is not an ONNX model");
        Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
        assertThatThrownBy(() -> DynamicBatchExport.export(empty, tmp.resolve("out.onnx")))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining("is not an ONNX model");
        assertThat(tmp.resolve("out.onnx")).doesNotExist();
    }

    @Test
    void aModelWhoseBatchIsAlreadyDynamic() {
        Path cls = SharedData.model("ppocr_cls");
        assertThatThrownBy(() -> DynamicBatchExport.export(cls, tmp.resolve("cls.onnx")))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining(cls.toAbsolutePath().toString())
                .hasMessageContaining("already has a dynamic batch ('p2o.DynamicDimension.0')");
    }

    @Test
    void theCommandLineWritesChecksAndReports() {
        Path original = SharedData.model("yolox_nano");
        Path target = tmp.resolve("cli/yolox_nano_dynamic.onnx");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DynamicBatchExport.run(new String[] {original.toString(), target.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(target).isRegularFile();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Reshape 'Reshape_405'")
                .contains("input 'images' takes a batch N").contains("a batch of 2 gives the rows of two single runs");

        Path notOnnx = tmp.resolve("missing.onnx");
        assertThat(DynamicBatchExport.run(new String[] {notOnnx.toString(), target.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not exist");
        assertThat(DynamicBatchExport.run(new String[] {original.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: DynamicBatchExport");
    }

    @Test
    void writingOverTheOriginalIsRefused() {
        Path original = SharedData.model("yolox_nano");
        assertThatThrownBy(() -> DynamicBatchExport.export(original, original))
                .isInstanceOf(DetectorSetupException.class).hasMessageContaining("not over the original");
    }

    @Test
    void aReshapeThatFoldsTheBatchIntoAFixedSizeIsRefused() throws IOException {
        // images [1,3,4,4] -> Reshape [3,16] -> Reshape [1,48] -> out [1,48]: the first Reshape loses the batch
        Path file = save("folds", GraphProto.newBuilder().setName("folds")
                .addInput(tensor("images", 1, 3, 4, 4))
                .addOutput(tensor("out", 1, 48))
                .addInitializer(ints("to_rows", 3, 16))
                .addInitializer(ints("to_flat", 1, 48))
                .addNode(reshape("fold", "images", "to_rows", "rows"))
                .addNode(reshape("flat", "rows", "to_flat", "out")));
        assertThatThrownBy(() -> DynamicBatchExport.export(file, tmp.resolve("out.onnx")))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("Reshape 'fold'")
                .hasMessageContaining("[3, 16]")
                .hasMessageContaining("folds the batch");
    }

    @Test
    void theCheckCatchesAGraphThatStillNeedsBatchOne() throws IOException {
        // images [1,3,4,4] -> Reshape [-1,16] -> Reshape [1,48]: the rewrite makes the second [0,48], which is wrong
        // here because the first already moved the batch into its rows (3N x 16); only running it shows that
        Path file = save("rows", GraphProto.newBuilder().setName("rows")
                .addInput(tensor("images", 1, 3, 4, 4))
                .addOutput(tensor("out", 1, 48))
                .addInitializer(ints("to_rows", -1, 16))
                .addInitializer(ints("to_flat", 1, 48))
                .addNode(reshape("rows", "images", "to_rows", "rows"))
                .addNode(reshape("flat", "rows", "to_flat", "out")));
        DynamicBatchExport.Result r = DynamicBatchExport.export(file, tmp.resolve("rows_dynamic.onnx"));
        assertThatThrownBy(() -> DynamicBatchCheck.verify(file, r.target()))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining(r.target().toAbsolutePath().toString())
                .hasMessageContaining("fails on a batch of 2");
    }

    @Test
    void theCheckCatchesAGraphThatMixesTheImagesOfABatch() throws IOException {
        // a sum over the batch axis: runs at any batch, but gives one row for two images
        Path file = save("sum", GraphProto.newBuilder().setName("sum")
                .addInput(tensor("images", 1, 3, 4, 4))
                .addOutput(tensor("out", 1, 3, 4, 4))
                .addNode(NodeProto.newBuilder().setOpType("ReduceSum").setName("sum").addInput("images")
                        .addOutput("out").addAttribute(AttributeProto.newBuilder().setName("axes")
                                .setType(AttributeProto.AttributeType.INTS).addInts(0))));
        DynamicBatchExport.Result r = DynamicBatchExport.export(file, tmp.resolve("sum_dynamic.onnx"));
        assertThatThrownBy(() -> DynamicBatchCheck.verify(file, r.target()))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining("does not treat the images of a batch separately")
                .hasMessageContaining("output 'out' has shape [1, 3, 4, 4] for a batch of 2");
    }

    private Path save(String name, GraphProto.Builder graph) throws IOException {
        Path file = tmp.resolve(name + ".onnx");
        Files.write(file, ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(11)).setGraph(graph).build()
                .toByteArray());
        return file;
    }

    private static NodeProto reshape(String name, String data, String shape, String out) {
        return NodeProto.newBuilder().setOpType("Reshape").setName(name).addInput(data).addInput(shape)
                .addOutput(out).build();
    }

    private static ValueInfoProto tensor(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static TensorProto ints(String name, long... values) {
        return Int64Constants.tensor(name, java.util.Arrays.stream(values).boxed().toList());
    }
}
