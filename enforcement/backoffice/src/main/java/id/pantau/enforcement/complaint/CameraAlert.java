package id.pantau.enforcement.complaint;

import java.time.Instant;

/**
 * A camera's alert that can confirm a complaint: a raised {@code signal_fault} or {@code congestion_alert}.
 *
 * @param subject the approach (signal fault) or zone (congestion alert)
 * @param detail  what the camera saw, e.g. "dark" or "LOS F, 92% occupied"
 */
public record CameraAlert(String eventId, String type, String camera, Instant occurredAt, String subject, String detail) {
}
