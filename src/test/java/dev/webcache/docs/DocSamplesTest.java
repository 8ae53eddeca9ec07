package dev.webcache.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Caches;
import dev.webcache.taglib.FragmentKeys;
import dev.webcache.testing.TestServer;
import dev.webcache.tokens.TokenCounters;
import jakarta.servlet.ServletContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the documentation's code samples (this package, and the JSPs of the {@code docs} test application; the
 * Markdown quotes them between {@code doc:<name>} and {@code end:<name>} comments) in a real Jetty with the caches
 * they name, and checks that they do what the text says.
 */
class DocSamplesTest {
    private static TestServer server;
    private static ServletContext context;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("docs").start();
        context = server.context().getServletContext();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theQuickStartRuns() {
        HttpResponse<String> response = server.get("/quick-start");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("hello hello true 2026-12 1 v1", response.body());
    }

    @Test
    void cachePageServesTheStoredPage() {
        String first = server.get("/news").body();
        assertTrue(first.startsWith("news rendered at "), first);
        assertEquals(first, server.get("/news").body());
    }

    @Test
    void pageTokensInvalidateEveryPageThatCarriesThem() {
        String first = server.get("/movies?id=7").body();
        assertEquals(first, server.get("/movies?id=7").body());
        assertEquals(200, server.send(server.request("/movies").POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode());
        assertNotEquals(first, server.get("/movies?id=7").body());
    }

    @Test
    void invalidationRendersThePageAfresh() {
        String first = server.get("/news?page=1").body();
        HttpResponse<String> invalidated = server.send(server.request("/invalidate")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertTrue(invalidated.body().startsWith("hits="), invalidated.body());
        assertEquals(first, server.get("/news?page=1").body(), "/news?page=1 is another URL than /news");
        String news = server.get("/news").body();
        server.send(server.request("/invalidate").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertNotEquals(news, server.get("/news").body());
    }

    @Test
    void headerAnnotationsSetTheHeadersTheCommentsSay() {
        HttpResponse<String> news = server.get("/headers/news");
        assertEquals("max-age=3600, public", news.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("Accept-Language", news.headers().firstValue("Vary").orElseThrow());
        HttpResponse<String> posted = server.send(server.request("/headers/news")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertTrue(posted.headers().firstValue("Cache-Control").orElseThrow().contains("no-store"),
                posted.headers().map().toString());
    }

    @Test
    void headerHelpersPatchAndAnswerConditionalRequests() {
        HttpResponse<String> page = server.get("/headers/helpers");
        assertEquals("max-age 60 varies false", page.body());
        assertTrue(page.headers().firstValue("Cache-Control").orElseThrow().contains("public"));
        assertTrue(page.headers().firstValue("Expires").isPresent());
        assertEquals(304, server.get("/headers/helpers", "If-None-Match", "\"v1\"").statusCode());
        assertTrue(server.get("/headers/helpers?never").headers().firstValue("Cache-Control").orElseThrow()
                .contains("no-cache"));
    }

    @Test
    void theJspSamplesStoreTheirFragments() {
        Caches caches = Caches.from(context);
        HttpResponse<String> quickStart = server.get("/quick-start.jsp");
        assertEquals(200, quickStart.statusCode(), quickStart.body());
        assertTrue(quickStart.body().contains("... expensive markup, one copy per user for 10 minutes ..."));
        assertTrue(quickStart.body().contains("... kept until the counter of \"movies\" or \"movie-list\" changes"),
                quickStart.body());
        assertTrue(caches.get("template_fragments").hasKey(FragmentKeys.of("sidebar", 7)));

        HttpResponse<String> fragment = server.get("/fragment.jsp");
        assertEquals(200, fragment.statusCode(), fragment.body());
        assertTrue(fragment.body().contains("... expensive markup ..."));
        assertTrue(caches.get("template_fragments").hasKey(FragmentKeys.of("sidebar", 7, "en")));
    }

    @Test
    void theSnippetsRun() {
        Caches caches = Caches.from(context);
        String sidebar = FragmentKeys.of("sidebar", 7L, "en");
        caches.get("template_fragments").set(sidebar, "<aside>");
        Snippets.forgetSidebar(context, new Snippets.User(7));
        assertNull(caches.get("template_fragments").get(sidebar));
        assertEquals("template.cache.foo.493e283d571a73056196f1a68efd0f66", FragmentKeys.of("foo", "abc"));

        TokenCounters tokens = TokenCounters.of(caches.getDefault());
        long before = tokens.sum(List.of("movies"));
        Snippets.moviesChanged(context);
        assertEquals(before + 1, tokens.sum(List.of("movies")));

        Snippets.RowWriter out = new Snippets.RowWriter();
        Snippets.Database db = () -> List.of(new Snippets.Row(1), new Snippets.Row(2)).iterator();
        List<Object> memoized = Snippets.memoize(caches, "2026-11", db, out);
        assertEquals(new Report("2026-11", 7), memoized.get(0));
        assertEquals(Snippets.loadAllRows(), memoized.get(1));
        assertEquals(Snippets.loadAllRows(), memoized.get(2));
        long computed = caches.getDefault().statistics().memoComputations();
        Snippets.memoize(caches, "2026-11", db, new Snippets.RowWriter());
        assertEquals(computed, caches.getDefault().statistics().memoComputations(), "all three read back");

        List<Object> figures = Snippets.statistics(caches, context);
        assertTrue((Long) figures.get(0) >= 0 && (Long) figures.get(0) <= 100, figures.toString());
        assertTrue(((OptionalLong) figures.get(1)).isPresent());
    }

    @Test
    void outsideAWebAppTheSameKeysConfigureARegistry() {
        Properties properties = new Properties();
        properties.setProperty("webcache.caches.default.timeout", "60");
        try (Caches caches = Caches.fromProperties(properties)) {
            assertEquals(60, caches.getDefault().settings().defaultTimeout().toSeconds());
        }
    }
}
