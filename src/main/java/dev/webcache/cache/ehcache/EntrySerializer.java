package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.NullValue;
import dev.webcache.cache.spi.SerializedValue;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.ehcache.spi.serialization.Serializer;
import org.ehcache.spi.serialization.SerializerException;

/**
 * The byte form of a {@link BackendEntry} in Ehcache's off-heap and disk tiers: a layout byte, the expiry instant
 * (so an entry read back after a restart keeps its original expiry), a type tag and the value's own bytes. The core
 * hands an off-heap backend nothing but the forms written here (see {@code CacheBackend.storesOffHeap}), so reading
 * an entry never runs Java deserialization: a {@link SerializedValue} comes back as bytes, which the core decodes
 * through its allow-list. Stateless, so one instance serves every cache and a restart.
 */
final class EntrySerializer implements Serializer<BackendEntry> {
    /** The byte layout; a value written in another layout is refused rather than misread. */
    private static final byte LAYOUT = 1;
    private static final byte NULL = 0;
    private static final byte SERIALIZED = 1;
    private static final byte BYTE_ARRAY = 2;
    private static final byte STRING = 3;
    private static final byte LONG = 4;
    private static final byte INTEGER = 5;
    private static final byte SHORT = 6;
    private static final byte BYTE = 7;
    private static final byte BIG_INTEGER = 8;
    private static final int HEAD = 1 + Long.BYTES + 1;

    @Override
    public ByteBuffer serialize(BackendEntry entry) {
        Object value = entry.value();
        byte tag;
        byte[] payload;
        if (value == NullValue.INSTANCE) {
            tag = NULL;
            payload = new byte[0];
        } else if (value instanceof SerializedValue serialized) {
            tag = SERIALIZED;
            payload = serialized.bytes();
        } else if (value instanceof byte[] bytes) {
            tag = BYTE_ARRAY;
            payload = bytes;
        } else if (value instanceof String text) {
            tag = STRING;
            payload = text.getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof Long number) {
            tag = LONG;
            payload = ByteBuffer.allocate(Long.BYTES).putLong(number).array();
        } else if (value instanceof Integer number) {
            tag = INTEGER;
            payload = ByteBuffer.allocate(Integer.BYTES).putInt(number).array();
        } else if (value instanceof Short number) {
            tag = SHORT;
            payload = ByteBuffer.allocate(Short.BYTES).putShort(number).array();
        } else if (value instanceof Byte number) {
            tag = BYTE;
            payload = new byte[] {number};
        } else if (value instanceof BigInteger number) {
            tag = BIG_INTEGER;
            payload = number.toByteArray();
        } else {
            throw new SerializerException("not a stored form an off-heap tier takes: " + value.getClass().getName());
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEAD + payload.length);
        buffer.put(LAYOUT).putLong(entry.expiresAtMillis()).put(tag).put(payload);
        return buffer.flip();
    }

    @Override
    public BackendEntry read(ByteBuffer binary) {
        ByteBuffer in = binary.duplicate();
        try {
            byte layout = in.get();
            if (layout != LAYOUT) {
                throw new SerializerException("an entry in byte layout " + layout + " (this version writes " + LAYOUT
                        + ")");
            }
            long expiresAt = in.getLong();
            byte tag = in.get();
            byte[] payload = new byte[in.remaining()];
            in.get(payload);
            return new BackendEntry(value(tag, payload), expiresAt);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializerException("a stored entry is cut short or malformed", e);
        }
    }

    private static Object value(byte tag, byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        Object value = switch (tag) {
            case NULL -> NullValue.INSTANCE;
            case SERIALIZED -> new SerializedValue(payload);
            case BYTE_ARRAY -> payload;
            case STRING -> new String(payload, StandardCharsets.UTF_8);
            case LONG -> in.getLong();
            case INTEGER -> in.getInt();
            case SHORT -> in.getShort();
            case BYTE -> in.get();
            case BIG_INTEGER -> new BigInteger(payload);
            default -> throw new SerializerException("unknown value tag " + tag);
        };
        if (in.position() != 0 && in.hasRemaining()) {
            throw new SerializerException("bytes left after a number of tag " + tag);
        }
        return value;
    }

    /** Compares the bytes, so a {@code byte[]} or serialized value equals its copy. */
    @Override
    public boolean equals(BackendEntry object, ByteBuffer binary) {
        return serialize(object).equals(binary.duplicate());
    }
}
