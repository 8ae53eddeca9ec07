package dev.webcache.cache.hazelcast;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Creates webcache's cluster types (stored entries and entry processors) when Hazelcast reads them. webcache
 * registers it in the members and clients it starts. Members of a cluster that webcache only joins as a client
 * need the webcache jar on their class path and this factory in their configuration:
 *
 * <pre>
 * hazelcast:
 *   serialization:
 *     data-serializable-factories:
 *       - factory-id: 22339
 *         class-name: dev.webcache.cache.hazelcast.WebcacheSerializableFactory
 * </pre>
 */
public final class WebcacheSerializableFactory implements DataSerializableFactory {
    /** The factory id ("WC"); unique among the factories of a cluster. */
    public static final int FACTORY_ID = 0x5743;

    static final int STORED_ENTRY = 1;
    static final int INCREMENT = 2;
    static final int TOUCH = 3;
    static final int REPLACE = 4;
    static final int PUT_IF_ABSENT = 5;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case STORED_ENTRY -> new StoredEntry();
            case INCREMENT -> new EntryProcessors.Increment();
            case TOUCH -> new EntryProcessors.Touch();
            case REPLACE -> new EntryProcessors.Replace();
            case PUT_IF_ABSENT -> new EntryProcessors.PutIfAbsent();
            default -> null;
        };
    }
}
