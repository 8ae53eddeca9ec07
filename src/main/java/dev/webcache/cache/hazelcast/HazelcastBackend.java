package dev.webcache.cache.hazelcast;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.Counters;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One cache alias on a Hazelcast {@code IMap} shared by every application of the cluster. Each entry carries its
 * own time-to-live; reads also check the expiry against the registry's clock. Conditional writes, increments and
 * touches are entry processors, atomic across the cluster and keeping the entry's expiry.
 */
final class HazelcastBackend implements CacheBackend {
    private final ClusterConnection cluster;
    private final String mapName;
    private final Clock clock;
    private volatile IMap<String, StoredEntry> map;

    HazelcastBackend(ClusterConnection cluster, String mapName, Clock clock) {
        this.cluster = cluster;
        this.mapName = mapName;
        this.clock = clock;
    }

    /** The map, obtained on first use: a client that started without its cluster cannot create it before. */
    private IMap<String, StoredEntry> map() {
        IMap<String, StoredEntry> current = map;
        if (current == null) {
            current = cluster.map(mapName);
            map = current;
        }
        return current;
    }

    @Override
    public BackendEntry get(String key) {
        StoredEntry stored = map().get(key);
        if (stored == null) {
            return null;
        }
        if (stored.isExpiredAt(clock.millis())) {
            map().remove(key, stored);
            return null;
        }
        return stored.toBackendEntry();
    }

    @Override
    public Map<String, BackendEntry> getAll(Collection<String> keys) {
        Map<String, StoredEntry> stored = map().getAll(new LinkedHashSet<>(keys));
        long now = clock.millis();
        Map<String, BackendEntry> found = new LinkedHashMap<>();
        for (String key : keys) {
            StoredEntry entry = stored.get(key);
            if (entry != null && !entry.isExpiredAt(now)) {
                found.put(key, entry.toBackendEntry());
            }
        }
        return found;
    }

    @Override
    public void put(String key, BackendEntry entry) {
        StoredEntry stored = StoredEntry.of(entry);
        map().set(key, stored, stored.ttlMillisAt(clock.millis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean putIfAbsent(String key, BackendEntry entry) {
        return map().executeOnKey(key, new EntryProcessors.PutIfAbsent(StoredEntry.of(entry), clock.millis()));
    }

    @Override
    public boolean replace(String key, BackendEntry expected, BackendEntry replacement) {
        return map().executeOnKey(key, new EntryProcessors.Replace(StoredEntry.of(expected),
                StoredEntry.of(replacement), clock.millis()));
    }

    @Override
    public boolean remove(String key) {
        StoredEntry removed = map().remove(key);
        return removed != null && !removed.isExpiredAt(clock.millis());
    }

    @Override
    public void clear() {
        map().clear();
    }

    @Override
    public Object increment(String key, long delta) {
        Object result = map().executeOnKey(key, new EntryProcessors.Increment(delta, clock.millis()));
        if (result instanceof StoredEntry unchanged) {
            return Counters.add(unchanged.value(), delta);
        }
        return result;
    }

    @Override
    public boolean touch(String key, long expiresAtMillis) {
        return map().executeOnKey(key, new EntryProcessors.Touch(expiresAtMillis, clock.millis()));
    }

    @Override
    public boolean isShared() {
        return true;
    }

    /** The entries this member owns (a client cannot tell without asking the cluster). */
    @Override
    public OptionalLong entryCount() {
        LocalMapStats stats = localStats();
        return stats == null ? OptionalLong.empty() : OptionalLong.of(stats.getOwnedEntryCount());
    }

    /** The memory this member's owned entries take. */
    @Override
    public OptionalLong byteSize() {
        LocalMapStats stats = localStats();
        return stats == null ? OptionalLong.empty() : OptionalLong.of(stats.getOwnedEntryMemoryCost());
    }

    private LocalMapStats localStats() {
        return cluster.isClient() ? null : map().getLocalMapStats();
    }

    /** Nothing to release per cache: the map belongs to the cluster, the instance to the registry. */
    @Override
    public void close() {
    }
}
