package dev.webcache.cache;

import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.NullValue;
import dev.webcache.cache.spi.SerializedValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Converts values to their stored form and back: immutable values by reference, {@code null} as
 * {@link NullValue}, a {@code byte[]} as a copy the cache owns (cloned again on the way out), anything else as its
 * Java serialization, so the cache never shares a mutable object with a caller. For a shared backend, or a local
 * one that keeps values off the heap (an off-heap or disk tier), an immutable value with a {@link CompactFormat} is
 * stored in that form instead (marked by a first byte that no Java serialization stream starts with), and a value
 * read back in that form is kept with its bytes, so that a near cache or a heap tier handing out the same stored
 * object decodes it once. Such backends read Java-serialized bytes back only through the cache's allow-list, so a
 * value holding a class the allow-list refuses fails when it is stored. An off-heap backend receives nothing but
 * bytes, strings and integral numbers (see {@link CacheBackend#storesOffHeap()}). Serialization runs in the
 * caller's thread, outside any backend lock.
 */
final class ValueCodec {
    /** Starts a compact form; Java serialization streams start with {@code 0xAC}. */
    private static final byte COMPACT_MARK = 0x57;
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Long.class, Integer.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, Character.class, BigInteger.class, BigDecimal.class,
            UUID.class, URI.class, Instant.class, Duration.class, Period.class, LocalDate.class, LocalTime.class,
            LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class);
    /** What an off-heap backend receives as it is: increments work on these numbers in place. */
    private static final Set<Class<?>> OFF_HEAP_AS_IS = Set.of(String.class, Long.class, Integer.class, Short.class,
            Byte.class, BigInteger.class);
    private final String alias;
    private final DeserializationFilter filter;
    private final boolean compactForms;
    private final boolean offHeap;

    /**
     * @param alias   the cache's name, for error messages
     * @param shared  whether stored bytes come from outside this JVM: they must pass the allow-list and the tight
     *                limits
     * @param offHeap whether a local backend keeps values off the heap: only bytes, strings and integral numbers,
     *                read back through the allow-list
     */
    ValueCodec(String alias, boolean shared, boolean offHeap, List<String> allowedClasses) {
        this.alias = alias;
        this.compactForms = shared || offHeap;
        this.offHeap = offHeap && !shared;
        this.filter = compactForms ? DeserializationFilter.allowing(allowedClasses, shared) : null;
    }

    Object encode(String key, Object value) {
        if (value == null) {
            return NullValue.INSTANCE;
        }
        if (isImmutable(value)) {
            if (compactForms && value instanceof ImmutableValue) {
                Optional<CompactFormat<?>> format = CompactFormat.forType(value.getClass());
                if (format.isPresent()) {
                    return compact(key, value, format.get());
                }
            }
            if (!offHeap || OFF_HEAP_AS_IS.contains(value.getClass())) {
                return value;
            }
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        String refused;
        try (AllowListedOutputStream out = new AllowListedOutputStream(bytes, filter)) {
            out.writeObject(value);
            refused = out.refused;
        } catch (IOException e) {
            throw new UnserializableValueException("cannot cache the value of key '" + key + "': "
                    + value.getClass().getName() + " is not serializable (" + e + ")", e);
        }
        if (refused != null) {
            throw new UnserializableValueException("cannot cache the value of key '" + key + "': it holds " + refused
                    + ", which the allow-list of cache '" + alias + "' refuses, so it could not be read back; add it"
                    + " to webcache.caches." + alias + ".allowed-classes", null);
        }
        return new SerializedValue(bytes.toByteArray());
    }

    /**
     * Notes, as it writes them, the first class that the allow-list (when there is one) would refuse on the way
     * back; it does not throw, which would make the stream write the exception itself.
     */
    private static final class AllowListedOutputStream extends ObjectOutputStream {
        private final DeserializationFilter filter;
        private String refused;

        AllowListedOutputStream(OutputStream out, DeserializationFilter filter) throws IOException {
            super(out);
            this.filter = filter;
        }

        @Override
        protected void annotateClass(Class<?> type) {
            if (filter != null && refused == null && !filter.allows(type)) {
                refused = "class " + type.getName();
            }
        }

        @Override
        protected void annotateProxyClass(Class<?> type) {
            if (filter != null && refused == null) {
                refused = "the proxy class " + type.getName();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static SerializedValue compact(String key, Object value, CompactFormat<?> format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(COMPACT_MARK);
            out.writeUTF(format.id());
            ((CompactFormat<ImmutableValue>) format).write((ImmutableValue) value, out);
        } catch (IOException e) {
            throw new UnserializableValueException("cannot cache the value of key '" + key + "' in its compact form "
                    + format.id() + " (" + e + ")", e);
        }
        return new SerializedValue(bytes.toByteArray());
    }

    /**
     * The caller's copy of a stored value.
     *
     * @throws IOException            if the bytes cannot be read back (corrupt, or a class the allow-list refuses)
     * @throws ClassNotFoundException if a class of the value is not on this application's class path
     */
    Object decode(Object stored) throws IOException, ClassNotFoundException {
        if (stored == NullValue.INSTANCE) {
            return null;
        }
        if (stored instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (stored instanceof SerializedValue serialized) {
            if (serialized.length() > 0 && serialized.bytes()[0] == COMPACT_MARK) {
                return decodeCompact(serialized);
            }
            try (ObjectInputStream in = new ApplicationObjectInputStream(new ByteArrayInputStream(serialized.bytes()))) {
                if (filter != null) {
                    in.setObjectInputFilter(filter.forStream(serialized.length()));
                }
                return in.readObject();
            }
        }
        return stored;
    }

    /**
     * A stored value of an immutable type, never through Java deserialization.
     *
     * @throws InvalidObjectException if something else is stored: another type, or another form of it
     */
    <T extends ImmutableValue> T decodeImmutable(Object stored, Class<T> type) throws IOException {
        Object value = stored;
        if (stored instanceof SerializedValue serialized && serialized.length() > 0
                && serialized.bytes()[0] == COMPACT_MARK) {
            value = decodeCompact(serialized);
        }
        if (!type.isInstance(value)) {
            throw new InvalidObjectException("expected " + type.getSimpleName() + " by reference or in its compact"
                    + " form, found " + (value == null ? "nothing" : value.getClass().getName()) + "; not read");
        }
        return type.cast(value);
    }

    private static Object decodeCompact(SerializedValue serialized) throws IOException {
        Object known = serialized.decoded();
        if (known != null) {
            return known;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized.bytes()))) {
            in.readByte();
            String id = in.readUTF();
            CompactFormat<?> format = CompactFormat.forId(id)
                    .orElseThrow(() -> new InvalidObjectException("no compact format '" + id + "' is registered"));
            Object value = format.read(in);
            if (in.read() != -1) {
                throw new InvalidObjectException("bytes left after a value of compact format '" + id + "'");
            }
            serialized.rememberDecoded(value);
            return value;
        } catch (RuntimeException e) {
            throw new InvalidObjectException("a value in compact form could not be read: " + e);
        }
    }

    private static boolean isImmutable(Object value) {
        return IMMUTABLE.contains(value.getClass()) || value instanceof ImmutableValue || value instanceof Enum<?>;
    }
}
