package dev.webcache.cache.hazelcast;

import dev.webcache.cache.spi.BackendEntry;
import dev.webcache.cache.spi.NullValue;
import dev.webcache.cache.spi.SerializedValue;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link BackendEntry} as it lives in an {@code IMap}. Its wire form is a type tag and the value's own bytes: the
 * stored forms ({@link SerializedValue}, {@link NullValue}) and the JDK value types that counters and keys use are
 * written field by field, so reading an entry from the cluster never runs Java deserialization. Any other value the
 * core hands over by reference (an enum, an {@code ImmutableValue}, a {@code java.time} type) is turned into a
 * {@link SerializedValue} on the way in, which the core then reads back through its allow-list filter.
 */
final class StoredEntry implements IdentifiedDataSerializable {
    private static final byte NULL = 0;
    private static final byte BYTES = 1;
    private static final byte STRING = 2;
    private static final byte LONG = 3;
    private static final byte INTEGER = 4;
    private static final byte SHORT = 5;
    private static final byte BYTE = 6;
    private static final byte DOUBLE = 7;
    private static final byte FLOAT = 8;
    private static final byte BOOLEAN = 9;
    private static final byte CHARACTER = 10;
    private static final byte BIG_INTEGER = 11;
    private static final byte BIG_DECIMAL = 12;
    private static final byte UUID_VALUE = 13;
    private static final byte BYTE_ARRAY = 14;

    private Object value;
    private long expiresAtMillis;

    /** For deserialization only. */
    StoredEntry() {
    }

    private StoredEntry(Object value, long expiresAtMillis) {
        this.value = value;
        this.expiresAtMillis = expiresAtMillis;
    }

    /** The cluster form of {@code entry}; serializes a value that has no field-by-field form (caller's thread). */
    static StoredEntry of(BackendEntry entry) {
        Object value = entry.value();
        return new StoredEntry(tagOf(value) < 0 ? javaSerialized(value) : value, entry.expiresAtMillis());
    }

    BackendEntry toBackendEntry() {
        return new BackendEntry(value, expiresAtMillis);
    }

    Object value() {
        return value;
    }

    long expiresAtMillis() {
        return expiresAtMillis;
    }

    boolean isExpiredAt(long nowMillis) {
        return expiresAtMillis <= nowMillis;
    }

    StoredEntry withValue(Object newValue) {
        return new StoredEntry(newValue, expiresAtMillis);
    }

    StoredEntry withExpiry(long newExpiresAtMillis) {
        return new StoredEntry(value, newExpiresAtMillis);
    }

    /** The time-to-live to give Hazelcast at {@code nowMillis}: 0 (Hazelcast's "never") or at least 1 ms. */
    long ttlMillisAt(long nowMillis) {
        if (expiresAtMillis == BackendEntry.NEVER) {
            return 0;
        }
        return Math.max(1, expiresAtMillis - nowMillis);
    }

    private static byte tagOf(Object value) {
        if (value == NullValue.INSTANCE) {
            return NULL;
        }
        if (value instanceof SerializedValue) {
            return BYTES;
        }
        if (value instanceof byte[]) {
            return BYTE_ARRAY;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            return STRING;
        }
        if (type == Long.class) {
            return LONG;
        }
        if (type == Integer.class) {
            return INTEGER;
        }
        if (type == Short.class) {
            return SHORT;
        }
        if (type == Byte.class) {
            return BYTE;
        }
        if (type == Double.class) {
            return DOUBLE;
        }
        if (type == Float.class) {
            return FLOAT;
        }
        if (type == Boolean.class) {
            return BOOLEAN;
        }
        if (type == Character.class) {
            return CHARACTER;
        }
        if (type == BigInteger.class) {
            return BIG_INTEGER;
        }
        if (type == BigDecimal.class) {
            return BIG_DECIMAL;
        }
        if (type == UUID.class) {
            return UUID_VALUE;
        }
        return -1;
    }

    private static SerializedValue javaSerialized(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + value.getClass().getName() + " in the cluster", e);
        }
        return new SerializedValue(bytes.toByteArray());
    }

    @Override
    public int getFactoryId() {
        return WebcacheSerializableFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WebcacheSerializableFactory.STORED_ENTRY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(expiresAtMillis);
        byte tag = tagOf(value);
        out.writeByte(tag);
        switch (tag) {
            case NULL -> { }
            case BYTES -> out.writeByteArray(((SerializedValue) value).bytes());
            case STRING -> out.writeString((String) value);
            case LONG -> out.writeLong((Long) value);
            case INTEGER -> out.writeInt((Integer) value);
            case SHORT -> out.writeShort((Short) value);
            case BYTE -> out.writeByte((Byte) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case FLOAT -> out.writeFloat((Float) value);
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case CHARACTER -> out.writeChar((Character) value);
            case BIG_INTEGER -> out.writeByteArray(((BigInteger) value).toByteArray());
            case BIG_DECIMAL -> {
                out.writeByteArray(((BigDecimal) value).unscaledValue().toByteArray());
                out.writeInt(((BigDecimal) value).scale());
            }
            case UUID_VALUE -> {
                out.writeLong(((UUID) value).getMostSignificantBits());
                out.writeLong(((UUID) value).getLeastSignificantBits());
            }
            case BYTE_ARRAY -> out.writeByteArray((byte[]) value);
            default -> throw new IOException("no cluster form for " + value.getClass().getName());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        expiresAtMillis = in.readLong();
        byte tag = in.readByte();
        value = switch (tag) {
            case NULL -> NullValue.INSTANCE;
            case BYTES -> new SerializedValue(in.readByteArray());
            case STRING -> in.readString();
            case LONG -> in.readLong();
            case INTEGER -> in.readInt();
            case SHORT -> in.readShort();
            case BYTE -> in.readByte();
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case BOOLEAN -> in.readBoolean();
            case CHARACTER -> in.readChar();
            case BIG_INTEGER -> new BigInteger(in.readByteArray());
            case BIG_DECIMAL -> new BigDecimal(new BigInteger(in.readByteArray()), in.readInt());
            case UUID_VALUE -> new UUID(in.readLong(), in.readLong());
            case BYTE_ARRAY -> in.readByteArray();
            default -> throw new IOException("unknown value tag " + tag + " in a cached entry");
        };
        if (value == null) {
            throw new IOException("a cached entry holds a null " + (tag == STRING ? "string" : "byte array"));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEntry that && expiresAtMillis == that.expiresAtMillis
                && Objects.deepEquals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * (value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode())
                + Long.hashCode(expiresAtMillis);
    }

    @Override
    public String toString() {
        return "StoredEntry[" + (value instanceof SerializedValue s ? s : value.getClass().getSimpleName())
                + ", expires " + expiresAtMillis + "]";
    }
}
