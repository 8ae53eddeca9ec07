package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.PageServlet;
import dev.webcache.page.Refusal;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Hit-for-pass in a real Jetty: a page whose response declared itself unstorable renders straight through, not
 * captured, for ten seconds; never when a stored page could still stand in for a failure.
 */
class PassThroughTest extends ResilienceApp {
    @Test
    void aPageThatDeclaredItselfPrivateGoesStraightThroughForTenSecondsThenIsCapturedAgain() {
        String path = "/page/hit-for-pass";
        PageCacheStatistics before = statistics(server, "resilient");
        HttpResponse<String> first = server.get(path, "X-Script-Cache-Control", "private", "X-Report-Capture", "1");
        assertEquals("true", header(first, "X-Captured"), "nothing known yet: captured");
        assertEquals("private", header(first, "Cache-Control"));
        for (int render = 2; render <= 3; render++) {
            HttpResponse<String> passed = server.get(path, "X-Script-Cache-Control", "private",
                    "X-Report-Capture", "1", "Cookie", "JSESSIONID=someone");
            assertEquals("false", header(passed, "X-Captured"), "straight through");
            assertEquals("MISS", header(passed, "X-Cache"));
            assertEquals("private", header(passed, "Cache-Control"));
            assertTrue(passed.body().startsWith("render=" + render + " "), passed.body());
        }
        HttpResponse<String> turnedCacheable = server.get(path, "X-Report-Capture", "1");
        assertEquals("false", header(turnedCacheable, "X-Captured"), "the mark lasts ten seconds");
        assertEquals("MISS", header(server.get(path), "X-Cache"), "so nothing was stored");

        clock.advance(Duration.ofSeconds(11));
        HttpResponse<String> captured = server.get(path, "X-Report-Capture", "1");
        assertEquals("true", header(captured, "X-Captured"));
        HttpResponse<String> hit = server.get(path);
        assertEquals("HIT", header(hit, "X-Cache"));
        assertTrue(hit.body().startsWith("render=6 "), hit.body());
        assertEquals(6, PageServlet.renders(path));

        PageCacheStatistics after = statistics(server, "resilient");
        assertEquals(1, after.refusals(Refusal.PRIVATE) - before.refusals(Refusal.PRIVATE));
        assertEquals(4, after.refusals(Refusal.PASSED) - before.refusals(Refusal.PASSED));
        assertEquals(1, after.stores() - before.stores());
    }

    @Test
    void aStalePageThatCanStandInForAFailureKeepsThePageCaptured() {
        String path = "/stale/hit-for-pass?cc=max-age%3D10";
        assertEquals("MISS", header(server.get(path), "X-Cache"));
        clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> turnedPrivate = server.get(path, "X-Script-Cache-Control", "private");
        assertEquals("private", header(turnedPrivate, "Cache-Control"));
        HttpResponse<String> failed = server.get(path, "X-Script-Fail", "throw", "X-Report-Capture", "1");
        assertEquals(200, failed.statusCode(), "the stale page stood in: the render was still captured");
        assertEquals("STALE", header(failed, "X-Cache"));
        assertTrue(failed.body().startsWith("render=1 "), failed.body());
    }
}
