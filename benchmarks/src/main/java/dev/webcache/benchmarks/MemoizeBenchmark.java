package dev.webcache.benchmarks;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.memo.MemoOptions;
import dev.webcache.memo.Memoizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * The hit cost of {@code Memoizer.memoize} for a 10 MiB value stored as large data (chunks), plain, compressed,
 * encrypted and both, against reading the same value with a plain {@code Cache.get} from the same Ehcache on-heap
 * cache. Every call is a hit: the suppliers throw, so a miss fails the run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MemoizeBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
public class MemoizeBenchmark {
    private static final int SIZE = 10 << 20;
    private static final Supplier<Object> MISS = () -> {
        throw new IllegalStateException("the benchmark must measure hits");
    };

    /**
     * {@code rows}: an {@code ArrayList} of about 124,000 report lines (10 MiB of text); {@code bytes}: the same text
     * as one 10 MiB {@code byte[]}.
     */
    @Param({"rows", "bytes"})
    public String valueType;

    private Caches caches;
    private Cache cache;
    private Memoizer memo;
    private final MemoOptions plain = MemoOptions.defaults().largeData(true).compress(false);
    private final MemoOptions compressed = MemoOptions.defaults().largeData(true).compress(true);
    private final MemoOptions encrypted = plain.encrypt(true);
    private final MemoOptions compressedEncrypted = compressed.encrypt(true);

    @Setup(Level.Trial)
    public void setUp() {
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "ehcache");
        properties.setProperty("webcache.memo.encryption-key", Base64.getEncoder().encodeToString(key));
        caches = Caches.fromProperties(properties);
        cache = caches.getDefault();
        memo = Memoizer.of(cache);

        List<String> lines = reportLines();
        Object value = valueType.equals("rows") ? lines
                : String.join("", lines).getBytes(StandardCharsets.UTF_8);
        // The JDK's AES-GCM decrypts at intrinsic speed only once the JIT has compiled the methods its doFinal
        // calls for inputs over 64 KiB; it calls them about six times per message, so a JVM that has decrypted
        // only a few huge values is still on the slow path. 1,500 hits of a 128 KiB encrypted value get there,
        // as a server reading encrypted data does; the cold figure is in the README.
        memo.memoize("warm-up", () -> new byte[128 << 10], encrypted);
        for (int i = 0; i < 1_500; i++) {
            memo.memoize("warm-up", MISS, encrypted);
        }
        cache.clear();
        cache.set("value", value, Cache.FOREVER);
        memo.memoize("plain", () -> value, plain);
        memo.memoize("compressed", () -> value, compressed);
        memo.memoize("encrypted", () -> value, encrypted);
        memo.memoize("compressed-encrypted", () -> value, compressedEncrypted);
        if (cache.get("value") == null) {
            throw new IllegalStateException("the baseline must be a hit");
        }
    }

    /** Text that compresses like real data (about 3.6:1 with zlib), not like a repeated string. */
    private static List<String> reportLines() {
        Random random = new Random(42);
        String[] statuses = {"shipped", "pending", "returned", "cancelled"};
        List<String> lines = new ArrayList<>();
        int size = 0;
        for (int row = 0; size < SIZE; row++) {
            String line = "row " + row + ": customer " + random.nextInt(50_000) + ", order " + random.nextLong()
                    + ", amount " + random.nextInt(100_000) / 100.0 + ", status " + statuses[random.nextInt(4)]
                    + "\n";
            lines.add(line);
            size += line.length();
        }
        return lines;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        caches.close();
    }

    @Benchmark
    public Object cacheGet() {
        return cache.get("value");
    }

    @Benchmark
    public Object memoizePlain() {
        return memo.memoize("plain", MISS, plain);
    }

    @Benchmark
    public Object memoizeCompressed() {
        return memo.memoize("compressed", MISS, compressed);
    }

    @Benchmark
    public Object memoizeEncrypted() {
        return memo.memoize("encrypted", MISS, encrypted);
    }

    @Benchmark
    public Object memoizeCompressedEncrypted() {
        return memo.memoize("compressed-encrypted", MISS, compressedEncrypted);
    }
}
