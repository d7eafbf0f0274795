package id.pantau.core.camera.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.config.Config;
import id.pantau.core.config.ConfigReads;
import id.pantau.core.config.Option;
import id.pantau.core.config.OptionType;
import id.pantau.core.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static id.pantau.core.camera.config.CameraConfigOptions.*;

/**
 * Reads a camera configuration from JSON and validates it, reporting every problem at once: the scalar options
 * against their declarations ({@link CameraConfigOptions}: types, ranges, lengths, unknown or moved keys), the
 * geometry sections with {@link CameraConfigValidator}. A wrong type inside a geometry section is reported with
 * its path.
 */
public final class CameraConfigLoader {
    private final CameraConfigValidator validator = new CameraConfigValidator();

    public CameraConfig parse(byte[] json, String source) throws InvalidCameraConfigException {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(json);
        } catch (JacksonException ex) {
            throw new InvalidCameraConfigException(source,
                    List.of(new ConfigError("(document)", "not valid JSON: " + ex.getOriginalMessage())));
        } catch (IOException ex) {
            throw new InvalidCameraConfigException(source, List.of(new ConfigError("(document)", ex.toString())));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidCameraConfigException(source, List.of(new ConfigError("(document)", "empty")));
        }
        if (!tree.isObject()) {
            throw new InvalidCameraConfigException(source, List.of(new ConfigError("(document)", "expected an object")));
        }
        Config options = DEF.parse(tree, "", null);
        List<ConfigError> errors = new ArrayList<>(errors(options));
        CameraConfig geometry;
        try {
            geometry = Json.mapper().treeToValue(sectionsOnly((ObjectNode) tree), CameraConfig.class);
        } catch (JsonMappingException ex) {
            errors.add(new ConfigError(path(ex.getPath()), ex.getOriginalMessage()));
            throw new InvalidCameraConfigException(source, errors);
        } catch (JacksonException ex) {
            errors.add(new ConfigError("(document)", ex.getOriginalMessage()));
            throw new InvalidCameraConfigException(source, errors);
        }
        CameraConfig config = withOptions(geometry, options, tree.has("frame"));
        addUnreported(errors, ConfigReads.quietly(() -> validator.validate(config)));
        if (!errors.isEmpty()) {
            throw new InvalidCameraConfigException(source, errors);
        }
        return config;
    }

    /** Checks a configuration made in code (or edited in the console) exactly as a parsed one. */
    public CameraConfig validate(CameraConfig config, String source) throws InvalidCameraConfigException {
        List<ConfigError> errors = ConfigReads.quietly(() -> {
            List<ConfigError> all = new ArrayList<>(errors(DEF.parse(Json.mapper().valueToTree(config), "", null)));
            addUnreported(all, validator.validate(config));
            return all;
        });
        if (!errors.isEmpty()) {
            throw new InvalidCameraConfigException(source, errors);
        }
        return config;
    }

    public CameraConfig load(Path file) throws IOException, InvalidCameraConfigException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** The geometry sections only: the scalar options come from their declarations, already checked. */
    private static ObjectNode sectionsOnly(ObjectNode tree) {
        ObjectNode sections = tree.objectNode();
        for (Option o : DEF.options()) {
            if (o.type() == OptionType.SECTION && tree.has(o.name())) {
                sections.set(o.name(), tree.get(o.name()));
            }
        }
        return sections;
    }

    private static CameraConfig withOptions(CameraConfig g, Config o, boolean frameGiven) {
        Thresholds t = new Thresholds(o.doubleValue(LINE_MARGIN_PX), o.doubleValue(RED_GRACE_S),
                o.doubleValue(VIOLATION_DISTANCE_M), o.doubleValue(STOPPED_SPEED_KMH), o.doubleValue(FREE_FLOW_SPEED_KMH),
                o.list(LOS_OCCUPANCY_PCT), o.doubleValue(LOS_HYSTERESIS_PCT), o.doubleValue(MIN_DWELL_S),
                o.string(ALERT_LEVEL), o.doubleValue(SIGNAL_CONFIRM_S), o.doubleValue(DARK_CONFIRM_S),
                o.doubleValue(DARK_FAULT_S), o.doubleValue(MAX_CYCLE_S), o.doubleValue(LAMP_MIN_BRIGHTNESS),
                o.doubleValue(SIGNAL_GAP_S));
        return ConfigReads.quietly(() -> new CameraConfig(o.string(CAMERA), o.intValue(VERSION), o.string(LOCATION),
                o.given(TIME_ZONE) ? o.string(TIME_ZONE) : null,
                o.given(POSITION_LAT) || o.given(POSITION_LON)
                        ? new CameraConfig.Position(o.doubleValue(POSITION_LAT), o.doubleValue(POSITION_LON)) : null,
                frameGiven ? new CameraConfig.FrameSize(o.intValue(FRAME_WIDTH), o.intValue(FRAME_HEIGHT)) : null,
                new CameraConfig.Analysis(o.doubleValue(INTERVAL_S)), g.calibration(), g.zones(), g.countingLines(),
                g.lanes(), g.approaches(), t, g.detector()));
    }

    private static List<ConfigError> errors(Config options) {
        return options.errors().stream().map(CameraConfigLoader::toError).toList();
    }

    private static ConfigError toError(String problem) {
        int colon = problem.indexOf(": ");
        if (colon < 0) {
            return new ConfigError("(document)", problem);
        }
        String field = problem.substring(0, colon);
        String message = problem.substring(colon + 2);
        // the console shows a message apart from its field: an unknown key must be named in the message too
        if (message.startsWith("unknown field")) {
            message = "unknown field '" + field.substring(field.lastIndexOf('.') + 1) + "'"
                    + message.substring("unknown field".length());
        }
        return new ConfigError(field, message);
    }

    /** A field the declarations already reported (e.g. a width out of range, now unset) is not reported twice. */
    private static void addUnreported(List<ConfigError> errors, List<ConfigError> more) {
        Set<String> reported = new HashSet<>();
        errors.forEach(e -> reported.add(e.field()));
        more.stream().filter(e -> !reported.contains(e.field())).forEach(errors::add);
    }

    /** Jackson's reference chain as the JSON path an operator sees: {@code zones[1].polygon}. */
    static String path(List<JsonMappingException.Reference> refs) {
        if (refs.isEmpty()) {
            return "(document)";
        }
        String p = refs.stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                : "[" + r.getIndex() + "]").collect(Collectors.joining());
        return p.startsWith(".") ? p.substring(1) : p;
    }
}
