package dev.webcache.benchmarks;

import com.hazelcast.core.Hazelcast;

/**
 * The Hazelcast members that {@link HttpBenchServer}'s cluster applications use, started in a JVM of their own by
 * {@code benchmarks/cluster-bench.sh} (so their work does not run on the app server's core): a member of
 * {@value #MEMBER_CLUSTER} on {@code <cluster-port>}, which the app server's embedded member (on
 * {@code cluster-port + 1}) joins, and the only member of {@value #CLIENT_CLUSTER} on {@code cluster-port + 2}, which
 * the app server's client connects to. Runs until killed.
 */
public final class BenchClusterMembers {
    static final String MEMBER_CLUSTER = "webcache-bench-member";
    static final String CLIENT_CLUSTER = "webcache-bench-client";

    private BenchClusterMembers() {
    }

    public static void main(String[] args) {
        int clusterPort = Integer.parseInt(args[0]);
        Hazelcast.newHazelcastInstance(HazelcastHitBenchmark.memberConfig(MEMBER_CLUSTER, clusterPort,
                clusterPort + 1));
        Hazelcast.newHazelcastInstance(HazelcastHitBenchmark.memberConfig(CLIENT_CLUSTER, clusterPort + 2,
                clusterPort + 2));
        System.out.println("BenchClusterMembers ready on 127.0.0.1:" + clusterPort + " (" + MEMBER_CLUSTER
                + ") and 127.0.0.1:" + (clusterPort + 2) + " (" + CLIENT_CLUSTER + ")");
    }
}
