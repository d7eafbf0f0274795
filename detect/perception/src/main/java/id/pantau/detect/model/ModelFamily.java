package id.pantau.detect.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * The detector export formats Pantau can decode. Each family fixes the pre-processing (colour order, scaling,
 * where the letterbox padding goes) and the layout of the output tensor.
 */
public enum ModelFamily {
    /**
     * Megvii YOLOX export (the shipped yolox_nano): BGR, 0-255, image pasted top-left on a 114 canvas; output
     * [1, anchors, 5 + classes] with grid-relative boxes (not decoded) and sigmoid objectness and class scores.
     */
    YOLOX(ChannelOrder.BGR, 1f, Placement.TOP_LEFT),
    /**
     * Ultralytics YOLOv8 / YOLO11 ONNX export: RGB, /255, letterbox centred with 114 padding; output
     * [1, 4 + classes, anchors] with cx, cy, w, h in input pixels and class scores without objectness.
     */
    ULTRALYTICS(ChannelOrder.RGB, 1f / 255f, Placement.CENTRED);

    /** Order of the three colour planes the model expects. */
    public enum ChannelOrder { BGR, RGB }

    /** Where the resized image sits inside the square model input. */
    public enum Placement { TOP_LEFT, CENTRED }

    private final ChannelOrder channelOrder;
    private final float pixelScale;
    private final Placement placement;

    ModelFamily(ChannelOrder channelOrder, float pixelScale, Placement placement) {
        this.channelOrder = channelOrder;
        this.pixelScale = pixelScale;
        this.placement = placement;
    }

    public ChannelOrder channelOrder() {
        return channelOrder;
    }

    /** Factor applied to 0-255 pixel values. */
    public float pixelScale() {
        return pixelScale;
    }

    public Placement placement() {
        return placement;
    }

    /** Accepts the names operators write in config: "yolox", "yolov8", "yolo11", "ultralytics". */
    public static ModelFamily fromConfigName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "yolox" -> YOLOX;
            case "yolov8", "yolo11", "yolov11", "ultralytics" -> ULTRALYTICS;
            default -> throw new IllegalArgumentException("unknown detector family '" + name
                    + "': use one of yolox, yolov8, yolo11 (Ultralytics export); known families: "
                    + Arrays.toString(values()));
        };
    }
}
