package id.pantau.enforcement.complaint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How citizen complaints meet the cameras.
 *
 * @param linkDistanceM       a complaint is linked to every camera standing within this many metres of it
 * @param corroborationWindow a linked camera's alert confirms a complaint when the two are at most this far apart in time
 * @param eventsTopic         bus topic of the pipeline's events (signal faults, congestion alerts)
 * @param complaintsTopic     bus topic complaints are published on, keyed by area
 * @param group               consumer group of the corroboration listener
 * @param maxBodyBytes        largest complaint request body (the photo travels in it, base64)
 * @param maxPhotoBytes       largest photo, decoded
 * @param autoReportOpd       the agency (OPD) a camera's own signal-fault report is forwarded to
 */
public record ComplaintSettings(int linkDistanceM, Duration corroborationWindow, String eventsTopic,
                                String complaintsTopic, String group, int maxBodyBytes, int maxPhotoBytes,
                                String autoReportOpd) {
    public static final int MAX_TEXT_CHARS = 5000;

    public ComplaintSettings {
        List<String> errors = new ArrayList<>();
        if (linkDistanceM < 1 || linkDistanceM > 50_000) {
            errors.add("linkDistanceM must be 1..50000, was " + linkDistanceM);
        }
        if (corroborationWindow == null || corroborationWindow.isNegative() || corroborationWindow.isZero()) {
            errors.add("corroborationWindow must be a positive duration, was " + corroborationWindow);
        }
        if (eventsTopic == null || eventsTopic.isBlank() || complaintsTopic == null || complaintsTopic.isBlank()
                || group == null || group.isBlank()) {
            errors.add("eventsTopic, complaintsTopic and group must be set");
        }
        if (maxPhotoBytes < 1024 || maxBodyBytes < maxPhotoBytes) {
            errors.add("maxPhotoBytes must be >= 1024 and maxBodyBytes at least as large, were " + maxPhotoBytes
                    + " and " + maxBodyBytes);
        }
        if (autoReportOpd == null || autoReportOpd.isBlank()) {
            errors.add("autoReportOpd must be set");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid complaint settings: " + String.join("; ", errors));
        }
    }

    /**
     * 150 m covers the cameras of one intersection and not the next one; an hour covers the time between a citizen
     * seeing a dead light and the report arriving. A 16 MiB body holds a 5 MiB photo in base64 and still lets an
     * oversized text field be answered with a 400 naming the field rather than a bare 413.
     */
    public static ComplaintSettings defaults() {
        return new ComplaintSettings(150, Duration.ofMinutes(60), "pantau.events", "pantau.complaints", "complaints",
                16 * 1024 * 1024, 5 * 1024 * 1024, "Dishub Kota Jambi");
    }

    public ComplaintSettings withLink(int distanceM, Duration window) {
        return new ComplaintSettings(distanceM, window, eventsTopic, complaintsTopic, group, maxBodyBytes, maxPhotoBytes,
                autoReportOpd);
    }
}
