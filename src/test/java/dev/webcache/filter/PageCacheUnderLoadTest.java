package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.PageServlet;
import dev.webcache.page.Refusal;
import dev.webcache.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Request coalescing in a real Jetty: many concurrent requests for one expired page cost one render, waiting never
 * blocks other pages, a failed render releases its waiters, and waiters give up after {@code lock-timeout}.
 */
class PageCacheUnderLoadTest extends ResilienceApp {
    @Test
    void sixtyFourRequestsForAnExpiredPageCauseExactlyOneRender() {
        String path = "/page/stampede?sleep=200&cc=max-age%3D5";
        HttpResponse<String> first = server.get(path);
        assertEquals("MISS", header(first, "X-Cache"));
        clock.advance(Duration.ofSeconds(6));
        PageCacheStatistics before = statistics("resilient");

        List<HttpResponse<String>> responses = concurrently(64, path, Map.of());

        assertEquals(2, PageServlet.renders(path), "one render before expiry, exactly one after it");
        Map<String, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(r -> header(r, "X-Cache"), Collectors.counting()));
        assertEquals(Map.of("MISS", 1L, "HIT", 63L), byStatus);
        for (HttpResponse<String> response : responses) {
            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith("render=2 "), response.body());
        }
        PageCacheStatistics after = statistics("resilient");
        assertEquals(1, after.misses() - before.misses());
        assertTrue(after.coalescedWaits() - before.coalescedWaits() >= 1, after.toString());
        assertEquals(1, after.stores() - before.stores());
    }

    @Test
    void waitingForOnePageNeverDelaysHitsOnAnother() throws Exception {
        String other = "/page/quick";
        server.get(other);
        String slow = "/page/slow?sleep=2000";
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            waiting.add(TestServer.client().sendAsync(server.request(slow).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (PageServlet.renders(slow) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, PageServlet.renders(slow), "the slow render has started");
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            HttpResponse<String> hit = server.get(other);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("HIT", header(hit, "X-Cache"));
            assertTrue(millis < 1000, "a hit on another page took " + millis + " ms during the slow render");
        }
        assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone),
                "the hits on the other page were answered while the slow page was still rendering");
        for (CompletableFuture<HttpResponse<String>> response : waiting) {
            assertEquals(200, response.get().statusCode());
        }
        assertEquals(1, PageServlet.renders(slow));
    }

    @Test
    void aRenderThatThrowsReleasesEveryWaiter() {
        String path = "/page/broken?sleep=300&throw=1";
        long started = System.nanoTime();
        List<HttpResponse<String>> responses = concurrently(8, path, Map.of());
        long millis = (System.nanoTime() - started) / 1_000_000;
        for (HttpResponse<String> response : responses) {
            assertEquals(500, response.statusCode());
        }
        assertEquals(8, PageServlet.renders(path), "each waiter rendered once the failed render released it");
        assertTrue(millis < 8_000, "nobody waited for the 10 s lock timeout: " + millis + " ms");
    }

    @Test
    void waitersPastTheLockTimeoutRenderUncached() {
        String path = "/short-lock/hung?sleep=3000";
        PageCacheStatistics before = statistics("resilient-short-lock");

        List<HttpResponse<String>> responses = concurrently(4, path, Map.of());

        assertEquals(4, PageServlet.renders(path));
        for (HttpResponse<String> response : responses) {
            assertEquals(200, response.statusCode());
            assertEquals("MISS", header(response, "X-Cache"));
        }
        PageCacheStatistics after = statistics("resilient-short-lock");
        assertEquals(1, after.stores() - before.stores(), "only the render that held the lock stored");
        assertEquals(3, after.refusals(Refusal.LOCK_TIMEOUT) - before.refusals(Refusal.LOCK_TIMEOUT));
        assertEquals("HIT", header(server.get(path), "X-Cache"));
    }

    /** Sends {@code count} requests at once and waits for all of them. */
    static List<HttpResponse<String>> concurrently(int count, String path, Map<String, String> headers) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request = server.request(path).timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            futures.add(TestServer.client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).collect(Collectors.toList());
    }

    private static PageCacheStatistics statistics(String filterName) {
        return statistics(server, filterName);
    }
}
