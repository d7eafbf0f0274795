package id.pantau.core.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which declared options the running system has read, so that a test can fail when an option is declared (and
 * documented, and validated) but nothing uses it. Typed configuration objects call {@link Option#markRead()}
 * from their accessors; loaders, validators and serialisers run {@link #quietly} because looking at a value to
 * check or store it is not using it.
 *
 * <p>Process-wide on purpose: the readers are spread over many stages and threads. Recording costs one set
 * lookup per accessor call and the set never holds more than the declared options.
 */
public final class ConfigReads {
    private static final Set<Option> READ = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<int[]> QUIET = ThreadLocal.withInitial(() -> new int[1]);

    private ConfigReads() {
    }

    static void note(Option o) {
        if (QUIET.get()[0] == 0 && !READ.contains(o)) {
            READ.add(o);
        }
    }

    public static boolean wasRead(Option o) {
        return READ.contains(o);
    }

    /** Forgets every read (tests, before building what they check). */
    public static void reset() {
        READ.clear();
    }

    /** Runs {@code work} on this thread without counting its reads. */
    public static <T, E extends Exception> T quietly(Work<T, E> work) throws E {
        int[] depth = QUIET.get();
        depth[0]++;
        try {
            return work.run();
        } finally {
            depth[0]--;
        }
    }

    /** A piece of work that may throw a checked exception. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }
}
