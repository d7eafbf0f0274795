package id.pantau.enforcement.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits password guessing before any bcrypt work is spent, per user name and per client address. Each key allows
 * a few failures freely; every failure beyond that locks the key for a period that doubles with each further
 * failure, capped at {@code maxLockout}. Attempts made while a key is locked are refused at once (429 with
 * Retry-After) and are not counted, so wrong passwords cannot extend a lockout beyond the cap; a success clears the
 * user's count, and failures are forgotten after {@code forgetAfter} without one. Concurrent attempts count as
 * pending failures, so a burst of parallel requests cannot slip past the limit before the first bcrypt finishes.
 * State is in memory, per node: a restart forgets it (the lockouts are short by design).
 */
public final class LoginThrottle {

    /**
     * @param userFailures    failures allowed per user name before lockouts start
     * @param addressFailures failures allowed per client address (across user names) before lockouts start
     * @param firstLockout    the first lockout; each further failure doubles it
     * @param maxLockout      the longest lockout, however many failures
     * @param forgetAfter     a key with no failure for this long starts afresh
     */
    public record Settings(int userFailures, int addressFailures, Duration firstLockout, Duration maxLockout,
                           Duration forgetAfter) {
        public static Settings defaults() {
            return new Settings(5, 20, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofHours(1));
        }
    }

    /** A refused attempt: how long to wait. */
    public record Refusal(Duration retryAfter, String reason) {
    }

    /** An admitted attempt; report its outcome with {@link #failed} or {@link #succeeded}. */
    public final class Attempt {
        private final String user;
        private final String address;
        private boolean done;

        private Attempt(String user, String address) {
            this.user = user;
            this.address = address;
        }

        public synchronized void failed() {
            if (!done) {
                done = true;
                Instant now = clock.instant();
                entry(userKey(user)).fail(now, settings.userFailures());
                entry(addressKey(address)).fail(now, settings.addressFailures());
            }
        }

        /** The check could not be made (the database is down): neither a failure nor a success. */
        public synchronized void abandoned() {
            if (!done) {
                done = true;
                entry(userKey(user)).release();
                entry(addressKey(address)).release();
            }
        }

        public synchronized void succeeded() {
            if (!done) {
                done = true;
                entry(userKey(user)).succeed();
                entry(addressKey(address)).release();
            }
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Admits an attempt, or says how long to wait; refusing costs no bcrypt work and counts nothing. */
    public synchronized Optional<Refusal> admit(String user, String address) {
        Instant now = clock.instant();
        purgeIfLarge(now);
        Entry u = entry(userKey(user));
        Entry a = entry(addressKey(address));
        Duration wait = max(u.wait(now, settings.userFailures()), a.wait(now, settings.addressFailures()));
        if (wait != null) {
            return Optional.of(new Refusal(wait, "too many failed sign-ins for this account or from this address"));
        }
        u.pending++;
        a.pending++;
        return Optional.empty();
    }

    /** Starts an attempt after {@link #admit} said yes. */
    public Attempt attempt(String user, String address) {
        return new Attempt(user, address);
    }

    private static Duration max(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private String userKey(String user) {
        return "u:" + user;
    }

    private String addressKey(String address) {
        return "a:" + address;
    }

    private Entry entry(String key) {
        return entries.computeIfAbsent(key, k -> new Entry());
    }

    private void purgeIfLarge(Instant now) {
        if (entries.size() > 10_000) {
            entries.values().removeIf(e -> e.pending == 0 && e.forgettable(now));
        }
    }

    private final class Entry {
        int failures;
        int pending;
        Instant lastFailure = Instant.EPOCH;
        Instant lockedUntil = Instant.EPOCH;

        synchronized boolean forgettable(Instant now) {
            return now.isAfter(lockedUntil) && Duration.between(lastFailure, now).compareTo(settings.forgetAfter()) > 0;
        }

        /** How long this key must wait, or null when an attempt may go ahead. */
        synchronized Duration wait(Instant now, int free) {
            if (failures > 0 && forgettable(now)) {
                failures = 0;
            }
            if (now.isBefore(lockedUntil)) {
                return Duration.between(now, lockedUntil);
            }
            if (failures + pending >= free && pending > 0) {
                // earlier attempts of this key are still being checked; they may use up what is left
                return Duration.ofSeconds(1);
            }
            return null;
        }

        synchronized void fail(Instant now, int free) {
            pending = Math.max(0, pending - 1);
            failures++;
            lastFailure = now;
            int beyond = failures - free;
            if (beyond > 0) {
                Duration lock = settings.firstLockout().multipliedBy(1L << Math.min(beyond - 1, 30));
                if (lock.compareTo(settings.maxLockout()) > 0 || lock.isNegative()) {
                    lock = settings.maxLockout();
                }
                lockedUntil = now.plus(lock);
            }
        }

        synchronized void succeed() {
            pending = Math.max(0, pending - 1);
            failures = 0;
            lockedUntil = Instant.EPOCH;
        }

        synchronized void release() {
            pending = Math.max(0, pending - 1);
        }
    }
}
