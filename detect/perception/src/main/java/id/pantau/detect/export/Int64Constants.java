package id.pantau.detect.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The int64 tensors of a graph whose values are fixed in the file: initializers and the outputs of Constant nodes.
 * Shape arguments (Reshape's target shape, Resize's sizes) are such constants in exported detectors.
 */
final class Int64Constants {
    private final Map<String, List<Long>> values = new HashMap<>();

    Int64Constants(GraphProto graph) {
        for (TensorProto t : graph.getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.INT64_VALUE) {
                values.put(t.getName(), int64s(t));
            }
        }
        for (NodeProto n : graph.getNodeList()) {
            if (!n.getOpType().equals("Constant") || n.getOutputCount() != 1) {
                continue;
            }
            for (AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals("value") && a.getT().getDataType() == TensorProto.DataType.INT64_VALUE) {
                    values.put(n.getOutput(0), int64s(a.getT()));
                } else if (a.getName().equals("value_ints")) {
                    values.put(n.getOutput(0), List.copyOf(a.getIntsList()));
                }
            }
        }
    }

    /** The values of tensor {@code name}, or empty when it is computed at run time (or not int64). */
    Optional<List<Long>> of(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A one-dimensional int64 initializer. */
    static TensorProto tensor(String name, List<Long> values) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.size()).addAllInt64Data(values).build();
    }

    private static List<Long> int64s(TensorProto t) {
        if (t.getInt64DataCount() > 0) {
            return List.copyOf(t.getInt64DataList());
        }
        // exporters usually store the values as raw little-endian bytes (ONNX's fixed byte order)
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<Long> out = new ArrayList<>(raw.remaining() / Long.BYTES);
        while (raw.remaining() >= Long.BYTES) {
            out.add(raw.getLong());
        }
        return List.copyOf(out);
    }
}
