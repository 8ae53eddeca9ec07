package dev.webcache.cache.hazelcast;

import dev.webcache.cache.spi.Counters;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The atomic read-modify-write operations of {@link HazelcastBackend}. Each runs on the member that owns the key,
 * under that key's lock, and sets Hazelcast's own time-to-live from the entry's expiry; the same processor then runs
 * on the backup replicas. Each carries the caller's "now" so that expiry follows the registry's clock, not the
 * member's.
 */
final class EntryProcessors {
    private EntryProcessors() {
    }

    private static void store(Map.Entry<String, StoredEntry> entry, StoredEntry value, long nowMillis) {
        @SuppressWarnings("unchecked")
        ExtendedMapEntry<String, StoredEntry> extended = (ExtendedMapEntry<String, StoredEntry>) entry;
        extended.setValue(value, value.ttlMillisAt(nowMillis), TimeUnit.MILLISECONDS);
    }

    private static boolean isLive(StoredEntry current, long nowMillis) {
        return current != null && !current.isExpiredAt(nowMillis);
    }

    /**
     * What every processor shares: its identity in webcache's serialization factory and the caller's "now", written
     * first, then the processor's own fields.
     */
    private abstract static class ClockedProcessor<R>
            implements EntryProcessor<String, StoredEntry, R>, IdentifiedDataSerializable {
        private final int classId;
        long nowMillis;

        ClockedProcessor(int classId, long nowMillis) {
            this.classId = classId;
            this.nowMillis = nowMillis;
        }

        @Override
        public final int getFactoryId() {
            return WebcacheSerializableFactory.FACTORY_ID;
        }

        @Override
        public final int getClassId() {
            return classId;
        }

        @Override
        public final void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(nowMillis);
            writeFields(out);
        }

        @Override
        public final void readData(ObjectDataInput in) throws IOException {
            nowMillis = in.readLong();
            readFields(in);
        }

        abstract void writeFields(ObjectDataOutput out) throws IOException;

        abstract void readFields(ObjectDataInput in) throws IOException;
    }

    /**
     * Adds a delta to a live integral number, keeping its expiry. Returns the new number, {@code null} when the key
     * is absent, or the unchanged entry when its value cannot be incremented (the caller repeats the arithmetic
     * locally to raise the same error).
     */
    static final class Increment extends ClockedProcessor<Object> {
        private long delta;

        /** For deserialization only. */
        Increment() {
            this(0, 0);
        }

        Increment(long delta, long nowMillis) {
            super(WebcacheSerializableFactory.INCREMENT, nowMillis);
            this.delta = delta;
        }

        @Override
        public Object process(Map.Entry<String, StoredEntry> entry) {
            StoredEntry current = entry.getValue();
            if (!isLive(current, nowMillis)) {
                return null;
            }
            Object sum;
            try {
                sum = Counters.add(current.value(), delta);
            } catch (ClassCastException | ArithmeticException notANumber) {
                return current;
            }
            store(entry, current.withValue(sum), nowMillis);
            return sum;
        }

        @Override
        void writeFields(ObjectDataOutput out) throws IOException {
            out.writeLong(delta);
        }

        @Override
        void readFields(ObjectDataInput in) throws IOException {
            delta = in.readLong();
        }
    }

    /** Gives a live entry a new expiry; returns whether the key was live. */
    static final class Touch extends ClockedProcessor<Boolean> {
        private long expiresAtMillis;

        /** For deserialization only. */
        Touch() {
            this(0, 0);
        }

        Touch(long expiresAtMillis, long nowMillis) {
            super(WebcacheSerializableFactory.TOUCH, nowMillis);
            this.expiresAtMillis = expiresAtMillis;
        }

        @Override
        public Boolean process(Map.Entry<String, StoredEntry> entry) {
            StoredEntry current = entry.getValue();
            if (!isLive(current, nowMillis)) {
                return false;
            }
            store(entry, current.withExpiry(expiresAtMillis), nowMillis);
            return true;
        }

        @Override
        void writeFields(ObjectDataOutput out) throws IOException {
            out.writeLong(expiresAtMillis);
        }

        @Override
        void readFields(ObjectDataInput in) throws IOException {
            expiresAtMillis = in.readLong();
        }
    }

    /** Compare-and-set: stores the replacement only while the entry equals the expected one. */
    static final class Replace extends ClockedProcessor<Boolean> {
        private StoredEntry expected;
        private StoredEntry replacement;

        /** For deserialization only. */
        Replace() {
            this(null, null, 0);
        }

        Replace(StoredEntry expected, StoredEntry replacement, long nowMillis) {
            super(WebcacheSerializableFactory.REPLACE, nowMillis);
            this.expected = expected;
            this.replacement = replacement;
        }

        @Override
        public Boolean process(Map.Entry<String, StoredEntry> entry) {
            if (!expected.equals(entry.getValue())) {
                return false;
            }
            store(entry, replacement, nowMillis);
            return true;
        }

        @Override
        void writeFields(ObjectDataOutput out) throws IOException {
            expected.writeData(out);
            replacement.writeData(out);
        }

        @Override
        void readFields(ObjectDataInput in) throws IOException {
            expected = new StoredEntry();
            expected.readData(in);
            replacement = new StoredEntry();
            replacement.readData(in);
        }
    }

    /** Stores an entry only when the key is absent or expired on the caller's clock; returns whether it stored. */
    static final class PutIfAbsent extends ClockedProcessor<Boolean> {
        private StoredEntry value;

        /** For deserialization only. */
        PutIfAbsent() {
            this(null, 0);
        }

        PutIfAbsent(StoredEntry value, long nowMillis) {
            super(WebcacheSerializableFactory.PUT_IF_ABSENT, nowMillis);
            this.value = value;
        }

        @Override
        public Boolean process(Map.Entry<String, StoredEntry> entry) {
            if (isLive(entry.getValue(), nowMillis)) {
                return false;
            }
            store(entry, value, nowMillis);
            return true;
        }

        @Override
        void writeFields(ObjectDataOutput out) throws IOException {
            value.writeData(out);
        }

        @Override
        void readFields(ObjectDataInput in) throws IOException {
            value = new StoredEntry();
            value.readData(in);
        }
    }
}
