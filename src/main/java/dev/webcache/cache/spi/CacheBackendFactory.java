package dev.webcache.cache.spi;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the backend of a named cache. The built-in factories are named {@code ehcache}, {@code dummy} and
 * {@code hazelcast}; any other implementation is named in the configuration by its class name and needs a public
 * no-argument constructor.
 */
public interface CacheBackendFactory {

    /** The option names this backend accepts after the alias, e.g. {@code max-entries}. */
    default Set<String> optionNames() {
        return Set.of();
    }

    /**
     * The backend's global section keys ({@code webcache.<section>.<key>}) with a check for each value; the check
     * returns an error message, or {@code null} when the value is fine. Empty when the backend has no section.
     */
    default Map<String, Function<String, String>> sectionKeys() {
        return Map.of();
    }

    /**
     * Checks one option's value before anything is built; returns an error message naming what is allowed, or
     * {@code null} when the value is fine.
     */
    default String checkOption(String option, String value) {
        return null;
    }

    /** Builds the backend; a failure here fails the application's start-up. */
    CacheBackend create(BackendSettings settings);
}
