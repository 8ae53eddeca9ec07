package dev.webcache.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The validated settings of one named cache ({@code webcache.caches.<alias>.*}).
 *
 * @param alias          the cache's name
 * @param backend        the backend name as configured ({@code ehcache}, {@code hazelcast}, {@code dummy} or a class)
 * @param defaultTimeout the timeout of the methods without one; {@link Cache#FOREVER} for "none"
 * @param keyPrefix      prepended to every key by the key function
 * @param version        the default version
 * @param keyFunction    builds the stored key
 * @param strictKeys     whether keys memcached would reject fail instead of logging a warning
 * @param allowedClasses class patterns ({@link java.io.ObjectInputFilter} syntax, e.g. {@code com.example.**}) that
 *                       may be deserialized from a shared backend, besides the JDK's value types and webcache's own
 * @param backendOptions the backend's own options, e.g. {@code max-entries}
 * @param globals        the validated keys of the non-cache sections, without the {@code webcache.} prefix (e.g.
 *                       {@code memo.encryption-key})
 */
public record CacheSettings(String alias, String backend, Duration defaultTimeout, String keyPrefix, int version,
                            KeyFunction keyFunction, boolean strictKeys, List<String> allowedClasses,
                            Map<String, String> backendOptions, Map<String, String> globals) {

    public CacheSettings {
        allowedClasses = List.copyOf(allowedClasses);
        backendOptions = Map.copyOf(backendOptions);
        globals = Map.copyOf(globals);
    }
}
