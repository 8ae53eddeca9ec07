package dev.webcache.cache;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One named cache: Django's {@code BaseCache}, shaped for Java.
 *
 * <p>Keys are strings; the stored key is {@code keyFunction(key, keyPrefix, version)}, by default
 * {@code prefix:version:key}. Values are isolated: a value is copied (serialized) on the way in and out unless it
 * is immutable ({@code String}, boxed primitives, {@code java.time} values, {@link ImmutableValue}s), so changing an
 * object after {@code set} or after {@code get} never changes what is cached. {@code null} can be stored and is a
 * hit.
 *
 * <p>Timeouts: the forms without a timeout use the cache's default; {@link #FOREVER} never expires; {@link
 * Duration#ZERO} or a negative duration means "not retrievable afterwards" (the key is removed; {@code add} and
 * {@code touch} still report success). Fractional seconds and timeouts over 30 days work.
 *
 * <p>Implementations are thread-safe. {@link #incr} and {@link #decr} are atomic and keep the entry's expiry.
 */
public interface Cache extends AutoCloseable {

    /** The timeout of an entry that never expires (Django's {@code timeout=None}). */
    Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    /** This cache's name in its registry, e.g. {@code default}. */
    String alias();

    /** The settings this cache was built with. */
    CacheSettings settings();

    /** The version that the methods of this view use (the configured version unless this is a {@link #version} view). */
    int currentVersion();

    /** A view of the same store whose methods use {@code version} instead of the configured version. */
    Cache version(int version);

    /**
     * Whether the values come from a backend that other processes write to (Hazelcast), so that reading them must
     * assume bytes anyone with access to it may have planted; {@code false} for a backend of this JVM alone.
     */
    boolean isShared();

    /** The final key that {@code key} is stored under at this view's version. */
    String makeKey(String key);

    /** The cached value, or {@code null} when absent or expired (use {@link #hasKey} to tell a stored null). */
    <T> T get(String key);

    /** The cached value (a stored {@code null} included), or {@code defaultValue} when absent or expired. */
    <T> T get(String key, T defaultValue);

    /**
     * The cached value if it is an instance of {@code type} as stored: held by reference on a local backend, or in
     * the type's {@link CompactFormat} on a shared one. Anything else under the key, including a Java-serialized
     * object, is a miss and is never deserialized: for keys that only this library writes, whose values a planted
     * entry must not be able to replace with arbitrary objects.
     */
    <T extends ImmutableValue> T getImmutable(String key, Class<T> type);

    /** Stores {@code value} for the default timeout. */
    void set(String key, Object value);

    /** Stores {@code value} for {@code timeout}. */
    void set(String key, Object value, Duration timeout);

    /** Stores {@code value} only when the key is absent or expired, for the default timeout; returns whether it did. */
    boolean add(String key, Object value);

    /** Stores {@code value} only when the key is absent or expired; returns whether it did. */
    boolean add(String key, Object value, Duration timeout);

    /**
     * The cached value; on a miss, computes it with {@code supplier} (called only on a miss), adds it for the
     * default timeout and returns what the cache then holds, so that concurrent callers agree on one value.
     */
    <T> T getOrSet(String key, Supplier<? extends T> supplier);

    /** {@link #getOrSet(String, Supplier)} with an explicit timeout. */
    <T> T getOrSet(String key, Supplier<? extends T> supplier, Duration timeout);

    /** The cached values of {@code keys} by key, in the order given; absent keys are omitted, stored nulls kept. */
    Map<String, Object> getMany(Collection<String> keys);

    /** Stores every entry for the default timeout; returns the keys that could not be stored. */
    List<String> setMany(Map<String, ?> entries);

    /** Stores every entry for {@code timeout}; returns the keys that could not be stored. */
    List<String> setMany(Map<String, ?> entries, Duration timeout);

    /** Removes the key; returns whether a live entry was removed. */
    boolean delete(String key);

    /** Removes every key in {@code keys}. */
    void deleteMany(Collection<String> keys);

    /**
     * Removes every entry of the store, whatever its key prefix or version (as Django does): on a shared backend
     * that is every application's entries in this cache.
     */
    void clear();

    /** Gives a live key the default timeout from now; returns {@code false} when it is absent. */
    boolean touch(String key);

    /** Gives a live key {@code timeout} from now; returns {@code false} when it is absent. */
    boolean touch(String key, Duration timeout);

    /** Adds 1; see {@link #incr(String, long)}. */
    long incr(String key);

    /**
     * Atomically adds {@code delta} to the integer stored under {@code key}, keeping its expiry.
     *
     * @return the new value
     * @throws IllegalArgumentException  with {@code Key '<key>' not found} when the key is absent
     * @throws NonNumericValueException if the stored value is not an integer
     */
    long incr(String key, long delta);

    /** Subtracts 1; see {@link #incr(String, long)}. */
    long decr(String key);

    /** Atomically subtracts {@code delta}; see {@link #incr(String, long)}. */
    long decr(String key, long delta);

    /** Whether the key holds a live value (a stored null included). */
    boolean hasKey(String key);

    /** Moves the key's value (with its expiry) to the next version; returns that version. */
    int incrVersion(String key);

    /**
     * Moves the key's value, with its expiry, from this view's version to version + {@code delta}; returns the new
     * version.
     *
     * @throws IllegalArgumentException with {@code Key '<key>' not found} when the key is absent
     */
    int incrVersion(String key, int delta);

    /** Moves the key's value to the previous version; returns that version. */
    int decrVersion(String key);

    /** Moves the key's value to version - {@code delta}; returns the new version. */
    int decrVersion(String key, int delta);

    /** The running counts of this cache, shared by its version views (for monitoring). */
    CacheStatistics statistics();

    /** Releases the backend; every later call on this cache (and its version views) fails. */
    @Override
    void close();
}
