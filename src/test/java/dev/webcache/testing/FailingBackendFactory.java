package dev.webcache.testing;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;

/**
 * A backend that is down: every data operation throws, as a cache server that refuses connections would. Configure
 * it by class name, e.g. {@code webcache.caches.default.backend = dev.webcache.testing.FailingBackendFactory}, to
 * test that a broken cache never fails a page. Closing it succeeds, so the application still stops cleanly.
 */
public final class FailingBackendFactory implements CacheBackendFactory {

    @Override
    public CacheBackend create(BackendSettings settings) {
        return new FailingBackend(settings.alias());
    }

    private static final class FailingBackend implements CacheBackend {
        private final String alias;

        FailingBackend(String alias) {
            this.alias = alias;
        }

        private IllegalStateException down() {
            return new IllegalStateException("simulated outage: the backend of cache '" + alias + "' is down");
        }

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
        }
    }
}
