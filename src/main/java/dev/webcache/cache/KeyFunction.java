package dev.webcache.cache;

/**
 * Turns a caller's key into the key stored in the backend (Django's {@code KEY_FUNCTION}). Implementations named
 * in the configuration by class name need a public no-argument constructor.
 */
@FunctionalInterface
public interface KeyFunction {

    /** The stored key for {@code key} under {@code keyPrefix} at {@code version}. */
    String makeKey(String key, String keyPrefix, int version);
}
