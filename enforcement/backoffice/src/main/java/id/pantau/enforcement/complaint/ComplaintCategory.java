package id.pantau.enforcement.complaint;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a citizen complains about, as SiKesal names it. Two categories are things a camera can see: a dead traffic
 * light (a {@code signal_fault}) and a jam (a level-of-service {@code congestion_alert}).
 */
public enum ComplaintCategory {
    MACET("congestion_alert"),
    LAMPU_LALU_LINTAS_MATI("signal_fault"),
    JALAN_RUSAK(null),
    LAMPU_JALAN(null),
    LAINNYA(null);

    private final String corroboratingEvent;

    ComplaintCategory(String corroboratingEvent) {
        this.corroboratingEvent = corroboratingEvent;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The pipeline event type that confirms a complaint of this category, or null when no camera can. */
    public String corroboratingEvent() {
        return corroboratingEvent;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(ComplaintCategory::wire).collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static ComplaintCategory parse(String s) {
        for (ComplaintCategory c : values()) {
            if (c.wire().equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("category must be one of " + allowed() + "; was '" + s + "'");
    }
}
