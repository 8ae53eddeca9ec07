package dev.webcache.testing;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;

/**
 * A backend that is down: configured by class name ({@code webcache.caches.<alias>.backend =
 * dev.webcache.testing.FailingBackendFactory}), it starts, then every call throws {@code IllegalStateException}.
 */
public final class FailingBackendFactory implements CacheBackendFactory {

    @Override
    public CacheBackend create(BackendSettings settings) {
        return new CacheBackend() {
            @Override
            public BackendEntry get(String key) {
                throw down();
            }

            @Override
            public void put(String key, BackendEntry entry) {
                throw down();
            }

            @Override
            public boolean putIfAbsent(String key, BackendEntry entry) {
                throw down();
            }

            @Override
            public boolean replace(String key, BackendEntry expected, BackendEntry replacement) {
                throw down();
            }

            @Override
            public boolean remove(String key) {
                throw down();
            }

            @Override
            public void clear() {
                throw down();
            }

            @Override
            public void close() {
                throw down();
            }
        };
    }

    private static IllegalStateException down() {
        return new IllegalStateException("backend down");
    }
}
