package dev.webcache.cache;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compact byte form of one {@link ImmutableValue} type, for shared backends: a value whose class has a
 * registered format is written field by field and read back by its format, never through Java serialization, so the
 * hot path of a shared cache neither runs {@code ObjectInputStream} nor depends on an allow-list. Only registered
 * formats can be read: bytes naming any other format are refused. Register a type's format before the first value
 * of it is read (from a static initializer of the class that reads them).
 *
 * @param <T> the value type
 */
public interface CompactFormat<T extends ImmutableValue> {
    /** A stable name written before each value's bytes; change it when the byte layout changes. */
    String id();

    /** The exact class of the values this format writes. */
    Class<T> type();

    void write(T value, DataOutput out) throws IOException;

    /**
     * Reads a value that {@link #write} wrote.
     *
     * @throws IOException if the bytes are cut short or inconsistent
     */
    T read(DataInput in) throws IOException;

    /** Registers a format (a second registration of the same id and type is ignored). */
    static void register(CompactFormat<?> format) {
        Registry.BY_ID.putIfAbsent(format.id(), format);
        Registry.BY_TYPE.putIfAbsent(format.type(), format);
    }

    /** The format registered for this exact class. */
    static Optional<CompactFormat<?>> forType(Class<?> type) {
        return Optional.ofNullable(Registry.BY_TYPE.get(type));
    }

    /** The format registered under this id. */
    static Optional<CompactFormat<?>> forId(String id) {
        return Optional.ofNullable(Registry.BY_ID.get(id));
    }

    /** The registered formats. */
    final class Registry {
        private static final Map<String, CompactFormat<?>> BY_ID = new ConcurrentHashMap<>();
        private static final Map<Class<?>, CompactFormat<?>> BY_TYPE = new ConcurrentHashMap<>();

        private Registry() {
        }
    }
}
