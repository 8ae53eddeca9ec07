package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Helpers for tests that run Hazelcast members in this JVM: loopback only, free ports, a cluster name of their own,
 * no multicast, no phone-home. Plain members are configured the way an operator would configure a cluster that
 * webcache reaches as a client: only webcache's serialization factory is registered.
 */
final class TestCluster {
    /**
     * The call deadline of functional tests: on a loaded 2-core machine a call may take longer than the default
     * 500 ms, and a call given up on is not what they test (the freeze tests set their own, short deadline).
     */
    static final String FUNCTIONAL_CALL_TIMEOUT = "10000";

    private TestCluster() {
    }

    /** A cluster name no other test run shares. */
    static String newClusterName() {
        return "webcache-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String addresses(int... ports) {
        return String.join(",", Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).toList());
    }

    /** A member that is not a webcache registry, started with the join list {@code ports} (its own included). */
    static HazelcastInstance plainMember(String cluster, int port, int... ports) {
        return Hazelcast.newHazelcastInstance(plainMemberConfig(cluster, port, ports));
    }

    /** The configuration of {@link #plainMember}. */
    static Config plainMemberConfig(String cluster, int port, int... ports) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
        config.getJetConfig().setEnabled(false);
        config.getSerializationConfig().addDataSerializableFactory(WebcacheSerializableFactory.FACTORY_ID,
                new WebcacheSerializableFactory());
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.of(addresses(ports).split(",")));
        return config;
    }

    /** Properties of a registry whose {@code default} cache is on an embedded member. */
    static Properties memberProperties(String cluster, int port, int... joinPorts) {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "hazelcast");
        properties.setProperty("webcache.hazelcast.mode", "member");
        properties.setProperty("webcache.hazelcast.call-timeout", FUNCTIONAL_CALL_TIMEOUT);
        properties.setProperty("webcache.hazelcast.cluster-name", cluster);
        properties.setProperty("webcache.hazelcast.port", Integer.toString(port));
        properties.setProperty("webcache.hazelcast.interface", "127.0.0.1");
        properties.setProperty("webcache.hazelcast.members", addresses(joinPorts));
        return properties;
    }

    /** Properties of a registry whose {@code default} cache is reached through a client. */
    static Properties clientProperties(String cluster, int... memberPorts) {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "hazelcast");
        properties.setProperty("webcache.hazelcast.mode", "client");
        properties.setProperty("webcache.hazelcast.call-timeout", FUNCTIONAL_CALL_TIMEOUT);
        properties.setProperty("webcache.hazelcast.cluster-name", cluster);
        properties.setProperty("webcache.hazelcast.members", addresses(memberPorts));
        return properties;
    }

    /** Waits until {@code condition} holds, failing after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The names of the live threads Hazelcast started ({@code hz.*}). */
    static List<String> hazelcastThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("hz.")).sorted().toList();
    }

    /** Fails unless every Hazelcast thread has ended within a few seconds. */
    static void assertNoHazelcastThreads() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!hazelcastThreads().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertEquals(List.of(), hazelcastThreads(), "Hazelcast threads left running");
    }
}
