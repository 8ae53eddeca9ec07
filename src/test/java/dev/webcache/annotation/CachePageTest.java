package dev.webcache.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.annotation.cachepage.CachedPageServlet;
import dev.webcache.annotation.cachepage.GateFilter;
import dev.webcache.annotation.cachepage.GuardedServlet;
import dev.webcache.annotation.cachepage.MethodCachedServlet;
import dev.webcache.annotation.cachepage.PlainServlet;
import dev.webcache.annotation.cachepage.TokenedServlet;
import dev.webcache.cache.Caches;
import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheStatistics;
import dev.webcache.testing.ManualClock;
import dev.webcache.testing.TestServer;
import dev.webcache.tokens.TokenCounters;
import dev.webcache.web.WebcacheInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @CachePage} on servlets found by annotation scanning, with no web.xml line for it, in an application that
 * also declares a site-wide {@code CacheFilter}, a filter adding {@code Vary: Accept-Language} and a gate filter.
 */
class CachePageTest {
    private static final ManualClock CLOCK = new ManualClock();
    private static TestServer server;
    private static PageCache annotated;
    private static PageCache site;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("cachepage").attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, CLOCK)
                .webInfClasses(CachedPageServlet.class, MethodCachedServlet.class, GuardedServlet.class,
                        PlainServlet.class, GateFilter.class, TokenedServlet.class)
                .start();
        annotated = PageCache.from(server.context().getServletContext());
        site = PageCache.from(server.context().getServletContext(), "default", "site");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theAnnotationsTimeoutWinsOverMaxAgeAndClientsKeepTheLowerMaxAge() {
        HttpResponse<String> miss = server.get("/cached/a", "Accept-Language", "en");
        assertEquals("cached render=1 /cached/a lang=en", miss.body());
        assertEquals("max-age=5", miss.headers().firstValue("Cache-Control").orElse(null));
        CLOCK.advance(Duration.ofSeconds(29));
        HttpResponse<String> hit = server.get("/cached/a", "Accept-Language", "en");
        assertEquals(miss.body(), hit.body());
        assertEquals("29", hit.headers().firstValue("Age").orElse(null));
        CLOCK.advance(Duration.ofSeconds(1));
        assertEquals("cached render=2 /cached/a lang=en", server.get("/cached/a", "Accept-Language", "en").body());
    }

    @Test
    void aVaryHeaderAddedByAnOuterFilterIsPartOfTheKey() {
        String english = server.get("/cached/b", "Accept-Language", "en").body();
        String german = server.get("/cached/b", "Accept-Language", "de").body();
        assertTrue(german.endsWith("lang=de"), german);
        assertEquals(english, server.get("/cached/b", "Accept-Language", "en").body());
        assertEquals(german, server.get("/cached/b", "Accept-Language", "de").body());
    }

    @Test
    void withTheSiteWideFilterAlsoPresentThePageIsStoredOnceByTheAnnotation() {
        PageCacheStatistics siteBefore = site.statistics();
        PageCacheStatistics before = annotated.statistics();
        String first = server.get("/cached/once").body();
        assertEquals(first, server.get("/cached/once").body());
        assertEquals(1, annotated.statistics().stores() - before.stores());
        assertEquals(1, annotated.statistics().hits() - before.hits());
        assertEquals(siteBefore, site.statistics());

        String plain = server.get("/plain").body();
        assertEquals(plain, server.get("/plain").body());
        assertEquals(1, site.statistics().stores() - siteBefore.stores());
    }

    @Test
    void onDoGetWithItsOwnKeyPrefix() {
        PageCache prefixed = PageCache.from(server.context().getServletContext(), "default", "m");
        long stores = prefixed.statistics().stores();
        String first = server.get("/method").body();
        assertEquals(first, server.get("/method").body());
        assertEquals(stores + 1, prefixed.statistics().stores());
        CLOCK.advance(Duration.ofSeconds(10));
        assertNotEquals(first, server.get("/method").body());
    }

    @Test
    void theApplicationsFiltersStillRunBeforeAHitIsServed() {
        long hits = annotated.statistics().hits();
        assertEquals("members only", server.get("/guarded", "X-Member", "yes").body());
        assertEquals("members only", server.get("/guarded", "X-Member", "yes").body());
        assertEquals(hits + 1, annotated.statistics().hits());
        HttpResponse<String> outsider = server.get("/guarded");
        assertEquals(403, outsider.statusCode());
        assertTrue(!outsider.body().contains("members only"), outsider.body());
        assertEquals(hits + 1, annotated.statistics().hits());
    }

    @Test
    void itsTokensInvalidateItsPagesAndItsCountersAreTheServletsMBean() throws Exception {
        assertEquals("catalog render=1", server.get("/catalog").body());
        assertEquals("catalog render=1", server.get("/catalog").body());
        TokenCounters.of(Caches.from(server.context().getServletContext()).getDefault()).incr("catalog");
        assertEquals("catalog render=2", server.get("/catalog").body());
        assertEquals("catalog render=2", server.get("/catalog").body());

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(new ObjectName("dev.webcache:type=PageCache,name=\"catalog\",*"), null);
        assertEquals(1, names.size(), names.toString());
        assertEquals(2L, jmx.getAttribute(names.iterator().next(), "Hits"));
        assertEquals(2L, jmx.getAttribute(names.iterator().next(), "Stores"));
    }

    @Test
    void anAnnotationWhereItHasNoEffectFailsTheDeployment() {
        Exception failure = assertThrows(Exception.class, () -> TestServer.webapp("minimal")
                .customize(context -> context.addServlet(PostServlet.class, "/post")).start().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        assertTrue(messages.toString().contains("@CachePage on " + PostServlet.class.getName()
                + ".doPost has no effect: put it on the class or on doGet"), messages.toString());
    }

    /** {@code @CachePage} on doPost: a mistake. */
    public static class PostServlet extends HttpServlet {
        @Override
        @CachePage(timeout = 60)
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            response.setStatus(204);
        }
    }
}
