package dev.webcache.cache.dummy;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;

/**
 * Builds backends that store nothing: every read misses, {@code add} reports success, deletes report nothing
 * deleted. Key warnings still fire, as in Django, so a site can be checked for portable keys with caching off.
 */
public final class DummyBackendFactory implements CacheBackendFactory {

    @Override
    public CacheBackend create(BackendSettings settings) {
        return new DummyBackend();
    }

    private static final class DummyBackend implements CacheBackend {
        @Override
        public BackendEntry get(String key) {
            return null;
        }

        @Override
        public void put(String key, BackendEntry entry) {
        }

        @Override
        public boolean putIfAbsent(String key, BackendEntry entry) {
            return true;
        }

        @Override
        public boolean replace(String key, BackendEntry expected, BackendEntry replacement) {
            return false;
        }

        @Override
        public boolean remove(String key) {
            return false;
        }

        @Override
        public void clear() {
        }

        @Override
        public void close() {
        }
    }
}
