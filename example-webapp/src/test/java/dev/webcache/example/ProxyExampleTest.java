package dev.webcache.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The shared-mode demo: {@code /proxy/*} through {@code CacheFilter mode=shared} and Jetty's ProxyServlet. */
class ProxyExampleTest extends RunningExample {
    @Test
    void theProxyStoresWhatTheOriginAllowsAndAPostEvictsIt() {
        HttpResponse<String> miss = server.get("/proxy/news");
        assertEquals(200, miss.statusCode(), miss.body());
        assertEquals("public, s-maxage=20, max-age=0", miss.headers().firstValue("Cache-Control").orElseThrow());
        HttpResponse<String> hit = server.get("/proxy/news");
        assertEquals(rendered(miss), rendered(hit), "the second request is answered by the cache");
        assertTrue(hit.headers().firstValue("Age").isPresent());
        assertEquals("public, s-maxage=20, max-age=0", hit.headers().firstValue("Cache-Control").orElseThrow());

        HttpResponse<String> post = server.send(HttpRequest.newBuilder(server.uri("/proxy/news"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, post.statusCode());
        HttpResponse<String> afterPost = server.get("/proxy/news");
        assertNotEquals(rendered(miss), rendered(afterPost), "the POST evicted the stored page");
    }

    private static String rendered(HttpResponse<String> response) {
        String body = response.body();
        int start = body.indexOf("<p id=\"rendered\">");
        return body.substring(start, body.indexOf("</p>", start));
    }
}
