package id.pantau.detect.model;

import id.pantau.core.perception.RoadUserClass;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a model's class ids onto road-user classes and holds the score threshold of each road-user class.
 * Classes that map to nothing (traffic light, bench, ...) are dropped before NMS.
 *
 * <p>{@code train -> bus}: on city road footage nothing runs on rails between cars, and YOLOX-nano labels close,
 * occluded double-decker buses "train" (measured on the TestV4 clip, see detect/README.md), so the default mapping
 * counts a train as a bus. Operators with a level crossing in view can turn it off.
 */
public final class RoadUserMapping {
    private final RoadUserClass[] byClassId;
    private final Map<RoadUserClass, Float> thresholds;
    private final float minThreshold;

    private RoadUserMapping(RoadUserClass[] byClassId, Map<RoadUserClass, Float> thresholds) {
        this.byClassId = byClassId;
        this.thresholds = new EnumMap<>(thresholds);
        float min = 1f;
        for (RoadUserClass c : RoadUserClass.values()) {
            min = Math.min(min, threshold(c));
        }
        this.minThreshold = min;
    }

    /** Default score thresholds, tuned on the shared footage with yolox_nano (see detect/README.md). */
    public static Map<RoadUserClass, Float> defaultThresholds() {
        Map<RoadUserClass, Float> t = new EnumMap<>(RoadUserClass.class);
        t.put(RoadUserClass.CAR, 0.30f);
        t.put(RoadUserClass.TRUCK, 0.30f);
        t.put(RoadUserClass.BUS, 0.25f);
        t.put(RoadUserClass.MOTORCYCLE, 0.30f);
        t.put(RoadUserClass.BICYCLE, 0.30f);
        t.put(RoadUserClass.PERSON, 0.35f);
        return t;
    }

    public static RoadUserMapping forClassNames(List<String> classNames, boolean trainIsBus,
                                                Map<RoadUserClass, Float> thresholds) {
        RoadUserClass[] map = new RoadUserClass[classNames.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = roadUserOf(classNames.get(i), trainIsBus).orElse(null);
        }
        return new RoadUserMapping(map, thresholds);
    }

    public static RoadUserMapping defaults(List<String> classNames) {
        return forClassNames(classNames, true, defaultThresholds());
    }

    static Optional<RoadUserClass> roadUserOf(String modelClass, boolean trainIsBus) {
        String n = modelClass.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "person", "pedestrian" -> Optional.of(RoadUserClass.PERSON);
            case "bicycle" -> Optional.of(RoadUserClass.BICYCLE);
            case "car" -> Optional.of(RoadUserClass.CAR);
            case "motorcycle", "motorbike" -> Optional.of(RoadUserClass.MOTORCYCLE);
            case "bus" -> Optional.of(RoadUserClass.BUS);
            case "truck" -> Optional.of(RoadUserClass.TRUCK);
            case "train" -> trainIsBus ? Optional.of(RoadUserClass.BUS) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The road-user class of a model class id, or null when the class is not a road user. */
    public RoadUserClass roadUser(int classId) {
        return classId >= 0 && classId < byClassId.length ? byClassId[classId] : null;
    }

    public float threshold(RoadUserClass c) {
        return thresholds.getOrDefault(c, 0.3f);
    }

    /** The lowest per-class threshold: candidates below it are dropped while decoding. */
    public float minThreshold() {
        return minThreshold;
    }

    public int classCount() {
        return byClassId.length;
    }
}
