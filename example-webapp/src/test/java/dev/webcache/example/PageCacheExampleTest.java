package dev.webcache.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The example's whole-page cache demos on Tomcat 10.1: the filter pair from web.xml, @CachePage, invalidation. */
class PageCacheExampleTest extends RunningExample {
    @Test
    void theRenderedAtTimeStaysTheSameOnReloadUntilThePageIsInvalidated() {
        HttpResponse<String> first = server.get("/page-cache/index.jsp");
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> reload = server.get("/page-cache/index.jsp");
        assertEquals(renderedAt(first), renderedAt(reload));
        assertTrue(reload.headers().firstValue("Age").isPresent(), reload.headers().toString());
        assertEquals("MISS", first.headers().firstValue("X-Cache").orElse(null));
        assertEquals("HIT", reload.headers().firstValue("X-Cache").orElse(null));
        assertEquals("max-age=30", reload.headers().firstValue("Cache-Control").orElse(null));
        assertEquals(first.headers().firstValue("Content-Type"), reload.headers().firstValue("Content-Type"));

        String etag = reload.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, server.get("/page-cache/index.jsp", "If-None-Match", etag).statusCode());

        HttpResponse<String> refresh = server.send(HttpRequest.newBuilder(server.uri("/page-cache/refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(303, refresh.statusCode());
        HttpResponse<String> rerendered = server.get("/page-cache/index.jsp");
        assertNotEquals(renderedAt(first), renderedAt(rerendered));
        assertEquals(renderedAt(rerendered), renderedAt(server.get("/page-cache/index.jsp")));
    }

    @Test
    void theAnnotatedServletIsCachedWithNoWebXmlLine() {
        HttpResponse<String> first = server.get("/page-cache/annotated");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(renderedAt(first), renderedAt(server.get("/page-cache/annotated")));
    }

    @Test
    void theIndexLinksTheDemoAndOtherPagesAreNotCached() {
        assertTrue(server.get("/").body().contains("href=\"/page-cache/index.jsp\""));
        String computed = server.get("/low-level").body();
        assertNotEquals(computed, server.get("/low-level").body(), "the visit counter still counts");
    }

    private static String renderedAt(HttpResponse<String> response) {
        String body = response.body();
        int start = body.indexOf("<span id=\"rendered-at\">");
        assertTrue(start >= 0, body);
        return body.substring(start, body.indexOf("</span>", start));
    }
}
