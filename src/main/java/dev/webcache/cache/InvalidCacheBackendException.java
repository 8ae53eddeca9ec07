package dev.webcache.cache;

/** A cache alias that the registry does not have (Django's {@code InvalidCacheBackendError}). */
public class InvalidCacheBackendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidCacheBackendException(String message) {
        super(message);
    }
}
