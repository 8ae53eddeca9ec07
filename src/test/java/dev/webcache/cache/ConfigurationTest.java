package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.testing.TestProperties;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What the properties configure, and the message each mistake gets at start-up. */
class ConfigurationTest {



    private static String failure(String... keyValues) {
        return assertThrows(ImproperlyConfiguredException.class, () -> Caches.fromProperties(TestProperties.of(keyValues)))
                .getMessage();
    }

    @Test
    void noConfigurationMeansOneEhcacheCacheNamedDefault() {
        try (Caches caches = Caches.fromProperties(TestProperties.of("unrelated.key", "ignored"))) {
            assertEquals(Set.of("default"), caches.aliases());
            CacheSettings settings = caches.getDefault().settings();
            assertEquals("ehcache", settings.backend());
            assertEquals(Duration.ofSeconds(300), settings.defaultTimeout());
            assertEquals("", settings.keyPrefix());
            assertEquals(1, settings.version());
            assertSame(caches.getDefault(), caches.get("default"));
        }
    }

    @Test
    void everyCacheKeyIsRead() {
        try (Caches caches = Caches.fromProperties(TestProperties.of(
                "webcache.caches.default.backend", "ehcache",
                "webcache.caches.default.timeout", "none",
                "webcache.caches.default.key-prefix", "site",
                "webcache.caches.default.version", "3",
                "webcache.caches.default.max-entries", "50",
                "webcache.caches.default.allowed-classes", "com.example.**, org.example.Value",
                "webcache.caches.fragments.backend", "dummy",
                "webcache.caches.fragments.timeout", "0.25",
                "webcache.memo.force-encryption", "true",
                "webcache.memo.encryption-key", "AAECAwQFBgcICQoLDA0ODw=="))) {
            CacheSettings settings = caches.getDefault().settings();
            assertEquals(Cache.FOREVER, settings.defaultTimeout());
            assertEquals("site", settings.keyPrefix());
            assertEquals(3, settings.version());
            assertEquals(List.of("com.example.**", "org.example.Value"), settings.allowedClasses());
            assertEquals("50", settings.backendOptions().get("max-entries"));
            assertEquals("true", settings.globals().get("memo.force-encryption"));
            assertEquals(Duration.ofMillis(250), caches.get("fragments").settings().defaultTimeout());
        }
    }

    @Test
    void anUnknownAliasIsAnInvalidBackend() {
        try (Caches caches = Caches.defaults()) {
            InvalidCacheBackendException unknown = assertThrows(InvalidCacheBackendException.class,
                    () -> caches.get("nonexistent"));
            assertEquals("The cache 'nonexistent' doesn't exist; configured caches: default", unknown.getMessage());
        }
    }

    @Test
    void aConfigurationWithoutDefaultFails() {
        assertTrue(failure("webcache.caches.other.backend", "ehcache").contains(
                "webcache.caches.default.backend: no 'default' cache is configured, but every configuration needs one"
                        + " (configured: other)"));
    }

    @Test
    void eachBadValueNamesThePropertyAndWhatIsAllowed() {
        assertTrue(failure("webcache.caches.default.backend", "redis").contains(
                "webcache.caches.default.backend: unknown backend 'redis'; allowed: dummy, ehcache, hazelcast, or the"
                        + " name of a class implementing dev.webcache.cache.spi.CacheBackendFactory"));
        assertTrue(failure("webcache.caches.default.timeout", "five minutes").contains(
                "webcache.caches.default.timeout: 'five minutes' is not allowed; use a number of seconds (e.g. 300 or"
                        + " 0.5), 0 to store nothing, or none to never expire"));
        assertTrue(failure("webcache.caches.default.version", "v2").contains(
                "webcache.caches.default.version: 'v2' is not allowed; use a whole number"));
        assertTrue(failure("webcache.caches.default.max-entries", "-1").contains(
                "webcache.caches.default.max-entries: '-1' is not allowed; use a whole number of entries greater than 0"));
        for (String badSize : List.of("lots", "-5MB", "0", "1.5GB", "64 TB")) {
            assertTrue(failure("webcache.caches.default.max-bytes", badSize).contains(
                    "webcache.caches.default.max-bytes: '" + badSize + "' is not allowed; use a whole number of bytes,"
                            + " or of KB, MB or GB (1024-based), e.g. 64MB"), badSize);
        }
        assertTrue(failure("webcache.caches.default.strict-keys", "yes").contains(
                "webcache.caches.default.strict-keys: 'yes' is not allowed; use true or false"));
        assertTrue(failure("webcache.caches.default.key-function", "md5").contains(
                "webcache.caches.default.key-function: 'md5' is not allowed; use default, hashed, or the name of a"
                        + " class implementing dev.webcache.cache.KeyFunction"));
        assertTrue(failure("webcache.caches.default.backend", "java.lang.String").contains(
                "webcache.caches.default.backend: class java.lang.String does not implement"
                        + " dev.webcache.cache.spi.CacheBackendFactory"));
        assertTrue(failure("webcache.memo.encryption-key", "c2hvcnQ=").contains(
                "webcache.memo.encryption-key: the key is 5 bytes long; use the base64 of 16, 24 or 32 random bytes"));
    }

    @Test
    void unknownKeysFailNamingTheAllowedOnes() {
        assertTrue(failure("webcache.caches.default.colour", "blue").contains(
                "webcache.caches.default.colour: unknown key; allowed for a cache with backend ehcache: allowed-classes,"
                        + " backend, disk, disk-path, key-function, key-prefix, max-bytes, max-entries, offheap,"
                        + " persistent, strict-keys, timeout, version"));
        assertTrue(failure("webcache.caches.default.backend", "dummy", "webcache.caches.default.max-entries", "5")
                .contains("webcache.caches.default.max-entries: unknown key; allowed for a cache with backend dummy:"));
        assertTrue(failure("webcache.memo.salt", "x").contains(
                "webcache.memo.salt: unknown key; allowed keys of webcache.memo: encryption-key, force-encryption,"
                        + " site-name"));
        assertTrue(failure("webcache.cache.default.backend", "ehcache").contains("webcache.cache.default.backend: unknown key"));
        assertTrue(failure("webcache.redis.host", "x").contains(
                "webcache.redis: unknown section; allowed: webcache.caches, webcache.memo, webcache.hazelcast"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String message = failure("webcache.caches.default.timeout", "x", "webcache.caches.default.version", "y");
        assertTrue(message.contains("webcache.caches.default.timeout") && message.contains("webcache.caches.default.version"),
                message);
    }

    /** A backend named by class name: stores entries in a map and records that it was closed. */
    public static final class MapBackendFactory implements CacheBackendFactory {
        static final Set<String> CLOSED = ConcurrentHashMap.newKeySet();

        @Override
        public Set<String> optionNames() {
            return Set.of("label");
        }

        @Override
        public CacheBackend create(BackendSettings settings) {
            String label = settings.options().getOrDefault("label", settings.alias());
            ConcurrentHashMap<String, BackendEntry> map = new ConcurrentHashMap<>();
            return new CacheBackend() {
                @Override
                public BackendEntry get(String key) {
                    BackendEntry entry = map.get(key);
                    return entry == null || entry.isExpiredAt(settings.clock().millis()) ? null : entry;
                }

                @Override
                public void put(String key, BackendEntry entry) {
                    map.put(key, entry);
                }

                @Override
                public boolean putIfAbsent(String key, BackendEntry entry) {
                    return map.putIfAbsent(key, entry) == null;
                }

                @Override
                public boolean replace(String key, BackendEntry expected, BackendEntry replacement) {
                    return map.replace(key, expected, replacement);
                }

                @Override
                public boolean remove(String key) {
                    return map.remove(key) != null;
                }

                @Override
                public void clear() {
                    map.clear();
                }

                @Override
                public void close() {
                    CLOSED.add(label);
                }
            };
        }
    }

    @Test
    void aBackendNamedByClassLoadsThroughTheSpiAndIsClosedWithTheRegistry() {
        Caches caches = Caches.fromProperties(TestProperties.of(
                "webcache.caches.default.backend", MapBackendFactory.class.getName(),
                "webcache.caches.default.label", "custom-default"));
        Cache cache = caches.getDefault();
        cache.set("k", List.of("v"));
        assertEquals(List.of("v"), cache.get("k"));
        assertTrue(cache.add("n", 41L, Cache.FOREVER));
        assertEquals(42, cache.incr("n"), "the SPI's default increment works on any backend with compare-and-set");
        caches.close();
        assertTrue(MapBackendFactory.CLOSED.contains("custom-default"));
        assertThrows(IllegalStateException.class, () -> cache.get("k"));
    }
}
