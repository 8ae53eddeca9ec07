package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A member's near cache does not outlive the cluster view it was filled in: when another member leaves (crashed,
 * or removed after a freeze), invalidations it may have sent are unknown, so the near cache starts empty again.
 */
class NearCacheViewTest {

    @Test
    void aMemberEmptiesItsNearCachesWhenAnotherMemberLeaves() {
        String cluster = TestCluster.newClusterName();
        int port = TestCluster.freePort();
        int otherPort = TestCluster.freePort();
        HazelcastInstance other = TestCluster.plainMember(cluster, otherPort, port, otherPort);
        Properties properties = TestCluster.memberProperties(cluster, port, port, otherPort);
        properties.setProperty("webcache.caches.default.near-cache", "true");
        try (Caches caches = Caches.fromProperties(properties)) {
            HazelcastInstance member = Hazelcast.getAllHazelcastInstances().stream()
                    .filter(instance -> instance != other && instance.getConfig().getClusterName().equals(cluster))
                    .findFirst().orElseThrow();
            Cache cache = caches.getDefault();
            for (int i = 0; i < 20; i++) {
                cache.set("k" + i, "v" + i);
            }
            TestCluster.await(Duration.ofSeconds(20), "the near cache holds every entry", () -> {
                for (int i = 0; i < 20; i++) {
                    assertEquals("v" + i, cache.get("k" + i));
                }
                return nearCacheEntries(member) == 20;
            });

            other.getLifecycleService().terminate();

            TestCluster.await(Duration.ofSeconds(20), "the near cache was emptied",
                    () -> nearCacheEntries(member) == 0);
            assertEquals("v7", cache.get("k7"), "the backups took over");
        } finally {
            other.getLifecycleService().terminate();
        }
        TestCluster.assertNoHazelcastThreads();
    }

    private static long nearCacheEntries(HazelcastInstance member) {
        return member.getMap(HazelcastBackendFactory.MAP_PREFIX + "default").getLocalMapStats().getNearCacheStats()
                .getOwnedEntryCount();
    }
}
