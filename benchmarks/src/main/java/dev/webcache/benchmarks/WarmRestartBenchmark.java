package dev.webcache.benchmarks;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
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
 * The time from a restart to the first hit: building the registry (Ehcache opening its persistent disk tier) and
 * reading one page, then closing it cleanly again. {@code warm}: the directory holds 10,000 pages of 2 KiB stored
 * before (20 MB); {@code empty}: the same configuration on an empty directory, the baseline of the same run. The
 * first read of {@code warm} must be a hit, of {@code empty} a miss.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main WarmRestartBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class WarmRestartBenchmark {
    private static final int PAGES = 10_000;

    @Param({"empty", "warm"})
    public String directoryState;

    private Path directory;
    private Properties properties;
    private Caches caches;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("webcache-bench-restart-");
        properties = new Properties();
        properties.setProperty("webcache.caches.default.timeout", "none");
        properties.setProperty("webcache.caches.default.max-bytes", "8MB");
        properties.setProperty("webcache.caches.default.disk", "256MB");
        properties.setProperty("webcache.caches.default.disk-path", directory.toString());
        properties.setProperty("webcache.caches.default.persistent", "true");
        if (directoryState.equals("warm")) {
            try (Caches filling = Caches.fromProperties(properties)) {
                BenchPage page = BenchPage.of(2048);
                for (int i = 0; i < PAGES; i++) {
                    filling.getDefault().set(key(i), page);
                }
            }
        }
    }

    private static String key(int i) {
        return "webcache.page.v2..GET.g1.-.https://example.com/page/" + i;
    }

    @Benchmark
    public BenchPage restartToFirstHit() {
        caches = Caches.fromProperties(properties);
        Cache cache = caches.getDefault();
        BenchPage page = cache.getImmutable(key(PAGES / 2), BenchPage.class);
        if ((page != null) != directoryState.equals("warm")) {
            throw new IllegalStateException("expected a " + (directoryState.equals("warm") ? "hit" : "miss"));
        }
        return page;
    }

    @TearDown(Level.Invocation)
    public void stop() {
        caches.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
