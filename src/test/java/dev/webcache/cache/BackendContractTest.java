package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.testing.ManualClock;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every storing backend must show through the {@link Cache} API (Django's BaseCache contract, with
 * its bugs fixed). A backend's test extends this class and supplies the properties of its {@code default} cache;
 * the suite adds nothing but a 300-second default timeout. One registry serves the whole class (cleared before each
 * test), so backends that are slow to start (a cluster member) start once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContractTest {
    protected final ManualClock clock = new ManualClock();
    protected Caches caches;
    protected Cache cache;

    /** The properties that make the {@code default} cache use the backend under test. */
    protected abstract Properties backendProperties();

    /** Increments per thread in the concurrency test (8 threads). */
    protected int incrementsPerThread() {
        return 10_000;
    }

    @BeforeAll
    void startRegistry() {
        Properties properties = backendProperties();
        properties.setProperty("webcache.caches.default.timeout", "300");
        caches = Caches.fromProperties(properties, clock);
        cache = caches.getDefault();
    }

    @AfterAll
    void closeRegistry() {
        if (caches != null) {
            caches.close();
        }
    }

    @BeforeEach
    void clearCache() {
        cache.clear();
    }

    /** A mutable serializable value: what isolation protects. */
    record Box(List<String> items) implements Serializable {
    }

    @Test
    void statisticsCountReadsAndStoresAndTheBackendTellsItsEntries() {
        CacheStatistics statistics = cache.statistics();
        long hits = statistics.hits();
        long misses = statistics.misses();
        long puts = statistics.puts();
        long entriesBefore = statistics.entries().orElse(0);
        cache.set("a", 1);
        cache.set("b", 2);
        assertTrue(cache.add("c", 3));
        assertFalse(cache.add("c", 4));
        cache.get("a");
        cache.get("absent");
        cache.getMany(List.of("b", "absent"));
        assertEquals(hits + 2, statistics.hits());
        assertEquals(misses + 2, statistics.misses());
        assertEquals(statistics.hits() + statistics.misses(), statistics.gets());
        assertEquals(puts + 3, statistics.puts());
        statistics.entries().ifPresent(entries -> assertEquals(entriesBefore + 3, entries));
        statistics.bytes().ifPresent(bytes -> assertTrue(bytes > 0, "bytes " + bytes));
        assertEquals(statistics, cache.version(7).statistics(), "version views share the counts");
    }

    @Test
    void getReturnsTheDefaultOnAMissButAStoredNullIsAHit() {
        assertNull(cache.get("absent"));
        assertEquals("fallback", cache.get("absent", "fallback"));
        cache.set("nothing", null);
        assertNull(cache.get("nothing", "fallback"));
        assertTrue(cache.hasKey("nothing"));
        assertFalse(cache.hasKey("absent"));
    }

    @Test
    void setStoresValuesOfEveryKind() {
        cache.set("string", "héllo");
        cache.set("long", 42L);
        cache.set("int", 7);
        cache.set("bytes", new byte[] {1, 2, 3});
        cache.set("list", new ArrayList<>(List.of("a", "b")));
        cache.set("record", new Box(new ArrayList<>(List.of("x"))));
        assertEquals("héllo", cache.get("string"));
        assertEquals(42L, (Long) cache.get("long"));
        assertEquals(7, (Integer) cache.get("int"));
        assertArrayEquals(new byte[] {1, 2, 3}, cache.get("bytes"));
        assertEquals(List.of("a", "b"), cache.get("list"));
        assertEquals(new Box(List.of("x")), cache.get("record"));
        cache.set("string", "replaced");
        assertEquals("replaced", cache.get("string"));
    }

    @Test
    void valuesAreIsolatedFromTheCallersObjects() {
        List<String> items = new ArrayList<>(List.of("first"));
        cache.set("box", new Box(items));
        items.add("changed after set");
        Box read = cache.get("box");
        assertEquals(List.of("first"), read.items());
        read.items().add("changed after get");
        assertEquals(List.of("first"), ((Box) cache.get("box")).items());
    }

    @Test
    void byteArraysAreIsolatedToo() {
        byte[] bytes = {1, 2, 3};
        cache.set("bytes", bytes);
        bytes[0] = 9;
        byte[] read = cache.get("bytes");
        read[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, cache.get("bytes"));
    }

    @Test
    void anUnserializableValueFailsTheSetAndStoresNothing() {
        Object notSerializable = new Object();
        UnserializableValueException failure = assertThrows(UnserializableValueException.class,
                () -> cache.set("bad", List.of(notSerializable)));
        assertTrue(failure.getMessage().contains("'bad'"), failure.getMessage());
        assertFalse(cache.hasKey("bad"));
        assertThrows(UnserializableValueException.class, () -> cache.add("bad", List.of(notSerializable)));
        assertFalse(cache.hasKey("bad"));
    }

    @Test
    void addStoresOnlyWhenAbsentOrExpired() {
        assertTrue(cache.add("k", "first"));
        assertFalse(cache.add("k", "second"));
        assertEquals("first", cache.get("k"));

        cache.set("short", "old", Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(11));
        assertTrue(cache.add("short", "new"));
        assertEquals("new", cache.get("short"));
    }

    @Test
    void getOrSetCallsTheSupplierOnlyOnAMiss() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals("computed", cache.getOrSet("k", () -> "computed#" + calls.incrementAndGet()).substring(0, 8));
        assertEquals("computed#1", cache.getOrSet("k", () -> "computed#" + calls.incrementAndGet()));
        assertEquals(1, calls.get());

        cache.set("null", null);
        assertNull(cache.getOrSet("null", () -> "not called"));
    }

    @Test
    void getOrSetReturnsTheValueOfAWriterThatWonTheRace() {
        String result = cache.getOrSet("raced", () -> {
            cache.add("raced", "the other writer's");
            return "mine";
        });
        assertEquals("the other writer's", result);
        assertEquals("the other writer's", cache.get("raced"));
    }

    @Test
    void getOrSetWithAZeroTimeoutReturnsTheComputedValueAndStoresNothing() {
        assertEquals("computed", cache.getOrSet("k", () -> "computed", Duration.ZERO));
        assertFalse(cache.hasKey("k"));
    }

    @Test
    void getManyOmitsMissingKeysAndKeepsStoredNulls() {
        cache.set("a", "A");
        cache.set("c", null);
        Map<String, Object> found = cache.getMany(List.of("a", "b", "c"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", "A");
        expected.put("c", null);
        assertEquals(expected, found);
        assertEquals(List.of("a", "c"), new ArrayList<>(found.keySet()));
        assertTrue(cache.getMany(List.of()).isEmpty());
    }

    @Test
    void setManyStoresEverythingAndReportsNoFailures() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("a", 1L);
        entries.put("b", "two");
        entries.put("c", null);
        assertEquals(List.of(), cache.setMany(entries));
        assertEquals(entries, cache.getMany(entries.keySet()));
        assertEquals(List.of(), cache.setMany(Map.of()));

        assertEquals(List.of(), cache.setMany(Map.of("t", "short-lived"), Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(6));
        assertFalse(cache.hasKey("t"));
    }

    @Test
    void deleteReportsWhetherSomethingWasDeleted() {
        cache.set("k", "v");
        assertTrue(cache.delete("k"));
        assertFalse(cache.delete("k"));
        assertNull(cache.get("k"));

        cache.setMany(Map.of("a", 1, "b", 2, "c", 3));
        cache.deleteMany(List.of("a", "b", "absent"));
        assertEquals(Map.of("c", 3), cache.getMany(List.of("a", "b", "c")));
        cache.deleteMany(List.of());
    }

    @Test
    void clearRemovesEveryVersion() {
        cache.set("k", "v1");
        cache.version(2).set("k", "v2");
        cache.clear();
        assertFalse(cache.hasKey("k"));
        assertFalse(cache.version(2).hasKey("k"));
    }

    @Test
    void touchExtendsOrEndsALiveKey() {
        cache.set("k", "v", Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(8));
        assertTrue(cache.touch("k", Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(8));
        assertEquals("v", cache.get("k"));

        assertTrue(cache.touch("k", Cache.FOREVER));
        clock.advance(Duration.ofDays(3650));
        assertEquals("v", cache.get("k"));

        assertTrue(cache.touch("k"));
        clock.advance(Duration.ofSeconds(301));
        assertFalse(cache.hasKey("k"));

        assertFalse(cache.touch("absent"));
        cache.set("gone", "v");
        assertTrue(cache.touch("gone", Duration.ZERO));
        assertFalse(cache.hasKey("gone"));
    }

    @Test
    void theDefaultTimeoutApplies() {
        cache.set("k", "v");
        clock.advance(Duration.ofSeconds(299));
        assertEquals("v", cache.get("k"));
        clock.advance(Duration.ofSeconds(2));
        assertNull(cache.get("k"));
    }

    @Test
    void foreverNeverExpires() {
        cache.set("k", "v", Cache.FOREVER);
        clock.advance(Duration.ofDays(36500));
        assertEquals("v", cache.get("k"));
    }

    @Test
    void zeroAndNegativeTimeoutsMeanNotRetrievable() {
        cache.set("k", "old");
        cache.set("k", "new", Duration.ZERO);
        assertFalse(cache.hasKey("k"));
        cache.set("k", "new", Duration.ofSeconds(-1));
        assertFalse(cache.hasKey("k"));
        assertTrue(cache.add("fresh", "v", Duration.ZERO));
        assertFalse(cache.hasKey("fresh"));
        cache.set("taken", "v");
        assertFalse(cache.add("taken", "other", Duration.ZERO));
        assertEquals("v", cache.get("taken"));
        cache.setMany(Map.of("m", "v"), Duration.ofSeconds(-5));
        assertFalse(cache.hasKey("m"));
    }

    @Test
    void fractionalSecondsAndTimeoutsOverThirtyDaysWork() {
        cache.set("fraction", "v", Duration.ofMillis(1500));
        clock.advance(Duration.ofMillis(1400));
        assertEquals("v", cache.get("fraction"));
        clock.advance(Duration.ofMillis(200));
        assertFalse(cache.hasKey("fraction"));

        cache.set("long", "v", Duration.ofDays(31));
        clock.advance(Duration.ofDays(30));
        assertEquals("v", cache.get("long"));
        clock.advance(Duration.ofDays(2));
        assertFalse(cache.hasKey("long"));
    }

    @Test
    void incrAndDecrReturnTheNewValueAndKeepTheType() {
        cache.set("long", 10L);
        assertEquals(11, cache.incr("long"));
        assertEquals(21, cache.incr("long", 10));
        assertEquals(20, cache.decr("long"));
        assertEquals(5, cache.decr("long", 15));
        assertEquals(-5, cache.incr("long", -10));
        assertEquals(-5L, (Long) cache.get("long"));

        cache.set("int", 1);
        assertEquals(2, cache.incr("int"));
        assertEquals(2, (Integer) cache.get("int"));
    }

    @Test
    void incrOnAMissingKeyFailsNamingTheKey() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> cache.incr("missing"));
        assertEquals("Key 'missing' not found", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cache.decr("missing"));
        cache.set("expired", 1L, Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        assertThrows(IllegalArgumentException.class, () -> cache.incr("expired"));
    }

    @Test
    void incrOnANonNumericValueIsATypeError() {
        cache.set("text", "five");
        cache.set("null", null);
        assertThrows(NonNumericValueException.class, () -> cache.incr("text"));
        assertThrows(NonNumericValueException.class, () -> cache.incr("null"));
        assertEquals("five", cache.get("text"));
    }

    @Test
    void incrKeepsTheEntrysExpiry() {
        cache.set("counter", 1L, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(6));
        assertEquals(2, cache.incr("counter"));
        clock.advance(Duration.ofSeconds(5));
        assertFalse(cache.hasKey("counter"), "incr must not have reset the 10 s expiry");
    }

    @Test
    void concurrentIncrementsLoseNoUpdate() throws Exception {
        cache.set("hits", 0L, Cache.FOREVER);
        int threads = 8;
        int perThread = incrementsPerThread();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        cache.incr("hits");
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals((long) threads * perThread, (Long) cache.get("hits"));
    }

    @Test
    void versionsAreSeparateNamespaces() {
        Cache v2 = cache.version(2);
        assertEquals(2, v2.currentVersion());
        v2.set("k", "two");
        cache.set("k", "one");
        assertEquals("one", cache.get("k"));
        assertEquals("two", v2.get("k"));
        assertEquals("two", cache.version(2).get("k"));
        assertFalse(cache.version(3).hasKey("k"));
    }

    @Test
    void incrVersionMovesTheValueWithItsExpiry() {
        cache.set("k", "v", Duration.ofSeconds(10));
        assertEquals(2, cache.incrVersion("k"));
        assertFalse(cache.hasKey("k"));
        assertEquals("v", cache.version(2).get("k"));
        clock.advance(Duration.ofSeconds(11));
        assertFalse(cache.version(2).hasKey("k"), "the moved value keeps its 10 s expiry");

        cache.version(5).set("n", null);
        assertEquals(3, cache.version(5).decrVersion("n", 2));
        assertTrue(cache.version(3).hasKey("n"));
        assertEquals(4, cache.version(3).incrVersion("n"));
        assertEquals(3, cache.version(4).decrVersion("n"));

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> cache.incrVersion("absent"));
        assertEquals("Key 'absent' not found", missing.getMessage());
    }
}
