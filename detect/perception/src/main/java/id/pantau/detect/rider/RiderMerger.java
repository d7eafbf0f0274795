package id.pantau.detect.rider;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.RoadUserClass;

import java.util.ArrayList;
import java.util.List;

/**
 * Riders are motorbikes. A post-detection step over one frame's detections (after NMS, after thresholds):
 * <ol>
 *   <li>a {@code person} sitting on a two-wheeler box (motorcycle or bicycle: the person's box reaches down into
 *       the two-wheeler's, starts in its upper half or above, and the two share most of the narrower one's width)
 *       is folded into that two-wheeler, which is counted once however many people ride it, with one box around
 *       the two-wheeler and its riders;</li>
 *   <li>a {@code person} with no two-wheeler under it becomes a {@code motorcycle} road user ({@code fromRider})
 *       when it is a rider by position (its ground point in the camera's roadway and not on a crosswalk or
 *       pavement, {@link RiderContext}) or by motion ({@link #merge(List, RiderContext, java.util.function.Predicate)}:
 *       moving at vehicle speed over frames); its box is extended down by {@value #WHEEL_EXTENSION} of its height,
 *       where the hidden wheels meet the road (the ground point the counting lines use);</li>
 *   <li>converted riders overlapping each other (a pillion passenger seen as a second person) are one
 *       motorcycle.</li>
 * </ol>
 * Every other person stays a pedestrian. The decision is per frame and deterministic; the tracker then carries
 * the motorcycle class (its vote) from frame to frame.
 */
public final class RiderMerger {
    /** A rider's box stops at the foot rest; the wheels' contact with the road is about a third lower. */
    public static final double WHEEL_EXTENSION = 0.3;
    /** Width shared by a rider and the two-wheeler under it, as a fraction of the narrower box. */
    static final double MIN_SHARED_WIDTH = 0.5;
    /** Converted riders this much inside one another (of the smaller box) are one motorcycle. */
    static final double SAME_BIKE_OVERLAP = 0.5;

    private final float minPersonScore;
    private final boolean riderScoreLifts;

    /**
     * @param minPersonScore  persons below this score are passed through untouched (the person threshold)
     * @param riderScoreLifts a two-wheeler takes its best rider's score when higher: for stills, where a weak bike
     *                        box under a clear rider would otherwise be cut by the motorcycle threshold. Off for
     *                        video: there the tracker uses weak boxes only to extend tracks, and lifting them made
     *                        more tracks and more line-count extras on the Hanoi clip (62 counted, 9 extra,
     *                        against 59 and 7)
     */
    public RiderMerger(float minPersonScore, boolean riderScoreLifts) {
        this.minPersonScore = minPersonScore;
        this.riderScoreLifts = riderScoreLifts;
    }

    /** Persons from 0.35, the default person threshold; scores not lifted. */
    public RiderMerger() {
        this(0.35f, false);
    }

    public List<RoadUserDetection> merge(List<Detection> detections, RiderContext context) {
        return merge(detections, context, d -> false);
    }

    /**
     * @param movingAtVehicleSpeed for video: true for a person box whose track moves faster than walking (the
     *                             caller measures it over frames); such a person is a rider wherever it is
     */
    public List<RoadUserDetection> merge(List<Detection> detections, RiderContext context,
                                         java.util.function.Predicate<Detection> movingAtVehicleSpeed) {
        List<Detection> twoWheelers = new ArrayList<>();
        List<Detection> persons = new ArrayList<>();
        List<RoadUserDetection> out = new ArrayList<>();
        for (Detection d : detections) {
            if (d.roadUser() == RoadUserClass.MOTORCYCLE || d.roadUser() == RoadUserClass.BICYCLE) {
                twoWheelers.add(d);
            } else if (d.roadUser() == RoadUserClass.PERSON && d.score() >= minPersonScore) {
                persons.add(d);
            }
        }
        List<List<Detection>> riders = new ArrayList<>();
        twoWheelers.forEach(t -> riders.add(new ArrayList<>()));
        List<Detection> lone = new ArrayList<>();
        for (Detection p : persons) {
            int best = -1;
            double bestShare = 0;
            for (int i = 0; i < twoWheelers.size(); i++) {
                double share = sitsOn(p.box(), twoWheelers.get(i).box());
                if (share > bestShare) {
                    bestShare = share;
                    best = i;
                }
            }
            if (best >= 0) {
                riders.get(best).add(p);
            } else {
                lone.add(p);
            }
        }
        for (Detection d : detections) {
            if (d.roadUser() != RoadUserClass.PERSON || d.score() < minPersonScore) {
                int i = twoWheelers.indexOf(d);
                List<Detection> on = i >= 0 ? riders.get(i) : List.of();
                out.add(new RoadUserDetection(on.isEmpty() ? d : withRiders(d, on), false,
                        on.stream().map(Detection::box).toList()));
            }
        }
        List<RoadUserDetection> converted = new ArrayList<>();
        for (Detection p : lone) {
            if (!context.inRoadway(p.box()) && !movingAtVehicleSpeed.test(p)) {
                out.add(RoadUserDetection.plain(p));
                continue;
            }
            RoadUserDetection same = null;
            for (RoadUserDetection c : converted) {
                if (overlapOfSmaller(c.persons().getFirst(), p.box()) > SAME_BIKE_OVERLAP) {
                    same = c;
                    break;
                }
            }
            if (same != null) {
                List<BoundingBox> ps = new ArrayList<>(same.persons());
                ps.add(p.box());
                converted.set(converted.indexOf(same), new RoadUserDetection(same.detection(), true, ps));
            } else {
                converted.add(new RoadUserDetection(asMotorcycle(p), true, List.of(p.box())));
            }
        }
        out.addAll(converted);
        return out;
    }

    /** The detections of {@link #merge} alone, for code that only wants counts or tracks. */
    public static List<Detection> detections(List<RoadUserDetection> merged) {
        return merged.stream().map(RoadUserDetection::detection).toList();
    }

    /**
     * A two-wheeler with its riders is one box around both: the same extent as a rider seen without its bike
     * (person box reaching down to the wheels), so the tracker keeps one id when the bike is missed for a frame.
     */
    Detection withRiders(Detection bike, List<Detection> persons) {
        BoundingBox b = bike.box();
        double x1 = b.x1();
        double y1 = b.y1();
        double x2 = b.x2();
        double y2 = b.y2();
        float score = bike.score();
        for (Detection rider : persons) {
            BoundingBox p = rider.box();
            score = riderScoreLifts ? Math.max(score, rider.score()) : score;
            x1 = Math.min(x1, p.x1());
            y1 = Math.min(y1, p.y1());
            x2 = Math.max(x2, p.x2());
            y2 = Math.max(y2, p.y2());
        }
        return new Detection(bike.roadUser(), bike.modelClass(), score, new BoundingBox(x1, y1, x2, y2));
    }

    static Detection asMotorcycle(Detection person) {
        BoundingBox b = person.box();
        BoundingBox bike = new BoundingBox(b.x1(), b.y1(), b.x2(), b.y2() + WHEEL_EXTENSION * b.height());
        return new Detection(RoadUserClass.MOTORCYCLE, "person (rider)", person.score(), bike);
    }

    /**
     * How well a person box sits on a two-wheeler box: the shared width over the narrower width when the person
     * reaches into the two-wheeler from above, else 0.
     */
    static double sitsOn(BoundingBox p, BoundingBox t) {
        double sharedX = Math.min(p.x2(), t.x2()) - Math.max(p.x1(), t.x1());
        double narrower = Math.min(p.width(), t.width());
        if (sharedX <= 0 || narrower <= 0) {
            return 0;
        }
        double share = sharedX / narrower;
        boolean startsHighEnough = p.y1() <= t.y1() + 0.5 * t.height();
        boolean reachesIn = p.y2() >= t.y1() + 0.25 * t.height();
        boolean notBelow = p.y2() <= t.y2() + 0.25 * p.height();
        return share >= MIN_SHARED_WIDTH && startsHighEnough && reachesIn && notBelow ? share : 0;
    }

    static double overlapOfSmaller(BoundingBox a, BoundingBox b) {
        double ix = Math.max(0, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()));
        double iy = Math.max(0, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()));
        double smaller = Math.min(a.area(), b.area());
        return smaller <= 0 ? 0 : ix * iy / smaller;
    }
}
