package dev.webcache.cache;

import dev.webcache.cache.spi.NullValue;
import dev.webcache.cache.spi.SerializedValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
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
import java.util.Set;
import java.util.UUID;

/**
 * Converts values to their stored form and back: immutable values by reference, {@code null} as
 * {@link NullValue}, a {@code byte[]} as a copy the cache owns (cloned again on the way out), anything else as its
 * Java serialization, so the cache never shares a mutable object with a caller. Serialization runs in the caller's
 * thread, outside any backend lock.
 */
final class ValueCodec {
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Long.class, Integer.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, Character.class, BigInteger.class, BigDecimal.class,
            UUID.class, URI.class, Instant.class, Duration.class, Period.class, LocalDate.class, LocalTime.class,
            LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class);
    /** What a shared backend may hand back besides the configured classes: value types of the JDK and webcache. */
    private static final List<String> ALWAYS_ALLOWED = List.of("java.lang.*", "java.util.*", "java.time.*",
            "java.math.*", "java.net.URI", "dev.webcache.**");

    private final ObjectInputFilter filter;

    /** @param filtered whether stored bytes come from outside this JVM and must pass the allow-list */
    ValueCodec(boolean filtered, List<String> allowedClasses) {
        this.filter = filtered ? allowList(allowedClasses) : null;
    }

    private static ObjectInputFilter allowList(List<String> allowedClasses) {
        StringBuilder pattern = new StringBuilder("maxdepth=64;maxrefs=1000000;");
        for (String allowed : ALWAYS_ALLOWED) {
            pattern.append(allowed).append(';');
        }
        for (String allowed : allowedClasses) {
            pattern.append(allowed).append(';');
        }
        return ObjectInputFilter.Config.createFilter(pattern.append("!*").toString());
    }

    Object encode(String key, Object value) {
        if (value == null) {
            return NullValue.INSTANCE;
        }
        if (isImmutable(value)) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UnserializableValueException("cannot cache the value of key '" + key + "': "
                    + value.getClass().getName() + " is not serializable (" + e + ")", e);
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
            try (ObjectInputStream in = new ApplicationObjectInputStream(new ByteArrayInputStream(serialized.bytes()))) {
                if (filter != null) {
                    in.setObjectInputFilter(filter);
                }
                return in.readObject();
            }
        }
        return stored;
    }

    private static boolean isImmutable(Object value) {
        return IMMUTABLE.contains(value.getClass()) || value instanceof ImmutableValue || value instanceof Enum<?>;
    }
}
