package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Caches;
import dev.webcache.memo.MemoOptions;
import dev.webcache.memo.Memoizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.example.gadget.Gadget;
import org.junit.jupiter.api.Test;

/** Memoized data on a shared backend: chunks, encryption and the allow-list across a Hazelcast member. */
class MemoOnHazelcastTest {

    @Test
    void largeEncryptedDataAndItemsRoundTripAndAGadgetIsStillRefused() {
        int port = TestCluster.freePort();
        Properties properties = TestCluster.memberProperties(TestCluster.newClusterName(), port, port);
        properties.setProperty("webcache.memo.encryption-key", Base64.getEncoder().encodeToString(new byte[32]));
        try (Caches caches = Caches.fromProperties(properties)) {
            Memoizer memo = Memoizer.of(caches.getDefault());
            AtomicInteger calls = new AtomicInteger();
            byte[] big = new byte[3 * Memoizer.CHUNK_SIZE];
            new Random(1).nextBytes(big);
            MemoOptions large = MemoOptions.defaults().largeData(true).encrypt(true);
            assertArrayEquals(big, memo.memoize("big", () -> { calls.incrementAndGet(); return big; }, large));
            assertArrayEquals(big, memo.memoize("big", () -> { calls.incrementAndGet(); return big; }, large));
            assertEquals(1, calls.get());

            List<String> items = IntStream.range(0, 5_000).mapToObj(i -> "item " + i).toList();
            List<String> first = new ArrayList<>();
            memo.<String>memoizeIter("items", items::iterator, MemoOptions.defaults()).forEachRemaining(first::add);
            List<String> second = new ArrayList<>();
            memo.<String>memoizeIter("items", () -> { throw new AssertionError("a hit"); }, MemoOptions.defaults())
                    .forEachRemaining(second::add);
            assertEquals(items, first);
            assertEquals(items, second);

            Gadget.DESERIALIZED.set(0);
            memo.memoize("gadget", () -> List.of(new Gadget()));
            memo.memoize("gadget", () -> List.of(new Gadget()));
            assertEquals(0, Gadget.DESERIALIZED.get());

            // what a shared backend hands back may be hostile: a graph too deep to read back (the shape of a hash
            // set bomb) is a quick miss and is computed again, never an exception or a stall
            AtomicInteger bombs = new AtomicInteger();
            Set<Object> deep = HostilePayloads.nestedSets(40);
            long start = System.nanoTime();
            memo.memoize("deep", () -> { bombs.incrementAndGet(); return deep; });
            memo.memoize("deep", () -> { bombs.incrementAndGet(); return deep; });
            assertEquals(2, bombs.get(), "read back, 40 levels of sets would take hours of hashing");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        }
    }
}
