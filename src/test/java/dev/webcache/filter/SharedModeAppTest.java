package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.webcache.http.HttpDates;
import dev.webcache.page.PageCache;
import dev.webcache.testing.ManualClock;
import dev.webcache.testing.RawHttp;
import dev.webcache.testing.RawHttp.Exchange;
import dev.webcache.testing.TestServer;
import dev.webcache.web.WebcacheInitializer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shared mode in front of the application's own (synchronous) servlet rather than a proxy: hop-by-hop headers and
 * those that {@code Connection} names are not stored, and a successful POST invalidates before its response is read.
 */
class SharedModeAppTest {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private static final AtomicInteger RENDERS = new AtomicInteger();
    private static TestServer server;
    private static URI base;

    /** A page with end-to-end and hop-by-hop headers; a POST answers 200 with a body. */
    public static class HopByHopServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setHeader("Date", HttpDates.format(CLOCK.instant()));
            response.setHeader("Cache-Control", "max-age=60");
            response.setHeader("Connection", "X-Hop");
            response.setHeader("X-Hop", "per-connection");
            response.setHeader("Keep-Alive", "timeout=5");
            response.setHeader("X-Kept", "end-to-end");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("render " + RENDERS.incrementAndGet());
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("updated");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("shared").attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, CLOCK)
                .customize(context -> {
                    context.addServlet(new ServletHolder(HopByHopServlet.class), "/app/*");
                    FilterHolder cache = new FilterHolder(CacheFilter.class);
                    cache.setInitParameter("mode", "shared");
                    context.addFilter(cache, "/*", EnumSet.of(DispatcherType.REQUEST));
                }).start();
        base = server.uri("/");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void hopByHopHeadersAndThoseConnectionNamesAreNotStored() {
        RawHttp.get(base, "/app/hop");
        Exchange hit = RawHttp.get(base, "/app/hop");
        assertEquals("0", hit.header("Age"));
        assertEquals("end-to-end", hit.header("X-Kept"));
        assertEquals("max-age=60", hit.header("Cache-Control"));
        assertNull(hit.header("X-Hop"));
        assertNull(hit.header("Keep-Alive"));
    }

    @Test
    void invalidationAfterAPostWorksForAHostWithAnUnderscore() {
        String host = "Host: under_score.example";
        String first = RawHttp.get(base, "/app/post-underscore", host).bodyText();
        assertEquals(first, RawHttp.get(base, "/app/post-underscore", host).bodyText());
        assertEquals("updated", RawHttp.send(base, "POST", "/app/post-underscore", new byte[] {'x'}, host)
                .bodyText());
        assertNotEquals(first, RawHttp.get(base, "/app/post-underscore", host).bodyText());
    }

    @Test
    void aSuccessfulPostInvalidatesBeforeItsResponseIsRead() {
        String first = RawHttp.get(base, "/app/post").bodyText();
        assertEquals(first, RawHttp.get(base, "/app/post").bodyText());
        PageCache pages = PageCache.from(server.context().getServletContext());
        long bypasses = pages.statistics().bypasses();
        assertEquals("updated", RawHttp.send(base, "POST", "/app/post", new byte[] {'x'}).bodyText());
        assertEquals(bypasses + 1, pages.statistics().bypasses(), "a POST is passed on without a look-up");
        String after = RawHttp.get(base, "/app/post").bodyText();
        assertNotEquals(first, after, "rendered again after the POST");
        assertEquals(after, RawHttp.get(base, "/app/post").bodyText());
    }
}
