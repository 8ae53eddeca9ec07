package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.webcache.testing.LogCapture;
import dev.webcache.testing.TestProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key prefix, version, key functions and memcached-portability warnings, measured on the final key. */
class KeysTest {

    private static Caches caches(String... keyValues) {
        return Caches.fromProperties(TestProperties.of(keyValues));
    }

    @Test
    void theDefaultKeyFunctionIsPrefixVersionKey() {
        try (Caches caches = caches("webcache.caches.default.backend", "ehcache")) {
            assertEquals(":1:k", caches.getDefault().makeKey("k"));
            assertEquals(":5:k", caches.getDefault().version(5).makeKey("k"));
        }
        try (Caches caches = caches("webcache.caches.default.key-prefix", "p", "webcache.caches.default.version", "2")) {
            Cache cache = caches.getDefault();
            assertEquals("p:2:k", cache.makeKey("k"));
            assertEquals("p:5:k", cache.version(5).makeKey("k"));
            cache.set("k", "stored under p:2:k");
            assertEquals("stored under p:2:k", cache.version(2).get("k"));
        }
    }

    @Test
    void theHashedKeyFunctionIsNewcachesFlavorVersionSha1() {
        try (Caches caches = caches("webcache.caches.default.key-function", "hashed",
                "webcache.caches.default.key-prefix", "site")) {
            Cache cache = caches.getDefault();
            // sha1("foo") = 0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33
            assertEquals("site-1-0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33", cache.makeKey("foo"));
            String longKey = "x".repeat(1000) + " with spaces";
            cache.set(longKey, "v");
            assertEquals("v", cache.get(longKey));
        }
    }

    /** A key function named by class in the configuration. */
    public static final class UpperCaseKeys implements KeyFunction {
        @Override
        public String makeKey(String key, String keyPrefix, int version) {
            return (keyPrefix + "/" + version + "/" + key).toUpperCase();
        }
    }

    @Test
    void aKeyFunctionCanBeNamedByClass() {
        try (Caches caches = caches("webcache.caches.default.key-function", UpperCaseKeys.class.getName(),
                "webcache.caches.default.key-prefix", "app")) {
            assertEquals("APP/1/KEY", caches.getDefault().makeKey("key"));
        }
    }

    @Test
    void unportableKeysWarnOncePerShapeWithDjangosTexts() {
        try (Caches caches = caches("webcache.caches.default.backend", "ehcache");
             LogCapture log = LogCapture.of(KeyChecker.LOGGER_NAME)) {
            Cache cache = caches.getDefault();
            String longKey = "a".repeat(248); // 251 bytes with ":1:"
            cache.set(longKey, "v");
            cache.get(longKey);
            cache.set("user 1", "v");
            cache.set("user 2", "v");
            cache.get("tab\there");
            cache.set("b".repeat(247), "fits: 250 bytes with :1:");
            assertEquals(List.of(
                    "Cache key will cause errors if used with memcached: ':1:" + longKey + "' (longer than 250)",
                    "Cache key contains characters that will cause errors if used with memcached: ':1:user 1'",
                    "Cache key contains characters that will cause errors if used with memcached: ':1:tab\\there'"),
                    log.warnings());
            assertEquals("v", cache.get(longKey), "a warning does not stop the key from working");
        }
    }

    @Test
    void keyLengthIsMeasuredInUtf8Bytes() {
        try (Caches caches = caches("webcache.caches.default.backend", "ehcache");
             LogCapture log = LogCapture.of(KeyChecker.LOGGER_NAME)) {
            String euros = "€".repeat(83); // 83 characters, 249 bytes, 252 bytes with ":1:"
            caches.getDefault().set(euros, "v");
            assertEquals(1, log.warnings().size());
        }
    }

    @Test
    void strictKeysRefuseUnportableKeys() {
        try (Caches caches = caches("webcache.caches.default.strict-keys", "true")) {
            Cache cache = caches.getDefault();
            InvalidCacheKeyException refused = assertThrows(InvalidCacheKeyException.class, () -> cache.set("a b", "v"));
            assertEquals("Cache key contains characters that will cause errors if used with memcached: ':1:a b'",
                    refused.getMessage());
            assertThrows(InvalidCacheKeyException.class, () -> cache.get("x".repeat(300)));
            assertEquals("ok", cache.get("a_b", "ok"), "portable keys still work");
        }
    }

    /** A key function whose keys depend on who asks: it must be called on every access, never remembered. */
    public static final class TenantKeys implements KeyFunction {
        static final ThreadLocal<String> TENANT = ThreadLocal.withInitial(() -> "a");

        @Override
        public String makeKey(String key, String keyPrefix, int version) {
            return keyPrefix + ":" + version + ":" + TENANT.get() + ":" + key;
        }
    }

    @Test
    void aCustomKeyFunctionIsAskedOnEveryAccess() {
        try (Caches caches = caches("webcache.caches.default.key-function", TenantKeys.class.getName())) {
            Cache cache = caches.getDefault();
            cache.set("k", "for a");
            assertEquals("for a", cache.get("k"));
            TenantKeys.TENANT.set("b");
            assertEquals(":1:b:k", cache.makeKey("k"));
            assertNull(cache.get("k"), "the same caller's key is another final key for another tenant");
            TenantKeys.TENANT.set("a");
            assertEquals("for a", cache.get("k"));
        } finally {
            TenantKeys.TENANT.remove();
        }
    }

    @Test
    void repeatedKeysAreCheckedLikeNewOnes() {
        try (Caches caches = caches("webcache.caches.default.strict-keys", "true")) {
            Cache cache = caches.getDefault();
            String longest = "x".repeat(247); // 250 bytes with ":1:"
            String edge = "y".repeat(80); // 83 characters with ":1:", the longest that is short in any encoding
            for (int round = 0; round < 3; round++) {
                assertEquals("a", cache.get("a", "a"));
                assertEquals(":1:" + edge, cache.makeKey(edge));
                cache.set(longest, "fits");
                assertEquals("fits", cache.get(longest));
                assertEquals("ok", cache.get("caf\u00e9", "ok"), "non-ASCII letters are portable");
                for (String refused : List.of("a b", "x".repeat(248), "tab\tkey", "nul\u0000", "del\u007f",
                        "\u20ac".repeat(83))) {
                    assertThrows(InvalidCacheKeyException.class, () -> cache.get(refused), refused);
                }
            }
            assertEquals(":7:a", cache.version(7).makeKey("a"), "another version's key");
            assertThrows(InvalidCacheKeyException.class, () -> cache.version(7).get("a b"));
        }
    }

    @Test
    void anUnportablePrefixWarnsForEveryKeyShape() {
        try (Caches caches = caches("webcache.caches.default.key-prefix", "my site");
             LogCapture log = LogCapture.of(KeyChecker.LOGGER_NAME)) {
            Cache cache = caches.getDefault();
            cache.set("k", "v");
            assertEquals("v", cache.get("k"));
            cache.get("other");
            assertEquals(List.of(
                    "Cache key contains characters that will cause errors if used with memcached: 'my site:1:k'",
                    "Cache key contains characters that will cause errors if used with memcached: 'my site:1:other'"),
                    log.warnings());
        }
        try (Caches caches = caches("webcache.caches.default.key-prefix", "my site",
                "webcache.caches.default.strict-keys", "true")) {
            assertThrows(InvalidCacheKeyException.class, () -> caches.getDefault().get("k"));
            assertThrows(InvalidCacheKeyException.class, () -> caches.getDefault().get("k"));
        }
    }

    @Test
    void keysReprLikePython() {
        assertEquals("'plain'", PythonRepr.of("plain"));
        assertEquals("\"it's\"", PythonRepr.of("it's"));
        assertEquals("'both \\' and \"'", PythonRepr.of("both ' and \""));
        assertEquals("'a\\nb\\x00c\\x7f'", PythonRepr.of("a\nb\u0000c\u007f"));
    }
}
