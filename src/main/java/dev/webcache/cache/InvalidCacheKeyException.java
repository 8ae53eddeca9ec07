package dev.webcache.cache;

/** A key that memcached would reject, refused by a cache configured with {@code strict-keys = true}. */
public class InvalidCacheKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCacheKeyException(String message) {
        super(message);
    }
}
