package dev.webcache.cache.hazelcast;

import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.ByteSize;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the {@code hazelcast} backend: each cache alias is the {@code IMap} named {@code webcache.<alias>} of one
 * Hazelcast cluster, reached through one embedded member or client per registry (section
 * {@code webcache.hazelcast.*}, see {@link ClusterSettings}). Options after the alias, member mode only (a client
 * leaves the maps' configuration to the cluster): {@code max-bytes} (the heap the map's entries may take on each
 * member before LRU eviction, Hazelcast's {@code USED_HEAP_SIZE} policy, default 64 MB) or instead
 * {@code max-entries} (entries per member, {@code PER_NODE}); and {@code near-cache} ({@code true} keeps read entries
 * in this JVM too, at most {@code max-entries} or {@value #DEFAULT_MAX_ENTRIES} of them, invalidated when they change
 * anywhere in the cluster).
 */
public final class HazelcastBackendFactory implements CacheBackendFactory {
    /** The option that bounds the heap a map takes per member. */
    public static final String MAX_BYTES = "max-bytes";
    /** The option that bounds the entry count per member instead. */
    public static final String MAX_ENTRIES = "max-entries";
    /** The option that turns a near cache on for a read-heavy alias. */
    public static final String NEAR_CACHE = "near-cache";
    /** The near cache's entry bound when {@code max-entries} is not set. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** The per-member budget when neither {@code max-bytes} nor {@code max-entries} is set: 64 MB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** The prefix of every map webcache uses, followed by the alias. */
    public static final String MAP_PREFIX = "webcache.";

    @Override
    public Set<String> optionNames() {
        return Set.of(MAX_BYTES, MAX_ENTRIES, NEAR_CACHE);
    }

    @Override
    public Map<String, Function<String, String>> sectionKeys() {
        return ClusterSettings.keys();
    }

    @Override
    public String checkOption(String option, String value) {
        if (MAX_ENTRIES.equals(option)) {
            try {
                if (Integer.parseInt(value.trim()) > 0) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            return "'" + value + "' is not allowed; use a whole number of entries from 1 to " + Integer.MAX_VALUE;
        }
        if (MAX_BYTES.equals(option)) {
            try {
                if (ByteSize.parse(value) <= (long) Integer.MAX_VALUE << 20) {
                    return null;
                }
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            return "'" + value + "' is not allowed; use " + ByteSize.ALLOWED;
        }
        if (NEAR_CACHE.equals(option)) {
            return value.equals("true") || value.equals("false") ? null
                    : "'" + value + "' is not allowed; use true or false";
        }
        return null;
    }

    @Override
    public CacheBackend create(BackendSettings settings) {
        ClusterSettings cluster = ClusterSettings.from(settings.section());
        ClusterConnection connection = settings.resources().computeIfAbsent(ClusterConnection.class.getName(),
                ClusterConnection.class, () -> ClusterConnection.start(cluster));
        String maxEntries = settings.options().get(MAX_ENTRIES);
        String maxBytes = settings.options().get(MAX_BYTES);
        String prefix = "webcache.caches." + settings.alias() + ".";
        for (String bound : new String[] {MAX_BYTES, MAX_ENTRIES}) {
            if (settings.options().containsKey(bound) && connection.isClient()) {
                throw new IllegalArgumentException(prefix + bound + " is only for webcache.hazelcast.mode = member;"
                        + " in client mode the cluster's configuration of map '" + MAP_PREFIX + settings.alias()
                        + "' bounds it");
            }
        }
        if (maxEntries != null && maxBytes != null) {
            throw new IllegalArgumentException(prefix + MAX_BYTES + " and " + prefix + MAX_ENTRIES + " are both set;"
                    + " a Hazelcast map has one size policy: set one of them");
        }
        MapBound bound = maxEntries != null ? MapBound.entries(Integer.parseInt(maxEntries.trim()))
                : MapBound.bytes(maxBytes == null ? DEFAULT_MAX_BYTES : ByteSize.parse(maxBytes));
        String mapName = MAP_PREFIX + settings.alias();
        connection.configureMap(mapName, bound, maxEntries == null ? DEFAULT_MAX_ENTRIES
                : Integer.parseInt(maxEntries.trim()), Boolean.parseBoolean(settings.options().getOrDefault(NEAR_CACHE,
                "false")));
        return new HazelcastBackend(connection, mapName, settings.clock());
    }
}
