package dev.webcache.benchmarks;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * A page hit ({@code Cache.getImmutable} of a {@link BenchPage}, the page cache's read) from each storage tier,
 * through webcache's Ehcache backend as {@code webcache.properties} configures it, same JVM, same run. {@code heap}:
 * the default heap tier holding every page by reference; {@code offheap}: a 1 MB heap tier over a 64 MB off-heap
 * tier; {@code disk}: a 1 MB heap tier over a 64 MB persistent disk tier in a temporary directory. The working set
 * is 8 MB of pages read at random, so in the tiered configurations most hits come from the lower tier (copied out
 * and decoded from the compact form), a few from the heap tier.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main StorageTierBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxDirectMemorySize=512m"})
public class StorageTierBenchmark {
    private static final long WORKING_SET = 8L << 20;

    @Param({"heap", "offheap", "disk"})
    public String tier;

    /** The body size in bytes. */
    @Param({"2048", "65536"})
    public int size;

    private Path directory;
    private Caches caches;
    private Cache cache;
    private String[] keys;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.timeout", "none");
        if (!tier.equals("heap")) {
            properties.setProperty("webcache.caches.default.max-bytes", "1MB");
        }
        if (tier.equals("offheap")) {
            properties.setProperty("webcache.caches.default.offheap", "64MB");
        }
        if (tier.equals("disk")) {
            directory = Files.createTempDirectory("webcache-bench-disk-");
            properties.setProperty("webcache.caches.default.disk", "64MB");
            properties.setProperty("webcache.caches.default.disk-path", directory.toString());
            properties.setProperty("webcache.caches.default.persistent", "true");
        }
        caches = Caches.fromProperties(properties);
        cache = caches.getDefault();
        BenchPage page = BenchPage.of(size);
        keys = new String[(int) (WORKING_SET / size)];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "webcache.page.v2..GET.g1.-.https://example.com/page/" + i;
            cache.set(keys[i], page);
        }
        for (String key : keys) {
            if (cache.getImmutable(key, BenchPage.class) == null) {
                throw new IllegalStateException("a page was evicted: the benchmark must measure hits");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        caches.close();
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    @Benchmark
    public BenchPage hit() {
        return cache.getImmutable(keys[ThreadLocalRandom.current().nextInt(keys.length)], BenchPage.class);
    }
}
