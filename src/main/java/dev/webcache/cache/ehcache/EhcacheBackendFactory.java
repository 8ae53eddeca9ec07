package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;
import java.util.Set;

/**
 * Builds {@link EhcacheBackend}s. Option {@code max-entries} (default {@value #DEFAULT_MAX_ENTRIES}) bounds the number
 * of entries of one alias; past it Ehcache evicts. All aliases of one registry share one Ehcache
 * {@code CacheManager}.
 */
public final class EhcacheBackendFactory implements CacheBackendFactory {
    /** The option that bounds the entry count. */
    public static final String MAX_ENTRIES = "max-entries";
    /** The bound when {@code max-entries} is not set. */
    public static final long DEFAULT_MAX_ENTRIES = 10_000;

    @Override
    public Set<String> optionNames() {
        return Set.of(MAX_ENTRIES);
    }

    @Override
    public String checkOption(String option, String value) {
        if (MAX_ENTRIES.equals(option)) {
            try {
                if (Long.parseLong(value.trim()) > 0) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            return "'" + value + "' is not allowed; use a whole number of entries greater than 0";
        }
        return null;
    }

    @Override
    public CacheBackend create(BackendSettings settings) {
        String max = settings.options().get(MAX_ENTRIES);
        long maxEntries = max == null ? DEFAULT_MAX_ENTRIES : Long.parseLong(max.trim());
        EhcacheManager manager = settings.resources().computeIfAbsent(
                EhcacheManager.class.getName(), EhcacheManager.class, () -> new EhcacheManager(settings.clock()));
        return manager.create(settings.alias(), maxEntries);
    }
}
