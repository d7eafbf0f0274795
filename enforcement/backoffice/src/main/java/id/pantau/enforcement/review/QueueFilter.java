package id.pantau.enforcement.review;

import id.pantau.enforcement.violation.ViolationStatus;

import java.time.Instant;

/**
 * The review queue's filter; every field is optional. {@code maxPlateScore} finds the doubtful readings,
 * {@code minPlateScore} the confident ones; a missing reading counts as score 0.
 */
public record QueueFilter(String camera, Instant from, Instant to, ViolationStatus status, Double minPlateScore,
                          Double maxPlateScore, int limit, int offset, Evidence evidence, String plate) {

    /**
     * Which cases by their evidence: the normal queue holds only cases with complete evidence; those whose photos
     * could not all be taken from their stated moment are listed apart.
     */
    public enum Evidence { COMPLETE, INCOMPLETE, ANY;

        public static Evidence parse(String s) {
            for (Evidence e : values()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("evidence must be complete, incomplete or any; was '" + s + "'");
        }
    }

    public QueueFilter(String camera, Instant from, Instant to, ViolationStatus status, Double minPlateScore,
                       Double maxPlateScore, int limit, int offset) {
        this(camera, from, to, status, minPlateScore, maxPlateScore, limit, offset, Evidence.COMPLETE, null);
    }

    public QueueFilter(String camera, Instant from, Instant to, ViolationStatus status, Double minPlateScore,
                       Double maxPlateScore, int limit, int offset, Evidence evidence) {
        this(camera, from, to, status, minPlateScore, maxPlateScore, limit, offset, evidence, null);
    }

    public QueueFilter {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1..500, was " + limit);
        }
        evidence = evidence == null ? Evidence.COMPLETE : evidence;
        // a plate is searched without spaces or case ("bh1234" finds "BH 1234 AB"), as an officer types it
        plate = plate == null || plate.isBlank() ? null : plate.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
        if (plate != null && plate.length() > 16) {
            throw new IllegalArgumentException("plate must be at most 16 characters, was " + plate.length());
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
    }

    public static QueueFilter open() {
        return new QueueFilter(null, null, null, null, null, null, 100, 0);
    }
}
