package dev.webcache.cache.spi;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A mutable value in its stored form: the bytes of its Java serialization. Storing bytes instead of the object is
 * what keeps a cached value isolated from later changes to the caller's object. Immutable: the array is never
 * handed out to be modified.
 */
public final class SerializedValue implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    /** Computed on first use: a value read from an off-heap tier is seldom compared, and its bytes may be many. */
    private transient int hash;
    private transient volatile Object decoded;

    /** Takes ownership of {@code bytes}: the caller must not modify the array afterwards. */
    public SerializedValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The serialized bytes; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    /**
     * The immutable value these bytes were read as, when the core remembered it (values in a compact form): a
     * backend that hands out the same stored object again, such as a near cache, then costs no decoding.
     */
    public Object decoded() {
        return decoded;
    }

    /** Remembers the immutable value read from these bytes; see {@link #decoded()}. */
    public void rememberDecoded(Object value) {
        decoded = value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SerializedValue that && hashCode() == that.hashCode()
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        int known = hash;
        if (known == 0) {
            known = Arrays.hashCode(bytes);
            hash = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return "SerializedValue[" + bytes.length + " bytes]";
    }
}
