package dev.webcache.tokens;

import dev.webcache.cache.Cache;
import dev.webcache.cache.ImmutableValue;
import dev.webcache.cache.NonNumericValueException;
import dev.webcache.cache.spi.SizedValue;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * django-icache's token counters on one {@link Cache}, atomic on every backend.
 *
 * <p>A token names something content depends on ({@code movies}, {@code user-42}). {@link #incr} bumps its counter;
 * content stored with {@link #setVersioned} under the {@link #sum} of its tokens' counters is returned by
 * {@link #getVersioned} only while that sum is unchanged. Counters never expire and live under their own key
 * namespace ({@value #COUNTER_PREFIX}), apart from any fragment or page key, so a token may be any text.
 *
 * <p>A counter never comes back at a value it had before. A cache bounded in bytes may evict a counter like any
 * entry; had it restarted from zero, a few increments would bring it back to a value that content stamped long ago
 * still carries, and that content would be served as current. So a missing counter, read or incremented, starts
 * from the current time in microseconds, above any value it can have reached before (a counter would need more
 * than a million increments a second to catch up with the clock). The same holds across restarts: a counter kept
 * in a persistent disk tier keeps its value, so content stamped before the restart stays current until the next
 * increment; a counter lost in a restart (kept on the heap only, or emptied after a crash) starts again from the
 * clock, above every value it had, so content stamped with it is never served as current again (provided the
 * wall clock does not step back across the restart by more than the time the application was down).
 *
 * <p>Every counter update is the cache's atomic {@code add} followed by its atomic {@code incr}, never a read
 * followed by a write, so concurrent increments are never lost (cluster-wide on a shared backend).
 */
public final class TokenCounters {
    /** The key namespace of counters; keys of other content should not start with it. */
    public static final String COUNTER_PREFIX = "tokens.counter.";
    /** Tokens that could not be part of a portable key are hashed under this distinct namespace instead. */
    private static final String HASHED_COUNTER_PREFIX = "tokens.counter-md5.";
    private static final int MAX_VERBATIM_TOKEN_LENGTH = 100;
    private static final AtomicLong LAST_START = new AtomicLong();

    private final Cache cache;

    private TokenCounters(Cache cache) {
        this.cache = cache;
    }

    /** The counters (and versioned values) kept in {@code cache}. */
    public static TokenCounters of(Cache cache) {
        return new TokenCounters(Objects.requireNonNull(cache, "cache"));
    }

    /**
     * Atomically adds 1 to the token's counter; a missing counter starts from {@link #startValue()}.
     *
     * @return the counter's new value
     */
    public long incr(String token) {
        String key = counterKey(token);
        while (true) {
            long start = startValue();
            boolean created = cache.add(key, start, Cache.FOREVER);
            try {
                return cache.incr(key);
            } catch (IllegalArgumentException vanished) {
                if (created) {
                    // the store dropped the counter we had just created (evicted at once, or a store that keeps
                    // nothing such as the dummy backend): this is what it would have read
                    return start + 1;
                }
                // an existing counter vanished between add and incr: create it again
            }
        }
    }

    /** {@link #incr} for each distinct token, in order. */
    public void incrMany(Collection<String> tokens) {
        for (String token : new LinkedHashSet<>(tokens)) {
            incr(token);
        }
    }

    /**
     * The sum of the distinct tokens' counters, read in one bulk read; a missing counter is created first (from
     * {@link #startValue()}), so the sum never repeats one taken before the counter was lost.
     */
    public long sum(Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return 0;
        }
        List<String> keys = new ArrayList<>(tokens.size());
        for (String token : new LinkedHashSet<>(tokens)) {
            keys.add(counterKey(token));
        }
        Map<String, Object> counters = cache.getMany(keys);
        long sum = 0;
        for (String key : keys) {
            Object counter = counters.get(key);
            if (counter == null) {
                long start = startValue();
                counter = cache.add(key, start, Cache.FOREVER) ? start : cache.get(key, start);
            }
            if (!(counter instanceof Number number)) {
                throw new NonNumericValueException("the token counter '" + key
                        + "' does not hold a number; keys starting with " + COUNTER_PREFIX + " are reserved");
            }
            sum += number.longValue();
        }
        return sum;
    }

    /**
     * Where a new or lost counter starts: the current time in microseconds, and above every start this JVM gave
     * before (the wall clock may step back).
     */
    static long startValue() {
        long now = System.currentTimeMillis() * 1000;
        return LAST_START.accumulateAndGet(now, (last, candidate) -> Math.max(last + 1, candidate));
    }

    /** Stores {@code value} under {@code key} (verbatim) stamped with {@code version}, for the cache's default timeout. */
    public void setVersioned(String key, Object value, long version) {
        setVersioned(key, value, version, cache.settings().defaultTimeout());
    }

    /** Stores {@code value} under {@code key} (verbatim) stamped with {@code version}, for {@code timeout}. */
    public void setVersioned(String key, Object value, long version, Duration timeout) {
        Object stamped = value instanceof String text ? new VersionedText(version, text) : new Versioned(version, value);
        cache.set(key, stamped, timeout);
    }

    /**
     * The value stored under {@code key} if it was stored with {@code version}; a value stored with another version
     * is deleted and, like an absent one, gives {@code null} (so a stored {@code null} reads as a miss too).
     */
    public <T> T getVersioned(String key, long version) {
        Object stored = cache.get(key);
        long storedVersion;
        Object value;
        if (stored instanceof VersionedText text) {
            storedVersion = text.version();
            value = text.text();
        } else if (stored instanceof Versioned versioned) {
            storedVersion = versioned.version();
            value = versioned.value();
        } else {
            return null;
        }
        if (storedVersion != version) {
            cache.delete(key);
            return null;
        }
        @SuppressWarnings("unchecked")
        T current = (T) value;
        return current;
    }

    /**
     * The key of a token's counter: the token itself after {@value #COUNTER_PREFIX} when it is short printable
     * ASCII without spaces, else the MD5 of its UTF-8 bytes under a distinct prefix, so any token gives a key that
     * every backend accepts and no two tokens share a key.
     */
    static String counterKey(String token) {
        Objects.requireNonNull(token, "token");
        if (isVerbatim(token)) {
            return COUNTER_PREFIX + token;
        }
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(token.getBytes(StandardCharsets.UTF_8));
            return HASHED_COUNTER_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private static boolean isVerbatim(String token) {
        if (token.isEmpty() || token.length() > MAX_VERBATIM_TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A text value and its version; immutable, so a local cache keeps it without copying. */
    private record VersionedText(long version, String text) implements ImmutableValue, SizedValue {
        private static final long serialVersionUID = 1L;

        @Override
        public long retainedBytes() {
            return 64 + 2L * text.length();
        }
    }

    /** Any other value and its version; the cache copies it in and out like any mutable value. */
    private record Versioned(long version, Object value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
