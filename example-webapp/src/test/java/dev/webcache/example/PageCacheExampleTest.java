package dev.webcache.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The example's whole-page cache demos on Tomcat 10.1: the filter pair from web.xml, @CachePage, invalidation, and
 * hits written through Tomcat's own output stream.
 */
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
    void repeatedHitsOfEitherEncodingSendTheWholeStoredPage() throws IOException {
        String path = "/page-cache/index.jsp?repeat=1";
        byte[] page = bytes(path).body();
        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> identity = bytes(path);
            assertEquals("HIT", identity.headers().firstValue("X-Cache").orElse(null));
            assertArrayEquals(page, identity.body(), "identity hit " + i);
            HttpResponse<byte[]> gzip = bytes(path, "Accept-Encoding", "gzip");
            assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(null));
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
                assertArrayEquals(page, in.readAllBytes(), "gzip hit " + i);
            }
        }
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

    private static HttpResponse<byte[]> bytes(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return server.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String renderedAt(HttpResponse<String> response) {
        String body = response.body();
        int start = body.indexOf("<span id=\"rendered-at\">");
        assertTrue(start >= 0, body);
        return body.substring(start, body.indexOf("</span>", start));
    }
}
