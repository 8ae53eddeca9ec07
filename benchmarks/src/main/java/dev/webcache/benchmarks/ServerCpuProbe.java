package dev.webcache.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;

/**
 * Server CPU per request without sockets or a load generator: the {@link HttpBenchServer} application behind Jetty's
 * in-memory {@link LocalConnector}, one keep-alive connection, requests sent one after another. It counts the
 * process's CPU time minus the sending thread's (which parses the responses), so what it reports is what the
 * server spends, whatever share of the machine it gets. Usage:
 * {@code java -cp benchmarks.jar dev.webcache.benchmarks.ServerCpuProbe [route...]} (default: the 2 KiB routes;
 * {@code gzip/<size>} is the hit route asked for with {@code Accept-Encoding: gzip}). Besides each route's minimum
 * and median, it prints the per-round ratios of the pairs hit against limit and against headers (the bare servlet
 * with a hit's header lines), headers against limit, pass against direct and gzip against hit, when both routes of a
 * pair ran.
 */
public final class ServerCpuProbe {
    private static final int ROUNDS = 14;
    private static final int WARM_UP_ROUNDS = 4;
    private static final int REQUESTS_PER_RUN = 20_000;
    /** The route and its baseline, compared round by round when both are measured. */
    private static final String[][] PAIRS = {{"hit", "limit"}, {"hit", "headers"}, {"headers", "limit"},
        {"pass", "direct"}, {"gzip", "hit"}};

    private ServerCpuProbe() {
    }

    /** The request of a route; {@code gzip/<size>} is the {@code /hit} page asked for by a client accepting gzip. */
    private static byte[] request(String route) {
        String head = route.startsWith("gzip/")
                ? "GET /hit/" + route.substring(5) + " HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n"
                : "GET /" + route + " HTTP/1.1\r\nHost: localhost\r\n";
        return (head + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    public static void main(String[] args) throws Exception {
        String[] routes = args.length > 0 ? args : new String[] {"limit/2k", "hit/2k", "pass/2k", "direct/2k"};
        Server server = new Server();
        LocalConnector connector = new LocalConnector(server);
        server.addConnector(connector);
        server.setHandler(HttpBenchServer.application(server));
        server.start();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LocalConnector.LocalEndPoint endpoint = connector.connect();
        Map<String, List<Double>> microsPerRequest = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String route : routes) {
                byte[] request = request(route);
                long before = os.getProcessCpuTime() - threads.getCurrentThreadCpuTime();
                for (int i = 0; i < REQUESTS_PER_RUN; i++) {
                    endpoint.addInputAndExecute(ByteBuffer.wrap(request));
                    if (endpoint.waitForResponse(false, 10, TimeUnit.SECONDS) == null) {
                        throw new IllegalStateException("no response from /" + route);
                    }
                }
                long after = os.getProcessCpuTime() - threads.getCurrentThreadCpuTime();
                if (round >= WARM_UP_ROUNDS) {
                    microsPerRequest.computeIfAbsent(route, key -> new ArrayList<>())
                            .add((after - before) / 1000.0 / REQUESTS_PER_RUN);
                }
            }
        }
        server.stop();
        for (String[] pair : PAIRS) {
            printRatio(microsPerRequest, pair[0] + "/2k", pair[1] + "/2k");
            printRatio(microsPerRequest, pair[0] + "/64k", pair[1] + "/64k");
        }
        microsPerRequest.forEach((route, values) -> {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            System.out.printf("%-12s server CPU per request: min %.2f us, median %.2f us (%d runs of %d)%n", route,
                    sorted.get(0), sorted.get(sorted.size() / 2), sorted.size(), REQUESTS_PER_RUN);
        });
    }

    /**
     * The median over rounds of {@code baseline CPU / route CPU} within each round (what the route does per core
     * against the baseline, in req/s terms): the two runs of a round are the closest in time, so neighbours that
     * slow the machine down between rounds cancel out.
     */
    private static void printRatio(Map<String, List<Double>> microsPerRequest, String route, String baseline) {
        List<Double> measured = microsPerRequest.get(route);
        List<Double> base = microsPerRequest.get(baseline);
        if (measured == null || base == null) {
            return;
        }
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < measured.size(); round++) {
            ratios.add(base.get(round) / measured.get(round));
        }
        Collections.sort(ratios);
        System.out.printf("%-12s / %-12s %.3f (median of %d rounds; min %.3f, max %.3f)%n", baseline, route,
                ratios.get(ratios.size() / 2), ratios.size(), ratios.get(0), ratios.get(ratios.size() - 1));
    }
}
