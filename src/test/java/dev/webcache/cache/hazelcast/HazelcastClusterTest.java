package dev.webcache.cache.hazelcast;

import static dev.webcache.cache.hazelcast.TestCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two registries on two embedded members of one loopback cluster, and a third registry connected as a client, see
 * one cache: values, counters and expiry are cluster-wide, a crashed member loses nothing, and closing everything
 * leaves no Hazelcast thread behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HazelcastClusterTest {
    private final String cluster = TestCluster.newClusterName();
    private final int portA = TestCluster.freePort();
    private final int portB = TestCluster.freePort();
    private Caches nodeA;
    private Caches nodeB;
    private Caches client;

    @BeforeAll
    void startCluster() {
        nodeA = Caches.fromProperties(withPages(TestCluster.memberProperties(cluster, portA, portA, portB)));
        nodeB = Caches.fromProperties(withPages(TestCluster.memberProperties(cluster, portB, portA, portB)));
        await(Duration.ofSeconds(30), "both members formed one cluster",
                () -> member(portA).getCluster().getMembers().size() == 2);
        client = Caches.fromProperties(withPages(TestCluster.clientProperties(cluster, portA, portB)));
        awaitNearCacheInvalidations(client.get("pages"), nodeB.get("pages"));
    }

    /**
     * Waits until the client's near cache hears of changes: its invalidation listener is registered asynchronously
     * after the map is first used, and a write before that is only repaired by Hazelcast's periodic reconciliation.
     */
    private static void awaitNearCacheInvalidations(Cache nearCached, Cache writer) {
        String[] written = {null};
        await(Duration.ofSeconds(30), "the client's near cache receives invalidations", () -> {
            if (written[0] != null && written[0].equals(nearCached.get("probe"))) {
                return true;
            }
            written[0] = "probe-" + System.nanoTime();
            writer.set("probe", written[0]);
            nearCached.get("probe");
            return false;
        });
    }

    /** Adds the read-heavy alias {@code pages} with a near cache. */
    private static Properties withPages(Properties properties) {
        properties.setProperty("webcache.caches.pages.backend", "hazelcast");
        properties.setProperty("webcache.caches.pages.near-cache", "true");
        return properties;
    }

    @AfterAll
    void closeEverything() {
        for (Caches caches : new Caches[] {client, nodeB, nodeA}) {
            if (caches != null) {
                caches.close();
            }
        }
        TestCluster.assertNoHazelcastThreads();
    }

    private static HazelcastInstance member(int port) {
        return Hazelcast.getAllHazelcastInstances().stream()
                .filter(m -> m.getCluster().getLocalMember().getAddress().getPort() == port).findFirst().orElseThrow();
    }

    @Test
    void aValueSetOnOneNodeIsReadOnTheOthersAndByTheClient() {
        nodeA.getDefault().set("greeting", "hello from A");
        nodeA.getDefault().set("list", new ArrayList<>(List.of("a", "b")));
        nodeA.getDefault().set("nothing", null);
        assertEquals("hello from A", nodeB.getDefault().get("greeting"));
        assertEquals(List.of("a", "b"), nodeB.getDefault().get("list"));
        assertTrue(nodeB.getDefault().hasKey("nothing"));
        assertEquals("hello from A", client.getDefault().get("greeting"));

        client.getDefault().set("greeting", "hello from the client");
        assertEquals("hello from the client", nodeA.getDefault().get("greeting"));
        assertTrue(nodeB.getDefault().delete("greeting"));
        assertEquals("absent", nodeA.getDefault().get("greeting", "absent"));
        assertEquals(Map.of("list", List.of("a", "b")), client.getDefault().getMany(List.of("list", "greeting")));
    }

    @Test
    void incrementsFromEightThreadsOnTwoNodesAndAClientLoseNoUpdate() throws Exception {
        nodeA.getDefault().set("hits", 0L, Cache.FOREVER);
        Cache[] nodes = {nodeA.getDefault(), nodeB.getDefault(), client.getDefault()};
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Cache cache = nodes[t % nodes.length];
                tasks.add(() -> {
                    for (int i = 0; i < 250; i++) {
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
        assertEquals(2_000L, (Long) nodeA.getDefault().get("hits"));
        assertEquals(2_000L, (Long) client.getDefault().get("hits"));
        assertTrue(nodeB.getDefault().add("marker", "B won"));
        assertEquals(false, client.getDefault().add("marker", "too late"));
    }

    @Test
    void hazelcastHoldsEachEntrysTimeToLiveWhichIncrKeepsAndTouchChanges() {
        Cache cache = nodeA.getDefault();
        IMap<String, StoredEntry> map = member(portB).getMap("webcache.default");
        String key = cache.makeKey("counter");

        long before = System.currentTimeMillis();
        cache.set("counter", 1L, Duration.ofSeconds(60));
        long expiry = map.getEntryView(key).getExpirationTime();
        assertTrue(Math.abs(expiry - (before + 60_000)) < 2_000, "expiry " + (expiry - before) + " ms from now");

        nodeB.getDefault().incr("counter");
        assertTrue(Math.abs(map.getEntryView(key).getExpirationTime() - expiry) < 2_000, "incr kept the expiry");

        client.getDefault().touch("counter", Duration.ofSeconds(600));
        long touched = map.getEntryView(key).getExpirationTime() - System.currentTimeMillis();
        assertTrue(touched > 590_000 && touched <= 600_000, "touched to " + touched + " ms");

        client.getDefault().touch("counter", Cache.FOREVER);
        assertEquals(Long.MAX_VALUE, map.getEntryView(key).getExpirationTime());
        assertEquals(2L, (Long) cache.get("counter"));
    }

    @Test
    void theNearCacheServesRepeatedReadsAndIsInvalidatedWhenAnotherNodeWrites() {
        Cache pages = client.get("pages");
        nodeA.get("pages").set("home", "<html>v1</html>");
        assertEquals("<html>v1</html>", pages.get("home"));
        assertEquals("<html>v1</html>", pages.get("home"));
        IMap<Object, Object> clientMap = HazelcastClient.getAllHazelcastClients().iterator().next()
                .getMap("webcache.pages");
        assertTrue(clientMap.getLocalMapStats().getNearCacheStats().getHits() >= 1, "near cache hits");

        // Hazelcast's near cache is eventually consistent: an invalidation can be overtaken on a loaded machine, so
        // the write is repeated until one invalidation has reached the client
        await(Duration.ofSeconds(5), "the client's near cache dropped the old page", () -> {
            nodeB.get("pages").set("home", "<html>v2</html>");
            return "<html>v2</html>".equals(pages.get("home"));
        });
    }

    @Test
    void aMemberThatCrashesLosesNoEntries() {
        int portC = TestCluster.freePort();
        HazelcastInstance memberC = TestCluster.plainMember(cluster, portC, portA, portB, portC);
        await(Duration.ofSeconds(30), "the third member joined", () -> member(portA).getCluster().getMembers().size() == 3);
        Cache cache = nodeA.getDefault();
        for (int i = 0; i < 300; i++) {
            cache.set("entry-" + i, "value-" + i);
        }
        await(Duration.ofSeconds(30), "every backup is in place",
                () -> member(portA).getPartitionService().isClusterSafe());

        memberC.getLifecycleService().terminate();
        await(Duration.ofSeconds(30), "the cluster noticed the crash",
                () -> member(portA).getCluster().getMembers().size() == 2);

        for (int i = 0; i < 300; i++) {
            assertEquals("value-" + i, nodeB.getDefault().get("entry-" + i), "entry-" + i);
            assertEquals("value-" + i, client.getDefault().get("entry-" + i), "entry-" + i);
        }
    }
}
