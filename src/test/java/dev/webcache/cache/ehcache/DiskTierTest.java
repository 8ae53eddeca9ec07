package dev.webcache.cache.ehcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.ImproperlyConfiguredException;
import dev.webcache.testing.ManualClock;
import dev.webcache.testing.TestProperties;
import dev.webcache.tokens.TokenCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk tier across a restart of the registry (closed, then built again on the same directory), and what its
 * configuration refuses at start-up.
 */
class DiskTierTest {
    @TempDir
    Path directory;
    private final ManualClock clock = new ManualClock();

    private Properties persistent(String... more) {
        Properties properties = TestProperties.of(
                "webcache.caches.default.max-bytes", "1MB",
                "webcache.caches.default.disk", "8MB",
                "webcache.caches.default.disk-path", directory.toString(),
                "webcache.caches.default.persistent", "true");
        Properties extra = TestProperties.of(more);
        extra.stringPropertyNames().forEach(key -> properties.setProperty(key, extra.getProperty(key)));
        return properties;
    }

    @Test
    void aRestartKeepsEntriesWithTheirExpiryAndCountersAndVersionsWithTheirValues() {
        long movies;
        try (Caches caches = Caches.fromProperties(persistent(), clock)) {
            Cache cache = caches.getDefault();
            cache.set("long-lived", "kept", Duration.ofSeconds(60));
            cache.set("short-lived", "gone", Duration.ofSeconds(10));
            cache.set("bytes", new byte[] {1, 2, 3}, Cache.FOREVER);
            cache.set("list", List.of("a", "b"), Cache.FOREVER);
            cache.add("visits", 0L, Cache.FOREVER);
            cache.incr("visits", 5);
            cache.set("schema", "v2 layout", Cache.FOREVER);
            assertEquals(2, cache.incrVersion("schema"));
            TokenCounters counters = TokenCounters.of(cache);
            movies = counters.incr("movies");
            counters.setVersioned("fragment", "<ul>movies</ul>", counters.sum(List.of("movies")));
        }
        clock.advance(Duration.ofSeconds(30));
        try (Caches caches = Caches.fromProperties(persistent(), clock)) {
            Cache cache = caches.getDefault();
            assertEquals("kept", cache.get("long-lived"));
            assertNull(cache.get("short-lived"), "expired while the application was down");
            assertArrayEquals(new byte[] {1, 2, 3}, cache.get("bytes"));
            assertEquals(List.of("a", "b"), cache.get("list"));
            assertEquals(6, cache.incr("visits"));
            assertNull(cache.get("schema"), "moved to version 2 before the restart");
            assertEquals("v2 layout", cache.version(2).get("schema"));
            TokenCounters counters = TokenCounters.of(cache);
            long sum = counters.sum(List.of("movies"));
            assertEquals(movies, sum, "the counter kept its value");
            assertEquals("<ul>movies</ul>", counters.getVersioned("fragment", sum), "stamped content is current");
            assertEquals(movies + 1, counters.incr("movies"));
            assertNull(counters.getVersioned("fragment", counters.sum(List.of("movies"))));
            clock.advance(Duration.ofSeconds(31));
            assertNull(cache.get("long-lived"), "its original expiry, not one restarted at the restart");
        }
    }

    @Test
    void aLostCounterNeverComesBackAtAValueThatStampedPersistedContent() {
        // the fragments persist; the counters live in a heap-only cache and are lost on restart
        Properties properties = TestProperties.of(
                "webcache.caches.default.backend", "ehcache",
                "webcache.caches.fragments.max-bytes", "1MB",
                "webcache.caches.fragments.disk", "8MB",
                "webcache.caches.fragments.disk-path", directory.toString(),
                "webcache.caches.fragments.persistent", "true");
        long stamp;
        try (Caches caches = Caches.fromProperties(properties, clock)) {
            TokenCounters counters = TokenCounters.of(caches.getDefault());
            counters.incr("movies");
            stamp = counters.sum(List.of("movies"));
            TokenCounters.of(caches.get("fragments")).setVersioned("fragment", "old", stamp);
        }
        try (Caches caches = Caches.fromProperties(properties, clock)) {
            long sum = TokenCounters.of(caches.getDefault()).sum(List.of("movies"));
            assertTrue(sum > stamp, "a lost counter restarts above every value it had");
            assertNull(TokenCounters.of(caches.get("fragments")).getVersioned("fragment", sum));
        }
    }

    @Test
    void aDiskTierThatIsNotPersistentStartsEmpty() {
        Properties properties = persistent("webcache.caches.default.persistent", "false");
        try (Caches caches = Caches.fromProperties(properties, clock)) {
            caches.getDefault().set("k", "v");
            assertEquals("v", caches.getDefault().get("k"));
        }
        try (Caches caches = Caches.fromProperties(properties, clock)) {
            assertFalse(caches.getDefault().hasKey("k"));
        }
    }

    @Test
    void aSecondRegistryOnTheSameDirectoryFailsNamingTheKey() {
        try (Caches first = Caches.fromProperties(persistent(), clock)) {
            first.getDefault().set("k", "v");
            ImproperlyConfiguredException failure = assertThrows(ImproperlyConfiguredException.class,
                    () -> Caches.fromProperties(persistent(), clock));
            assertTrue(failure.getMessage().contains("webcache.caches.default.disk-path: cannot use the directory '"
                    + directory + "'") && failure.getMessage().contains("locked"), failure.getMessage());
            assertEquals("v", first.getDefault().get("k"), "the first keeps working");
        }
        try (Caches again = Caches.fromProperties(persistent(), clock)) {
            assertEquals("v", again.getDefault().get("k"), "the failed start left the directory intact");
        }
    }

    @Test
    void twoAliasesShareOneDirectory() {
        Properties properties = persistent(
                "webcache.caches.pages.max-bytes", "1MB",
                "webcache.caches.pages.offheap", "2MB",
                "webcache.caches.pages.disk", "8MB",
                "webcache.caches.pages.disk-path", directory.toString(),
                "webcache.caches.pages.persistent", "true");
        try (Caches caches = Caches.fromProperties(properties, clock)) {
            caches.getDefault().set("k", "default's");
            caches.get("pages").set("k", "pages'");
        }
        try (Caches caches = Caches.fromProperties(properties, clock)) {
            assertEquals("default's", caches.getDefault().get("k"));
            assertEquals("pages'", caches.get("pages").get("k"));
        }
    }

    private static String failure(Properties properties) {
        return assertThrows(ImproperlyConfiguredException.class, () -> Caches.fromProperties(properties)).getMessage();
    }

    @Test
    void badTierSettingsFailAtStartUpNamingTheKey() throws Exception {
        String missing = directory.resolve("missing").toString();
        assertTrue(failure(persistent("webcache.caches.default.disk-path", missing)).contains(
                "webcache.caches.default.disk-path: the directory '" + missing + "' does not exist"));
        Path file = Files.writeString(directory.resolve("file"), "x");
        assertTrue(failure(persistent("webcache.caches.default.disk-path", file.toString())).contains(
                "webcache.caches.default.disk-path: '" + file + "' is not a directory"));
        assertTrue(failure(persistent("webcache.caches.default.disk-path", "relative/dir")).contains(
                "webcache.caches.default.disk-path: 'relative/dir' is not allowed; use the absolute path of a"
                        + " directory"));
        assertTrue(failure(persistent("webcache.caches.default.persistent", "yes")).contains(
                "webcache.caches.default.persistent: 'yes' is not allowed; use true or false"));
        assertTrue(failure(persistent("webcache.caches.default.disk", "lots")).contains(
                "webcache.caches.default.disk: 'lots' is not allowed; use a whole number of bytes"));
        assertTrue(failure(TestProperties.of("webcache.caches.default.offheap", "1GB",
                "webcache.caches.default.persistent", "true")).contains(
                "webcache.caches.default.persistent: set only with webcache.caches.default.disk"));
        assertTrue(failure(TestProperties.of("webcache.caches.default.disk-path", directory.toString())).contains(
                "webcache.caches.default.disk-path: set only with webcache.caches.default.disk"));
        assertTrue(failure(TestProperties.of("webcache.caches.default.disk", "1GB")).contains(
                "webcache.caches.default.disk-path: required with webcache.caches.default.disk"));
        assertTrue(failure(TestProperties.of("webcache.caches.default.offheap", "32MB")).contains(
                "webcache.caches.default.offheap: 32MB is not larger than the heap tier"
                        + " (webcache.caches.default.max-bytes, 64MB by default)"));
        assertTrue(failure(persistent("webcache.caches.default.offheap", "16MB")).contains(
                "webcache.caches.default.disk: 8MB is not larger than the off-heap tier"
                        + " (webcache.caches.default.offheap)"));
    }
}
