package dev.webcache.memo;

import static dev.webcache.memo.MemoFixtures.drain;
import static dev.webcache.memo.MemoFixtures.properties;
import static dev.webcache.memo.MemoFixtures.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.ImproperlyConfiguredException;
import dev.webcache.memo.MemoFixtures.Counting;
import dev.webcache.memo.MemoFixtures.Row;
import dev.webcache.memo.MemoFixtures.Source;
import dev.webcache.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** memoize and memoizeIter on a real Ehcache: hits, misses, expiry, keys and lazy iteration. */
class MemoizerTest {
    private final ManualClock clock = new ManualClock();
    private final Caches caches = Caches.fromProperties(properties(), clock);
    private final Cache cache = caches.getDefault();
    private final Memoizer memo = Memoizer.of(cache);

    @AfterEach
    void close() {
        caches.close();
    }

    @Test
    void computesOnceThenServesTheCachedCopyUntilForcedToOverwrite() {
        Counting<List<Row>> supplier = new Counting<>(n -> new ArrayList<>(rows(3, "v" + n)));

        List<Row> first = memo.memoize("rows", supplier);
        List<Row> second = memo.memoize("rows", supplier);
        assertEquals(1, supplier.calls.get());
        assertEquals(rows(3, "v1"), second);
        assertNotSame(first, second, "a hit is a copy, never the caller's object");
        second.clear();
        assertEquals(rows(3, "v1"), memo.memoize("rows", supplier), "changing a returned value changes nothing cached");

        assertEquals(rows(3, "v2"), memo.memoize("rows", supplier, MemoOptions.defaults().forceOverwrite(true)));
        assertEquals(rows(3, "v2"), memo.memoize("rows", supplier));
        assertEquals(2, supplier.calls.get());
    }

    @Test
    void aCachedNullIsAHitForValuesLargeDataAndItems() {
        Counting<Object> nothing = new Counting<>(n -> null);
        assertNull(memo.memoize("null", nothing));
        assertNull(memo.memoize("null", nothing));
        assertNull(memo.memoize("null-large", nothing, MemoOptions.defaults().largeData(true)));
        assertNull(memo.memoize("null-large", nothing, MemoOptions.defaults().largeData(true)));
        assertEquals(2, nothing.calls.get());

        Source<String> items = new Source<>(Arrays.asList("a", null, "c"));
        assertEquals(Arrays.asList("a", null, "c"), drain(memo.memoizeIter("nulls", items)));
        assertEquals(Arrays.asList("a", null, "c"), drain(memo.memoizeIter("nulls", items)));
        assertEquals(1, items.starts.get());

        Source<String> none = new Source<>(List.of());
        assertEquals(List.of(), drain(memo.memoizeIter("empty", none)));
        assertEquals(List.of(), drain(memo.memoizeIter("empty", none)));
        assertEquals(1, none.starts.get(), "no items is a hit too");
    }

    @Test
    void dataExpiresAfterThirtyDaysOrTheGivenExpirationOnTheCachesClock() {
        Counting<String> supplier = new Counting<>(n -> "v" + n);
        MemoOptions tenSeconds = MemoOptions.defaults().expiration(Duration.ofSeconds(10));
        memo.memoize("default", supplier);
        memo.memoize("short", supplier, tenSeconds);
        memo.memoize("short-large", supplier, tenSeconds.largeData(true));

        clock.advance(Duration.ofSeconds(11));
        assertEquals("v1", memo.memoize("default", supplier));
        assertEquals("v4", memo.memoize("short", supplier, tenSeconds));
        assertEquals("v5", memo.memoize("short-large", supplier, tenSeconds.largeData(true)));

        clock.advance(Duration.ofDays(30).minusSeconds(12));
        assertEquals("v1", memo.memoize("default", supplier));
        clock.advance(Duration.ofSeconds(2));
        assertEquals("v6", memo.memoize("default", supplier));
    }

    @Test
    void theSupplierFailingStoresNothing() {
        assertThrows(IllegalStateException.class, () -> memo.memoize("fails", () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("ok", memo.memoize("fails", () -> "ok"));
        Iterator<String> broken = memo.memoizeIter("fails-iter", () -> Stream.<String>iterate("a",
                s -> { throw new IllegalStateException("boom"); }).limit(3).iterator(), MemoOptions.defaults());
        assertEquals("a", broken.next());
        assertThrows(IllegalStateException.class, broken::next);
        assertFalse(cache.hasKey(memo.makeCacheKey("fails-iter")));
    }

    @Test
    void keysCarryTheSitePrefixAreEscapedAndLongOnesAreShortenedWithSha256() throws Exception {
        assertEquals("plain", memo.makeCacheKey("plain"));
        assertEquals("/shop:plain", Memoizer.of(cache, "/shop").makeCacheKey("plain"));
        assertEquals("a\\x20b\\x0ac\\x7fd\\x00", memo.makeCacheKey("a b\nc\u007fd\u0000"));

        String longKey = "k".repeat(300) + " end";
        String escaped = "k".repeat(300) + "\\x20end";
        String made = memo.makeCacheKey(longKey);
        assertEquals(240, made.length());
        assertEquals(escaped.substring(0, 176) + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(escaped.getBytes(StandardCharsets.UTF_8))), made);
        assertEquals("k".repeat(240), memo.makeCacheKey("k".repeat(240)), "240 characters are kept as they are");

        try (Caches site = Caches.fromProperties(properties("webcache.memo.site-name", "example.com"))) {
            Memoizer siteMemo = Memoizer.of(site.getDefault(), "/shop");
            assertEquals("example.com:plain", siteMemo.makeCacheKey("plain"), "the configured site name wins");
            assertEquals("x", siteMemo.memoize("plain", () -> "x"));
            assertTrue(site.getDefault().hasKey("example.com:plain"));
        }

        MemoOptions encrypt = MemoOptions.defaults().encrypt(true).encryptionKey(MemoFixtures.KEY_A);
        String hmac = memo.makeCacheKey("a b", encrypt);
        assertTrue(hmac.matches("[0-9a-f]{64}"), hmac);
        assertNotEquals(hmac, memo.makeCacheKey("a b", encrypt.encryptionKey(MemoFixtures.KEY_B)));
        assertNotEquals(hmac, Memoizer.of(cache, "/shop").makeCacheKey("a b", encrypt));
    }

    @Test
    void misconfigurationFailsAtStartOrAtTheCallThatNeedsIt() {
        ImproperlyConfiguredException noKey = assertThrows(ImproperlyConfiguredException.class,
                () -> Caches.fromProperties(properties("webcache.memo.force-encryption", "true")));
        assertTrue(noKey.getMessage().contains("webcache.memo.force-encryption"), noKey.getMessage());
        assertTrue(noKey.getMessage().contains("webcache.memo.encryption-key"), noKey.getMessage());

        IllegalStateException encryptWithoutKey = assertThrows(IllegalStateException.class,
                () -> memo.memoize("k", () -> "v", MemoOptions.defaults().encrypt(true)));
        assertTrue(encryptWithoutKey.getMessage().contains("webcache.memo.encryption-key"));
        assertThrows(IllegalArgumentException.class, () -> MemoOptions.defaults().encryptionKey(new byte[15]));
        assertThrows(IllegalArgumentException.class,
                () -> MemoOptions.defaults().lock(Duration.ZERO, Duration.ofSeconds(1)));
    }

    @Test
    void anIteratorYieldsItemsAsTheSupplierProducesThemAndStoresWhenFullyConsumed() {
        List<Row> all = rows(10, "row");
        Source<Row> source = new Source<>(all);
        MemoIterator<Row> items = memo.memoizeIter("rows", source, MemoOptions.defaults());
        List<Row> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(items.next());
            assertEquals(i + 1, source.produced.get(), "the supplier is only as far as the consumer");
        }
        assertFalse(cache.hasKey(memo.makeCacheKey("rows")), "nothing is readable before the end");
        items.forEachRemaining(seen::add);
        assertEquals(all, seen);

        assertEquals(all, drain(memo.memoizeIter("rows", source)));
        assertEquals(1, source.starts.get());
        assertEquals(all.subList(0, 4), memo.memoizeStream("rows", source, MemoOptions.defaults()).limit(4).toList());
        assertEquals(1, source.starts.get());
    }

    @Test
    void anAbandonedIterationStoresNothingReadable() {
        List<Row> all = rows(5, "row");
        Source<Row> source = new Source<>(all);

        Iterator<Row> dropped = memo.memoizeIter("rows", source);
        dropped.next();
        dropped.next();
        assertEquals(all, drain(memo.memoizeIter("rows", source)), "a dropped iteration left nothing behind");
        assertEquals(2, source.starts.get());

        MemoOptions refresh = MemoOptions.defaults().forceOverwrite(true);
        try (Stream<Row> stream = memo.memoizeStream("closed", source, refresh)) {
            assertEquals(all.subList(0, 2), stream.limit(2).collect(Collectors.toList()));
        }
        assertFalse(cache.hasKey(memo.makeCacheKey("closed")));
        MemoIterator<Row> closed = memo.memoizeIter("closed", source, MemoOptions.defaults());
        closed.next();
        closed.close();
        assertFalse(closed.hasNext());
        assertFalse(cache.hasKey(memo.makeCacheKey("closed")));
    }

    @Test
    void theLargeDataAndIteratorFormsDoNotReadEachOther() {
        Counting<String> supplier = new Counting<>(n -> "v" + n);
        assertEquals("v1", memo.memoize("k", supplier));
        assertEquals("v2", memo.memoize("k", supplier, MemoOptions.defaults().largeData(true)));
        assertEquals("v2", memo.memoize("k", supplier, MemoOptions.defaults().largeData(true)));
        assertEquals(List.of("v2"), drain(memo.memoizeIter("k", () -> List.of("x").iterator())),
                "large data is a stream of one item");
        assertEquals(List.of("a", "b"), drain(memo.memoizeIter("k", () -> List.of("a", "b").iterator(),
                MemoOptions.defaults().forceOverwrite(true))));
        assertEquals("v3", memo.memoize("k", supplier, MemoOptions.defaults().largeData(true)),
                "two items are not one value: a miss");
    }
}
