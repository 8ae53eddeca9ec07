package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.CacheBackend;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.ehcache.Cache;
import org.ehcache.core.statistics.CacheStatistics;
import org.ehcache.core.statistics.TierStatistics;

/**
 * One alias on an Ehcache 3 cache: a heap tier, alone or in front of off-heap and disk tiers. Heap entries are held
 * by reference (values are already immutable or serialized by the core); entries that leave the heap are written
 * by {@link EntrySerializer}. Each entry has its own time-to-live; Ehcache's own compare-and-set operations make
 * {@link #putIfAbsent}, {@link #replace} and therefore increments atomic.
 */
public final class EhcacheBackend implements CacheBackend {
    private final Cache<String, BackendEntry> cache;
    private final Clock clock;
    private final boolean offHeap;
    private final Supplier<CacheStatistics> statistics;
    private final Runnable onClose;

    EhcacheBackend(Cache<String, BackendEntry> cache, Clock clock, boolean offHeap,
                   Supplier<CacheStatistics> statistics, Runnable onClose) {
        this.cache = cache;
        this.clock = clock;
        this.offHeap = offHeap;
        this.statistics = statistics;
        this.onClose = onClose;
    }

    @Override
    public BackendEntry get(String key) {
        // Ehcache expires the entry itself, on the same clock and to the millisecond (see EhcacheManager.EntryExpiry);
        // an entry read back from disk after a restart carries its own expiry too, checked here
        BackendEntry entry = cache.get(key);
        return entry == null || !offHeap || !entry.isExpiredAt(clock.millis()) ? entry : null;
    }

    @Override
    public boolean storesOffHeap() {
        return offHeap;
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

    /** The entries of the lowest tier, which holds every entry of the cache. */
    @Override
    public OptionalLong entryCount() {
        TierStatistics lowest = lowestTierStatistics();
        return lowest == null ? OptionalLong.empty() : OptionalLong.of(lowest.getMappings());
    }

    /**
     * The bytes of the lowest tier: on the heap alone, the weight of the entries as Ehcache counts it against
     * {@code max-bytes} (see EntryWeigher); else what the entries take in the off-heap or disk tier.
     */
    @Override
    public OptionalLong byteSize() {
        TierStatistics lowest = lowestTierStatistics();
        return lowest == null || lowest.getOccupiedByteSize() < 0 ? OptionalLong.empty()
                : OptionalLong.of(lowest.getOccupiedByteSize());
    }

    private TierStatistics lowestTierStatistics() {
        Map<String, TierStatistics> tiers = statistics.get().getTierStatistics();
        for (String tier : new String[] {"Disk", "OffHeap", "OnHeap"}) {
            if (tiers.containsKey(tier)) {
                return tiers.get(tier);
            }
        }
        return null;
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
