package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The backend contract on the default backend, Ehcache 3 on-heap, plus its entry bound. */
class EhcacheContractTest extends BackendContractTest {

    @Override
    protected Properties backendProperties() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "ehcache");
        properties.setProperty("webcache.caches.default.max-entries", "100000");
        properties.setProperty("webcache.caches.small.backend", "ehcache");
        properties.setProperty("webcache.caches.small.max-entries", "10");
        properties.setProperty("webcache.caches.budget.backend", "ehcache");
        properties.setProperty("webcache.caches.budget.max-bytes", "1MB");
        return properties;
    }

    @Test
    void maxBytesBoundsTheStoreWhateverTheValuesSize() {
        Cache budget = caches.get("budget");
        byte[] large = new byte[64 * 1024];
        for (int i = 0; i < 200; i++) {
            budget.set("large" + i, large);
        }
        long held = 0;
        int present = 0;
        for (int i = 0; i < 200; i++) {
            byte[] value = budget.get("large" + i);
            if (value != null) {
                present++;
                held += value.length;
            }
        }
        assertTrue(present > 0 && held <= 1024 * 1024, present + " values of 64 KiB kept");
        assertTrue(budget.hasKey("large199"), "the newest value is kept");
        long weighed = budget.statistics().bytes().orElseThrow();
        assertTrue(weighed >= held && weighed <= 1024 * 1024, "bytes " + weighed + " for " + held + " of values");
        for (int i = 0; i < 20_000; i++) {
            budget.set("small" + i, i);
        }
        long small = 0;
        for (int i = 0; i < 20_000; i++) {
            small += budget.hasKey("small" + i) ? 1 : 0;
        }
        // a small entry weighs about 200 bytes: thousands fit in 1 MB, not all 20,000
        assertTrue(small > 2_000 && small < 20_000, small + " small entries kept");
    }

    @Test
    void theDefaultBudgetIsSixtyFourMegabytes() {
        byte[] mebibyte = new byte[1024 * 1024];
        Cache unbounded = caches.get("default");
        for (int i = 0; i < 100; i++) {
            unbounded.set("mib" + i, mebibyte);
        }
        long present = 0;
        for (int i = 0; i < 100; i++) {
            present += unbounded.hasKey("mib" + i) ? 1 : 0;
        }
        assertTrue(present >= 32 && present < 64, present + " values of 1 MiB kept");
        unbounded.clear();
    }

    @Test
    void maxEntriesBoundsTheStore() {
        Cache small = caches.get("small");
        for (int i = 0; i < 100; i++) {
            small.set("k" + i, i);
        }
        long present = 0;
        for (int i = 0; i < 100; i++) {
            present += small.hasKey("k" + i) ? 1 : 0;
        }
        assertTrue(present > 0 && present <= 10, "entries kept: " + present);
        assertEquals(present, small.statistics().entries().orElseThrow(), "Ehcache's own count");
        assertTrue(small.statistics().bytes().orElseThrow() > 0, "the heap tier's weight of the entries");
    }
}
