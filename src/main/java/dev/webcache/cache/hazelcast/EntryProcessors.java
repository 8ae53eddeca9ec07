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
     * Adds a delta to a live integral number, keeping its expiry. Returns the new number, {@code null} when the key
     * is absent, or the unchanged entry when its value cannot be incremented (the caller repeats the arithmetic
     * locally to raise the same error).
     */
    static final class Increment implements EntryProcessor<String, StoredEntry, Object>, IdentifiedDataSerializable {
        private long delta;
        private long nowMillis;

        /** For deserialization only. */
        Increment() {
        }

        Increment(long delta, long nowMillis) {
            this.delta = delta;
            this.nowMillis = nowMillis;
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
        public int getFactoryId() {
            return WebcacheSerializableFactory.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return WebcacheSerializableFactory.INCREMENT;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(delta);
            out.writeLong(nowMillis);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            delta = in.readLong();
            nowMillis = in.readLong();
        }
    }

    /** Gives a live entry a new expiry; returns whether the key was live. */
    static final class Touch implements EntryProcessor<String, StoredEntry, Boolean>, IdentifiedDataSerializable {
        private long expiresAtMillis;
        private long nowMillis;

        /** For deserialization only. */
        Touch() {
        }

        Touch(long expiresAtMillis, long nowMillis) {
            this.expiresAtMillis = expiresAtMillis;
            this.nowMillis = nowMillis;
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
        public int getFactoryId() {
            return WebcacheSerializableFactory.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return WebcacheSerializableFactory.TOUCH;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(expiresAtMillis);
            out.writeLong(nowMillis);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            expiresAtMillis = in.readLong();
            nowMillis = in.readLong();
        }
    }

    /** Compare-and-set: stores the replacement only while the entry equals the expected one. */
    static final class Replace implements EntryProcessor<String, StoredEntry, Boolean>, IdentifiedDataSerializable {
        private StoredEntry expected;
        private StoredEntry replacement;
        private long nowMillis;

        /** For deserialization only. */
        Replace() {
        }

        Replace(StoredEntry expected, StoredEntry replacement, long nowMillis) {
            this.expected = expected;
            this.replacement = replacement;
            this.nowMillis = nowMillis;
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
        public int getFactoryId() {
            return WebcacheSerializableFactory.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return WebcacheSerializableFactory.REPLACE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            expected.writeData(out);
            replacement.writeData(out);
            out.writeLong(nowMillis);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            expected = new StoredEntry();
            expected.readData(in);
            replacement = new StoredEntry();
            replacement.readData(in);
            nowMillis = in.readLong();
        }
    }

    /** Stores an entry only when the key is absent or expired on the caller's clock; returns whether it stored. */
    static final class PutIfAbsent implements EntryProcessor<String, StoredEntry, Boolean>, IdentifiedDataSerializable {
        private StoredEntry value;
        private long nowMillis;

        /** For deserialization only. */
        PutIfAbsent() {
        }

        PutIfAbsent(StoredEntry value, long nowMillis) {
            this.value = value;
            this.nowMillis = nowMillis;
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
        public int getFactoryId() {
            return WebcacheSerializableFactory.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return WebcacheSerializableFactory.PUT_IF_ABSENT;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            value.writeData(out);
            out.writeLong(nowMillis);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            value = new StoredEntry();
            value.readData(in);
            nowMillis = in.readLong();
        }
    }
}
