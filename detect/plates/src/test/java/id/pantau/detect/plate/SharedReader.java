package id.pantau.detect.plate;

import id.pantau.core.asset.Assets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** One plate reader for all tests of this JVM: loading the four models costs a second or two each time. */
final class SharedReader {
    private static PlateReader reader;
    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    private SharedReader() {
    }

    static synchronized PlateReader get() {
        if (reader == null) {
            reader = PlateReader.open(Assets.defaults(), PlateReaderSettings.defaults(), REGISTRY);
        }
        return reader;
    }
}
