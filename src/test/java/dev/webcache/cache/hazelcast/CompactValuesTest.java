package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.CompactFormat;
import dev.webcache.cache.ImmutableValue;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A value type with a registered {@link CompactFormat} crosses the cluster in that form, never through Java
 * serialization, and a near cache hands back the value it decoded once.
 */
class CompactValuesTest {

    /** A value whose Java serialization fails: it can only travel in its compact form. */
    record Snapshot(String title, byte[] body) implements ImmutableValue {
        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            throw new NotSerializableException("Java serialization of a Snapshot");
        }
    }

    /** The compact form of {@link Snapshot}. */
    enum SnapshotFormat implements CompactFormat<Snapshot> {
        INSTANCE;

        @Override
        public String id() {
            return "test.snapshot/1";
        }

        @Override
        public Class<Snapshot> type() {
            return Snapshot.class;
        }

        @Override
        public void write(Snapshot value, DataOutput out) throws IOException {
            out.writeUTF(value.title());
            out.writeInt(value.body().length);
            out.write(value.body());
        }

        @Override
        public Snapshot read(DataInput in) throws IOException {
            String title = in.readUTF();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new Snapshot(title, body);
        }
    }

    @Test
    void aValueWithACompactFormatCrossesTheClusterWithoutJavaSerialization() {
        CompactFormat.register(SnapshotFormat.INSTANCE);
        String cluster = TestCluster.newClusterName();
        int memberPort = TestCluster.freePort();
        int otherPort = TestCluster.freePort();
        Properties client = TestCluster.clientProperties(cluster, memberPort, otherPort);
        client.setProperty("webcache.caches.near.backend", "hazelcast");
        client.setProperty("webcache.caches.near.near-cache", "true");
        try (Caches member = Caches.fromProperties(TestCluster.memberProperties(cluster, memberPort, memberPort,
                otherPort));
             Caches other = Caches.fromProperties(TestCluster.memberProperties(cluster, otherPort, memberPort,
                     otherPort));
             Caches reader = Caches.fromProperties(client)) {
            byte[] body = "<html>compact</html>".getBytes();
            for (int i = 0; i < 8; i++) {
                member.getDefault().set("page-" + i, new Snapshot("page " + i, body));
            }
            for (int i = 0; i < 8; i++) {
                Snapshot read = other.getDefault().get("page-" + i);
                assertEquals("page " + i, read.title());
                assertEquals(new String(body), new String(read.body()));
            }

            Cache near = reader.get("near");
            near.set("home", new Snapshot("home", body));
            assertEquals("home", near.<Snapshot>get("home").title());
            // an asynchronous read fills the near cache when it completes, just after the caller has the value
            TestCluster.await(Duration.ofSeconds(10), "the near cache holds the entry",
                    () -> near.get("home") == near.get("home"));
            Snapshot cached = near.get("home");
            assertSame(cached, near.get("home"), "the near cache's entry was decoded once");
        }
        TestCluster.assertNoHazelcastThreads();
    }
}
