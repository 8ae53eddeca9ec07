package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.http.HttpDates;
import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.PageServlet;
import dev.webcache.page.Refusal;
import dev.webcache.testing.ManualClock;
import dev.webcache.testing.RawHttp;
import dev.webcache.testing.TestServer;
import dev.webcache.web.WebcacheInitializer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CacheFilter} declared in web.xml (timeout 60 s, key prefix {@code site}, max-entry-size 1 MiB) in a real
 * Jetty, in front of {@link PageServlet}, driven over loopback HTTP with a manual clock.
 */
class PageCacheFilterTest {
    private static final ManualClock CLOCK = new ManualClock();
    private static TestServer server;
    private static PageCache pages;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("pagecache").attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, CLOCK).start();
        pages = PageCache.from(server.context().getServletContext(), "default", "site");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aMissIsStoredAndHitsReplayItWithAgeUntilItExpires() {
        PageCacheStatistics before = pages.statistics();
        Instant storedAt = CLOCK.instant();
        HttpResponse<String> miss = server.get("/page/basic");
        assertEquals(200, miss.statusCode());
        assertEquals("render=1 url=/page/basic é\n", miss.body());
        assertEquals("max-age=60", header(miss, "Cache-Control"));
        assertEquals(HttpDates.format(storedAt.plusSeconds(60)), header(miss, "Expires"));
        String etag = header(miss, "ETag");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
        assertTrue("text/plain;charset=UTF-8".equalsIgnoreCase(header(miss, "Content-Type")));
        assertTrue(miss.headers().firstValue("Age").isEmpty());

        CLOCK.advance(Duration.ofSeconds(5));
        HttpResponse<String> hit = server.get("/page/basic");
        assertEquals(200, hit.statusCode());
        assertEquals(miss.body(), hit.body());
        assertEquals("5", header(hit, "Age"));
        assertEquals("max-age=60", header(hit, "Cache-Control"));
        assertEquals(header(miss, "Expires"), header(hit, "Expires"));
        assertEquals(etag, header(hit, "ETag"));
        assertEquals(header(miss, "Content-Type"), header(hit, "Content-Type"));
        assertEquals(String.valueOf(miss.body().getBytes(StandardCharsets.UTF_8).length),
                header(hit, "Content-Length"));

        CLOCK.advance(Duration.ofSeconds(54));
        assertEquals("59", header(server.get("/page/basic"), "Age"));
        CLOCK.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = server.get("/page/basic");
        assertEquals("render=2 url=/page/basic é\n", expired.body());
        assertTrue(expired.headers().firstValue("Age").isEmpty());

        PageCacheStatistics after = pages.statistics();
        assertEquals(2, after.hits() - before.hits());
        assertEquals(2, after.misses() - before.misses());
        assertEquals(2, after.stores() - before.stores());
    }

    @Test
    void theResponsesOwnLifetimeWinsOverTheTimeoutAndSMaxAgeOverMaxAge() {
        String path = "/page/lifetimes?cc=" + encode("max-age=10");
        HttpResponse<String> miss = server.get(path);
        assertEquals("max-age=10", header(miss, "Cache-Control"));
        assertEquals(HttpDates.format(CLOCK.instant().plusSeconds(10)), header(miss, "Expires"));
        CLOCK.advance(Duration.ofSeconds(9));
        assertEquals(miss.body(), server.get(path).body());
        CLOCK.advance(Duration.ofSeconds(1));
        assertNotEquals(miss.body(), server.get(path).body());

        // the server keeps it for s-maxage; clients are told max-age, and Expires agrees with it
        String shared = "/page/lifetimes?cc=" + encode("s-maxage=100, max-age=10");
        HttpResponse<String> first = server.get(shared);
        assertEquals("s-maxage=100, max-age=10", header(first, "Cache-Control"));
        assertEquals(HttpDates.format(CLOCK.instant().plusSeconds(10)), header(first, "Expires"));
        CLOCK.advance(Duration.ofSeconds(99));
        HttpResponse<String> late = server.get(shared);
        assertEquals(first.body(), late.body());
        assertEquals("99", header(late, "Age"));
        CLOCK.advance(Duration.ofSeconds(1));
        assertNotEquals(first.body(), server.get(shared).body());

        // Django's substring test refused these; parsed directives do not
        String extension = "/page/lifetimes?cc=" + encode("x-private-note, max-age=30");
        assertEquals(server.get(extension).body(), server.get(extension).body());
    }

    @Test
    void headIsAnsweredFromTheGetEntryAndIsNeverStoredItself() {
        HttpResponse<String> headFirst = server.send(server.request("/page/head").method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, headFirst.statusCode());
        assertEquals("max-age=60", header(headFirst, "Cache-Control"));
        assertEquals(1, PageServlet.renders("/page/head"));

        HttpResponse<String> get = server.get("/page/head");
        assertEquals("render=2 url=/page/head é\n", get.body());
        HttpResponse<String> head = server.send(server.request("/page/head").method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length),
                header(head, "Content-Length"));
        assertEquals(header(get, "ETag"), header(head, "ETag"));
        assertEquals("0", header(head, "Age"));
        assertEquals(2, PageServlet.renders("/page/head"));
        assertEquals(get.body(), server.get("/page/head").body());
    }

    @Test
    void hitsAnswerConditionalRequestsWith304() {
        String path = "/page/conditional?lm=" + encode("Sat, 01 Nov 2025 10:00:00 GMT");
        HttpResponse<String> miss = server.get(path);
        String etag = header(miss, "ETag");

        HttpResponse<String> notModified = server.get(path, "If-None-Match", "\"other\", " + etag);
        assertEquals(304, notModified.statusCode());
        assertEquals("", notModified.body());
        assertEquals(etag, header(notModified, "ETag"));
        assertEquals("max-age=60", header(notModified, "Cache-Control"));
        assertEquals(header(miss, "Expires"), header(notModified, "Expires"));
        assertEquals("0", header(notModified, "Age"));
        assertTrue(notModified.headers().firstValue("Content-Type").isEmpty());

        assertEquals(200, server.get(path, "If-None-Match", "\"other\"").statusCode());
        // If-None-Match wins over If-Modified-Since (RFC 9110 section 13.2.2)
        assertEquals(200, server.get(path, "If-None-Match", "\"other\"", "If-Modified-Since",
                "Sun, 02 Nov 2025 10:00:00 GMT").statusCode());
        assertEquals(304, server.get(path, "If-Modified-Since", "Sun, 02 Nov 2025 10:00:00 GMT").statusCode());
        assertEquals(200, server.get(path, "If-Modified-Since", "Fri, 31 Oct 2025 10:00:00 GMT").statusCode());
        assertEquals(1, PageServlet.renders(path));

        // an ETag the application set is kept
        String own = "/page/conditional?etag=" + encode("\"v7\"");
        assertEquals("\"v7\"", header(server.get(own), "ETag"));
        assertEquals(304, server.get(own, "If-None-Match", "W/\"v7\"").statusCode());
    }

    @Test
    void anAsynchronousResponseIsStoredWhenItCompletesAsInSharedMode() {
        String path = "/page/r?stream=1&async=1&size=3000";
        PageCacheStatistics before = pages.statistics();
        HttpResponse<String> first = server.get(path);
        HttpResponse<String> second = server.get(path);
        assertEquals(200, first.statusCode());
        assertTrue(first.body().startsWith("render=1 url=" + path + " é\n"), first.body());
        assertEquals(first.body(), second.body(), "the second request got the stored page");
        assertEquals(1, PageServlet.renders(path));
        assertEquals(before.stores() + 1, pages.statistics().stores());
        assertEquals(before.refusals(Refusal.ASYNC), pages.statistics().refusals(Refusal.ASYNC));
    }

    @Test
    void eachRefusalReasonLeavesTheResponseIntactAndUnstored() {
        assertNotStored("/page/r?status=404", Refusal.STATUS, 404);
        assertNotStored("/page/r?status=500", Refusal.STATUS, 500);
        assertNotStored("/page/r?cc=private", Refusal.PRIVATE, 200);
        assertNotStored("/page/r?cc=" + encode("no-cache=\"Set-Cookie\""), Refusal.NO_CACHE, 200);
        assertNotStored("/page/r?cc=no-store", Refusal.NO_STORE, 200);
        assertNotStored("/page/r?cc=" + encode("max-age=0"), Refusal.ZERO_LIFETIME, 200);
        assertNotStored("/page/r?vary=" + encode("Accept, *"), Refusal.VARY_STAR, 200);
        assertNotStored("/page/r?size=" + (1024 * 1024 + 100) + "&stream=1", Refusal.TOO_LARGE, 200);

        PageCacheStatistics before = pages.statistics();
        HttpResponse<String> error = server.get("/page/r?error=404");
        HttpResponse<String> again = server.get("/page/r?error=404");
        assertEquals(404, error.statusCode());
        assertEquals(404, again.statusCode());
        assertEquals(2, PageServlet.renders("/page/r?error=404"));
        assertEquals(2, pages.statistics().refusals(Refusal.STATUS) - before.refusals(Refusal.STATUS));

        HttpResponse<String> failure = server.get("/page/r?throw=1");
        assertEquals(500, failure.statusCode());
        assertEquals(500, server.get("/page/r?throw=1").statusCode());
        assertEquals(2, PageServlet.renders("/page/r?throw=1"));

        HttpResponse<String> redirect = server.get("/page/r?redirect=/elsewhere");
        assertEquals(302, redirect.statusCode());
        assertTrue(header(redirect, "Location").endsWith("/elsewhere"));
        server.get("/page/r?redirect=/elsewhere");
        assertEquals(2, PageServlet.renders("/page/r?redirect=/elsewhere"));

        HttpResponse<String> post = server.send(server.request("/page/r").POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(405, post.statusCode());
    }

    @Test
    void anInvalidOrPastFreshnessMeansNotStorableNeverTheDefaultTimeout() {
        for (String invalid : List.of("max-age=-1", "max-age=1.5", "max-age=abc", "s-maxage=x, max-age=60")) {
            String path = "/page/invalid-freshness?cc=" + encode(invalid);
            assertNotStored(path, Refusal.ZERO_LIFETIME, 200);
            HttpResponse<String> response = server.get(path);
            assertEquals(invalid, header(response, "Cache-Control"), "the client is not told max-age=60");
            assertNull(header(response, "Expires"));
        }
        String past = HttpDates.format(CLOCK.instant().minusSeconds(3600));
        String expired = "/page/expired?expires=" + encode(past);
        assertNotStored(expired, Refusal.ZERO_LIFETIME, 200);
        assertEquals(past, header(server.get(expired), "Expires"));
        assertNull(header(server.get(expired), "Cache-Control"));
        assertNotStored("/page/expired?expires=garbage", Refusal.ZERO_LIFETIME, 200);

        String future = "/page/expires-later?expires=" + encode(HttpDates.format(CLOCK.instant().plusSeconds(30)));
        HttpResponse<String> stored = server.get(future);
        assertEquals(stored.body(), server.get(future).body(), "a future Expires is the page's own lifetime");
        assertEquals("max-age=30", header(stored, "Cache-Control"));
    }

    @Test
    void invalidationWorksForEveryHostTheContainerAccepts() {
        URI base = server.uri("/");
        String path = "/page/any-host";
        for (String host : List.of("under_score.example", "UPPER.example:8080", "[::1]:9000")) {
            String first = RawHttp.get(base, path, "Host: " + host).bodyText();
            assertEquals(first, RawHttp.get(base, path, "Host: " + host).bodyText(), host);
            pages.invalidate("http://" + host.toLowerCase(Locale.ROOT) + path);
            assertNotEquals(first, RawHttp.get(base, path, "Host: " + host).bodyText(), host);
        }
    }

    @Test
    void a304FromTheApplicationGetsFreshnessHeadersButIsNotStored() {
        PageCacheStatistics before = pages.statistics();
        HttpResponse<String> first = server.get("/page/r304?status=304");
        assertEquals(304, first.statusCode());
        assertEquals("max-age=60", header(first, "Cache-Control"));
        assertNotNull(header(first, "Expires"));
        server.get("/page/r304?status=304");
        assertEquals(2, PageServlet.renders("/page/r304?status=304"));
        assertEquals(2, pages.statistics().refusals(Refusal.NOT_MODIFIED) - before.refusals(Refusal.NOT_MODIFIED));
    }

    @Test
    void aResponseThatSetsACookieGoesToItsOwnClientAndIsNeverReplayed() {
        assertNotStored("/page/cookie?cookie=csrftoken", Refusal.SETS_COOKIE, 200);
        assertNotStored("/page/cookie?setcookie=sessionid", Refusal.SETS_COOKIE, 200);
        assertNotStored("/page/cookie?session=1", Refusal.SETS_COOKIE, 200);

        HttpResponse<String> alice = server.get("/page/cookie?cookie=csrftoken&vary=Cookie", "Cookie", "user=alice");
        HttpResponse<String> bob = server.get("/page/cookie?cookie=csrftoken&vary=Cookie", "Cookie", "user=bob");
        HttpResponse<String> anonymous = server.get("/page/cookie?cookie=csrftoken&vary=Cookie");
        assertEquals(List.of("csrftoken=v1"), cookies(alice));
        assertEquals(List.of("csrftoken=v2"), cookies(bob));
        assertEquals(List.of("csrftoken=v3"), cookies(anonymous));
    }

    @Test
    void aRequestWithAuthorizationIsStoredOnlyForPublicOrSMaxAgeResponses() {
        PageCacheStatistics before = pages.statistics();
        String path = "/page/auth?echo=Authorization";
        HttpResponse<String> alice = server.get(path, "Authorization", "Basic YWxpY2U6eA==");
        HttpResponse<String> anonymous = server.get(path);
        assertTrue(alice.body().contains("Authorization=Basic YWxpY2U6eA=="), alice.body());
        assertTrue(anonymous.body().contains("Authorization=null"), anonymous.body());
        assertEquals(1, pages.statistics().refusals(Refusal.AUTHORIZATION) - before.refusals(Refusal.AUTHORIZATION));

        String publicPath = "/page/auth?cc=public";
        HttpResponse<String> stored = server.get(publicPath, "Authorization", "Bearer t");
        assertEquals(stored.body(), server.get(publicPath).body());
        String sharedPath = "/page/auth?cc=" + encode("s-maxage=30");
        HttpResponse<String> sharedStored = server.get(sharedPath, "Authorization", "Bearer t");
        assertEquals(sharedStored.body(), server.get(sharedPath).body());
    }

    @Test
    void varyVariantsAreServedToTheMatchingClientsOnly() {
        assertVariants("Accept-Encoding", "gzip", "br");
        assertVariants("Accept-Language", "en", "fr-CH, fr;q=0.9");
        assertVariants("Cookie", "sessionid=alice", "sessionid=bob");

        // several header lines count as one joined value; the query string is part of the key, unnormalised
        String path = "/page/vary-lines?vary=Accept&echo=Accept";
        HttpResponse<String> twoLines = server.send(server.request(path).header("Accept", "text/html")
                .header("Accept", "text/plain").build());
        assertEquals(twoLines.body(), server.get(path, "Accept", "text/html, text/plain").body());
        assertNotEquals(server.get("/page/q?a=1&b=2").body(), server.get("/page/q?b=2&a=1").body());
    }

    private static void assertVariants(String header, String first, String second) {
        String path = "/page/variants?vary=" + encode(header) + "&echo=" + encode(header);
        HttpResponse<String> a = server.get(path, header, first);
        HttpResponse<String> b = server.get(path, header, second);
        HttpResponse<String> none = server.get(path);
        assertTrue(a.body().contains(header + "=" + first), a.body());
        assertTrue(b.body().contains(header + "=" + second), b.body());
        assertTrue(none.body().contains(header + "=null"), none.body());
        assertEquals(header, header(a, "Vary"));
        for (int round = 0; round < 2; round++) {
            assertEquals(a.body(), server.get(path, header, first).body());
            assertEquals(b.body(), server.get(path, header, second).body());
            assertEquals(none.body(), server.get(path).body());
        }
        assertEquals(3, PageServlet.renders(path.substring(0, path.length())));
    }

    @Test
    void aBodyOverTheLimitStreamsThroughIntactFromTheWriterAndTheStream() {
        int size = 1024 * 1024 + 512 * 1024;
        for (String mode : List.of("", "&stream=1", "&flush=1")) {
            String path = "/page/large?size=" + size + mode;
            byte[] expected = (("render=1 url=" + path + " é\n") + PageServlet.filler(size))
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> response = server.sendForBytes(server.request(path).GET().build());
            assertEquals(200, response.statusCode());
            assertArrayEquals(expected, response.body(), path);
            HttpResponse<byte[]> again = server.sendForBytes(server.request(path).GET().build());
            assertEquals(expected.length, again.body().length);
            assertEquals(2, PageServlet.renders(path));
        }
    }

    @Test
    void resetAndResetBufferClearWhatWasHeldAndTheWritersCharsetIsKept() {
        for (String path : List.of("/page/capture?reset=1", "/page/capture?resetbuffer=1&stream=1")) {
            HttpResponse<String> miss = server.get(path);
            assertTrue(miss.body().startsWith("render=1 url=" + path), miss.body());
            assertFalse(miss.body().contains("discard"), miss.body());
            assertTrue(miss.headers().firstValue("X-Discarded").isEmpty());
            assertEquals(miss.body(), server.get(path).body());
        }
        String path = "/page/capture?latin1=1";
        HttpResponse<byte[]> miss = server.sendForBytes(server.request(path).GET().build());
        HttpResponse<byte[]> hit = server.sendForBytes(server.request(path).GET().build());
        byte[] expected = ("render=1 url=" + path + " é\n").getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(expected, miss.body());
        assertArrayEquals(expected, hit.body());
        assertTrue(header(miss, "Content-Type").toLowerCase().contains("charset=iso-8859-1"),
                header(miss, "Content-Type"));
        assertEquals(header(miss, "Content-Type"), header(hit, "Content-Type"));
    }

    @Test
    void aDeclaredContentLengthIsKept() {
        String probe = "/page/declared?stream=1";
        int length = server.get(probe).body().getBytes(StandardCharsets.UTF_8).length;
        String path = "/page/declared?stream=1&cl=" + (length + "&cl=".length() + String.valueOf(length).length());
        HttpResponse<String> first = server.get(path);
        assertEquals(String.valueOf(first.body().getBytes(StandardCharsets.UTF_8).length),
                header(first, "Content-Length"));
        assertEquals(first.body(), server.get(path).body());
        assertEquals(1, PageServlet.renders(path));
    }

    @Test
    void aFlushWhileTheResponseIsStorableIsDeferredAndTheResponseStored() {
        String path = "/page/flushed?flush=1&size=20000";
        HttpResponse<String> first = server.get(path);
        assertEquals(first.body(), server.get(path).body());
        assertEquals(1, PageServlet.renders(path));
        // once refused, a flush streams at once, and the body still arrives whole
        String refused = "/page/flushed?flush=1&size=20000&cc=private";
        assertTrue(server.get(refused).body().endsWith(PageServlet.filler(20000)));
    }

    @Test
    void invalidatingAUrlDropsEveryVariant() {
        String path = "/page/invalidate?vary=Accept-Language&echo=Accept-Language";
        String en = server.get(path, "Accept-Language", "en").body();
        String fr = server.get(path, "Accept-Language", "fr").body();
        assertEquals(en, server.get(path, "Accept-Language", "en").body());

        pages.invalidate(server.uri(path).toString());

        assertNotEquals(en, server.get(path, "Accept-Language", "en").body());
        assertNotEquals(fr, server.get(path, "Accept-Language", "fr").body());
        assertEquals(4, PageServlet.renders(path));
        String again = server.get(path, "Accept-Language", "en").body();
        assertEquals(again, server.get(path, "Accept-Language", "en").body());

        pages.clear();
        assertNotEquals(again, server.get(path, "Accept-Language", "en").body());
    }

    private static final Set<Refusal> DECLARED = EnumSet.of(Refusal.SETS_COOKIE, Refusal.PRIVATE, Refusal.NO_STORE,
            Refusal.NO_CACHE, Refusal.VARY_STAR, Refusal.ZERO_LIFETIME);

    private static void assertNotStored(String path, Refusal reason, int status) {
        PageCacheStatistics before = pages.statistics();
        HttpResponse<String> first = server.get(path);
        HttpResponse<String> second = server.get(path);
        assertEquals(status, first.statusCode(), path);
        assertEquals(status, second.statusCode(), path);
        assertTrue(first.body().startsWith("render=1 url=" + path + " é\n"), path + ": " + first.body());
        assertTrue(second.body().startsWith("render=2 url=" + path + " é\n"), path + ": " + second.body());
        assertEquals(2, PageServlet.renders(path), path);
        PageCacheStatistics after = pages.statistics();
        // a refusal the response declared in its headers sends the page's next render straight through
        boolean declared = DECLARED.contains(reason);
        assertEquals(declared ? 1 : 2, after.refusals(reason) - before.refusals(reason), path);
        assertEquals(declared ? 1 : 0, after.refusals(Refusal.PASSED) - before.refusals(Refusal.PASSED), path);
        assertEquals(before.stores(), after.stores(), path);
        assertFalse(first.headers().firstValue("Age").isPresent(), path);
    }

    private static List<String> cookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(c -> c.split(";")[0]).toList();
    }

    private static String header(HttpResponse<?> response, String name) {
        Optional<String> value = response.headers().firstValue(name);
        return value.orElse(null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
