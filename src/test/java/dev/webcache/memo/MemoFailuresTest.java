package dev.webcache.memo;

import static dev.webcache.memo.MemoFixtures.bytes;
import static dev.webcache.memo.MemoFixtures.drain;
import static dev.webcache.memo.MemoFixtures.properties;
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
import dev.webcache.testing.FailingBackendFactory;
import dev.webcache.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A broken backend or an unstorable item never fails the caller: the fresh data comes back in full. */
class MemoFailuresTest {

    @Test
    void aBackendThatIsDownServesFreshDataAndLogsOncePerInterval() {
        try (Caches caches = Caches.fromProperties(properties(
                "webcache.caches.default.backend", FailingBackendFactory.class.getName()));
             LogCapture log = LogCapture.of(Memoizer.class)) {
            Memoizer memo = Memoizer.of(caches.getDefault());
            Counting<String> supplier = new Counting<>(n -> "v" + n);
            MemoOptions locked = MemoOptions.defaults().lock(Duration.ofSeconds(5), Duration.ofSeconds(30));
            for (int i = 1; i <= 20; i++) {
                assertEquals("v" + (4 * i - 3), memo.memoize("k", supplier));
                assertEquals("v" + (4 * i - 2), memo.memoize("k", supplier, MemoOptions.defaults().largeData(true)));
                assertEquals("v" + (4 * i - 1), memo.memoize("k", supplier, locked.encrypt(true)
                        .encryptionKey(MemoFixtures.KEY_A)));
                assertEquals("v" + (4 * i), memo.memoize("k", supplier, locked.largeData(true)));
                Source<Row> source = new Source<>(rows(100, "row"));
                assertEquals(rows(100, "row"), drain(memo.memoizeIter("rows", source, locked)));
            }
            List<String> warnings = log.warnings();
            assertTrue(warnings.size() >= 2 && warnings.size() <= 4, "one line per kind of failure: " + warnings);
            assertTrue(warnings.stream().anyMatch(w -> w.contains("storing key 'k' failed")), warnings.toString());
            assertTrue(warnings.stream().allMatch(w -> w.contains("since the last report")), warnings.toString());
        }
    }

    @Test
    void anItemThatCannotBeStoredStopsTheStoringNotTheIteration() {
        try (Caches caches = Caches.fromProperties(properties())) {
            Cache cache = caches.getDefault();
            Memoizer memo = Memoizer.of(cache);
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                items.add(bytes(1000, i));
            }
            items.add(new Object()); // not serializable, after more than two chunks were stored
            items.add("last");
            Source<Object> source = new Source<>(items);
            try (LogCapture log = LogCapture.of(Memoizer.class)) {
                List<Object> read = drain(memo.memoizeIter("mixed", source,
                        MemoOptions.defaults().compress(false)));
                assertEquals(items.size(), read.size());
                assertArrayEquals((byte[]) items.get(2_999), (byte[]) read.get(2_999));
                assertEquals("last", read.get(3_001));
                assertTrue(log.warnings().get(0).contains("storing key 'mixed' failed"), log.warnings().toString());
            }
            assertTrue(cache.hasKey(memo.makeCacheKey("mixed-1")), "chunks were written before the failure");
            assertFalse(cache.hasKey(memo.makeCacheKey("mixed")), "but nothing readable");

            Counting<Object> unstorable = new Counting<>(n -> new Object());
            memo.memoize("value", unstorable);
            memo.memoize("value", unstorable);
            assertEquals(2, unstorable.calls.get());
        }
    }
}
