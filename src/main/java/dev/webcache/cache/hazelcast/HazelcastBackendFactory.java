package dev.webcache.cache.hazelcast;

import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the {@code hazelcast} backend: each cache alias is the {@code IMap} named {@code webcache.<alias>} of one
 * Hazelcast cluster, reached through one embedded member or client per registry (section
 * {@code webcache.hazelcast.*}, see {@link ClusterSettings}). Options after the alias: {@code max-entries} (entries
 * kept per member before LRU eviction, default {@value #DEFAULT_MAX_ENTRIES}; member mode only, a client leaves the
 * maps' configuration to the cluster) and {@code near-cache} ({@code true} keeps read entries in this JVM too,
 * invalidated when they change anywhere in the cluster).
 */
public final class HazelcastBackendFactory implements CacheBackendFactory {
    /** The option that bounds the entry count per member. */
    public static final String MAX_ENTRIES = "max-entries";
    /** The option that turns a near cache on for a read-heavy alias. */
    public static final String NEAR_CACHE = "near-cache";
    /** The bound when {@code max-entries} is not set. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** The prefix of every map webcache uses, followed by the alias. */
    public static final String MAP_PREFIX = "webcache.";

    @Override
    public Set<String> optionNames() {
        return Set.of(MAX_ENTRIES, NEAR_CACHE);
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
        String max = settings.options().get(MAX_ENTRIES);
        if (max != null && connection.isClient()) {
            throw new IllegalArgumentException("webcache.caches." + settings.alias() + "." + MAX_ENTRIES + " is only for"
                    + " webcache.hazelcast.mode = member; in client mode the cluster's configuration of map '"
                    + MAP_PREFIX + settings.alias() + "' bounds it");
        }
        String mapName = MAP_PREFIX + settings.alias();
        connection.configureMap(mapName, max == null ? DEFAULT_MAX_ENTRIES : Integer.parseInt(max.trim()),
                Boolean.parseBoolean(settings.options().getOrDefault(NEAR_CACHE, "false")));
        return new HazelcastBackend(connection, mapName, settings.clock());
    }
}
