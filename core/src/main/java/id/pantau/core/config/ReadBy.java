package id.pantau.core.config;

import java.util.Locale;

/** The stage that reads an option, so an option nobody reads can be found (and the docs say who uses it). */
public enum ReadBy {
    INGEST, PERCEPTION, ANALYTICS, EVIDENCE, ENFORCEMENT, CONSOLE, NODE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
