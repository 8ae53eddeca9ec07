package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    private static java.util.Properties properties(String... keyValues) {
        java.util.Properties properties = new java.util.Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void closingTheRegistryClosesEveryCache() {
        Caches caches = Caches.fromProperties(properties(
                "webcache.caches.default.backend", "ehcache", "webcache.caches.other.backend", "ehcache"));
        Cache other = caches.get("other");
        other.set("k", "v");
        caches.close();
        assertThrows(IllegalStateException.class, () -> other.get("k"));
        assertThrows(IllegalStateException.class, () -> caches.getDefault().set("k", "v"));
    }
}
