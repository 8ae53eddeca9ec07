package dev.webcache.cache.ehcache;

import dev.webcache.cache.spi.BackendEntry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
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
 * The byte budget's cost, and why the page cache keeps pages on the heap: a get and a put of a page-sized entry
 * (a {@link BackendEntry} holding a {@code byte[]} body, as Ehcache holds every webcache value) on three Ehcache
 * configurations, same JVM, same run. {@code entries}: a heap tier bounded by entry count (webcache before byte
 * budgets); {@code bytes}: a heap tier bounded in bytes, weighed by {@link EntryWeigher} (webcache's default now);
 * {@code offheap}: a small heap tier in front of an off-heap tier bounded in bytes, where every read of an entry
 * not on the heap copies and deserializes it. 256 keys, all hits; every store fits its budget.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main HeapTierBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxDirectMemorySize=512m"})
public class HeapTierBenchmark {
    private static final int KEYS = 256;

    @Param({"entries", "bytes", "offheap"})
    public String tier;

    /** The body size in bytes. */
    @Param({"2048", "65536"})
    public int size;

    private CacheManager manager;
    private Cache<String, BackendEntry> cache;
    private final String[] keys = new String[KEYS];
    private BackendEntry entry;

    @Setup(Level.Trial)
    public void setUp() {
        CacheManagerBuilder<CacheManager> builder = CacheManagerBuilder.newCacheManagerBuilder();
        ResourcePoolsBuilder pools = switch (tier) {
            case "entries" -> ResourcePoolsBuilder.heap(10_000);
            case "bytes" -> ResourcePoolsBuilder.newResourcePoolsBuilder().heap(64, MemoryUnit.MB);
            case "offheap" -> ResourcePoolsBuilder.newResourcePoolsBuilder().heap(4)
                    .offheap(64, MemoryUnit.MB);
            default -> throw new IllegalArgumentException(tier);
        };
        if (tier.equals("bytes")) {
            builder = builder.using(new EntryWeigher());
        }
        manager = builder.build(true);
        CacheConfigurationBuilder<String, BackendEntry> config = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(String.class, BackendEntry.class, pools);
        if (tier.equals("bytes")) {
            config = config.withService(new EntryWeigher.Weighing(0, false));
        }
        cache = manager.createCache("pages", config);
        entry = new BackendEntry(new byte[size], BackendEntry.NEVER);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "webcache.page.v2..vary.https://example.com/page/" + i;
            cache.put(keys[i], entry);
        }
        for (String key : keys) {
            if (cache.get(key) == null) {
                throw new IllegalStateException("a key was evicted: the benchmark must measure hits");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public BackendEntry get() {
        return cache.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
    }

    @Benchmark
    public void put() {
        cache.put(keys[ThreadLocalRandom.current().nextInt(KEYS)], entry);
    }
}
