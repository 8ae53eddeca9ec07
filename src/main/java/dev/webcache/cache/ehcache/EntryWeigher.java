package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.SerializedValue;
import org.ehcache.config.ResourceUnit;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.spi.store.Store;
import org.ehcache.core.spi.store.heap.SizeOfEngine;
import org.ehcache.core.spi.store.heap.SizeOfEngineProvider;
import org.ehcache.spi.service.ServiceConfiguration;
import org.ehcache.spi.service.ServiceProvider;
import org.ehcache.spi.service.Service;

/**
 * Weighs entries for Ehcache's heap tier sized in bytes, in place of Ehcache's reflective object-graph walker: every
 * stored value is already in a form whose size is known ({@link BackendEntry#retainedBytes()}), so weighing an entry
 * costs a few field reads and never walks into shared objects. Ehcache itself then evicts to keep the sum within the
 * budget. A cache that also has an entry limit gives every entry at least {@code budget / max-entries}, so no more
 * than that many fit.
 */
final class EntryWeigher implements SizeOfEngineProvider {
    /**
     * Per cache: the least an entry weighs ({@code max-bytes / max-entries}, or 0 without an entry limit), and
     * whether the heap is a tier in front of off-heap or disk tiers: its serialized values then count twice, since
     * the first read keeps the value decoded from them next to the bytes.
     */
    record Weighing(long minimumBytes, boolean tiered) implements ServiceConfiguration<SizeOfEngineProvider, Void> {
        @Override
        public Class<SizeOfEngineProvider> getServiceType() {
            return SizeOfEngineProvider.class;
        }
    }

    @Override
    public void start(ServiceProvider<Service> serviceProvider) {
        // nothing to start: weighing needs no other service
    }

    @Override
    public void stop() {
        // nothing to stop
    }

    @Override
    public SizeOfEngine createSizeOfEngine(ResourceUnit unit, ServiceConfiguration<?, ?>... configurations) {
        Weighing weighing = new Weighing(0, false);
        for (ServiceConfiguration<?, ?> configuration : configurations) {
            if (configuration instanceof Weighing given) {
                weighing = given;
            }
        }
        boolean bytes = unit instanceof MemoryUnit;
        long floor = weighing.minimumBytes();
        boolean tiered = weighing.tiered();
        return new SizeOfEngine() {
            @Override
            public <K, V> long sizeof(K key, Store.ValueHolder<V> holder) {
                if (!bytes) {
                    return 1;
                }
                long keyBytes = 48 + 2L * ((String) key).length();
                BackendEntry entry = (BackendEntry) holder.get();
                long decoded = tiered && entry.value() instanceof SerializedValue serialized ? serialized.length() : 0;
                return Math.max(floor, keyBytes + entry.retainedBytes() + decoded);
            }
        };
    }
}
