package id.pantau.enforcement.complaint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Links a complaint to the cameras within the configured distance of it, nearest first (great-circle distance). */
public final class CameraLinker {
    /** Mean Earth radius (IUGG), metres: haversine on a sphere is within 0.5 % of the ellipsoid at city scale. */
    static final double EARTH_RADIUS_M = 6_371_008.8;

    private final KnownCameras cameras;
    private final int maxDistanceM;

    public CameraLinker(KnownCameras cameras, int maxDistanceM) {
        this.cameras = cameras;
        this.maxDistanceM = maxDistanceM;
    }

    public record Link(String camera, @com.fasterxml.jackson.annotation.JsonProperty("distance_m") double distanceM) {
    }

    /** The linked cameras; none when the complaint has only an address. */
    public List<Link> link(Double lat, Double lon) {
        if (lat == null || lon == null) {
            return List.of();
        }
        List<Link> out = new ArrayList<>();
        for (KnownCameras.Place p : cameras.places()) {
            double d = distanceM(lat, lon, p.lat(), p.lon());
            if (d <= maxDistanceM) {
                out.add(new Link(p.camera(), Math.round(d * 10) / 10.0));
            }
        }
        out.sort(Comparator.comparingDouble(Link::distanceM));
        return out;
    }

    public KnownCameras cameras() {
        return cameras;
    }

    /** Haversine distance in metres between two WGS 84 points. */
    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
