package dev.webcache.cache.hazelcast;

import static dev.webcache.cache.hazelcast.TestCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.ImproperlyConfiguredException;
import dev.webcache.cache.spi.BackendUnavailableException;
import dev.webcache.testing.LogCapture;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client never holds the application hostage: a start-up without the cluster is bounded by the connect timeout,
 * calls fail at once while the cluster is gone, the client reconnects by itself, and closing the registry ends
 * every Hazelcast thread. Also the configuration errors of the {@code webcache.hazelcast} section.
 */
class HazelcastClientFailureTest {

    @AfterEach
    void noHazelcastThreadIsLeft() {
        TestCluster.assertNoHazelcastThreads();
    }

    @Test
    void aClientWhoseClusterIsGoneFailsFastReconnectsByItselfAndCloses() {
        String cluster = TestCluster.newClusterName();
        int port = TestCluster.freePort();
        HazelcastInstance member = TestCluster.plainMember(cluster, port, port);
        Properties properties = TestCluster.clientProperties(cluster, port);
        properties.setProperty("webcache.hazelcast.operation-timeout", "2");
        Caches caches = Caches.fromProperties(properties);
        HazelcastInstance restarted = null;
        try {
            Cache cache = caches.getDefault();
            cache.set("k", "v");
            assertEquals("v", cache.get("k"));

            member.shutdown();
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThrows(RuntimeException.class, () -> cache.get("k"));
            }
            Duration twentyCalls = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(twentyCalls.compareTo(Duration.ofSeconds(3)) < 0, "20 failing calls took " + twentyCalls);
            assertThrows(BackendUnavailableException.class, () -> cache.set("k", "v2"));

            restarted = TestCluster.plainMember(cluster, port, port);
            await(Duration.ofSeconds(30), "the client reconnected", () -> {
                try {
                    cache.set("k", "after the restart");
                    return true;
                } catch (RuntimeException stillOffline) {
                    return false;
                }
            });
            assertEquals("after the restart", cache.get("k"));
        } finally {
            caches.close();
            if (restarted != null) {
                restarted.shutdown();
            }
        }
    }

    @Test
    void startUpAgainstAnUnreachableClusterDegradesWithinTheConnectTimeout() {
        Properties properties = TestCluster.clientProperties(TestCluster.newClusterName(), TestCluster.freePort());
        properties.setProperty("webcache.hazelcast.connect-timeout", "1");
        long start = System.nanoTime();
        Caches caches;
        try (LogCapture log = LogCapture.of(ClusterConnection.class)) {
            caches = Caches.fromProperties(properties);
            assertTrue(log.warnings().stream().anyMatch(warning -> warning.contains("is not reachable after 1 s")),
                    log.warnings().toString());
        }
        Duration startUp = Duration.ofNanos(System.nanoTime() - start);
        try {
            assertTrue(startUp.compareTo(Duration.ofSeconds(4)) < 0, "start-up took " + startUp);
            long call = System.nanoTime();
            assertThrows(BackendUnavailableException.class, () -> caches.getDefault().get("k"));
            assertTrue(System.nanoTime() - call < Duration.ofSeconds(1).toNanos(), "a call waited for the cluster");
        } finally {
            caches.close();
        }
    }

    @Test
    void badSectionKeysFailStartUpNamingTheKeyAndWhatIsAllowed() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "hazelcast");
        properties.setProperty("webcache.caches.default.near-cache", "yes");
        properties.setProperty("webcache.hazelcast.mode", "server");
        properties.setProperty("webcache.hazelcast.members", "127.0.0.1:99999");
        properties.setProperty("webcache.hazelcast.interface", "0.0.0.0.1");
        properties.setProperty("webcache.hazelcast.config", "classpath:nowhere.yaml");
        properties.setProperty("webcache.hazelcast.backup-count", "7");
        properties.setProperty("webcache.hazelcast.call-timeout", "0.5");
        properties.setProperty("webcache.hazelcast.heartbeat-timeout", "1");
        properties.setProperty("webcache.hazelcast.multicast", "true");
        String message = assertThrows(ImproperlyConfiguredException.class,
                () -> Caches.fromProperties(properties).close()).getMessage();
        for (String expected : new String[] {
                "webcache.caches.default.near-cache: 'yes' is not allowed; use true or false",
                "webcache.hazelcast.mode: 'server' is not allowed; use member (an embedded cluster member) or client",
                "webcache.hazelcast.members: '127.0.0.1:99999' is not allowed",
                "webcache.hazelcast.interface: '0.0.0.0.1' is not allowed",
                "webcache.hazelcast.config: the file 'classpath:nowhere.yaml' does not exist",
                "webcache.hazelcast.backup-count: '7' is not allowed; use a number of backups from 0 to 6",
                "webcache.hazelcast.call-timeout: '0.5' is not allowed; use a whole number of milliseconds from 1 to"
                        + " 60000",
                "webcache.hazelcast.heartbeat-timeout: '1' is not allowed; use a whole number of seconds from 2 to 600",
                "webcache.hazelcast.multicast: unknown key; allowed keys of webcache.hazelcast: backup-count,"
                        + " call-timeout, cluster-name, config, connect-timeout, heartbeat-interval, heartbeat-timeout,"
                        + " interface, members, mode, operation-timeout, port"}) {
            assertTrue(message.contains(expected), "missing <" + expected + "> in:\n" + message);
        }
    }

    @Test
    void keysThatDoNotFitTheModeFailStartUp() {
        Properties client = TestCluster.clientProperties("c", 5701);
        client.setProperty("webcache.hazelcast.port", "5702");
        String message = assertThrows(ImproperlyConfiguredException.class,
                () -> Caches.fromProperties(client).close()).getMessage();
        assertTrue(message.contains("webcache.hazelcast.port is only for mode = member"), message);

        Properties withFile = new Properties();
        withFile.setProperty("webcache.caches.default.backend", "hazelcast");
        withFile.setProperty("webcache.hazelcast.config", "classpath:logback-test.xml");
        withFile.setProperty("webcache.hazelcast.members", "127.0.0.1:5701");
        message = assertThrows(ImproperlyConfiguredException.class,
                () -> Caches.fromProperties(withFile).close()).getMessage();
        assertTrue(message.contains("webcache.hazelcast.members cannot be combined with webcache.hazelcast.config"),
                message);

        Properties heartbeats = TestCluster.memberProperties("c", 5701, 5701);
        heartbeats.setProperty("webcache.hazelcast.heartbeat-interval", "5");
        heartbeats.setProperty("webcache.hazelcast.heartbeat-timeout", "5");
        message = assertThrows(ImproperlyConfiguredException.class,
                () -> Caches.fromProperties(heartbeats).close()).getMessage();
        assertTrue(message.contains("webcache.hazelcast.heartbeat-timeout (5 s) must be longer than"
                + " webcache.hazelcast.heartbeat-interval (5 s)"), message);
    }
}
