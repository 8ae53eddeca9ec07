package dev.webcache.memo;

import dev.webcache.cache.Caches;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Shared helpers of the memo tests. */
final class MemoFixtures {
    static final byte[] KEY_A = bytes(32, 1);
    static final byte[] KEY_B = bytes(32, 2);

    private MemoFixtures() {
    }

    /** A serializable value class of the application (webcache's own packages are on the allow-list). */
    record Row(int id, String name) implements Serializable {
    }

    static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    /** A registry whose default cache has the memo encryption key {@link #KEY_A}, plus {@code more} properties. */
    static Caches encrypted(java.time.Clock clock, String... more) {
        Properties properties = properties(more);
        properties.setProperty("webcache.memo.encryption-key", Base64.getEncoder().encodeToString(KEY_A));
        return Caches.fromProperties(properties, clock);
    }

    static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static List<Row> rows(int count, String tag) {
        return IntStream.range(0, count).mapToObj(i -> new Row(i, tag + "-" + i)).toList();
    }

    /** A supplier that counts its calls and returns what {@code value} gives for each call number (from 1). */
    static final class Counting<T> implements Supplier<T> {
        final AtomicInteger calls = new AtomicInteger();
        private final java.util.function.IntFunction<T> value;

        Counting(java.util.function.IntFunction<T> value) {
            this.value = value;
        }

        @Override
        public T get() {
            return value.apply(calls.incrementAndGet());
        }
    }

    /** Items produced on demand; counts how many the consumer has pulled and how many times it was started. */
    static final class Source<T> implements Supplier<Iterator<T>> {
        final AtomicInteger produced = new AtomicInteger();
        final AtomicInteger starts = new AtomicInteger();
        private final List<T> items;

        Source(List<T> items) {
            this.items = items;
        }

        @Override
        public Iterator<T> get() {
            starts.incrementAndGet();
            Iterator<T> inner = items.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return inner.hasNext();
                }

                @Override
                public T next() {
                    T item = inner.next();
                    produced.incrementAndGet();
                    return item;
                }
            };
        }
    }

    static <T> List<T> drain(Iterator<T> iterator) {
        List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }
}
