package dev.webcache.cache.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.util.Arrays;

/**
 * A plain cluster member in a JVM of its own, for tests that freeze it with SIGSTOP: {@code <cluster> <port>
 * <heartbeat-timeout-seconds> <join-port>...}. Prints {@value #READY} once it runs and ends when its standard
 * input closes, so it never outlives the test JVM that started it.
 */
public final class MemberMain {
    /** The line printed once the member runs. */
    public static final String READY = "MEMBER READY";

    private MemberMain() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[1]);
        int[] join = Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray();
        Config config = TestCluster.plainMemberConfig(args[0], port, join);
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", args[2]);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() != -1) {
            // nothing is sent; the end of the stream is the signal to stop
        }
        member.getLifecycleService().terminate();
        System.exit(0);
    }
}
