package dev.webcache.memo;

import static dev.webcache.memo.MemoFixtures.drain;
import static dev.webcache.memo.MemoFixtures.properties;
import static dev.webcache.memo.MemoFixtures.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.ThrottledLog;
import dev.webcache.memo.MemoFixtures.Row;
import dev.webcache.testing.LogCapture;
import dev.webcache.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The lock: one caller computes while the others wait and then read; a dead holder frees it at lease end. */
class MemoLockTest {
    private static final MemoOptions LOCKED = MemoOptions.defaults().lock(Duration.ofSeconds(20), Duration.ofSeconds(30));

    private final ManualClock clock = new ManualClock();
    private final Caches caches = Caches.fromProperties(properties(), clock);
    private final Cache cache = caches.getDefault();
    private final Memoizer memo = Memoizer.of(cache);

    @AfterEach
    void close() {
        caches.close();
    }

    private static <T> List<T> sixteenAtOnce(Function<Integer, T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int caller = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(caller);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneOfSixteenConcurrentCallersComputesTheOthersReadItsValue() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        List<String> values = sixteenAtOnce(caller -> memo.memoize("report", () -> {
            computations.incrementAndGet();
            sleep(300);
            return "computed by " + caller;
        }, LOCKED));
        assertEquals(1, computations.get());
        assertEquals(1, values.stream().distinct().count(), values.toString());
        assertFalse(cache.hasKey(memo.makeCacheKey("_lock_:report")), "released");

        AtomicInteger sources = new AtomicInteger();
        List<List<Row>> lists = sixteenAtOnce(caller -> drain(memo.memoizeIter("rows", () -> {
            sources.incrementAndGet();
            Iterator<Row> all = rows(2_000, "row").iterator();
            return new Iterator<Row>() {
                private int produced;

                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public Row next() {
                    if (++produced == 1_000) {
                        sleep(300); // the lock is held for the whole lazy computation
                    }
                    return all.next();
                }
            };
        }, LOCKED.largeData(true))));
        assertEquals(1, sources.get());
        lists.forEach(list -> assertEquals(rows(2_000, "row"), list));
    }

    @Test
    void aLockHolderThatDiesFreesTheLockAtLeaseEnd() {
        String lockKey = memo.makeCacheKey("_lock_:report");
        ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(MemoLockTest.class), clock, Duration.ofMinutes(1));
        assertTrue(new CacheLock(cache, lockKey, Duration.ofSeconds(30), log).tryAcquire()); // and never released
        Object deadToken = cache.get(lockKey);
        assertNotNull(deadToken);

        MemoOptions shortWait = MemoOptions.defaults().lock(Duration.ofMillis(200), Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        AtomicReference<Object> tokenWhileComputing = new AtomicReference<>();
        try (LogCapture warnings = LogCapture.of(Memoizer.class)) {
            assertEquals("uncached", memo.memoize("report", () -> {
                tokenWhileComputing.set(cache.get(lockKey));
                return "uncached";
            }, shortWait.expiration(Duration.ZERO)));
            assertTrue(warnings.warnings().get(0).contains("for the lock of key 'report'"), warnings.warnings().toString());
        }
        assertEquals(deadToken, tokenWhileComputing.get(), "the wait ended: computed without the lock");
        assertEquals(deadToken, cache.get(lockKey), "and the holder's lock was left alone");

        clock.advance(Duration.ofSeconds(2));
        assertEquals("fresh", memo.memoize("report", () -> {
            tokenWhileComputing.set(cache.get(lockKey));
            return "fresh";
        }, LOCKED));
        assertNotNull(tokenWhileComputing.get());
        assertNotEquals(deadToken, tokenWhileComputing.get(), "the lease ended: this caller held the lock");
        assertFalse(cache.hasKey(lockKey), "and released it");
    }

    @Test
    void aHitNeverTakesTheLockAndARefusedWaitIsBounded() {
        assertEquals("v", memo.memoize("k", () -> "v", LOCKED));
        String lockKey = memo.makeCacheKey("_lock_:k");
        ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(MemoLockTest.class), clock, Duration.ofMinutes(1));
        assertTrue(new CacheLock(cache, lockKey, Duration.ofSeconds(30), log).tryAcquire());
        assertEquals("v", memo.memoize("k", () -> "other", LOCKED), "a hit does not wait for the lock");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
