package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The backend contract on the default backend, Ehcache 3 on-heap, plus its entry bound. */
class EhcacheContractTest extends BackendContractTest {

    @Override
    protected Properties backendProperties() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "ehcache");
        properties.setProperty("webcache.caches.default.max-entries", "100000");
        properties.setProperty("webcache.caches.small.backend", "ehcache");
        properties.setProperty("webcache.caches.small.max-entries", "10");
        return properties;
    }

    @Test
    void maxEntriesBoundsTheStore() {
        Cache small = caches.get("small");
        for (int i = 0; i < 100; i++) {
            small.set("k" + i, i);
        }
        long present = 0;
        for (int i = 0; i < 100; i++) {
            present += small.hasKey("k" + i) ? 1 : 0;
        }
        assertTrue(present > 0 && present <= 10, "entries kept: " + present);
        assertEquals(present, small.statistics().entries().orElseThrow(), "Ehcache's own count");
        assertTrue(small.statistics().bytes().isEmpty(), "a heap sized in entries does not know its bytes");
    }
}
