package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.BackendContractTest;
import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.ImproperlyConfiguredException;
import dev.webcache.metrics.WebcacheMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The backend contract on Hazelcast: one embedded member (on loopback, a cluster of its own) for the class. */
class HazelcastContractTest extends BackendContractTest {

    @Override
    protected Properties backendProperties() {
        int port = TestCluster.freePort();
        Properties properties = TestCluster.memberProperties(TestCluster.newClusterName(), port, port);
        properties.setProperty("webcache.caches.default.max-entries", "100000");
        properties.setProperty("webcache.caches.small.backend", "hazelcast");
        properties.setProperty("webcache.caches.small.max-entries", "1000");
        properties.setProperty("webcache.caches.budget.backend", "hazelcast");
        properties.setProperty("webcache.caches.budget.max-bytes", "4MB");
        return properties;
    }

    @Test
    void maxBytesBoundsTheHeapTheMapTakesOnTheMember() {
        Cache budget = caches.get("budget");
        byte[] large = new byte[64 * 1024];
        for (int i = 0; i < 400; i++) {
            budget.set("large" + i, large);
        }
        long held = 0;
        for (int i = 0; i < 400; i++) {
            held += budget.hasKey("large" + i) ? large.length : 0;
        }
        // Hazelcast evicts per partition, by sampling: the bound is approximate, but nowhere near 25 MB
        assertTrue(held > 0 && held <= 6L << 20, (held >> 10) + " KiB kept");
    }

    @Test
    void aMapHasOneSizePolicy() {
        int port = TestCluster.freePort();
        Properties both = TestCluster.memberProperties(TestCluster.newClusterName(), port, port);
        both.setProperty("webcache.caches.default.max-entries", "100");
        both.setProperty("webcache.caches.default.max-bytes", "1MB");
        ImproperlyConfiguredException failure = assertThrows(ImproperlyConfiguredException.class,
                () -> Caches.fromProperties(both).close());
        assertTrue(failure.getMessage().contains("webcache.caches.default.max-bytes and"
                + " webcache.caches.default.max-entries are both set"), failure.getMessage());
    }

    /** Entry processors cost a partition-thread hop each; 8 x 1,000 still proves no update is lost. */
    @Override
    protected int incrementsPerThread() {
        return 1_000;
    }

    @Test
    void maxEntriesBoundsTheStore() {
        Cache small = caches.get("small");
        for (int i = 0; i < 5_000; i++) {
            small.set("k" + i, i);
        }
        long present = 0;
        for (int i = 0; i < 5_000; i++) {
            present += small.hasKey("k" + i) ? 1 : 0;
        }
        assertTrue(present > 0 && present <= 1_000, "entries kept: " + present);
        assertEquals(present, small.statistics().entries().orElseThrow(), "the member's owned entries");
        assertTrue(small.statistics().bytes().orElseThrow() > 0);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (WebcacheMetrics metrics = new WebcacheMetrics(caches, Tags.empty())) {
            metrics.bindTo(registry);
            assertEquals(present, registry.get("cache.size").tag("cache", "small").gauge().value());
            assertEquals(small.statistics().bytes().orElseThrow(),
                    registry.get("webcache.cache.memory").tag("cache", "small").gauge().value());
        }
    }
}
