package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.PageServlet;
import dev.webcache.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 32 clients send 2,000 requests each over 50 URLs (some varying on a request header, some expiring every second,
 * so stores race with hits): every response carries its own URL and its own variant, whole.
 */
class PageCacheConcurrencyTest {
    private static final int THREADS = 32;
    private static final int REQUESTS_PER_THREAD = 2000;
    private static final int URLS = 50;
    private static final Map<Integer, String> FILLERS = new ConcurrentHashMap<>();

    @Test
    void everyResponseMatchesItsOwnUrlAndVariantAndNoneIsTruncated() throws Exception {
        try (TestServer server = TestServer.webapp("pagecache").start()) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < URLS; i++) {
                StringBuilder path = new StringBuilder("/page/concurrent/").append(i)
                        .append("?size=").append(200 + i * 97);
                if (i % 2 == 0) {
                    path.append("&cc=max-age%3D1");
                }
                if (i % 5 == 0) {
                    path.append("&vary=X-Client&echo=X-Client");
                }
                paths.add(path.toString());
            }
            AtomicLong checked = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    clients.add(pool.submit(() -> {
                        String client = "client-" + thread % 4;
                        for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                            String path = paths.get((thread * 7 + r) % URLS);
                            URI uri = server.uri(path);
                            HttpResponse<String> response = TestServer.client().send(HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(30)).header("X-Client", client).GET().build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertEquals(200, response.statusCode(), path);
                            assertBodyOf(path, client, response.body());
                            checked.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> future : clients) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals((long) THREADS * REQUESTS_PER_THREAD, checked.get());
            PageCacheStatistics statistics = PageCache.from(server.context().getServletContext(), "default", "site")
                    .statistics();
            assertTrue(statistics.hits() > statistics.misses(), statistics.toString());
        }
    }

    private static void assertBodyOf(String path, String client, String body) {
        int size = Integer.parseInt(path.replaceAll(".*size=(\\d+).*", "$1"));
        String head = " url=" + path + (path.contains("echo=") ? " X-Client=" + client : "") + " é\n";
        assertTrue(body.startsWith("render="), body);
        int headAt = body.indexOf(' ');
        assertEquals(head, body.substring(headAt, headAt + head.length()), "a response of another URL or variant");
        assertEquals(FILLERS.computeIfAbsent(size, PageServlet::filler), body.substring(headAt + head.length()),
                "a truncated body");
    }
}
