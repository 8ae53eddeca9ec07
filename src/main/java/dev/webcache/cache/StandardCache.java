package dev.webcache.cache;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.Counters;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * {@link Cache} on a {@link CacheBackend}: makes and checks keys, turns timeouts into expiry instants, isolates
 * values, and maps the backend's primitives onto Django's semantics. Version views share everything but the
 * version.
 */
final class StandardCache implements Cache {
    private static final Object UNREADABLE = new Object();

    private final Shared shared;
    private final int version;
    /** This version's keys when the default key function is used (the common case), else {@code null}. */
    private final DefaultKeys defaultKeys;

    /**
     * What the views of one cache share; {@code defaultKeys} makes the keys of the configured version (the one
     * nearly every call uses) when the default key function is used.
     */
    private record Shared(CacheSettings settings, CacheBackend backend, Clock clock, ValueCodec codec,
                          KeyChecker keyChecker, DefaultKeys defaultKeys, ThrottledLog failures,
                          AtomicBoolean closed, CacheStatistics statistics) {
    }

    StandardCache(CacheSettings settings, CacheBackend backend, Clock clock) {
        this(shared(settings, backend, clock, new KeyChecker(settings.strictKeys())), settings.version());
    }

    private static Shared shared(CacheSettings settings, CacheBackend backend, Clock clock, KeyChecker keyChecker) {
        DefaultKeys defaultKeys = settings.keyFunction() == KeyFunctions.DEFAULT
                ? new DefaultKeys(settings.keyPrefix(), settings.version(), keyChecker, true) : null;
        return new Shared(settings, backend, clock, new ValueCodec(settings.alias(), backend.isShared(),
                backend.storesOffHeap(), settings.allowedClasses()), keyChecker, defaultKeys,
                new ThrottledLog(LoggerFactory.getLogger(StandardCache.class), clock, ThrottledLog.DEFAULT_INTERVAL),
                new AtomicBoolean(), new CacheStatistics(backend));
    }

    private StandardCache(Shared shared, int version) {
        this.shared = shared;
        this.version = version;
        if (shared.defaultKeys == null || version == shared.settings.version()) {
            this.defaultKeys = shared.defaultKeys;
        } else {
            this.defaultKeys = new DefaultKeys(shared.settings.keyPrefix(), version, shared.keyChecker, false);
        }
    }

    @Override
    public String alias() {
        return shared.settings.alias();
    }

    @Override
    public CacheSettings settings() {
        return shared.settings;
    }

    @Override
    public int currentVersion() {
        return version;
    }

    @Override
    public Cache version(int otherVersion) {
        return otherVersion == version ? this : new StandardCache(shared, otherVersion);
    }

    @Override
    public boolean isShared() {
        return shared.backend.isShared();
    }

    @Override
    public String makeKey(String key) {
        return makeKey(key, version);
    }

    private String makeKey(String key, int atVersion) {
        if (key == null) {
            throw new NullPointerException("cache keys are never null");
        }
        if (atVersion == version && defaultKeys != null) {
            return defaultKeys.make(key);
        }
        String finalKey = shared.settings.keyFunction().makeKey(key, shared.settings.keyPrefix(), atVersion);
        shared.keyChecker.check(finalKey);
        return finalKey;
    }

    private CacheBackend backend() {
        if (shared.closed.get()) {
            throw new IllegalStateException("cache '" + alias() + "' is closed");
        }
        return shared.backend;
    }

    @Override
    public <T> T get(String key) {
        return get(key, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String key, T defaultValue) {
        Object found = lookUp(key);
        if (found == UNREADABLE) {
            shared.statistics.miss();
            return defaultValue;
        }
        shared.statistics.hit();
        return (T) found;
    }

    /** The stored value of {@code key}, or {@link #UNREADABLE} on a miss; not counted. */
    private Object lookUp(String key) {
        BackendEntry entry = backend().get(makeKey(key));
        return entry == null ? UNREADABLE : decode(key, entry);
    }

    @Override
    public <T extends ImmutableValue> T getImmutable(String key, Class<T> type) {
        T value = lookUpImmutable(key, type);
        if (value == null) {
            shared.statistics.miss();
        } else {
            shared.statistics.hit();
        }
        return value;
    }

    private <T extends ImmutableValue> T lookUpImmutable(String key, Class<T> type) {
        BackendEntry entry = backend().get(makeKey(key));
        if (entry == null) {
            return null;
        }
        try {
            return shared.codec.decodeImmutable(entry.value(), type);
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            unreadable(key, e);
            return null;
        }
    }

    /** The caller's copy of a stored value, or {@link #UNREADABLE} if it cannot be read back (a miss). */
    private Object decode(String key, BackendEntry entry) {
        try {
            return shared.codec.decode(entry.value());
        } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError
                 | OutOfMemoryError e) {
            // bytes from a shared backend may be hostile: whatever reading them throws, the value is just missing
            unreadable(key, e);
            return UNREADABLE;
        }
    }

    private void unreadable(String key, Throwable e) {
        shared.failures.warn("cache '" + alias() + "': the value of key '" + key
                + "' cannot be read back and counts as a miss", e);
    }

    @Override
    public void set(String key, Object value) {
        set(key, value, shared.settings.defaultTimeout());
    }

    @Override
    public void set(String key, Object value, Duration timeout) {
        String finalKey = makeKey(key);
        Object stored = shared.codec.encode(key, value);
        long expiresAt = expiresAt(timeout);
        if (isExpired(expiresAt)) {
            backend().remove(finalKey);
        } else {
            backend().put(finalKey, new BackendEntry(stored, expiresAt));
            shared.statistics.put();
        }
    }

    @Override
    public boolean add(String key, Object value) {
        return add(key, value, shared.settings.defaultTimeout());
    }

    @Override
    public boolean add(String key, Object value, Duration timeout) {
        String finalKey = makeKey(key);
        Object stored = shared.codec.encode(key, value);
        long expiresAt = expiresAt(timeout);
        if (isExpired(expiresAt)) {
            // Redis's SET NX followed by DEL: reports whether it would have been stored, leaves nothing behind
            if (backend().get(finalKey) != null) {
                return false;
            }
            backend().remove(finalKey);
            return true;
        }
        boolean added = backend().putIfAbsent(finalKey, new BackendEntry(stored, expiresAt));
        if (added) {
            shared.statistics.put();
        }
        return added;
    }

    @Override
    public <T> T getOrSet(String key, Supplier<? extends T> supplier) {
        return getOrSet(key, supplier, shared.settings.defaultTimeout());
    }

    @Override
    public <T> T getOrSet(String key, Supplier<? extends T> supplier, Duration timeout) {
        Object miss = new Object();
        Object cached = get(key, miss);
        if (cached != miss) {
            @SuppressWarnings("unchecked")
            T hit = (T) cached;
            return hit;
        }
        T computed = supplier.get();
        add(key, computed, timeout);
        // re-read (not counted again): when another caller added first, everyone returns that caller's value
        Object current = lookUp(key);
        @SuppressWarnings("unchecked")
        T agreed = current == UNREADABLE ? computed : (T) current;
        return agreed;
    }

    @Override
    public Map<String, Object> getMany(Collection<String> keys) {
        Map<String, String> originalByFinal = new LinkedHashMap<>();
        for (String key : keys) {
            originalByFinal.put(makeKey(key), key);
        }
        Map<String, BackendEntry> found = backend().getAll(originalByFinal.keySet());
        Map<String, Object> values = new LinkedHashMap<>();
        originalByFinal.forEach((finalKey, key) -> {
            BackendEntry entry = found.get(finalKey);
            Object decoded = entry == null ? UNREADABLE : decode(key, entry);
            if (decoded != UNREADABLE) {
                shared.statistics.hit();
                values.put(key, decoded);
            } else {
                shared.statistics.miss();
            }
        });
        return values;
    }

    @Override
    public List<String> setMany(Map<String, ?> entries) {
        return setMany(entries, shared.settings.defaultTimeout());
    }

    @Override
    public List<String> setMany(Map<String, ?> entries, Duration timeout) {
        Map<String, BackendEntry> storedByKey = new LinkedHashMap<>();
        long expiresAt = expiresAt(timeout);
        entries.forEach((key, value) -> storedByKey.put(key, new BackendEntry(shared.codec.encode(key, value),
                isExpired(expiresAt) ? BackendEntry.NEVER : expiresAt)));
        CacheBackend backend = backend();
        List<String> failed = new ArrayList<>();
        storedByKey.forEach((key, entry) -> {
            String finalKey = makeKey(key);
            try {
                if (isExpired(expiresAt)) {
                    backend.remove(finalKey);
                } else {
                    backend.put(finalKey, entry);
                    shared.statistics.put();
                }
            } catch (RuntimeException e) {
                shared.failures.warn("cache '" + alias() + "': could not store key '" + key + "'", e);
                failed.add(key);
            }
        });
        return failed;
    }

    @Override
    public boolean delete(String key) {
        return backend().remove(makeKey(key));
    }

    @Override
    public void deleteMany(Collection<String> keys) {
        for (String key : keys) {
            delete(key);
        }
    }

    @Override
    public void clear() {
        backend().clear();
    }

    @Override
    public boolean touch(String key) {
        return touch(key, shared.settings.defaultTimeout());
    }

    @Override
    public boolean touch(String key, Duration timeout) {
        String finalKey = makeKey(key);
        long expiresAt = expiresAt(timeout);
        if (isExpired(expiresAt)) {
            return backend().remove(finalKey);
        }
        return backend().touch(finalKey, expiresAt);
    }

    @Override
    public long incr(String key) {
        return incr(key, 1);
    }

    @Override
    public long incr(String key, long delta) {
        Object sum;
        try {
            sum = backend().increment(makeKey(key), delta);
        } catch (ClassCastException e) {
            throw new NonNumericValueException("cannot increment key '" + key + "': " + e.getMessage());
        }
        if (sum == null) {
            throw notFound(key);
        }
        return Counters.toLong(sum);
    }

    @Override
    public long decr(String key) {
        return incr(key, -1);
    }

    @Override
    public long decr(String key, long delta) {
        return incr(key, Math.negateExact(delta));
    }

    @Override
    public boolean hasKey(String key) {
        return backend().get(makeKey(key)) != null;
    }

    @Override
    public int incrVersion(String key) {
        return incrVersion(key, 1);
    }

    @Override
    public int incrVersion(String key, int delta) {
        String oldKey = makeKey(key, version);
        int newVersion = Math.addExact(version, delta);
        String newKey = makeKey(key, newVersion);
        BackendEntry entry = backend().get(oldKey);
        if (entry == null) {
            throw notFound(key);
        }
        // the entry moves with its expiry: Django's incr_version resets it to the default timeout
        backend().put(newKey, entry);
        backend().remove(oldKey);
        return newVersion;
    }

    @Override
    public int decrVersion(String key) {
        return incrVersion(key, -1);
    }

    @Override
    public int decrVersion(String key, int delta) {
        return incrVersion(key, Math.negateExact(delta));
    }

    @Override
    public CacheStatistics statistics() {
        return shared.statistics;
    }

    @Override
    public void close() {
        if (shared.closed.compareAndSet(false, true)) {
            shared.backend.close();
        }
    }

    private static IllegalArgumentException notFound(String key) {
        return new IllegalArgumentException("Key '" + key + "' not found");
    }

    private long expiresAt(Duration timeout) {
        if (timeout.equals(FOREVER)) {
            return BackendEntry.NEVER;
        }
        if (timeout.isZero() || timeout.isNegative()) {
            return Long.MIN_VALUE;
        }
        try {
            return Math.addExact(shared.clock.millis(), Math.max(1, timeout.toMillis()));
        } catch (ArithmeticException tooFar) {
            return BackendEntry.NEVER;
        }
    }

    private static boolean isExpired(long expiresAt) {
        return expiresAt == Long.MIN_VALUE;
    }

    @Override
    public String toString() {
        return "Cache[" + alias() + ", backend " + shared.settings.backend() + ", version " + version + "]";
    }
}
