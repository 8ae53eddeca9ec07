package dev.webcache.benchmarks;

import dev.webcache.web.WebcacheInitializer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@code <cache:fragment>} hits. Four JSP pages with the same output, compiled by Jasper and served by
 * an embedded Jetty 12:
 * <ul>
 *   <li>{@code static}: the output as static text (the baseline);</li>
 *   <li>{@code cached}: ten sections, each in {@code <cache:fragment name="section-N" timeout="none">} (every request
 *       after the first is ten hits);</li>
 *   <li>{@code cachedVary}: the same with {@code vary="${param.user}"} on each fragment (ten EL evaluations more);</li>
 *   <li>{@code uncached}: the sections rendered by JSTL on every request.</li>
 * </ul>
 *
 * <p>The machine these run on is shared and its load changes from second to second, so timing the pages one after
 * the other (JMH's usual way) compares different loads. Each benchmark operation therefore requests all four pages
 * in turn (rotating which goes first) and adds each page's time to its own counter: the counters of one iteration
 * cover the same seconds, and their ratios are the result.
 * <ul>
 *   <li>{@code local}: through one kept-alive connection of Jetty's in-process {@link LocalConnector}, which parses
 *       and serves the request in the calling thread, so the counters hold that thread's <em>CPU time</em>: the
 *       server's cost, unaffected by waiting for a core on a busy machine;</li>
 *   <li>{@code http}: over loopback with the JDK's HTTP client; the counters hold wall-clock time (client, network
 *       and server).</li>
 * </ul>
 * Goal (issue 16): {@code cached} costs at most 1.05x {@code static} in {@code local} (server CPU).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar FragmentCacheBenchmark -rf json</pre>
 * The counters ({@code staticNs}, {@code cachedNs}, ...) are nanoseconds summed over the iterations, {@code requests}
 * the number of requests each page got.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(1)
public class FragmentCacheBenchmark {
    private static final int FRAGMENTS = 10;
    private static final int ITEMS = 20;
    private static final String QUERY = "?user=ann";
    private static final String[] PAGES = {"static", "cached", "cachedVary", "uncached"};

    private Path root;
    private Server server;
    private LocalConnector.LocalEndPoint local;
    private HttpClient client;
    private final HttpRequest[] requests = new HttpRequest[PAGES.length];
    private int rotation;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** Time spent on each page during one iteration, and how many requests each page got. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timings {
        public long staticNs;
        public long cachedNs;
        public long cachedVaryNs;
        public long uncachedNs;
        public long requests;

        @Setup(Level.Iteration)
        public void reset() {
            staticNs = 0;
            cachedNs = 0;
            cachedVaryNs = 0;
            uncachedNs = 0;
            requests = 0;
        }

        void add(int page, long nanos) {
            switch (page) {
                case 0 -> staticNs += nanos;
                case 1 -> cachedNs += nanos;
                case 2 -> cachedVaryNs += nanos;
                default -> uncachedNs += nanos;
            }
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        root = Files.createTempDirectory("webcache-fragment-bench-");
        Path webapp = Files.createDirectories(root.resolve("webapp"));
        writePages(webapp);

        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        LocalConnector localConnector = new LocalConnector(server);
        server.addConnector(localConnector);

        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setBaseResourceAsPath(webapp);
        context.setTempDirectory(Files.createDirectories(root.resolve("work")).toFile());
        // TLDs (JSTL's and webcache's) come from the class path: the shaded jar, or jars and classes directories
        context.setAttribute("org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern",
                ".*/benchmarks[^/]*\\.jar$|.*/jakarta\\.servlet\\.jsp\\.jstl-[^/]*\\.jar$|.*/webcache-[^/]*\\.jar$"
                        + "|.*/target/classes/?$");
        context.addServletContainerInitializer(new JettyJasperInitializer());
        context.addServletContainerInitializer(new WebcacheInitializer());
        server.setHandler(context);
        server.start();
        local = localConnector.connect();

        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
        for (int page = 0; page < PAGES.length; page++) {
            requests[page] = HttpRequest.newBuilder(base.resolve(PAGES[page] + ".jsp" + QUERY)).build();
        }
        String expected = http(0);
        if (!expected.contains("Item " + ITEMS + " of section " + FRAGMENTS)) {
            throw new IllegalStateException("unexpected static page:\n" + expected);
        }
        for (int page = 1; page < PAGES.length; page++) {
            for (int i = 0; i < 2; i++) {
                if (!expected.equals(http(page)) || !local(page).endsWith(expected)) {
                    throw new IllegalStateException(PAGES[page] + " must render what the static page renders");
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.stop();
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** One request for each page through Jetty's in-process connector; counts the CPU time each one took. */
    @Benchmark
    public int local(Timings timings) throws Exception {
        int length = 0;
        int first = rotation++ % PAGES.length;
        for (int i = 0; i < PAGES.length; i++) {
            int page = (first + i) % PAGES.length;
            long start = threads.getCurrentThreadCpuTime();
            length += local(page).length();
            timings.add(page, threads.getCurrentThreadCpuTime() - start);
        }
        timings.requests++;
        return length;
    }

    /** One request for each page over loopback HTTP; counts the wall-clock time each one took. */
    @Benchmark
    public int http(Timings timings) throws Exception {
        int length = 0;
        int first = rotation++ % PAGES.length;
        for (int i = 0; i < PAGES.length; i++) {
            int page = (first + i) % PAGES.length;
            long start = System.nanoTime();
            length += http(page).length();
            timings.add(page, System.nanoTime() - start);
        }
        timings.requests++;
        return length;
    }

    private String http(int page) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(requests[page], HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(PAGES[page] + ": HTTP " + response.statusCode() + "\n" + response.body());
        }
        return response.body();
    }

    private String local(int page) throws Exception {
        local.addInput("GET /" + PAGES[page] + ".jsp" + QUERY + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        String response = local.getResponse();
        if (!response.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException(PAGES[page] + ": " + response);
        }
        return response;
    }

    /** The four pages: ten sections of twenty list items, as described on the class. */
    private static void writePages(Path dir) throws IOException {
        String header = "<%@ page contentType=\"text/html; charset=UTF-8\" session=\"false\" %>"
                + "<%@ taglib prefix=\"c\" uri=\"jakarta.tags.core\" %>"
                + "<%@ taglib prefix=\"cache\" uri=\"dev.webcache.tags\" %>"
                + "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Ten sections</title></head><body>\n";
        StringBuilder cached = new StringBuilder(header);
        StringBuilder cachedVary = new StringBuilder(header);
        StringBuilder uncached = new StringBuilder(header);
        StringBuilder fixed = new StringBuilder(header);
        for (int section = 1; section <= FRAGMENTS; section++) {
            String body = "<section><h2>Section " + section + " for <c:out value=\"${param.user}\"/></h2><ul>"
                    + "<c:forEach var=\"n\" begin=\"1\" end=\"" + ITEMS + "\"><li class=\"item\">Item ${n} of section "
                    + section + "</li></c:forEach></ul></section>\n";
            cached.append("<cache:fragment name=\"section-").append(section).append("\" timeout=\"none\">")
                    .append(body).append("</cache:fragment>");
            cachedVary.append("<cache:fragment name=\"vary-section-").append(section).append("\" vary=\"${param.user}\"")
                    .append(" timeout=\"none\">").append(body).append("</cache:fragment>");
            uncached.append(body);
            fixed.append("<section><h2>Section ").append(section).append(" for ann</h2><ul>");
            for (int n = 1; n <= ITEMS; n++) {
                fixed.append("<li class=\"item\">Item ").append(n).append(" of section ").append(section)
                        .append("</li>");
            }
            fixed.append("</ul></section>\n");
        }
        String footer = "</body></html>\n";
        Files.writeString(dir.resolve("cached.jsp"), cached.append(footer), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("cachedVary.jsp"), cachedVary.append(footer), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("uncached.jsp"), uncached.append(footer), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("static.jsp"), fixed.append(footer), StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(dir.resolve("WEB-INF/web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"/>
                """, StandardCharsets.UTF_8);
    }
}
