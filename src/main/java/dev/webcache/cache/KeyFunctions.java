package dev.webcache.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The built-in key functions, named {@code default} and {@code hashed} in the configuration. */
public final class KeyFunctions {
    private KeyFunctions() {
    }

    /** Django's default: {@code prefix:version:key}. */
    public static final KeyFunction DEFAULT = (key, prefix, version) -> prefix + ':' + version + ':' + key;

    /**
     * django-newcache's scheme: {@code prefix-version-sha1hex(key)}; the key prefix plays newcache's "flavor". Every
     * key becomes short and memcached-safe (as long as the prefix is), at the price of unreadable keys.
     */
    public static final KeyFunction HASHED = (key, prefix, version) -> prefix + '-' + version + '-' + sha1Hex(key);

    private static String sha1Hex(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
