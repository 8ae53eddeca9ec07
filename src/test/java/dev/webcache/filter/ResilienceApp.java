package dev.webcache.filter;

import dev.webcache.page.PageCacheStatistics;
import dev.webcache.testing.ManualClock;
import dev.webcache.testing.TestServer;
import dev.webcache.web.WebcacheInitializer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@code resilience} test application (three {@link CacheFilter}s with {@code X-Cache} in front of
 * {@code PageServlet}: {@code /page/*}, {@code /stale/*} with stale windows, {@code /short-lock/*} with a one-second
 * lock timeout) on a manual clock of its own, started for the tests of one class, and what its tests read of responses.
 */
abstract class ResilienceApp {
    static ManualClock clock;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        clock = new ManualClock();
        server = TestServer.webapp("resilience").attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, clock).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The counters of a page-cache filter declared in the web application's web.xml. */
    static PageCacheStatistics statistics(TestServer server, String filterName) {
        return ((PageCacheFilter) server.context().getServletHandler().getFilter(filterName).getFilter())
                .statistics();
    }
}
