package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Caches;
import dev.webcache.testing.TestServer;
import dev.webcache.tokens.TokenCounters;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm restarts on embedded Jetty: pages stored in a persistent disk tier before a clean shutdown are hits after the
 * application starts again on the same directory, with their original expiry, and token counters persisted with
 * them keep their meaning; a second application on the directory fails at start-up.
 */
class WarmRestartTest {
    @TempDir
    Path disk;
    @TempDir
    Path configuration;

    private static String cache(HttpResponse<String> response) {
        return response.headers().firstValue("X-Cache").orElse("none");
    }

    @Test
    void pagesStoredBeforeACleanShutdownAreHitsAfterTheRestartUntilTheirOriginalExpiry() throws Exception {
        TieredApp.configure(configuration, disk);
        HttpResponse<String> warm;
        HttpResponse<String> varying;
        long briefStoredAt;
        int port;
        try (TestServer app = TieredApp.start(configuration, 0)) {
            port = app.uri("/").getPort();
            warm = app.get("/page/warm?size=3000");
            assertEquals("MISS", cache(warm));
            assertEquals("HIT", cache(app.get("/page/warm?size=3000")));
            varying = app.get("/page/varying?vary=Accept-Language", "Accept-Language", "fr");
            assertEquals("MISS", cache(varying));
            assertEquals("MISS", cache(app.get("/page/tokens?tokens=movies")));
            briefStoredAt = System.nanoTime();
            assertEquals("MISS", cache(app.get("/page/brief?cc=max-age%3D1")));
            assertEquals("HIT", cache(app.get("/page/brief?cc=max-age%3D1")));
        }
        // stopped cleanly; let the brief page's second pass
        long waited = (System.nanoTime() - briefStoredAt) / 1_000_000;
        Thread.sleep(Math.max(0, 1_500 - waited));

        try (TestServer app = TieredApp.start(configuration, port)) {
            HttpResponse<String> hit = app.get("/page/warm?size=3000");
            assertEquals("HIT", cache(hit));
            assertEquals(warm.body(), hit.body(), "the page rendered before the restart");
            assertEquals(warm.headers().firstValue("Expires"), hit.headers().firstValue("Expires"));
            assertTrue(Long.parseLong(hit.headers().firstValue("Age").orElse("0")) >= 1, "aged since it was stored");

            HttpResponse<String> variant = app.get("/page/varying?vary=Accept-Language", "Accept-Language", "fr");
            assertEquals("HIT", cache(variant));
            assertEquals(varying.body(), variant.body());
            assertEquals("MISS", cache(app.get("/page/varying?vary=Accept-Language", "Accept-Language", "de")));

            HttpResponse<String> brief = app.get("/page/brief?cc=max-age%3D1");
            assertEquals("MISS", cache(brief), "expired while the application was down");
            assertTrue(brief.body().startsWith("render=2 "), brief.body());

            assertEquals("HIT", cache(app.get("/page/tokens?tokens=movies")), "its token's counter was kept");
            TokenCounters.of(Caches.from(app.context().getServletContext()).getDefault()).incr("movies");
            assertEquals("MISS", cache(app.get("/page/tokens?tokens=movies")), "and still invalidates it");

            Exception second = assertThrows(Exception.class, () -> TieredApp.start(configuration, 0).close());
            String messages = TestServer.messages(second);
            assertTrue(messages.contains("webcache.caches.default.disk-path: cannot use the directory")
                    && messages.contains("locked"), messages);
            assertEquals("HIT", cache(app.get("/page/warm?size=3000")), "the first application serves on");
        }
    }
}
