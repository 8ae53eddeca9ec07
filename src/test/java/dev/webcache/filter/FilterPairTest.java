package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.PageServlet;
import dev.webcache.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link UpdateCacheFilter} first, a filter that adds {@code Vary: Accept-Language} after the chain, and
 * {@link FetchFromCacheFilter} last, declared in web.xml; and each half mapped alone.
 */
class FilterPairTest {
    private static TestServer server;
    private static PageCache pages;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("pagecache-pair").start();
        pages = PageCache.from(server.context().getServletContext());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theUpdateHalfLearnsTheVaryThatAFilterBetweenTheHalvesAdds() {
        String path = "/pair/greeting?echo=Accept-Language";
        HttpResponse<String> english = server.get(path, "Accept-Language", "en");
        HttpResponse<String> french = server.get(path, "Accept-Language", "fr");
        assertEquals("Accept-Language", english.headers().firstValue("Vary").orElse(null));
        assertTrue(english.body().contains("Accept-Language=en"), english.body());
        assertTrue(french.body().contains("Accept-Language=fr"), french.body());
        for (int round = 0; round < 3; round++) {
            HttpResponse<String> hit = server.get(path, "Accept-Language", "en");
            assertEquals(english.body(), hit.body());
            assertEquals("Accept-Language", hit.headers().firstValue("Vary").orElse(null));
            assertEquals(french.body(), server.get(path, "Accept-Language", "fr").body());
        }
        assertEquals(2, PageServlet.renders(path));
    }

    @Test
    void theUpdateHalfAloneNeverStores() {
        PageCacheStatistics before = pages.statistics();
        server.get("/update-only/page");
        server.get("/update-only/page");
        assertEquals(2, PageServlet.renders("/update-only/page"));
        assertEquals(before.stores(), pages.statistics().stores());
        assertEquals(before.misses(), pages.statistics().misses());
    }

    @Test
    void theFetchHalfAloneNeverStores() {
        PageCacheStatistics before = pages.statistics();
        HttpResponse<String> first = server.get("/fetch-only/page");
        server.get("/fetch-only/page");
        assertEquals(2, PageServlet.renders("/fetch-only/page"));
        assertEquals(before.stores(), pages.statistics().stores());
        assertTrue(first.headers().firstValue("Expires").isEmpty());
    }
}
