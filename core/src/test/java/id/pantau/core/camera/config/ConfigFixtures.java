package id.pantau.core.camera.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.json.Json;

/** A small valid configuration (a 1280x720 camera with one signalised approach) that tests break one rule at a time. */
final class ConfigFixtures {
    private ConfigFixtures() {
    }

    static final String VALID = """
            {
              "camera": "simpang-kawat-1",
              "location": "Simpang Kawat, Kota Jambi",
              "frame": {"width": 1280, "height": 720},
              "analysis": {"interval_s": 60},
              "calibration": {"points": [
                {"image": [100, 700], "ground_m": [0, 0]},
                {"image": [1180, 700], "ground_m": [14, 0]},
                {"image": [900, 300], "ground_m": [14, 40]},
                {"image": [380, 300], "ground_m": [0, 40]}
              ]},
              "zones": [
                {"id": "north_queue", "polygon": [[200, 450], [1100, 450], [1180, 700], [100, 700]], "approach": "north"}
              ],
              "counting_lines": [
                {"id": "main", "a": [100, 600], "b": [1180, 600], "in_direction": "up"}
              ],
              "lanes": [
                {"id": "n_left", "polygon": [[100, 700], [500, 700], [500, 450], [200, 450]], "movements": ["left"]},
                {"id": "n_main", "polygon": [[500, 700], [1180, 700], [1100, 450], [500, 450]], "movements": ["straight", "right"]}
              ],
              "approaches": [
                {"id": "north", "stop_line": {"a": [200, 450], "b": [1100, 450]}, "entry_direction": "up",
                 "lanes": ["n_left", "n_main"], "exempt_movements": ["left"],
                 "signal": {"source": "vision", "lamps": {"red": [1200, 100, 1220, 120], "amber": [1200, 125, 1220, 145],
                                                          "green": [1200, 150, 1220, 170]}}}
              ]
            }
            """;

    static ObjectNode valid() {
        try {
            return (ObjectNode) Json.mapper().readTree(VALID);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(ObjectNode n) {
        try {
            return Json.mapper().writeValueAsBytes(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
