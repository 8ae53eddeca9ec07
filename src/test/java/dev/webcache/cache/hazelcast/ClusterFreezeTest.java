package dev.webcache.cache.hazelcast;

import static dev.webcache.cache.hazelcast.TestCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.spi.BackendUnavailableException;
import dev.webcache.testing.TestServer;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A member that freezes (SIGSTOP: a long GC pause, a stopped VM, a partition that drops packets) never holds a
 * request: the member runs in a JVM of its own, and a real Jetty serving pages, fragments and memoized data from the
 * cluster is under concurrent HTTP load while it is frozen. Every request is answered within the call deadline plus
 * a margin, with the right body and no 5xx; the circuit breaker opens and closes by itself; hits come back after
 * the thaw. Also a client whose only member freezes (its near cache is not served while it is cut off) and an
 * undeploy during a freeze.
 */
@EnabledOnOs(OS.LINUX)
class ClusterFreezeTest {
    private static final int CALL_TIMEOUT_MILLIS = 300;
    private static final int HEARTBEAT_TIMEOUT_SECONDS = 8;
    /**
     * The longest a request may take while a member is frozen: a page request makes at most a few cache calls,
     * each bounded by the deadline, and the breaker stops the next ones; the rest is margin for a loaded machine
     * (GC pauses, CPU starvation). Without deadlines requests wait for the heartbeat timeout, twice as long.
     */
    private static final Duration LATENCY_BOUND = Duration.ofSeconds(4);
    private static final Duration FREEZE = Duration.ofSeconds(12);
    private static final List<String> URLS = urls();

    private final String cluster = TestCluster.newClusterName();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Path appDirs;

    @BeforeEach
    void createAppDirs() throws IOException {
        appDirs = Files.createTempDirectory("webcache-freeze-apps-");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        try (Stream<Path> files = Files.walk(appDirs)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            urls.add("/page/p" + i);
        }
        for (int i = 0; i < 6; i++) {
            urls.add("/fragment.jsp?k=" + i);
            urls.add("/memo?k=" + i);
        }
        return List.copyOf(urls);
    }

    /** The body {@code url} must answer, cached or not. */
    private static boolean correct(String url, String body) {
        if (url.startsWith("/page/")) {
            return body.startsWith("render=") && body.contains(" url=" + url);
        }
        String k = url.substring(url.indexOf("k=") + 2);
        if (url.startsWith("/memo")) {
            return body.equals("memo=" + k);
        }
        return body.trim().equals("fragment=" + k + ";icache=" + k);
    }

    @Test
    void aFrozenMemberNeverHoldsARequest() throws Exception {
        long testStartedAt = System.nanoTime();
        int memberPort = TestCluster.freePort();
        int appPort = TestCluster.freePort();
        MemberProcess member = started(MemberProcess.start(cluster, memberPort, HEARTBEAT_TIMEOUT_SECONDS,
                memberPort, appPort));
        TestServer app = app("member", TestCluster.memberProperties(cluster, appPort, memberPort, appPort));
        await(Duration.ofSeconds(30), "the application's member joined the other JVM's",
                () -> memberCount() == 2);
        warmUp(app);

        long loadStartedAt = System.nanoTime();
        Load load = Load.start(app, 6);
        Thread.sleep(1000);
        // a slow call on a loaded machine may have opened it already; the watch measures what the freeze does
        await(Duration.ofSeconds(20), "the breaker is closed before the freeze",
                () -> "CLOSED".equals(circuitState()));
        BreakerWatch watch = BreakerWatch.start(health());
        member.freeze();
        long frozenAt = System.nanoTime();
        Thread.sleep(1000);
        Cache cache = Caches.from(app.context().getServletContext()).getDefault();
        assertLowLevelCallsAnswerInTime(cache);
        Thread.sleep(Math.max(0, FREEZE.toMillis() - millis(System.nanoTime() - frozenAt)));
        long thawedAt = System.nanoTime(); // before SIGCONT: the member may answer as soon as it is sent
        member.thaw();
        await(Duration.ofSeconds(20), "pages are hits again after the thaw", () -> load.hitsSince(thawedAt) >= 20);
        await(Duration.ofSeconds(20), "the breaker closed again", () -> "CLOSED".equals(circuitState()));
        load.stop();
        watch.stop();

        load.assertAllAnsweredCorrectlyWithin(LATENCY_BOUND);
        Load.Sample slowest = load.slowestBetween(frozenAt, thawedAt);
        assertTrue(load.bypassedBetween(frozenAt, thawedAt) > 0, "some requests went around the frozen cluster");
        assertTrue(watch.openedAt > 0, "the breaker opened during the freeze");
        assertFewTimeouts();
        System.out.printf("member freeze: %d requests, %d during the %d s freeze; slowest during it %d ms (%s);"
                        + " breaker opened %d ms after the freeze, closed %d ms after it; %d hits during the freeze"
                        + " (partitions of this member); first hit %d ms after the thaw; started in %d ms; %s%n",
                load.samples.size(), load.countBetween(frozenAt, thawedAt), FREEZE.toSeconds(), slowest.millis(),
                slowest.url, millis(watch.openedAt - frozenAt), millis(watch.closedAt - frozenAt),
                load.hitsBetween(frozenAt, thawedAt), millis(load.firstHitSince(thawedAt) - thawedAt),
                millis(loadStartedAt - testStartedAt), healthSummary());
    }

    @Test
    void aClientWhoseOnlyMemberFreezesNeverWaitsAndServesNoNearCachedEntryWhileCutOff() throws Exception {
        int memberPort = TestCluster.freePort();
        MemberProcess member = started(MemberProcess.start(cluster, memberPort, HEARTBEAT_TIMEOUT_SECONDS,
                memberPort));
        Properties properties = TestCluster.clientProperties(cluster, memberPort);
        properties.setProperty("webcache.caches.pages.near-cache", "true");
        TestServer app = app("client", properties);
        warmUp(app);
        assertEquals("HIT", app.get("/page/p0").headers().firstValue("X-Cache").orElse(""), "near-cached");
        await(Duration.ofSeconds(10), "pages are in the near cache", () -> clientNearCacheEntries() > 0);

        Load load = Load.start(app, 6);
        Thread.sleep(1000);
        // a slow call on a loaded machine may have opened it already; the watch measures what the freeze does
        await(Duration.ofSeconds(20), "the breaker is closed before the freeze",
                () -> "CLOSED".equals(circuitState()));
        BreakerWatch watch = BreakerWatch.start(health());
        member.freeze();
        long frozenAt = System.nanoTime();
        await(Duration.ofSeconds(HEARTBEAT_TIMEOUT_SECONDS + 10L), "the client dropped its frozen member",
                () -> !isConnected());
        long disconnectedAt = System.nanoTime();
        await(Duration.ofSeconds(5), "the near cache was emptied", () -> clientNearCacheEntries() == 0);
        for (int i = 0; i < 16; i++) {
            HttpResponse<String> response = app.get("/page/p" + i);
            assertEquals(200, response.statusCode());
            assertNotEquals("HIT", response.headers().firstValue("X-Cache").orElse(""),
                    "a disconnected client served a near-cached page that no invalidation can reach");
        }
        long remaining = FREEZE.toNanos() - (System.nanoTime() - frozenAt);
        Thread.sleep(Math.max(0, remaining / 1_000_000));
        long thawedAt = System.nanoTime(); // before SIGCONT: the member may answer as soon as it is sent
        member.thaw();
        await(Duration.ofSeconds(30), "the client reconnected", this::isConnected);
        long reconnectedAt = System.nanoTime();
        await(Duration.ofSeconds(20), "pages are hits again after the thaw", () -> load.hitsSince(thawedAt) >= 20);
        await(Duration.ofSeconds(20), "the breaker closed again", () -> "CLOSED".equals(circuitState()));
        load.stop();
        watch.stop();

        load.assertAllAnsweredCorrectlyWithin(LATENCY_BOUND);
        assertTrue(watch.openedAt > 0, "calls past the near cache timed out and opened the breaker");
        assertFewTimeouts();
        // until the thaw the client cannot reconnect: nothing it answers may come from its near cache
        assertEquals(List.of(), load.hitSamplesBetween(disconnectedAt, thawedAt).stream()
                .map(hit -> hit.url + " sent " + millis(hit.startedAt - disconnectedAt) + " ms after the disconnection")
                .toList(), "near-cached pages served while cut off");
        Load.Sample slowest = load.slowestBetween(frozenAt, thawedAt);
        System.out.printf("client freeze: %d requests, %d during the freeze; slowest during it %d ms (%s); breaker"
                        + " opened %d ms after the freeze; disconnected %d ms after it; reconnected %d ms after the"
                        + " thaw; breaker closed %d ms after the thaw; first hit %d ms after the thaw; %s%n",
                load.samples.size(), load.countBetween(frozenAt, thawedAt), slowest.millis(), slowest.url,
                millis(watch.openedAt - frozenAt), millis(disconnectedAt - frozenAt), millis(reconnectedAt - thawedAt),
                millis(watch.closedAt - thawedAt), millis(load.firstHitSince(thawedAt) - thawedAt), healthSummary());
    }

    @Test
    void undeployingDuringAFreezeEndsWithinTenSeconds() throws Exception {
        int memberPort = TestCluster.freePort();
        int appPort = TestCluster.freePort();
        MemberProcess member = started(MemberProcess.start(cluster, memberPort, HEARTBEAT_TIMEOUT_SECONDS,
                memberPort, appPort));
        TestServer embedded = app("member", TestCluster.memberProperties(cluster, appPort, memberPort, appPort));
        TestServer client = app("client", TestCluster.clientProperties(cluster, memberPort));
        await(Duration.ofSeconds(30), "the application's member joined the other JVM's",
                () -> memberCount() == 2);
        warmUp(embedded);
        warmUp(client);

        member.freeze();
        Thread.sleep(1000);
        for (TestServer server : List.of(embedded, client)) {
            long start = System.nanoTime();
            server.stopContext();
            Duration undeploy = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("undeploy of the %s application during a freeze: %d ms%n",
                    server == embedded ? "member" : "client", undeploy.toMillis());
            assertTrue(undeploy.compareTo(Duration.ofSeconds(10)) < 0, "the undeploy took " + undeploy);
        }
        member.thaw();
        TestCluster.assertNoHazelcastThreads();
    }

    /** The low-level API fails open too: a value or a {@link BackendUnavailableException}, within the bound. */
    private static void assertLowLevelCallsAnswerInTime(Cache cache) {
        for (int i = 0; i < 20; i++) {
            String key = "low-level-" + i;
            long start = System.nanoTime();
            try {
                cache.get(key);
                cache.set(key, "v");
            } catch (BackendUnavailableException expected) {
                // what a caller of the low-level API gets from a sick cluster
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(LATENCY_BOUND) <= 0, "a low-level get and set took " + took);
        }
    }

    private MemberProcess started(MemberProcess member) {
        resources.add(member);
        return member;
    }

    /**
     * Serves a copy of the {@code hazelcast-freeze} app configured by {@code properties}, short deadlines and the
     * alias {@code pages} for the page cache.
     */
    private TestServer app(String name, Properties properties) throws Exception {
        // pages in an alias of their own, near-cached in the client test; fragments and memo in the default one
        properties.setProperty("webcache.caches.pages.backend", "hazelcast");
        properties.setProperty("webcache.hazelcast.call-timeout", Integer.toString(CALL_TIMEOUT_MILLIS));
        properties.setProperty("webcache.hazelcast.heartbeat-timeout", Integer.toString(HEARTBEAT_TIMEOUT_SECONDS));
        Path app = appDirs.resolve(name);
        Files.createDirectories(app.resolve("WEB-INF"));
        Path source = Path.of("src/test/webapps/hazelcast-freeze");
        Files.copy(source.resolve("WEB-INF/web.xml"), app.resolve("WEB-INF/web.xml"));
        Files.copy(source.resolve("fragment.jsp"), app.resolve("fragment.jsp"));
        try (var out = Files.newBufferedWriter(app.resolve("WEB-INF/webcache.properties"), StandardCharsets.UTF_8)) {
            properties.store(out, "written by " + getClass().getSimpleName());
        }
        TestServer server = TestServer.webapp("hazelcast-freeze")
                .customize(context -> context.setBaseResourceAsPath(app)).start();
        resources.add(server);
        return server;
    }

    /** Requests every URL until each answers from the cache. */
    private static void warmUp(TestServer app) {
        for (String url : URLS) {
            await(Duration.ofSeconds(30), url + " is cached", () -> {
                HttpResponse<String> response = app.get(url);
                assertEquals(200, response.statusCode(), url + ": " + response.body());
                assertTrue(correct(url, response.body()), url + " answered " + response.body());
                return !url.startsWith("/page/") || "HIT".equals(response.headers().firstValue("X-Cache").orElse(""));
            });
        }
    }

    private int memberCount() {
        return com.hazelcast.core.Hazelcast.getAllHazelcastInstances().stream()
                .filter(instance -> instance.getConfig().getClusterName().equals(cluster))
                .mapToInt(instance -> instance.getCluster().getMembers().size()).max().orElse(0);
    }

    /** Entries in the near cache of the client's {@code pages} map. */
    private long clientNearCacheEntries() {
        HazelcastInstance client = HazelcastClient.getAllHazelcastClients().stream()
                .filter(c -> ((HazelcastClientProxy) c).getClientConfig().getClusterName().equals(cluster))
                .findFirst().orElseThrow();
        return client.getMap(HazelcastBackendFactory.MAP_PREFIX + "pages").getLocalMapStats().getNearCacheStats()
                .getOwnedEntryCount();
    }

    private ObjectName health() {
        try {
            Set<ObjectName> names = ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(
                    "dev.webcache:type=HazelcastCluster,name=" + ObjectName.quote(cluster) + ",*"), null);
            assertEquals(1, names.size(), names.toString());
            return names.iterator().next();
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Thousands of requests ran during the freeze; without the breaker each would have paid the deadline. With it
     * only the calls before it opened and its probes do.
     */
    private void assertFewTimeouts() {
        long timeouts = (Long) attribute(health(), "CallTimeouts");
        assertTrue(timeouts < 100, timeouts + " calls waited for the deadline");
        assertTrue((Long) attribute(health(), "CallsRejected") > 100, "the open breaker failed calls at once");
    }

    private String circuitState() {
        return (String) attribute(health(), "CircuitState");
    }

    private boolean isConnected() {
        return (Boolean) attribute(health(), "Connected");
    }

    private String healthSummary() {
        ObjectName name = health();
        return "JMX: " + attribute(name, "CallTimeouts") + " timeouts, " + attribute(name, "CallsRejected")
                + " calls refused by the open breaker, opened " + attribute(name, "TimesOpened") + " time(s)";
    }

    private static Object attribute(ObjectName name, String attribute) {
        try {
            return ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Polls the breaker's state: when it first opened and when it last closed after that. */
    private static final class BreakerWatch {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile long openedAt;
        private volatile long closedAt;

        private BreakerWatch(ObjectName name) {
            thread = new Thread(() -> {
                while (running.get()) {
                    String state = (String) attribute(name, "CircuitState");
                    long now = System.nanoTime();
                    if (!"CLOSED".equals(state) && openedAt == 0) {
                        openedAt = now;
                    } else if ("CLOSED".equals(state) && openedAt != 0 && closedAt == 0) {
                        closedAt = now;
                    } else if (!"CLOSED".equals(state)) {
                        closedAt = 0;
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "breaker-watch");
            thread.setDaemon(true);
        }

        static BreakerWatch start(ObjectName name) {
            BreakerWatch watch = new BreakerWatch(name);
            watch.thread.start();
            return watch;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }

    /**
     * Threads that request the {@link #URLS} in turn as fast as the server answers, recording every answer; one of
     * them also asks for new memoized data.
     */
    private static final class Load {
        record Sample(String url, long startedAt, long nanos, int status, String body, String cache) {
            long millis() {
                return nanos / 1_000_000;
            }
        }

        private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        static Load start(TestServer app, int threadCount) {
            Load load = new Load();
            for (int t = 0; t < threadCount; t++) {
                int first = t * 7;
                Thread thread = new Thread(() -> load.run(app, first), "load-" + t);
                thread.setDaemon(true);
                load.threads.add(thread);
                thread.start();
            }
            return load;
        }

        private void run(TestServer app, int first) {
            for (int i = first; running.get(); i++) {
                // new data now and then, as on a live site: misses whose stores keep calls going to the cluster
                String url = first == 0 && i % 4 == 0 ? "/memo?k=fresh" + i : URLS.get(i % URLS.size());
                HttpRequest request = app.request(url).timeout(Duration.ofSeconds(90)).GET().build();
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = TestServer.client().send(request,
                            HttpResponse.BodyHandlers.ofString());
                    samples.add(new Sample(url, start, System.nanoTime() - start, response.statusCode(),
                            response.body(), response.headers().firstValue("X-Cache").orElse("")));
                } catch (IOException | RuntimeException e) {
                    errors.add(e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(100_000);
            }
        }

        void assertAllAnsweredCorrectlyWithin(Duration bound) {
            assertEquals(List.of(), List.copyOf(errors), "requests that got no answer");
            for (Sample sample : samples) {
                assertEquals(200, sample.status, sample.url + " answered " + sample.status + ": " + sample.body);
                assertTrue(correct(sample.url, sample.body), sample.url + " answered " + sample.body);
                assertTrue(sample.nanos <= bound.toNanos(), sample.url + " took " + sample.millis() + " ms");
            }
        }

        long hitsSince(long since) {
            return samples.stream().filter(s -> s.startedAt >= since && s.cache.equals("HIT")).count();
        }

        List<Sample> hitSamplesBetween(long from, long to) {
            return samples.stream().filter(s -> s.startedAt >= from && s.startedAt <= to && s.cache.equals("HIT"))
                    .toList();
        }

        long hitsBetween(long from, long to) {
            return samples.stream().filter(s -> s.startedAt >= from && s.startedAt <= to && s.cache.equals("HIT"))
                    .count();
        }

        long bypassedBetween(long from, long to) {
            return samples.stream().filter(s -> s.startedAt >= from && s.startedAt <= to
                    && s.cache.equals("BYPASS")).count();
        }

        long countBetween(long from, long to) {
            return samples.stream().filter(s -> s.startedAt >= from && s.startedAt <= to).count();
        }

        long firstHitSince(long since) {
            return samples.stream().filter(s -> s.startedAt >= since && s.cache.equals("HIT"))
                    .mapToLong(Sample::startedAt).min().orElse(since);
        }

        Sample slowestBetween(long from, long to) {
            return samples.stream().filter(s -> s.startedAt >= from && s.startedAt <= to)
                    .max(Comparator.comparingLong(Sample::nanos)).orElseThrow();
        }
    }
}
