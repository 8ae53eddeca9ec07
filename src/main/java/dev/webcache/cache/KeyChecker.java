package dev.webcache.cache;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks final keys against memcached's rules (at most 250 bytes; no spaces or control characters) so that a site
 * stays portable to any backend. Django measures code points; memcached counts bytes, so this counts UTF-8 bytes.
 * A warning is logged once per key shape (digits collapsed, so {@code user 1} and {@code user 2} warn once), or the
 * key is refused in strict mode.
 */
final class KeyChecker {
    static final int MAX_KEY_BYTES = 250;
    /** A key of at most this many characters is short enough in any encoding (a char is at most 3 UTF-8 bytes). */
    static final int SURELY_SHORT = MAX_KEY_BYTES / 3;
    /** Logger name of the warnings, Django's warning class. */
    static final String LOGGER_NAME = "dev.webcache.cache.CacheKeyWarning";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final int MAX_REMEMBERED_SHAPES = 1024;

    private final boolean strict;
    private final Set<String> warnedShapes = ConcurrentHashMap.newKeySet();

    KeyChecker(boolean strict) {
        this.strict = strict;
    }

    void check(String finalKey) {
        if (finalKey.length() <= SURELY_SHORT && !hasForbiddenChar(finalKey)) {
            return; // the common case: short enough in any encoding, nothing to escape
        }
        if (finalKey.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            problem("length", finalKey, "Cache key will cause errors if used with memcached: "
                    + PythonRepr.of(finalKey) + " (longer than " + MAX_KEY_BYTES + ")");
        }
        if (hasForbiddenChar(finalKey)) {
            problem("chars", finalKey, "Cache key contains characters that will cause errors if used with memcached: "
                    + PythonRepr.of(finalKey));
        }
    }

    private void problem(String kind, String key, String message) {
        if (strict) {
            throw new InvalidCacheKeyException(message);
        }
        if (warnedShapes.size() < MAX_REMEMBERED_SHAPES && warnedShapes.add(kind + '|' + key.replaceAll("[0-9]+", "0"))) {
            LOG.warn(message);
        }
    }

    /** Whether {@code key}, or a part of one, holds a space or a control character. */
    static boolean hasForbiddenChar(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
