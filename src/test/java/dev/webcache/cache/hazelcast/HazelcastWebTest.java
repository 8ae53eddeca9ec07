package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Caches;
import dev.webcache.page.PageServlet;
import dev.webcache.testing.TestServer;
import dev.webcache.tokens.TokenCounters;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two real Jetty servers whose web applications configure the hazelcast backend in webcache.properties, one as an
 * embedded member and one as a client, share one cluster: what one server writes, the other reads, pages and
 * fragments included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HazelcastWebTest {
    private final String cluster = TestCluster.newClusterName();
    private final int memberPort = TestCluster.freePort();
    private final int serverAPort = TestCluster.freePort();
    private HazelcastInstance member;
    private Path appDirs;
    private TestServer serverA;
    private TestServer serverB;

    @BeforeAll
    void start() throws Exception {
        member = TestCluster.plainMember(cluster, memberPort, memberPort, serverAPort);
        appDirs = Files.createTempDirectory("webcache-hazelcast-apps-");
        serverA = start("a", TestCluster.memberProperties(cluster, serverAPort, memberPort, serverAPort));
        serverB = start("b", TestCluster.clientProperties(cluster, memberPort, serverAPort));
    }

    /** Serves a copy of the {@code hazelcast} test app with {@code properties} as its webcache.properties. */
    private TestServer start(String name, Properties properties) throws Exception {
        Path app = appDirs.resolve(name);
        Files.createDirectories(app.resolve("WEB-INF"));
        Files.copy(Path.of("src/test/webapps/hazelcast/WEB-INF/web.xml"), app.resolve("WEB-INF/web.xml"));
        Files.copy(Path.of("src/test/webapps/hazelcast/movies.jsp"), app.resolve("movies.jsp"));
        try (var out = Files.newBufferedWriter(app.resolve("WEB-INF/webcache.properties"), StandardCharsets.UTF_8)) {
            properties.store(out, "written by " + getClass().getSimpleName());
        }
        return TestServer.webapp("hazelcast").customize(context -> context.setBaseResourceAsPath(app)).start();
    }

    @AfterAll
    void stop() throws Exception {
        for (TestServer server : new TestServer[] {serverB, serverA}) {
            if (server != null) {
                server.close();
            }
        }
        if (member != null) {
            member.shutdown();
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
        TestCluster.assertNoHazelcastThreads();
    }

    @Test
    void aValueWrittenThroughOneServerIsReadThroughTheOther() {
        assertEquals("(none)", serverB.get("/value?key=motd").body());
        assertEquals("hello from A", serverA.get("/value?key=motd&set=hello%20from%20A").body());
        assertEquals("hello from A", serverB.get("/value?key=motd").body());
        assertEquals("hello from B", serverB.get("/value?key=motd&set=hello%20from%20B").body());
        assertEquals("hello from B", serverA.get("/value?key=motd").body());
    }

    @Test
    void countersAreSharedByBothServers() {
        assertEquals("1", serverA.get("/value?key=movies&incr=1").body());
        assertEquals("2", serverB.get("/value?key=movies&incr=1").body());
        assertEquals("12", serverA.get("/value?key=movies&incr=10").body());
        assertEquals("12", serverB.get("/value?key=movies").body());
    }

    @Test
    void aPageRenderedThroughOneServerIsAHitThroughTheOther() {
        // behind a load balancer every node sees the site's own Host: the page key is the same on both
        HttpResponse<String> miss = serverA.get("/page/shared?n=1", "Host", "shop.example");
        assertEquals(200, miss.statusCode(), miss.body());
        assertEquals(1, PageServlet.renders("/page/shared?n=1"));
        HttpResponse<String> hit = serverB.get("/page/shared?n=1", "Host", "shop.example");
        assertEquals(miss.body(), hit.body());
        assertTrue(hit.headers().firstValue("Age").isPresent(), "a hit carries Age");
        assertEquals(1, PageServlet.renders("/page/shared?n=1"), "server B served A's page without rendering");
    }

    @Test
    void aTokenIncrementOnOneServerInvalidatesTheFragmentAndThePageOnTheOther() {
        String page = "/page/movies?tokens=movies";
        serverA.get(page, "Host", "shop.example");
        assertEquals("v=1", serverA.get("/movies.jsp?v=1").body());
        assertEquals("v=1", serverB.get("/movies.jsp?v=2").body(), "B reads the fragment A stored");
        assertTrue(serverB.get(page, "Host", "shop.example").body().startsWith("render=1 "), "B hits A's page");

        TokenCounters.of(Caches.from(serverA.context().getServletContext()).getDefault()).incr("movies");

        assertEquals("v=3", serverB.get("/movies.jsp?v=3").body(), "A's incr made B re-render the fragment");
        assertEquals("v=3", serverA.get("/movies.jsp?v=4").body());
        assertTrue(serverB.get(page, "Host", "shop.example").body().startsWith("render=2 "),
                "A's incr made B re-render the page");
        assertTrue(serverA.get(page, "Host", "shop.example").body().startsWith("render=2 "), "A hits B's new page");
        assertEquals(2, PageServlet.renders(page));
    }
}
