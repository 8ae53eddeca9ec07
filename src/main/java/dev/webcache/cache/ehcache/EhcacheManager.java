package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendEntry;
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

/** The one Ehcache {@link CacheManager} of a registry, running on the registry's clock. */
final class EhcacheManager implements AutoCloseable {
    private final CacheManager manager;
    private final Clock clock;
    /** Ehcache makes one of these anyway; handing it our own is the documented way to read a cache's size */
    private final DefaultStatisticsService statistics = new DefaultStatisticsService();

    EhcacheManager(Clock clock) {
        this.clock = clock;
        TimeSource timeSource = new TimeSource() {
            @Override
            public long getTimeMillis() {
                return clock.millis();
            }
        };
        this.manager = CacheManagerBuilder.newCacheManagerBuilder()
                .using(new TimeSourceConfiguration(timeSource))
                .using(statistics)
                .using(new EntryWeigher())
                .build(true);
    }

    /**
     * A heap cache of at most {@code maxBytes} (as {@link EntryWeigher} weighs entries) and, when
     * {@code maxEntries} is positive, at most that many entries.
     */
    EhcacheBackend create(String alias, long maxBytes, long maxEntries) {
        long minimumWeight = maxEntries > 0 ? Math.max(1, maxBytes / maxEntries) : 0;
        Cache<String, BackendEntry> cache = manager.createCache(alias,
                CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, BackendEntry.class,
                                ResourcePoolsBuilder.newResourcePoolsBuilder().heap(maxBytes, MemoryUnit.B))
                        .withService(new EntryWeigher.MinimumWeight(minimumWeight))
                        .withExpiry(new EntryExpiry(clock)));
        return new EhcacheBackend(cache, clock, () -> statistics.getCacheStatistics(alias), () -> removeCache(alias));
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
