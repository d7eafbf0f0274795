package id.pantau.enforcement.complaint;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a complaint stands: {@code baru → diteruskan} (to the agency, OPD, responsible) {@code → ditangani →
 * selesai}, or {@code ditolak} with a reason from any open state. Finished and refused complaints stay as they are.
 */
public enum ComplaintStatus {
    BARU, DITERUSKAN, DITANGANI, SELESAI, DITOLAK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean open() {
        return this != SELESAI && this != DITOLAK;
    }

    /** The statuses a complaint may move to from this one. */
    public Set<ComplaintStatus> next() {
        return switch (this) {
            case BARU -> EnumSet.of(DITERUSKAN, DITOLAK);
            case DITERUSKAN -> EnumSet.of(DITANGANI, DITOLAK);
            case DITANGANI -> EnumSet.of(SELESAI, DITOLAK);
            case SELESAI, DITOLAK -> EnumSet.noneOf(ComplaintStatus.class);
        };
    }

    public static ComplaintStatus parse(String s) {
        for (ComplaintStatus c : values()) {
            if (c.wire().equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("status must be one of " + Arrays.stream(values()).map(ComplaintStatus::wire)
                .collect(Collectors.joining(", ")) + "; was '" + s + "'");
    }
}
