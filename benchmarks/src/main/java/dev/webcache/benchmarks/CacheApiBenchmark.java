package dev.webcache.benchmarks;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
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
 * {@code Cache.get}/{@code set} through webcache against the raw Ehcache 3 API on an identically configured
 * on-heap cache (10,000 entries, 300 s time-to-live), same JVM, same run. The raw side stores the value by
 * reference with a precomputed key; webcache adds key making and checking, expiry bookkeeping and value
 * isolation (a String is kept by reference, a byte[] is copied in and out). The {@code BuiltKey} pair builds each
 * key anew on every call, on both sides, as a page or fragment key is built per request.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CacheApiBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class CacheApiBenchmark {
    private static final int KEYS = 1024;
    private static final String KEY_HEAD = "page:fragment:";

    /** {@code string}: a 1 KiB String; {@code bytes}: a 1 KiB byte[]. */
    @Param({"string", "bytes"})
    public String valueType;

    private Caches caches;
    private Cache cache;
    private CacheManager rawManager;
    private org.ehcache.Cache<String, Object> raw;
    private final String[] keys = new String[KEYS];
    private final String[] rawKeys = new String[KEYS];
    private final String[] keyTails = new String[KEYS];
    private String rawKeyHead;
    private Object value;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "ehcache");
        properties.setProperty("webcache.caches.default.max-entries", "10000");
        properties.setProperty("webcache.caches.default.timeout", "300");
        caches = Caches.fromProperties(properties);
        cache = caches.getDefault();
        rawManager = CacheManagerBuilder.newCacheManagerBuilder().build(true);
        raw = rawManager.createCache("raw", CacheConfigurationBuilder
                .newCacheConfigurationBuilder(String.class, Object.class, ResourcePoolsBuilder.heap(10_000))
                .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(Duration.ofSeconds(300))));
        value = valueType.equals("string") ? "x".repeat(1024) : new byte[1024];
        rawKeyHead = cache.makeKey(KEY_HEAD);
        for (int i = 0; i < KEYS; i++) {
            keyTails[i] = Integer.toString(i);
            keys[i] = KEY_HEAD + i;
            rawKeys[i] = cache.makeKey(keys[i]);
            cache.set(keys[i], value);
            raw.put(rawKeys[i], value);
        }
        if (cache.get(keys[0]) == null || raw.get(rawKeys[0]) == null) {
            throw new IllegalStateException("the benchmark must measure hits");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        caches.close();
        rawManager.close();
    }

    private int nextIndex() {
        next = (next + 1) & (KEYS - 1);
        return next;
    }

    @Benchmark
    public Object webcacheGet() {
        return cache.get(keys[nextIndex()]);
    }

    /** The share of {@link #webcacheGet} spent making and checking the final key. */
    @Benchmark
    public Object webcacheMakeKeyOnly() {
        return cache.makeKey(keys[nextIndex()]);
    }

    @Benchmark
    public Object rawEhcacheGet() {
        return raw.get(rawKeys[nextIndex()]);
    }

    /** {@link #webcacheGet} with a key built on this call (a new string, its hash not computed yet). */
    @Benchmark
    public Object webcacheGetBuiltKey() {
        return cache.get(KEY_HEAD.concat(keyTails[nextIndex()]));
    }

    /** {@link #rawEhcacheGet} with the same final key built on this call. */
    @Benchmark
    public Object rawEhcacheGetBuiltKey() {
        return raw.get(rawKeyHead.concat(keyTails[nextIndex()]));
    }

    @Benchmark
    public void webcacheSet() {
        cache.set(keys[nextIndex()], value);
    }

    @Benchmark
    public void rawEhcacheSet() {
        raw.put(rawKeys[nextIndex()], value);
    }
}
