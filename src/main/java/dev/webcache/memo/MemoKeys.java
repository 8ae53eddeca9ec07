package dev.webcache.memo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * djblets' {@code make_cache_key}: a site prefix, then either the HMAC-SHA256 of the key (encrypted data, so the
 * key does not reveal what is cached) or the key with control characters and spaces escaped and, past
 * {@value #MAX_KEY_LENGTH} characters, shortened with its SHA-256.
 */
final class MemoKeys {
    static final int MAX_KEY_LENGTH = 240;
    private static final int HEX_SHA256_LENGTH = 64;
    /** Derives the HMAC key from the AES key, so the same secret never keys two algorithms. */
    private static final byte[] MAC_KEY_LABEL = "webcache.memo cache-key hmac".getBytes(StandardCharsets.US_ASCII);

    /** The AES key and the HMAC key derived from it. */
    record Secrets(SecretKey aes, SecretKey mac) {
        static Secrets of(byte[] aesKey) {
            return new Secrets(new SecretKeySpec(aesKey, "AES"), new SecretKeySpec(hmac(
                    new SecretKeySpec(aesKey, "HmacSHA256"), MAC_KEY_LABEL), "HmacSHA256"));
        }

        @Override
        public String toString() {
            return "Secrets[hidden]";
        }
    }

    private MemoKeys() {
    }

    /**
     * The memo key of {@code key}: {@code sitePrefix:key} (no colon when the prefix is empty), then HMAC'd when
     * {@code secrets} is given, else escaped and shortened.
     */
    static String make(String sitePrefix, String key, Secrets secrets) {
        String full = sitePrefix.isEmpty() ? key : sitePrefix + ':' + key;
        if (secrets != null) {
            return HexFormat.of().formatHex(hmac(secrets.mac(), full.getBytes(StandardCharsets.UTF_8)));
        }
        String escaped = escape(full);
        if (escaped.length() <= MAX_KEY_LENGTH) {
            return escaped;
        }
        int keep = MAX_KEY_LENGTH - HEX_SHA256_LENGTH;
        if (Character.isHighSurrogate(escaped.charAt(keep - 1))) {
            keep--; // never cut a character in half
        }
        return escaped.substring(0, keep) + sha256Hex(escaped);
    }

    /** Replaces every character in {@code [\x00-\x20\x7f]} with its literal {@code \xNN} escape. */
    static String escape(String key) {
        StringBuilder escaped = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean control = c <= 0x20 || c == 0x7f;
            if (control && escaped == null) {
                escaped = new StringBuilder(key.length() + 16).append(key, 0, i);
            }
            if (control) {
                escaped.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? key : escaped.toString();
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] hmac(SecretKey key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
