package dev.webcache.cache.hazelcast;

/**
 * The health of one registry's link to its Hazelcast cluster, published as the MBean
 * {@code dev.webcache:type=HazelcastCluster,name=<cluster-name>} (with an {@code instance} key when several
 * applications of one JVM reach the same cluster).
 */
public interface ClusterHealthMXBean {

    /** {@code CLOSED} (calls go to the cluster), {@code OPEN} (they fail at once) or {@code HALF_OPEN} (one probes). */
    String getCircuitState();

    /** Calls that missed their deadline since start-up. */
    long getCallTimeouts();

    /** Calls refused at once because the breaker was open. */
    long getCallsRejected();

    /** How many times the breaker opened. */
    long getTimesOpened();

    /** Whether the member runs, or the client is connected to its cluster. */
    boolean isConnected();
}
