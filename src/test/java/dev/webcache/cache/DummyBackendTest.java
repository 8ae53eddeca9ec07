package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Django's DummyCache: every method answers as if nothing were ever stored. */
class DummyBackendTest {
    private Caches caches;
    private Cache cache;

    @BeforeEach
    void start() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "dummy");
        caches = Caches.fromProperties(properties);
        cache = caches.getDefault();
    }

    @AfterEach
    void stop() {
        caches.close();
    }

    @Test
    void storesNothing() {
        cache.set("k", "v");
        assertNull(cache.get("k"));
        assertEquals("default", cache.get("k", "default"));
        assertFalse(cache.hasKey("k"));
        assertTrue(cache.add("k", "v"));
        assertTrue(cache.add("k", "v", Duration.ZERO));
        assertNull(cache.get("k"));
        assertFalse(cache.delete("k"));
        assertFalse(cache.touch("k"));
        assertEquals(Map.of(), cache.getMany(List.of("k")));
        assertEquals(List.of(), cache.setMany(Map.of("a", 1, "b", 2)));
        assertEquals(Map.of(), cache.getMany(List.of("a", "b")));
        cache.deleteMany(List.of("a", "b"));
        cache.clear();
        assertEquals("computed", cache.getOrSet("k", () -> "computed"));
    }

    @Test
    void counterAndVersionOperationsFindNoKey() {
        cache.set("n", 1L);
        assertEquals("Key 'n' not found", assertThrows(IllegalArgumentException.class, () -> cache.incr("n")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> cache.decr("n"));
        assertThrows(IllegalArgumentException.class, () -> cache.incrVersion("n"));
        assertThrows(IllegalArgumentException.class, () -> cache.decrVersion("n"));
    }

    @Test
    void stillChecksKeys() {
        try (LogCapture log = LogCapture.of(KeyChecker.LOGGER_NAME)) {
            cache.set("has space", "v");
            assertEquals(List.of("Cache key contains characters that will cause errors if used with memcached: "
                    + "':1:has space'"), log.warnings());
        }
    }
}
