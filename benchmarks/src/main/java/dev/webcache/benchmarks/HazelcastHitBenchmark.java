package dev.webcache.benchmarks;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.hazelcast.WebcacheSerializableFactory;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hit throughput of {@code Cache.get} for a page-sized value (an 8 KiB {@code byte[]}, as a rendered page body) on
 * the Hazelcast backend, against Ehcache on-heap in the same run. Hazelcast runs as a two-member loopback cluster:
 * a standalone member plus either the registry's own embedded member (about half the keys are then local) or a
 * client (every key is remote), each with and without a near cache. 64 keys are read at random.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HazelcastHitBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dhazelcast.phone.home.enabled=false"})
public class HazelcastHitBenchmark {
    private static final int KEYS = 64;

    @Param({"ehcache", "member", "member-near", "client", "client-near"})
    public String backend;

    private HazelcastInstance standalone;
    private Caches caches;
    private Cache cache;
    private String[] keys;

    @Setup(Level.Trial)
    public void start() {
        Properties properties = new Properties();
        if (backend.equals("ehcache")) {
            properties.setProperty("webcache.caches.default.backend", "ehcache");
        } else {
            String cluster = "webcache-bench-" + UUID.randomUUID();
            int standalonePort = freePort();
            int memberPort = freePort();
            standalone = Hazelcast.newHazelcastInstance(memberConfig(cluster, standalonePort, memberPort));
            properties.setProperty("webcache.caches.default.backend", "hazelcast");
            properties.setProperty("webcache.caches.default.near-cache", Boolean.toString(backend.endsWith("-near")));
            properties.setProperty("webcache.hazelcast.cluster-name", cluster);
            if (backend.startsWith("member")) {
                properties.setProperty("webcache.hazelcast.mode", "member");
                properties.setProperty("webcache.hazelcast.port", Integer.toString(memberPort));
                properties.setProperty("webcache.hazelcast.members",
                        "127.0.0.1:" + standalonePort + ",127.0.0.1:" + memberPort);
            } else {
                properties.setProperty("webcache.hazelcast.mode", "client");
                properties.setProperty("webcache.hazelcast.members", "127.0.0.1:" + standalonePort);
            }
        }
        caches = Caches.fromProperties(properties);
        cache = caches.getDefault();
        keys = new String[KEYS];
        byte[] page = new byte[8 * 1024];
        for (int i = 0; i < KEYS; i++) {
            ThreadLocalRandom.current().nextBytes(page);
            keys[i] = "page:/movies/" + i;
            cache.set(keys[i], page, Cache.FOREVER);
        }
    }

    /** A loopback member of {@code cluster} on {@code port} that joins {@code otherPort} over TCP-IP. */
    static Config memberConfig(String cluster, int port, int otherPort) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
        config.getJetConfig().setEnabled(false);
        config.getSerializationConfig().addDataSerializableFactory(WebcacheSerializableFactory.FACTORY_ID,
                new WebcacheSerializableFactory());
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false).getInterfaces().setEnabled(true)
                .addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + port, "127.0.0.1:" + otherPort));
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        caches.close();
        if (standalone != null) {
            standalone.shutdown();
        }
    }

    @Benchmark
    public byte[] hit() {
        byte[] page = cache.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
        if (page == null) {
            throw new IllegalStateException("a miss in a hit benchmark");
        }
        return page;
    }
}
