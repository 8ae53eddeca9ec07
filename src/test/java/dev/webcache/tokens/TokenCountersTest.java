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
    void aMissingCounterStartsFromTheClockAndCountsUpFromThere() {
        long before = System.currentTimeMillis() * 1000;
        long empty = counters.sum(List.of("movies", "books"));
        assertTrue(empty >= 2 * before, "missing counters are created at the current time in microseconds");
        long movies = counters.sum(List.of("movies"));
        assertEquals(movies + 1, counters.incr("movies"));
        assertEquals(movies + 2, counters.incr("movies"));

        long books = counters.sum(List.of("books"));
        counters.incrMany(List.of("movies", "books", "movies"));

        assertEquals(movies + 3, counters.sum(List.of("movies")));
        assertEquals(books + 1, counters.sum(List.of("books")));
        long unknown = counters.sum(List.of("unknown"));
        assertEquals(movies + 3 + books + 1 + unknown, counters.sum(List.of("movies", "books", "unknown")));
        assertEquals(movies + 3 + books + 1, counters.sum(List.of("movies", "books", "books")), "each token once");
    }

    /**
     * A small cache, a flood that evicts the counters, and content stamped before the flood: however often the
     * token is incremented afterwards, the old stamp never matches again.
     */
    @Test
    void aCounterLostToEvictionNeverComesBackAtAValueItHad() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "ehcache");
        properties.setProperty("webcache.caches.default.max-bytes", "256KB");
        try (Caches small = Caches.fromProperties(properties)) {
            Cache tiny = small.getDefault();
            TokenCounters tokens = TokenCounters.of(tiny);
            tokens.incr("movies");
            long stamp = tokens.sum(List.of("movies"));
            tokens.setVersioned("old-fragment", "the movie list before", stamp, Cache.FOREVER);
            Set<Long> seenBefore = new TreeSet<>();
            for (long v = stamp - 1; v <= stamp; v++) {
                seenBefore.add(v);
            }
            for (int i = 0; i < 10_000; i++) {
                tiny.set("flood-" + i, "x".repeat(100));
            }
            assertFalse(tiny.hasKey(TokenCounters.counterKey("movies")), "the flood evicted the counter");
            for (int i = 0; i < 5; i++) {
                long now = tokens.sum(List.of("movies"));
                assertFalse(seenBefore.contains(now), "the counter came back at " + now);
                assertTrue(now > stamp);
                tokens.setVersioned("old-fragment", "the movie list before", stamp, Cache.FOREVER);
                assertNull(tokens.getVersioned("old-fragment", now), "content stamped before the flood is stale");
                tokens.incr("movies");
            }
        }
    }

    @Test
    void countersNeverExpireAndLiveApartFromOtherKeys() {
        cache.set("movies", "a fragment stored under the bare token");
        counters.incr("movies");
        counters.incr("a token with spaces and ünïcode");

        assertEquals("a fragment stored under the bare token", cache.get("movies"));

        clock.advance(Duration.ofDays(365));

        assertNull(cache.get("movies"), "that entry had the default timeout");
        long movies = cache.get(TokenCounters.counterKey("movies"));
        assertEquals(movies + (long) cache.get(TokenCounters.counterKey("a token with spaces and ünïcode")),
                counters.sum(List.of("movies", "a token with spaces and ünïcode")), "the counters outlived it");
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
        long hotStart = counters.sum(List.of("hot"));
        long abStart = counters.sum(List.of("a", "b"));
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

        long fresh = counters.sum(List.of("fresh"));
        Set<Long> handedOut = new TreeSet<>();
        for (long v = fresh - THREADS + 1; v <= fresh; v++) {
            handedOut.add(v);
        }
        assertEquals(handedOut, new TreeSet<>(firstValues), "each value handed out once, none lost");
        assertEquals((long) THREADS * perThread, counters.sum(List.of("hot")) - hotStart);
        assertEquals(2L * THREADS * perThread, counters.sum(List.of("a", "b")) - abStart);
    }

    @Test
    void aStoreThatKeepsNothingNeitherHangsNorFails() {
        TokenCounters nothing = TokenCounters.of(caches.get("nothing"));
        long before = System.currentTimeMillis() * 1000;
        assertTrue(nothing.incr("movies") > before);
        nothing.incrMany(List.of("movies", "books"));
        long sum = nothing.sum(List.of("movies", "books"));
        assertNotEquals(sum, nothing.sum(List.of("movies", "books")), "nothing kept: no two reads ever match");
        nothing.setVersioned("k", "v", 0);
        assertNull(nothing.getVersioned("k", 0));
    }
}
