package dev.webcache.cache;

import java.io.ObjectInputFilter;
import java.util.List;

/**
 * The one filter every Java deserialization of stored bytes goes through (cache values read from a shared backend,
 * memoized data): an allow-list of classes (the JDK's value types, webcache's own, and a cache's
 * {@code allowed-classes}), and bounds that make hostile bytes cost a refusal rather than memory or CPU: a bounded
 * graph depth (nested hash sets whose hashing explodes need depth), at most {@value #MAX_REFERENCES} references, and
 * no array longer than the bytes it is read from could fill.
 */
public final class DeserializationFilter {
    /**
     * The deepest object graph read back from a shared backend, whose bytes anyone able to write to it may have
     * planted. Each level of nested {@code HashSet}s doubles the hashing a hostile stream can force; at this depth
     * that stays within a few milliseconds, while ordinary values (records, maps of lists of records) stay below it.
     */
    public static final int MAX_SHARED_DEPTH = 12;
    /** The deepest object graph read back from a local backend, whose bytes this JVM wrote itself. */
    public static final int MAX_LOCAL_DEPTH = 64;
    /** The most object references one stream may hold. */
    public static final int MAX_REFERENCES = 1_000_000;
    /** What any stream may contain besides a cache's {@code allowed-classes}. */
    private static final List<String> ALWAYS_ALLOWED = List.of("java.lang.*", "java.util.*", "java.time.*",
            "java.math.*", "java.net.URI", "dev.webcache.**");

    private final ObjectInputFilter allowList;

    private DeserializationFilter(ObjectInputFilter allowList) {
        this.allowList = allowList;
    }

    /**
     * The filter for a cache with these {@code allowed-classes}.
     *
     * @param sharedBackend whether the bytes come from a backend other processes write to ({@link #MAX_SHARED_DEPTH}
     *                      applies), or from this JVM's own ({@link #MAX_LOCAL_DEPTH})
     * @throws IllegalArgumentException if a pattern is not valid {@link ObjectInputFilter} syntax
     */
    public static DeserializationFilter allowing(List<String> allowedClasses, boolean sharedBackend) {
        StringBuilder pattern = new StringBuilder("maxdepth=")
                .append(sharedBackend ? MAX_SHARED_DEPTH : MAX_LOCAL_DEPTH).append(";maxrefs=")
                .append(MAX_REFERENCES).append(';');
        ALWAYS_ALLOWED.forEach(allowed -> pattern.append(allowed).append(';'));
        allowedClasses.forEach(allowed -> pattern.append(allowed).append(';'));
        return new DeserializationFilter(ObjectInputFilter.Config.createFilter(pattern.append("!*").toString()));
    }

    /**
     * Whether objects of {@code type} pass the allow-list, checked before they are written: a value that could
     * never be read back is refused when it is stored, not silently missed on every read.
     */
    public boolean allows(Class<?> type) {
        return allowList.checkInput(new ClassOnly(type)) != ObjectInputFilter.Status.REJECTED;
    }

    /** What the allow-list sees of one class in a stream: no array, depth and references within every limit. */
    private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {
        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 1;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }

    /**
     * The filter for a stream of {@code streamBytes} bytes: an array cannot have more elements than that (each takes
     * at least one byte), so a longer one is a lie told to make the reader allocate.
     */
    public ObjectInputFilter forStream(long streamBytes) {
        return info -> info.arrayLength() > streamBytes ? ObjectInputFilter.Status.REJECTED
                : allowList.checkInput(info);
    }
}
