package id.pantau.detect.plate.grammar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The official Indonesian region codes (resource {@code indonesia-regions.csv}), by code. */
public final class RegionTable {
    private static final String RESOURCE = "/id/pantau/detect/plate/indonesia-regions.csv";
    private final Map<String, Region> byCode;

    private RegionTable(Map<String, Region> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    public static RegionTable indonesia() {
        try (InputStream in = RegionTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("region table " + RESOURCE + " is missing from the classpath");
            }
            Map<String, Region> map = new LinkedHashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", 3);
                if (f.length != 3 || !f[0].matches("[A-Z]{1,2}")) {
                    throw new IllegalStateException("bad line in " + RESOURCE + ": '" + line + "'");
                }
                map.put(f[0], new Region(f[0], f[1].trim(), f[2].trim()));
            }
            return new RegionTable(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e, e);
        }
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean isCode(String code) {
        return byCode.containsKey(code);
    }

    /** True when some code starts with this letter (a first letter the grammar may accept). */
    public boolean startsCode(char first) {
        return byCode.keySet().stream().anyMatch(c -> c.charAt(0) == first);
    }

    public Map<String, Region> all() {
        return byCode;
    }
}
