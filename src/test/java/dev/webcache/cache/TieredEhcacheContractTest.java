package dev.webcache.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.tokens.TokenCounters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend contract on Ehcache with all three tiers (a 1 MB heap over 4 MB off-heap over 16 MB of disk): every
 * value crosses into the lower tiers as bytes and comes back intact, with its expiry; plus what only tiers show.
 */
class TieredEhcacheContractTest extends BackendContractTest {
    @TempDir
    static Path directory;

    @Override
    protected Properties backendProperties() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.backend", "ehcache");
        properties.setProperty("webcache.caches.default.max-bytes", "1MB");
        properties.setProperty("webcache.caches.default.offheap", "4MB");
        properties.setProperty("webcache.caches.default.disk", "16MB");
        properties.setProperty("webcache.caches.default.disk-path", directory.toString());
        return properties;
    }

    @Override
    protected int incrementsPerThread() {
        return 1_000;
    }

    @Test
    void valuesLeaveTheHeapAndComeBackWhole() {
        byte[] large = new byte[16 * 1024];
        for (int i = 0; i < 200; i++) {
            large[0] = (byte) i;
            cache.set("large" + i, large);
        }
        // 3.2 MB of values against a 1 MB heap: the lower tiers hold them
        for (int i = 0; i < 200; i++) {
            byte[] read = cache.get("large" + i);
            assertEquals(large.length, read.length, "value " + i);
            assertEquals((byte) i, read[0], "value " + i);
        }
        assertEquals(200, cache.statistics().entries().orElseThrow(), "the disk tier counts every entry");
    }

    @Test
    void byteArraysCompareByContentSoTouchAndAddWork() {
        cache.set("bytes", new byte[] {1, 2, 3}, Duration.ofSeconds(10));
        assertTrue(cache.touch("bytes", Duration.ofSeconds(60)));
        clock.advance(Duration.ofSeconds(30));
        assertArrayEquals(new byte[] {1, 2, 3}, cache.get("bytes"));
        assertFalse(cache.add("bytes", new byte[] {4}));
        assertTrue(cache.delete("bytes"));
    }

    @Test
    void aValueTheAllowListWouldRefuseFailsWhenStored() {
        assertTrue(cache.settings().allowedClasses().isEmpty());
        // java.io is neither webcache's nor among the JDK's value packages
        UnserializableValueException failure = assertThrows(UnserializableValueException.class,
                () -> cache.set("foreign", new ArrayList<>(List.of(new File("x")))));
        assertTrue(failure.getMessage().contains("class java.io.File")
                && failure.getMessage().contains("webcache.caches.default.allowed-classes"), failure.getMessage());
        assertFalse(cache.hasKey("foreign"));
    }

    /** A value type with a compact form. */
    record Label(String text) implements ImmutableValue {
    }

    /** The compact form of {@link Label}. */
    enum LabelFormat implements CompactFormat<Label> {
        INSTANCE;

        @Override
        public String id() {
            return "test.label/1";
        }

        @Override
        public Class<Label> type() {
            return Label.class;
        }

        @Override
        public void write(Label value, DataOutput out) throws IOException {
            out.writeUTF(value.text());
        }

        @Override
        public Label read(DataInput in) throws IOException {
            return new Label(in.readUTF());
        }
    }

    /** A value type without one. */
    record Unformatted(String text) implements ImmutableValue {
    }

    @Test
    void getImmutableReadsOnlyTheCompactFormBackFromTheLowerTiers() {
        CompactFormat.register(LabelFormat.INSTANCE);
        cache.set("label", new Label("kept"));
        assertEquals(new Label("kept"), cache.getImmutable("label", Label.class));
        cache.set("unformatted", new Unformatted("serialized"));
        assertNull(cache.getImmutable("unformatted", Unformatted.class),
                "Java-serialized bytes are never deserialized for getImmutable, as for page keys");
        assertEquals(new Unformatted("serialized"), cache.get("unformatted"), "get reads them through the allow-list");
    }

    @Test
    void immutableValuesWithoutACompactFormTravelSerialized() {
        TokenCounters counters = TokenCounters.of(cache);
        counters.setVersioned("text", "fragment", 7);
        counters.setVersioned("when", Instant.EPOCH, 7);
        assertEquals("fragment", counters.getVersioned("text", 7));
        assertEquals(Instant.EPOCH, counters.getVersioned("when", 7));
        assertNull(counters.getVersioned("text", 8));
        long movies = counters.incr("movies");
        assertEquals(movies + 1, counters.incr("movies"));
    }
}
