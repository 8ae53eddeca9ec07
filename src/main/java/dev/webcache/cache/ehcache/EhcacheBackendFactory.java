package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.ByteSize;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;
import java.util.Set;

/**
 * Builds {@link EhcacheBackend}s, each an on-heap cache bounded in bytes: option {@code max-bytes} (default
 * {@value #DEFAULT_MAX_BYTES} bytes, 64 MB) is the budget of one alias, which Ehcache keeps by evicting; option
 * {@code max-entries} (no default) bounds the entry count as well. All aliases of one registry share one Ehcache
 * {@code CacheManager}.
 */
public final class EhcacheBackendFactory implements CacheBackendFactory {
    /** The option that bounds the heap an alias holds. */
    public static final String MAX_BYTES = "max-bytes";
    /** The option that also bounds the entry count. */
    public static final String MAX_ENTRIES = "max-entries";
    /** The budget when {@code max-bytes} is not set: 64 MB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    @Override
    public Set<String> optionNames() {
        return Set.of(MAX_BYTES, MAX_ENTRIES);
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
        if (MAX_BYTES.equals(option)) {
            try {
                ByteSize.parse(value);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    @Override
    public CacheBackend create(BackendSettings settings) {
        String bytes = settings.options().get(MAX_BYTES);
        String entries = settings.options().get(MAX_ENTRIES);
        long maxBytes = bytes == null ? DEFAULT_MAX_BYTES : ByteSize.parse(bytes);
        long maxEntries = entries == null ? 0 : Long.parseLong(entries.trim());
        EhcacheManager manager = settings.resources().computeIfAbsent(
                EhcacheManager.class.getName(), EhcacheManager.class, () -> new EhcacheManager(settings.clock()));
        return manager.create(settings.alias(), maxBytes, maxEntries);
    }
}
