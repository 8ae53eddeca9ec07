package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.map.IMap;
import dev.webcache.cache.spi.SerializedValue;
import dev.webcache.page.PageCache;
import dev.webcache.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * The page cache on the Hazelcast backend: stored pages and learned Vary lists travel in their compact form (never
 * Java serialization), and hits, variants, 304s, gzip, tokens and invalidation behave as on the local backend.
 */
class HazelcastPageCacheTest {

    @Test
    void pagesStoredInTheClusterAreServedAsHits() throws Exception {
        String cluster = TestCluster.newClusterName();
        int port = TestCluster.freePort();
        Path app = Files.createTempDirectory("webcache-hazelcast-pages-");
        Files.createDirectories(app.resolve("WEB-INF"));
        Files.copy(Path.of("src/test/webapps/hazelcast-pages/WEB-INF/web.xml"), app.resolve("WEB-INF/web.xml"));
        try (var out = Files.newBufferedWriter(app.resolve("WEB-INF/webcache.properties"), StandardCharsets.UTF_8)) {
            TestCluster.memberProperties(cluster, port, port).store(out, "HazelcastPageCacheTest");
        }
        try (TestServer server = TestServer.webapp("hazelcast-pages")
                .customize(context -> context.setBaseResourceAsPath(app)).start()) {
            HttpResponse<String> miss = server.get("/page/cluster");
            HttpResponse<String> hit = server.get("/page/cluster");
            assertEquals(miss.body(), hit.body());
            assertTrue(hit.headers().firstValue("Age").isPresent());
            String etag = hit.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, server.get("/page/cluster", "If-None-Match", etag).statusCode());

            String varying = "/page/cluster-vary?vary=Accept-Language&echo=Accept-Language";
            String english = server.get(varying, "Accept-Language", "en").body();
            String french = server.get(varying, "Accept-Language", "fr").body();
            assertEquals(english, server.get(varying, "Accept-Language", "en").body());
            assertEquals(french, server.get(varying, "Accept-Language", "fr").body());

            String gzipped = "/page/cluster-text?size=3000&tokens=news";
            String identity = server.get(gzipped).body();
            assertEquals(identity, server.get(gzipped).body(), "a gzip-stored page with tokens comes back whole");
            assertEquals(200, server.get(gzipped, "Accept-Encoding", "gzip").statusCode());
            IMap<String, StoredEntry> map = Hazelcast.getAllHazelcastInstances().iterator().next()
                    .getMap("webcache.default");
            long pageEntries = 0;
            for (StoredEntry entry : map.values()) {
                if (entry.value() instanceof SerializedValue bytes && bytes.length() > 0 && bytes.bytes()[0] != 0x57) {
                    throw new AssertionError("a value in Java serialization form: " + entry);
                }
                pageEntries += entry.value() instanceof SerializedValue ? 1 : 0;
            }
            assertTrue(pageEntries >= 4, "pages and Vary entries in their compact form: " + pageEntries);

            PageCache pages = PageCache.from(server.context().getServletContext());
            pages.invalidate(server.uri(varying).toString());
            assertNotEquals(english, server.get(varying, "Accept-Language", "en").body());
            assertEquals(6, pages.statistics().hits());
        } finally {
            try (var files = Files.walk(app)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        TestCluster.assertNoHazelcastThreads();
    }
}
