package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.webcache.testing.TestProperties;

import org.junit.jupiter.api.Test;

/** Closing a cache or a registry ends the use of its backends. */
class CacheLifecycleTest {

    @Test
    void aClosedCacheAndItsVersionViewsRefuseEveryCall() {
        try (Caches caches = Caches.defaults()) {
            Cache cache = caches.getDefault();
            Cache view = cache.version(2);
            cache.set("k", "v");
            cache.close();
            assertEquals("cache 'default' is closed",
                    assertThrows(IllegalStateException.class, () -> cache.get("k")).getMessage());
            assertThrows(IllegalStateException.class, () -> view.set("k", "v"));
            assertThrows(IllegalStateException.class, () -> cache.incr("k"));
            cache.close();
        }
    }

    @Test
    void closingTheRegistryClosesEveryCache() {
        Caches caches = Caches.fromProperties(TestProperties.of(
                "webcache.caches.default.backend", "ehcache", "webcache.caches.other.backend", "ehcache"));
        Cache other = caches.get("other");
        other.set("k", "v");
        caches.close();
        assertThrows(IllegalStateException.class, () -> other.get("k"));
        assertThrows(IllegalStateException.class, () -> caches.getDefault().set("k", "v"));
    }
}
