package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.CacheBackend;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.ehcache.Cache;
import org.ehcache.core.statistics.CacheStatistics;
import org.ehcache.core.statistics.TierStatistics;

/**
 * One alias on an Ehcache 3 on-heap cache. Entries are held by reference (values are already immutable or
 * serialized by the core), each with its own time-to-live; Ehcache's own compare-and-set operations make
 * {@link #putIfAbsent}, {@link #replace} and therefore increments atomic.
 */
public final class EhcacheBackend implements CacheBackend {
    private final Cache<String, BackendEntry> cache;
    private final Clock clock;
    private final Supplier<CacheStatistics> statistics;
    private final Runnable onClose;

    EhcacheBackend(Cache<String, BackendEntry> cache, Clock clock, Supplier<CacheStatistics> statistics,
                   Runnable onClose) {
        this.cache = cache;
        this.clock = clock;
        this.statistics = statistics;
        this.onClose = onClose;
    }

    @Override
    public BackendEntry get(String key) {
        // Ehcache expires the entry itself, on the same clock and to the millisecond (see EhcacheManager.EntryExpiry)
        return cache.get(key);
    }

    @Override
    public void put(String key, BackendEntry entry) {
        cache.put(key, entry);
    }

    @Override
    public boolean putIfAbsent(String key, BackendEntry entry) {
        while (true) {
            BackendEntry existing = cache.putIfAbsent(key, entry);
            if (existing == null) {
                return true;
            }
            if (!existing.isExpiredAt(clock.millis())) {
                return false;
            }
            // Ehcache's millisecond expiry and ours can disagree for an instant: an entry expired by our clock is absent.
            if (cache.replace(key, existing, entry)) {
                return true;
            }
        }
    }

    @Override
    public boolean replace(String key, BackendEntry expected, BackendEntry replacement) {
        return cache.replace(key, expected, replacement);
    }

    @Override
    public boolean remove(String key) {
        while (true) {
            BackendEntry existing = cache.get(key);
            if (existing == null) {
                return false;
            }
            if (cache.remove(key, existing)) {
                return !existing.isExpiredAt(clock.millis());
            }
        }
    }

    @Override
    public OptionalLong entryCount() {
        TierStatistics heap = heapStatistics();
        return heap == null ? OptionalLong.empty() : OptionalLong.of(heap.getMappings());
    }

    /** The weight of the entries as Ehcache's heap tier counts it against {@code max-bytes} (see EntryWeigher). */
    @Override
    public OptionalLong byteSize() {
        TierStatistics heap = heapStatistics();
        return heap == null || heap.getOccupiedByteSize() < 0 ? OptionalLong.empty()
                : OptionalLong.of(heap.getOccupiedByteSize());
    }

    private TierStatistics heapStatistics() {
        return statistics.get().getTierStatistics().get("OnHeap");
    }

    @Override
    public void clear() {
        cache.clear();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
