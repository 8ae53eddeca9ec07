package dev.webcache.memo;

import static dev.webcache.memo.MemoFixtures.bytes;
import static dev.webcache.memo.MemoFixtures.drain;
import static dev.webcache.memo.MemoFixtures.properties;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.memo.MemoFixtures.Counting;
import dev.webcache.memo.MemoFixtures.Source;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Large data: one stream split in chunks under key-0..key-n, the count and generation written last. */
class MemoLargeDataTest {
    private static final int CHUNK = Memoizer.CHUNK_SIZE;
    private static final MemoOptions PLAIN = MemoOptions.defaults().largeData(true).compress(false);

    private final Caches caches = Caches.fromProperties(properties());
    private final Cache cache = caches.getDefault();
    private final Memoizer memo = Memoizer.of(cache);

    @AfterEach
    void close() {
        caches.close();
    }

    /** The Java-serialized stream of one large byte[] item is a fixed overhead plus its length. */
    private static int streamOverhead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MemoSerializer.ItemWriter writer = MemoSerializer.java().writer(out);
        writer.write(new byte[2 * CHUNK]);
        writer.finish();
        return out.size() - 2 * CHUNK;
    }

    private StoredValue.Chunked head(String key) {
        return (StoredValue.Chunked) cache.get(memo.makeCacheKey(key));
    }

    private StoredValue.Chunk chunk(String key, int index) {
        return (StoredValue.Chunk) cache.get(memo.makeCacheKey(key + "-" + index));
    }

    @Test
    void exactlyTwoChunksWorthOfBytesAreTwoChunksAndOneByteMoreIsThree() throws Exception {
        byte[] twoChunks = bytes(2 * CHUNK - streamOverhead(), 1);
        byte[] oneMore = bytes(2 * CHUNK - streamOverhead() + 1, 2);
        Counting<byte[]> supplier = new Counting<>(n -> n == 1 ? twoChunks : oneMore);

        memo.memoize("two", supplier, PLAIN);
        assertEquals(2, head("two").count());
        assertEquals(CHUNK, chunk("two", 0).data().length);
        assertEquals(CHUNK, chunk("two", 1).data().length);
        assertFalse(cache.hasKey(memo.makeCacheKey("two-2")));

        memo.memoize("three", supplier, PLAIN);
        assertEquals(3, head("three").count());
        assertEquals(1, chunk("three", 2).data().length);
        assertEquals(head("three").generation(), chunk("three", 2).generation());

        assertArrayEquals(twoChunks, memo.memoize("two", supplier, PLAIN));
        assertArrayEquals(oneMore, memo.memoize("three", supplier, PLAIN));
        assertEquals(2, supplier.calls.get());
    }

    @Test
    void largeDataIsCompressedByDefaultAndNotWhenAskedNotTo() {
        String text = IntStream.range(0, 60_000).mapToObj(i -> "line " + (i % 50) + " of a report\n")
                .collect(Collectors.joining());
        assertTrue(text.length() > 2 * CHUNK / 2, "more than two chunks as UTF-8 serialization");

        assertEquals(text, memo.memoize("compressed", () -> text, MemoOptions.defaults().largeData(true)));
        assertEquals(1, head("compressed").count());
        assertTrue(chunk("compressed", 0).data().length < text.length() / 20);

        assertEquals(text, memo.memoize("plain", () -> text, PLAIN));
        assertTrue(head("plain").count() >= 2);

        Counting<String> never = new Counting<>(n -> "not this");
        assertEquals(text, memo.memoize("compressed", never, MemoOptions.defaults().largeData(true)));
        assertEquals(text, memo.memoize("plain", never, PLAIN));
        assertEquals(text, memo.memoize("plain", never, MemoOptions.defaults().largeData(true)),
                "the stored flags say how to decode, whatever the reader's compression option");
        assertEquals(0, never.calls.get());
    }

    @Test
    void aMissingMiddleChunkIsAMissAndTheDataIsRebuilt() {
        Counting<byte[]> supplier = new Counting<>(n -> bytes(3 * CHUNK - 100, n));
        memo.memoize("big", supplier, PLAIN);
        assertEquals(3, head("big").count());

        assertTrue(cache.delete(memo.makeCacheKey("big-1")));
        assertArrayEquals(bytes(3 * CHUNK - 100, 2), memo.memoize("big", supplier, PLAIN));
        assertEquals(2, supplier.calls.get());
        assertArrayEquals(bytes(3 * CHUNK - 100, 2), memo.memoize("big", supplier, PLAIN));
        assertEquals(2, supplier.calls.get());
    }

    @Test
    void aReaderNeverCombinesChunksOfTwoWrites() {
        List<byte[]> first = IntStream.range(0, 5).mapToObj(i -> bytes(600_000, i)).toList();
        List<byte[]> second = IntStream.range(0, 5).mapToObj(i -> bytes(600_000, 100 + i)).toList();
        MemoOptions iter = MemoOptions.defaults().compress(false);
        assertEquals(5, drain(memo.memoizeIter("items", first::iterator, iter)).size());
        long firstGeneration = head("items").generation();

        // a refresh that is given up after overwriting the first chunks
        MemoIterator<byte[]> refresh = memo.memoizeIter("items", second::iterator, iter.forceOverwrite(true));
        for (int i = 0; i < 4; i++) {
            refresh.next();
        }
        refresh.close();
        assertEquals(firstGeneration, head("items").generation(), "the main key still names the first write");
        assertNotEquals(firstGeneration, chunk("items", 0).generation(), "but chunk 0 is the refresh's");

        Source<byte[]> again = new Source<>(second);
        List<byte[]> read = drain(memo.memoizeIter("items", again, iter));
        assertEquals(1, again.starts.get(), "the mixed chunks were a miss");
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(second.get(i), read.get(i));
        }
    }
}
