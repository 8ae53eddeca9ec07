package dev.webcache.cache.spi;

/** The stored form of a {@code null} value: a stored null is a hit, unlike an absent key. */
public enum NullValue {
    INSTANCE
}
