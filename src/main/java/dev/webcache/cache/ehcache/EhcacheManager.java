package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.internal.statistics.DefaultStatisticsService;
import org.ehcache.core.spi.time.TimeSource;
import org.ehcache.expiry.ExpiryPolicy;
import org.ehcache.impl.internal.TimeSourceConfiguration;

/**
 * One Ehcache {@link CacheManager} of a registry, running on the registry's clock: the one of the heap and off-heap
 * caches, or the one of the caches with a disk tier in one directory, which Ehcache locks while the manager runs.
 */
final class EhcacheManager implements AutoCloseable {
    private static final EntrySerializer SERIALIZER = new EntrySerializer();
    private final CacheManager manager;
    private final Clock clock;
    /** Ehcache makes one of these anyway; handing it our own is the documented way to read a cache's size */
    private final DefaultStatisticsService statistics = new DefaultStatisticsService();

    /**
     * @param directory where the disk tiers of this manager's caches live, or {@code null} for a manager without
     *                  disk tiers
     * @throws RuntimeException if Ehcache cannot take the directory (another manager, in this JVM or another, has
     *                          it locked)
     */
    EhcacheManager(Clock clock, Path directory) {
        this.clock = clock;
        TimeSource timeSource = new TimeSource() {
            @Override
            public long getTimeMillis() {
                return clock.millis();
            }
        };
        CacheManagerBuilder<CacheManager> builder = CacheManagerBuilder.newCacheManagerBuilder()
                .using(new TimeSourceConfiguration(timeSource))
                .using(statistics)
                .using(new EntryWeigher());
        this.manager = directory == null ? builder.build(true)
                : builder.with(CacheManagerBuilder.persistence(directory.toFile())).build(true);
    }

    /**
     * A cache whose heap tier holds at most {@code tiers.heapBytes()} (as {@link EntryWeigher} weighs entries) and,
     * when {@code tiers.maxEntries()} is positive, at most that many entries, over the off-heap and disk tiers that
     * {@code tiers} names.
     */
    EhcacheBackend create(String alias, Tiers tiers) {
        long minimumWeight = tiers.maxEntries() > 0 ? Math.max(1, tiers.heapBytes() / tiers.maxEntries()) : 0;
        ResourcePoolsBuilder pools = ResourcePoolsBuilder.newResourcePoolsBuilder().heap(tiers.heapBytes(), MemoryUnit.B);
        if (tiers.offHeapBytes() > 0) {
            pools = pools.offheap(tiers.offHeapBytes(), MemoryUnit.B);
        }
        if (tiers.diskBytes() > 0) {
            pools = pools.disk(tiers.diskBytes(), MemoryUnit.B, tiers.persistent());
        }
        CacheConfigurationBuilder<String, BackendEntry> configuration = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(String.class, BackendEntry.class, pools)
                .withService(new EntryWeigher.Weighing(minimumWeight, tiers.offHeap()))
                .withExpiry(new EntryExpiry(clock));
        if (tiers.offHeap()) {
            configuration = configuration.withValueSerializer(SERIALIZER);
        }
        Cache<String, BackendEntry> cache = manager.createCache(alias, configuration);
        return new EhcacheBackend(cache, clock, tiers.offHeap(), () -> statistics.getCacheStatistics(alias),
                () -> removeCache(alias));
    }

    /**
     * The tiers of one cache.
     *
     * @param heapBytes    the heap tier's budget
     * @param maxEntries   the heap tier's entry limit, or 0
     * @param offHeapBytes the off-heap tier's size, or 0 for none
     * @param diskBytes    the disk tier's size, or 0 for none
     * @param persistent   whether the disk tier outlives the cache manager (a restart finds its entries)
     */
    record Tiers(long heapBytes, long maxEntries, long offHeapBytes, long diskBytes, boolean persistent) {
        /** Whether values leave the heap, so that they are stored as bytes. */
        boolean offHeap() {
            return offHeapBytes > 0 || diskBytes > 0;
        }
    }

    private void removeCache(String alias) {
        synchronized (manager) {
            if (manager.getCache(alias, String.class, BackendEntry.class) != null) {
                manager.removeCache(alias);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Each entry lives until the expiry it carries; reads and in-place updates do not move it. */
    private record EntryExpiry(Clock clock) implements ExpiryPolicy<String, BackendEntry> {
        @Override
        public Duration getExpiryForCreation(String key, BackendEntry value) {
            return remaining(value);
        }

        @Override
        public Duration getExpiryForAccess(String key, Supplier<? extends BackendEntry> value) {
            return null;
        }

        @Override
        public Duration getExpiryForUpdate(String key, Supplier<? extends BackendEntry> oldValue, BackendEntry newValue) {
            return remaining(newValue);
        }

        private Duration remaining(BackendEntry entry) {
            if (entry.expiresAtMillis() == BackendEntry.NEVER) {
                return ExpiryPolicy.INFINITE;
            }
            return Duration.ofMillis(Math.max(0, entry.expiresAtMillis() - clock.millis()));
        }
    }
}
