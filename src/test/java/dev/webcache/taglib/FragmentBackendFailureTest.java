package dev.webcache.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Caches;
import dev.webcache.testing.LogCapture;
import dev.webcache.testing.ManualClock;
import dev.webcache.testing.TestServer;
import dev.webcache.web.WebcacheInitializer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cache that is down never fails a page: fragments render uncached and the failure is logged once a minute. */
class FragmentBackendFailureTest {

    @Test
    void aFailingBackendRendersTheBodyUncachedAndLogsOncePerInterval() throws Exception {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.webapp("fragments").attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, clock)
                .initParameter("webcache.config", "/WEB-INF/webcache-failing.properties").start();
             LogCapture log = LogCapture.of("dev.webcache.taglib")) {
            for (int v = 1; v <= 3; v++) {
                HttpResponse<String> response = server.get("/failing.jsp?v=" + v);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(String.join("\n", "fragment=[v=" + v + "]", "icache=[v=" + v + "]", "tokens=[v=" + v + "]",
                        "sum=[0]"), response.body().trim());
            }
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("<cache:fragment name=\"f\">: the cache failed, so the fragment is"
                    + " rendered uncached: java.lang.IllegalStateException: simulated outage: the backend of cache"
                    + " 'default' is down"), warnings.get(0));

            clock.advance(Duration.ofSeconds(61));
            assertEquals(200, server.get("/failing.jsp?v=4").statusCode());
            assertEquals(2, log.warnings().size(), log.warnings().toString());
            // four failures a request: three more in the first request, four in each of the next two, one now
            assertTrue(log.warnings().get(1).contains("(12 time(s) since the last report"), log.warnings().get(1));

            Caches caches = Caches.from(server.context().getServletContext());
            assertFalse(caches.get("healthy").hasKey(FragmentKeys.of("t")),
                    "without the token counters nothing is stored, even in a healthy cache");
        }
    }
}
