package dev.webcache.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token counters on a real Ehcache cache (and the dummy one). */
class TokenCountersTest {
    private static final int THREADS = 8;

    private final ManualClock clock = new ManualClock();
    private Caches caches;
    private Cache cache;
    private TokenCounters counters;

    @BeforeEach
    void start() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "ehcache");
        properties.setProperty("webcache.caches.default.timeout", "60");
        properties.setProperty("webcache.caches.nothing.backend", "dummy");
        caches = Caches.fromProperties(properties, clock);
        cache = caches.getDefault();
        counters = TokenCounters.of(cache);
    }

    @AfterEach
    void stop() {
        caches.close();
    }

    @Test
    void aMissingCounterBecomesOneForIncrAndIncrManyAlike() {
        assertEquals(0, counters.sum(List.of("movies", "books")));
        assertEquals(1, counters.incr("movies"));
        assertEquals(2, counters.incr("movies"));

        counters.incrMany(List.of("movies", "books", "movies"));

        assertEquals(3, counters.sum(List.of("movies")));
        assertEquals(1, counters.sum(List.of("books")), "a missing counter becomes 1, not icache's 0");
        assertEquals(4, counters.sum(List.of("movies", "books", "unknown")));
        assertEquals(4, counters.sum(List.of("movies", "books", "books")), "each token counts once");
    }

    @Test
    void countersNeverExpireAndLiveApartFromOtherKeys() {
        cache.set("movies", "a fragment stored under the bare token");
        counters.incr("movies");
        counters.incr("a token with spaces and ünïcode");

        assertEquals("a fragment stored under the bare token", cache.get("movies"));

        clock.advance(Duration.ofDays(365));

        assertNull(cache.get("movies"), "that entry had the default timeout");
        assertEquals(2, counters.sum(List.of("movies", "a token with spaces and ünïcode")));
        assertEquals(1L, (Long) cache.get(TokenCounters.counterKey("movies")));
        assertEquals("tokens.counter.movies", TokenCounters.counterKey("movies"));
        assertTrue(TokenCounters.counterKey("a b").matches("tokens\\.counter-md5\\.[0-9a-f]{32}"));
        assertNotEquals(TokenCounters.counterKey("a b"), TokenCounters.counterKey("a  b"));
    }

    @Test
    void aVersionedValueIsReadOnlyAtItsVersionAndAStaleOneIsDeleted() {
        counters.setVersioned("list", "<ul>...</ul>", 3);
        counters.setVersioned("ids", new ArrayList<>(List.of(1, 2)), 3, Cache.FOREVER);

        assertEquals("<ul>...</ul>", counters.getVersioned("list", 3));
        assertEquals(List.of(1, 2), counters.getVersioned("ids", 3));
        List<Integer> copy = counters.getVersioned("ids", 3);
        copy.add(99);
        assertEquals(List.of(1, 2), counters.getVersioned("ids", 3), "a mutable value is copied in and out");

        assertNull(counters.getVersioned("list", 4));
        assertFalse(cache.hasKey("list"), "the stale value is deleted");
        assertNull(counters.getVersioned("list", 3));
        assertNull(counters.getVersioned("never-stored", 0));

        clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(1, 2), counters.getVersioned("ids", 3), "stored forever");
        counters.setVersioned("short", "x", 1);
        clock.advance(Duration.ofSeconds(61));
        assertNull(counters.getVersioned("short", 1), "the cache's default timeout (60 s)");
    }

    @Test
    void eightThreadsLoseNoIncrement() throws Exception {
        int perThread = 500;
        ConcurrentLinkedQueue<Long> firstValues = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(() -> {
                start.await(10, TimeUnit.SECONDS);
                firstValues.add(counters.incr("fresh")); // every thread races to create the same counter
                for (int i = 0; i < perThread; i++) {
                    counters.incr("hot");
                    counters.incrMany(List.of("a", "b"));
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Future<Void> done : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(THREADS, counters.sum(List.of("fresh")));
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), new TreeSet<>(firstValues), "each value handed out once");
        assertEquals((long) THREADS * perThread, counters.sum(List.of("hot")));
        assertEquals(2L * THREADS * perThread, counters.sum(List.of("a", "b")));
    }

    @Test
    void aStoreThatKeepsNothingNeitherHangsNorFails() {
        TokenCounters nothing = TokenCounters.of(caches.get("nothing"));
        assertEquals(1, nothing.incr("movies"));
        nothing.incrMany(List.of("movies", "books"));
        assertEquals(0, nothing.sum(List.of("movies", "books")));
        nothing.setVersioned("k", "v", 0);
        assertNull(nothing.getVersioned("k", 0));
    }
}
