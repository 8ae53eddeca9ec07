package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.page.engine.PageEngine;
import dev.webcache.page.PageServlet;
import dev.webcache.testing.LogCapture;
import dev.webcache.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Stale-while-revalidate and stale-if-error in a real Jetty, from the filter's params ({@code /stale/*}: 30 s and
 * 600 s) and from the response's own directives ({@code /page/*}).
 */
class StalePagesTest extends ResilienceApp {
    @Test
    void whileOneRequestRerendersAStalePageEveryOtherGetsTheStalePageAtOnce() {
        String path = "/stale/swr?sleep=500&cc=max-age%3D10";
        HttpResponse<String> stored = server.get(path);
        String cacheControl = header(stored, "Cache-Control");
        clock.advance(Duration.ofSeconds(15));

        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            futures.add(TestServer.client().sendAsync(server.request(path).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = futures.stream().map(CompletableFuture::join)
                .collect(Collectors.toList());

        assertEquals(2, PageServlet.renders(path));
        Map<String, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(r -> header(r, "X-Cache"), Collectors.counting()));
        assertEquals(Map.of("MISS", 1L, "STALE", 15L), byStatus);
        for (HttpResponse<String> response : responses) {
            if (header(response, "X-Cache").equals("STALE")) {
                assertEquals(stored.body(), response.body());
                assertEquals("15", header(response, "Age"), "Age tells the client how stale the page is");
                assertEquals(cacheControl, header(response, "Cache-Control"));
                assertTrue(response.headers().firstValue("Warning").isEmpty());
            } else {
                assertTrue(response.body().startsWith("render=2 "), response.body());
            }
        }
        HttpResponse<String> after = server.get(path);
        assertEquals("HIT", header(after, "X-Cache"));
        assertTrue(after.body().startsWith("render=2 "), after.body());
    }

    @Test
    void pastTheStaleWindowRequestsWaitForTheNewRender() {
        String path = "/stale/too-old?cc=max-age%3D10";
        server.get(path);
        clock.advance(Duration.ofSeconds(10 + 31));
        HttpResponse<String> response = server.get(path);
        assertEquals("MISS", header(response, "X-Cache"));
        assertTrue(response.body().startsWith("render=2 "), response.body());
    }

    @Test
    void aStalePageStandsInForARenderThatThrowsOrAnswers503() throws Exception {
        String path = "/stale/sie?cc=max-age%3D10";
        HttpResponse<String> stored = server.get(path);
        clock.advance(Duration.ofSeconds(100));
        try (LogCapture log = LogCapture.of(PageEngine.class)) {
            for (String failure : List.of("throw", "status503", "error503")) {
                HttpResponse<String> response = server.get(path, "X-Script-Fail", failure);
                assertEquals(200, response.statusCode(), failure);
                assertEquals("STALE", header(response, "X-Cache"), failure);
                assertEquals(stored.body(), response.body(), failure);
                assertEquals("100", header(response, "Age"), failure);
            }
            assertEquals(1, log.warnings().size(), "the swallowed exception is logged: " + log.warnings());
            assertTrue(log.warnings().get(0).startsWith("page cache 'default': rendering /stale/sie failed; a stale"
                    + " page was sent instead"), log.warnings().get(0));
        }
        HttpResponse<String> recovered = server.get(path);
        assertEquals("MISS", header(recovered, "X-Cache"));
        assertNotEquals(stored.body(), recovered.body());
    }

    @Test
    void theResponsesOwnDirectivesSetTheWindowsAndMustRevalidateForbidsStale() {
        String own = "/page/own?cc=max-age%3D10,%20stale-if-error%3D60";
        HttpResponse<String> stored = server.get(own);
        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> inWindow = server.get(own, "X-Script-Fail", "throw");
        assertEquals(200, inWindow.statusCode());
        assertEquals(stored.body(), inWindow.body());
        clock.advance(Duration.ofSeconds(41));
        assertEquals(500, server.get(own, "X-Script-Fail", "throw").statusCode(), "past max-age + stale-if-error");

        String strict = "/stale/strict?cc=max-age%3D10,%20must-revalidate";
        server.get(strict);
        clock.advance(Duration.ofSeconds(11));
        assertEquals(503, server.get(strict, "X-Script-Fail", "error503").statusCode(),
                "must-revalidate: never stale, whatever the filter's stale-if-error");
    }

    @Test
    void withoutAStalePageTheErrorReachesTheClient() {
        HttpResponse<String> response = server.send(server.request("/stale/never-stored", "X-Script-Fail",
                "error503").timeout(Duration.ofSeconds(30)).build());
        assertEquals(503, response.statusCode());
        assertEquals("MISS", header(response, "X-Cache"));
        HttpRequest.Builder ok = server.request("/stale/never-stored");
        assertEquals(200, server.send(ok.build()).statusCode());
    }
}
