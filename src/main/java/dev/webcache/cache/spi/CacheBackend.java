package dev.webcache.cache.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The store behind one named cache: timed entries keyed by the final (prefixed, versioned) key.
 *
 * <p>Implementations are thread-safe. An entry whose expiry has passed on the backend's clock is absent for every
 * method. Values arrive in their stored form (see {@link BackendEntry}); a backend never serializes user objects
 * itself unless it leaves the JVM. Failures of the underlying store surface as runtime exceptions; the layers above
 * decide whether to fail open. A backend that bounds how long a call may wait throws
 * {@link BackendUnavailableException} past that deadline.
 */
public interface CacheBackend extends AutoCloseable {

    /** The live entry under {@code key}, or {@code null} when it is absent or expired. */
    BackendEntry get(String key);

    /** Stores {@code entry} unconditionally. */
    void put(String key, BackendEntry entry);

    /** Stores {@code entry} only when {@code key} is absent or expired; returns whether it was stored. */
    boolean putIfAbsent(String key, BackendEntry entry);

    /**
     * Replaces the entry under {@code key} only while it still equals {@code expected} (compare-and-set); returns
     * whether it was replaced.
     */
    boolean replace(String key, BackendEntry expected, BackendEntry replacement);

    /** Removes {@code key}; returns whether a live entry was removed. */
    boolean remove(String key);

    /** Removes every entry of this backend. */
    void clear();

    /** Releases the backend's resources; afterwards the backend is not used again. */
    @Override
    void close();

    /**
     * Whether stored values leave this JVM (a cluster or a server). Bytes read back from a shared store are
     * deserialized only through an allow-list filter.
     */
    default boolean isShared() {
        return false;
    }

    /**
     * Whether this backend, though local to the JVM, keeps values outside the Java heap (an off-heap or a disk
     * tier), where they must be bytes. The core then hands it values only as {@link NullValue}, {@code byte[]},
     * {@link SerializedValue} (an immutable value's compact form, or the Java serialization of anything else, read
     * back through the cache's allow-list), {@code String}, or the integral numbers that increments work on
     * ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}).
     */
    default boolean storesOffHeap() {
        return false;
    }

    /**
     * How many entries this backend holds, for monitoring, where it can tell without a network call; empty where it
     * cannot. Entries that expired but were not evicted yet may be included.
     */
    default OptionalLong entryCount() {
        return OptionalLong.empty();
    }

    /** The bytes this backend's entries take, for monitoring, where it can tell (see {@link #entryCount()}). */
    default OptionalLong byteSize() {
        return OptionalLong.empty();
    }

    /** The live entries among {@code keys}; absent keys are omitted. Backends override this with a bulk read. */
    default Map<String, BackendEntry> getAll(Collection<String> keys) {
        Map<String, BackendEntry> found = new LinkedHashMap<>();
        for (String key : keys) {
            BackendEntry entry = get(key);
            if (entry != null) {
                found.put(key, entry);
            }
        }
        return found;
    }

    /**
     * Atomically adds {@code delta} to the integral number under {@code key}, keeping the entry's expiry.
     *
     * @return the new stored number (see {@link Counters#add}), or {@code null} when the key is absent
     * @throws ClassCastException if the stored value is not an integral number
     */
    default Object increment(String key, long delta) {
        while (true) {
            BackendEntry current = get(key);
            if (current == null) {
                return null;
            }
            Object sum = Counters.add(current.value(), delta);
            if (replace(key, current, current.withValue(sum))) {
                return sum;
            }
        }
    }

    /**
     * Atomically gives the live entry under {@code key} a new expiry; returns {@code false} when the key is absent.
     */
    default boolean touch(String key, long expiresAtMillis) {
        while (true) {
            BackendEntry current = get(key);
            if (current == null) {
                return false;
            }
            if (replace(key, current, current.withExpiry(expiresAtMillis))) {
                return true;
            }
        }
    }
}
