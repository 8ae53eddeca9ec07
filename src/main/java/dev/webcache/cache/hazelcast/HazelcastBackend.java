package dev.webcache.cache.hazelcast;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.Counters;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One cache alias on a Hazelcast {@code IMap} shared by every application of the cluster. Each entry carries its
 * own time-to-live; reads also check the expiry against the registry's clock. Conditional writes, increments and
 * touches are entry processors, atomic across the cluster and keeping the entry's expiry.
 *
 * <p>A read that no other member has to answer (a near cache hit, or a member's own partition) is served at once.
 * Every other call is one of Hazelcast's asynchronous operations awaited for at most the call deadline
 * ({@code webcache.hazelcast.call-timeout}); past it the call throws
 * {@link dev.webcache.cache.spi.BackendUnavailableException}. Writes wait too, so that the caller learns of a
 * failure; a write that timed out may still be applied later, which for a cache is harmless.
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

    /** Runs one call on the map within the request deadline (see {@link ClusterConnection#call}). */
    private <T> T call(Function<IMap<String, StoredEntry>, CompletionStage<T>> operation) {
        return cluster.call(() -> operation.apply(map()), cluster.callTimeout());
    }

    @Override
    public BackendEntry get(String key) {
        Object local = cluster.readWithoutWaiting(map(), key);
        StoredEntry stored = local == ClusterConnection.REMOTE ? call(map -> map.getAsync(key)) : (StoredEntry) local;
        // an entry that expired on this clock but not yet on the owner's is left for Hazelcast's own expiry
        return stored == null || stored.isExpiredAt(clock.millis()) ? null : stored.toBackendEntry();
    }

    @Override
    public Map<String, BackendEntry> getAll(Collection<String> keys) {
        Map<String, StoredEntry> stored = new HashMap<>();
        List<String> remote = new ArrayList<>();
        for (String key : new LinkedHashSet<>(keys)) {
            Object local = cluster.readWithoutWaiting(map(), key);
            if (local == ClusterConnection.REMOTE) {
                remote.add(key);
            } else if (local != null) {
                stored.put(key, (StoredEntry) local);
            }
        }
        if (!remote.isEmpty()) {
            stored.putAll(call(map -> readAll(map, remote)));
        }
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

    /** One asynchronous read per key, all in flight at once, completing when the last one does. */
    private static CompletionStage<Map<String, StoredEntry>> readAll(IMap<String, StoredEntry> map,
                                                                     List<String> keys) {
        List<CompletableFuture<StoredEntry>> reads = new ArrayList<>(keys.size());
        for (String key : keys) {
            reads.add(map.getAsync(key).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, StoredEntry> found = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                StoredEntry entry = reads.get(i).join();
                if (entry != null) {
                    found.put(keys.get(i), entry);
                }
            }
            return found;
        });
    }

    @Override
    public void put(String key, BackendEntry entry) {
        StoredEntry stored = StoredEntry.of(entry);
        call(map -> map.setAsync(key, stored, stored.ttlMillisAt(clock.millis()), TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean putIfAbsent(String key, BackendEntry entry) {
        return call(map -> map.submitToKey(key, new EntryProcessors.PutIfAbsent(StoredEntry.of(entry),
                clock.millis())));
    }

    @Override
    public boolean replace(String key, BackendEntry expected, BackendEntry replacement) {
        return call(map -> map.submitToKey(key, new EntryProcessors.Replace(StoredEntry.of(expected),
                StoredEntry.of(replacement), clock.millis())));
    }

    @Override
    public boolean remove(String key) {
        StoredEntry removed = call(map -> map.removeAsync(key));
        return removed != null && !removed.isExpiredAt(clock.millis());
    }

    /** Off the request path: bounded by the operation timeout, not the call deadline. */
    @Override
    public void clear() {
        // IMap has no asynchronous clear; a pool thread runs it so that the caller waits no longer than the timeout
        cluster.call(() -> CompletableFuture.runAsync(() -> map().clear()), cluster.operationTimeout());
    }

    @Override
    public Object increment(String key, long delta) {
        Object result = call(map -> map.submitToKey(key, new EntryProcessors.Increment(delta, clock.millis())));
        if (result instanceof StoredEntry unchanged) {
            return Counters.add(unchanged.value(), delta);
        }
        return result;
    }

    @Override
    public boolean touch(String key, long expiresAtMillis) {
        return call(map -> map.submitToKey(key, new EntryProcessors.Touch(expiresAtMillis, clock.millis())));
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
