package id.pantau.app.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The tile server the camera map draws its background from ({@code console.map_tiles}, an URL template such as
 * {@code https://tiles.jambikota.go.id/{z}/{x}/{y}.png}), or none: then the map is a plain schematic of the camera
 * positions. The console's Content-Security-Policy lets images come from exactly this server's origin and nowhere
 * else, so the template must name one host (no {@code {s}} sub-domains).
 *
 * @param urlTemplate Leaflet's template with {@code {z}}, {@code {x}} and {@code {y}}; null for none
 * @param attribution the credit the tile provider asks for, shown on the map
 */
public record MapTiles(String urlTemplate, String attribution) {
    public static final MapTiles NONE = new MapTiles(null, null);

    public MapTiles {
        if (urlTemplate != null) {
            String problem = problem(urlTemplate);
            if (problem != null) {
                throw new IllegalArgumentException("console.map_tiles " + problem);
            }
        }
        attribution = attribution == null ? "" : attribution;
    }

    public boolean configured() {
        return urlTemplate != null;
    }

    /** scheme://host[:port] of the tile server, for the CSP; null when none is configured. */
    public String origin() {
        if (urlTemplate == null) {
            return null;
        }
        URI u = uri(urlTemplate);
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT)
                + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    /** What is wrong with a template, or null (used by the node option's check too). */
    public static String problem(String template) {
        for (String p : new String[]{"{z}", "{x}", "{y}"}) {
            if (!template.contains(p)) {
                return "must contain " + p + " (a tile URL template such as https://tiles.example.id/{z}/{x}/{y}.png), got '"
                        + template + "'";
            }
        }
        URI u;
        try {
            u = uri(template);
        } catch (IllegalArgumentException e) {
            return "is not an URL: " + e.getMessage();
        }
        if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
            return "must be an http:// or https:// URL template, got '" + template + "'";
        }
        String authority = template.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "").split("/", 2)[0];
        if (u.getHost() == null || authority.contains("{")) {
            return "must name one host (the console allows images from exactly that origin; no {s} sub-domains), got '"
                    + template + "'";
        }
        return null;
    }

    private static URI uri(String template) {
        try {
            // the placeholders are not URL characters; any value stands for them when reading the origin
            return new URI(template.replaceAll("\\{[^}]*}", "0"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
