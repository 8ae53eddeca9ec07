package dev.webcache.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The example web app works on Tomcat 10.1 with webcache's embedded default configuration. */
class ExampleAppTest extends RunningExample {
    @Test
    void theIndexPageListsTheFeatures() {
        HttpResponse<String> index = server.get("/");
        assertEquals(200, index.statusCode(), index.body());
        assertTrue(index.body().contains("<h1>webcache example</h1>"), index.body());
        assertTrue(index.body().contains("href=\"/low-level\""), index.body());
    }

    @Test
    void theLowLevelPageCountsVisitsAtomicallyAndComputesOnce() {
        String first = server.get("/low-level").body();
        String second = server.get("/low-level").body();
        assertTrue(first.contains("Configured caches: <code>[default]</code>"), first);
        long visitsFirst = visits(first);
        assertEquals(visitsFirst + 1, visits(second));
        assertEquals(computedAt(first), computedAt(second), "getOrSet computed the value once");
    }

    private static long visits(String body) {
        int start = body.indexOf("Visits (cache.incr): ") + "Visits (cache.incr): ".length();
        return Long.parseLong(body.substring(start, body.indexOf('<', start)));
    }

    private static String computedAt(String body) {
        int start = body.indexOf("<p id=\"computed\">");
        return body.substring(start, body.indexOf("</p>", start));
    }
}
