package id.pantau.detect.rider;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;

import java.util.List;

/**
 * One road user after {@link RiderMerger}: a detection, and the person boxes that were folded into it.
 *
 * @param detection the road user (a converted rider is class {@code motorcycle})
 * @param fromRider true when the road user exists only because a riding {@code person} was seen (no two-wheeler
 *                  box under it): its box is the person box extended down to where the wheels meet the road
 * @param persons   the person boxes folded into this road user (riders and pillion passengers); empty for a road
 *                  user that absorbed none
 */
public record RoadUserDetection(Detection detection, boolean fromRider, List<BoundingBox> persons) {
    public RoadUserDetection {
        persons = List.copyOf(persons);
    }

    public static RoadUserDetection plain(Detection d) {
        return new RoadUserDetection(d, false, List.of());
    }
}
