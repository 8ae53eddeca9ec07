package dev.webcache.cache.spi;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a {@link CacheBackendFactory} is given to build the backend of one named cache.
 *
 * @param alias     the cache's name, e.g. {@code default}
 * @param options   the backend options written after the alias ({@code webcache.caches.<alias>.<option>}), already
 *                  checked against {@link CacheBackendFactory#optionNames()}
 * @param section   the backend's own global section ({@code webcache.<backend>.*}, keys without that prefix); empty
 *                  when the backend has none
 * @param clock     the clock that decides expiry (tests inject a manual one)
 * @param resources resources shared by every cache of one registry (e.g. one cluster member for all aliases)
 */
public record BackendSettings(String alias, Map<String, String> options, Map<String, String> section, Clock clock,
                              SharedResources resources) {

    public BackendSettings {
        options = Map.copyOf(options);
        section = Map.copyOf(section);
    }

    /** Resources that several backends of one registry share, closed after all of them when the registry closes. */
    public interface SharedResources {
        /** The resource registered under {@code id}, created by {@code factory} on first use. */
        <T extends AutoCloseable> T computeIfAbsent(String id, Class<T> type, Supplier<T> factory);
    }
}
