package dev.webcache.memo;

import static dev.webcache.memo.MemoFixtures.KEY_B;
import static dev.webcache.memo.MemoFixtures.bytes;
import static dev.webcache.memo.MemoFixtures.drain;
import static dev.webcache.memo.MemoFixtures.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.memo.MemoFixtures.Counting;
import dev.webcache.memo.MemoFixtures.Row;
import dev.webcache.memo.MemoFixtures.Source;
import dev.webcache.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.example.gadget.Gadget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Encryption with integrity and safe deserialization: whatever was tampered with, wrongly keyed, cut short or
 * outside the allow-list is a miss found before anything is returned, logged and rebuilt.
 */
class MemoSecurityTest {
    private static final String SECRET = "the launch codes are 0000";
    private static final MemoOptions ENCRYPT = MemoOptions.defaults().encrypt(true);
    private static final MemoOptions ENCRYPT_LARGE = ENCRYPT.largeData(true);

    private final Caches caches = MemoFixtures.encrypted(Clock.systemUTC());
    private final Cache cache = caches.getDefault();
    private final Memoizer memo = Memoizer.of(cache);

    @AfterEach
    void close() {
        caches.close();
    }

    private List<byte[]> storedBytes(String key, MemoOptions options) {
        Object head = cache.get(memo.makeCacheKey(key, options));
        if (head instanceof StoredValue.Inline inline) {
            return List.of(inline.data());
        }
        int count = ((StoredValue.Chunked) head).count();
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> ((StoredValue.Chunk) cache.get(
                memo.makeCacheKey(key + "-" + i, options))).data()).toList();
    }

    /** Replaces the data of chunk {@code index} (or of the inline value) with {@code change} applied to a copy. */
    private void tamper(String key, MemoOptions options, int index, UnaryOperator<byte[]> change) {
        Object head = cache.get(memo.makeCacheKey(key, options));
        if (head instanceof StoredValue.Inline inline) {
            cache.set(memo.makeCacheKey(key, options), new StoredValue.Inline(inline.flags(),
                    change.apply(inline.data().clone())));
            return;
        }
        String chunkKey = memo.makeCacheKey(key + "-" + index, options);
        StoredValue.Chunk chunk = (StoredValue.Chunk) cache.get(chunkKey);
        cache.set(chunkKey, new StoredValue.Chunk(chunk.generation(), chunk.index(), change.apply(chunk.data().clone())));
    }

    private static byte[] flipByte(byte[] data) {
        data[data.length / 2] ^= 1;
        return data;
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    @Test
    void encryptedDataRoundTripsUnderAnHmacKeyWithoutRevealingTheKeyOrTheValue() {
        Counting<String> secret = new Counting<>(n -> SECRET);
        for (MemoOptions options : List.of(ENCRYPT, ENCRYPT_LARGE, ENCRYPT_LARGE.compress(false))) {
            String key = "secret " + options.hashCode();
            assertEquals(SECRET, memo.memoize(key, secret, options));
            assertEquals(SECRET, memo.memoize(key, secret, options));
            assertTrue(memo.makeCacheKey(key, options).matches("[0-9a-f]{64}"));
            assertFalse(cache.hasKey(key));
            assertFalse(cache.hasKey(memo.makeCacheKey(key)), "nothing under the unencrypted memo key");
            storedBytes(key, options).forEach(data -> assertFalse(contains(data, "launch codes")));
        }
        assertEquals(3, secret.calls.get());

        Source<Row> source = new Source<>(rows(100, "secret"));
        assertEquals(rows(100, "secret"), drain(memo.memoizeIter("rows", source, ENCRYPT)));
        assertEquals(rows(100, "secret"), drain(memo.memoizeIter("rows", source, ENCRYPT)));
        assertEquals(1, source.starts.get());
        storedBytes("rows", ENCRYPT).forEach(data -> assertFalse(contains(data, "secret-")));
    }

    @Test
    void forceEncryptionEncryptsEveryCall() {
        try (Caches forced = MemoFixtures.encrypted(Clock.systemUTC(), "webcache.memo.force-encryption", "true")) {
            Memoizer forcedMemo = Memoizer.of(forced.getDefault());
            assertEquals("v", forcedMemo.memoize("k", () -> "v", MemoOptions.defaults().encrypt(false)));
            assertTrue(forcedMemo.makeCacheKey("k").matches("[0-9a-f]{64}"));
            assertTrue(forced.getDefault().hasKey(forcedMemo.makeCacheKey("k")));
            assertFalse(forced.getDefault().hasKey("k"));
        }
    }

    @Test
    void anotherKeyNeitherFindsNorDecryptsTheData() {
        MemoOptions ownKey = ENCRYPT_LARGE.encryptionKey(KEY_B);
        Counting<String> supplier = new Counting<>(n -> "v" + n);
        assertEquals("v1", memo.memoize("k", supplier, ENCRYPT_LARGE));
        assertEquals("v2", memo.memoize("k", supplier, ownKey), "another key names other entries: a miss");
        assertEquals("v1", memo.memoize("k", supplier, ENCRYPT_LARGE), "and leaves the first key's data alone");

        // copy key A's entries to the names key B reads: decryption with B fails authentication
        assertEquals("v3", memo.memoize("copied", supplier, ownKey.forceOverwrite(true)));
        cache.set(memo.makeCacheKey("copied", ownKey), cache.get(memo.makeCacheKey("k", ENCRYPT_LARGE)));
        cache.set(memo.makeCacheKey("copied-0", ownKey), cache.get(memo.makeCacheKey("k-0", ENCRYPT_LARGE)));
        try (LogCapture log = LogCapture.of(Memoizer.class)) {
            assertEquals("v4", memo.memoize("copied", supplier, ownKey));
            assertEquals(1, log.warnings().size(), log.warnings().toString());
            assertTrue(log.warnings().get(0).contains("fails authentication"), log.warnings().get(0));
        }
        assertEquals("v4", memo.memoize("copied", supplier, ownKey), "rebuilt");

        // the same bytes moved to another memo key under the same AES key fail too: the key is authenticated
        cache.set(memo.makeCacheKey("moved", ENCRYPT), cache.get(memo.makeCacheKey("k", ENCRYPT)));
        assertEquals("v5", memo.memoize("k", supplier, ENCRYPT));
        cache.set(memo.makeCacheKey("moved", ENCRYPT), cache.get(memo.makeCacheKey("k", ENCRYPT)));
        assertEquals("v6", memo.memoize("moved", supplier, ENCRYPT));
    }

    @Test
    void aFlippedByteOrATruncatedValueIsAMissNeverAPartialResult() {
        List<Row> all = rows(30_000, "a row of the report");
        for (MemoOptions options : List.of(ENCRYPT, ENCRYPT.compress(false))) {
            String key = "flip " + options.hashCode();
            Source<Row> source = new Source<>(all);
            drain(memo.memoizeIter(key, source, options));
            assertEquals(options.equals(ENCRYPT) ? 1 : 2, storedBytes(key, options).size());
            tamper(key, options, 0, MemoSecurityTest::flipByte);
            assertEquals(all, drain(memo.memoizeIter(key, source, options)), "rebuilt in full");
            assertEquals(2, source.starts.get());

            int last = storedBytes(key, options).size() - 1;
            tamper(key, options, last, data -> Arrays.copyOf(data, Math.max(0, data.length - 5)));
            assertEquals(all, drain(memo.memoizeIter(key, source, options)));
            assertEquals(3, source.starts.get());
            assertEquals(all, drain(memo.memoizeIter(key, source, options)));
            assertEquals(3, source.starts.get());
        }

        Counting<String> supplier = new Counting<>(n -> SECRET + n);
        memo.memoize("inline", supplier, ENCRYPT);
        tamper("inline", ENCRYPT, 0, MemoSecurityTest::flipByte);
        assertEquals(SECRET + 2, memo.memoize("inline", supplier, ENCRYPT));
        tamper("inline", ENCRYPT, 0, data -> Arrays.copyOf(data, 20));
        assertEquals(SECRET + 3, memo.memoize("inline", supplier, ENCRYPT));
    }

    @Test
    void unencryptedItemsThatFailToDecodeAreFoundBeforeTheFirstItem() {
        List<Row> all = rows(30_000, "a row of the report");
        MemoOptions plain = MemoOptions.defaults().compress(false);
        Source<Row> source = new Source<>(all);
        drain(memo.memoizeIter("cut", source, plain));
        int last = storedBytes("cut", plain).size() - 1;
        assertTrue(last > 0);
        tamper("cut", plain, last, data -> Arrays.copyOf(data, data.length / 2));
        assertEquals(all, drain(memo.memoizeIter("cut", source, plain)),
                "the first items decode fine, but the cut is found before any is returned");
        assertEquals(2, source.starts.get());
    }

    @Test
    void aClassOutsideTheAllowListIsAMissAndIsNeverInstantiated() {
        Gadget.DESERIALIZED.set(0);
        Counting<List<Object>> supplier = new Counting<>(n -> List.of("harmless " + n, new Gadget()));
        try (LogCapture log = LogCapture.of(Memoizer.class)) {
            for (MemoOptions options : List.of(MemoOptions.defaults(), MemoOptions.defaults().largeData(true),
                    ENCRYPT)) {
                String key = "gadget " + options.hashCode();
                int before = supplier.calls.get();
                memo.memoize(key, supplier, options);
                List<Object> read = memo.memoize(key, supplier, options);
                assertEquals("harmless " + (before + 2), read.get(0), "a miss: computed again");
            }
            assertTrue(log.warnings().get(0).contains("REJECTED"), log.warnings().toString());
        }
        Source<Object> items = new Source<>(List.of("a", "b", new Gadget(), "c"));
        drain(memo.memoizeIter("gadget items", items, MemoOptions.defaults()));
        MemoIterator<Object> again = memo.memoizeIter("gadget items", items, MemoOptions.defaults());
        assertEquals(2, items.starts.get(), "refused before the first item: the supplier runs again");
        assertEquals(4, drain(again).size());
        assertEquals(0, Gadget.DESERIALIZED.get());

        try (Caches allowing = Caches.fromProperties(MemoFixtures.properties(
                "webcache.caches.default.allowed-classes", "org.example.gadget.*"))) {
            Memoizer allowingMemo = Memoizer.of(allowing.getDefault());
            allowingMemo.memoize("gadget", Gadget::new);
            Counting<Gadget> never = new Counting<>(n -> null);
            assertTrue(allowingMemo.memoize("gadget", never) instanceof Gadget, "the cache's allow-list applies");
            assertEquals(0, never.calls.get());
            assertEquals(1, Gadget.DESERIALIZED.get());
        }
    }

    @Test
    void theLogSaysWhyTheDataWasAMiss() {
        memo.memoize("big", () -> bytes(3 * Memoizer.CHUNK_SIZE, 1), ENCRYPT_LARGE.compress(false));
        assertEquals(4, storedBytes("big", ENCRYPT_LARGE).size());
        assertArrayEquals(bytes(3 * Memoizer.CHUNK_SIZE, 1), memo.memoize("big", () -> null, ENCRYPT_LARGE),
                "four chunks decrypted as one stream");
        tamper("big", ENCRYPT_LARGE, 2, MemoSecurityTest::flipByte);
        try (LogCapture log = LogCapture.of(Memoizer.class)) {
            assertArrayEquals(bytes(10, 2), memo.memoize("big", () -> bytes(10, 2), ENCRYPT_LARGE));
            assertEquals(1, log.warnings().size());
            assertTrue(log.warnings().get(0).contains("key 'big'"), log.warnings().get(0));
            assertTrue(log.warnings().get(0).contains("fails authentication"), log.warnings().get(0));
        }
    }
}
