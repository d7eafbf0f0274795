package id.pantau.detect.plate;

/** Whether a plate was read. An unreadable plate is reported as such, never filled in with a guess. */
public enum PlateStatus {
    READ,
    UNREADABLE
}
