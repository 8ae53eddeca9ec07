package dev.webcache.cache.spi;

import java.util.Arrays;

/**
 * One stored value and the instant (epoch milliseconds on the cache's clock) from which it is no longer
 * retrievable. {@link #NEVER} means it never expires.
 *
 * <p>The value is already in its stored form: an immutable object kept by reference, a {@code byte[]} that the
 * cache owns (never modified), a {@link SerializedValue} or {@link NullValue#INSTANCE}. Two entries are equal when both the value and the expiry are equal, which is what
 * {@link CacheBackend#replace} compares.
 */
public record BackendEntry(Object value, long expiresAtMillis) implements java.io.Serializable {

    /** The expiry of an entry that never expires. */
    public static final long NEVER = Long.MAX_VALUE;

    public BackendEntry {
        if (value == null) {
            throw new IllegalArgumentException("a stored value is never null: store NullValue.INSTANCE");
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof BackendEntry that) || expiresAtMillis != that.expiresAtMillis) {
            return false;
        }
        if (value instanceof byte[] bytes && that.value instanceof byte[] thatBytes) {
            return Arrays.equals(bytes, thatBytes);
        }
        return value.equals(that.value);
    }

    @Override
    public int hashCode() {
        int valueHash = value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode();
        return 31 * valueHash + Long.hashCode(expiresAtMillis);
    }

    /** Whether the entry may no longer be read at {@code nowMillis}. */
    public boolean isExpiredAt(long nowMillis) {
        return expiresAtMillis <= nowMillis;
    }

    /**
     * Roughly the heap this entry holds, its value and a heap store's bookkeeping for it included, for byte budgets;
     * it errs high rather than low.
     */
    public long retainedBytes() {
        long valueBytes;
        if (value instanceof SizedValue sized) {
            valueBytes = sized.retainedBytes();
        } else if (value instanceof byte[] bytes) {
            valueBytes = 16 + bytes.length;
        } else if (value instanceof SerializedValue serialized) {
            valueBytes = 48 + serialized.length();
        } else if (value instanceof String text) {
            valueBytes = 48 + 2L * text.length();
        } else {
            valueBytes = 32; // boxed numbers, NullValue, java.time values, enums
        }
        return 112 + valueBytes;
    }

    /** The same value with another expiry. */
    public BackendEntry withExpiry(long newExpiresAtMillis) {
        return new BackendEntry(value, newExpiresAtMillis);
    }

    /** The same expiry with another value. */
    public BackendEntry withValue(Object newValue) {
        return new BackendEntry(newValue, expiresAtMillis);
    }
}
