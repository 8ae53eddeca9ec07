package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void keysReprLikePython() {
        assertEquals("'plain'", PythonRepr.of("plain"));
        assertEquals("\"it's\"", PythonRepr.of("it's"));
        assertEquals("'both \\' and \"'", PythonRepr.of("both ' and \""));
        assertEquals("'a\\nb\\x00c\\x7f'", PythonRepr.of("a\nb\u0000c\u007f"));
    }
}
