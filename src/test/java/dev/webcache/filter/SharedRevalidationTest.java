package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.webcache.http.HttpDates;
import dev.webcache.testing.CachingProxy;
import dev.webcache.testing.ManualClock;
import dev.webcache.testing.RawHttp;
import dev.webcache.testing.RawHttp.Exchange;
import dev.webcache.testing.ScriptedOrigin;
import dev.webcache.testing.ScriptedOrigin.Reply;
import dev.webcache.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shared mode over a proxy to a {@link ScriptedOrigin}: validation (RFC 9111 section 4.3), invalidation after unsafe
 * methods (4.4), asynchronous completion, and heuristic freshness (4.2.2, on by default, capped at a day).
 */
class SharedRevalidationTest {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-04-01T08:00:00Z"));
    private static ScriptedOrigin origin;
    private static TestServer proxy;
    private static TestServer noHeuristicProxy;
    private static TestServer smallProxy;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        origin = ScriptedOrigin.start();
        proxy = CachingProxy.start(origin, CLOCK);
        noHeuristicProxy = CachingProxy.start(origin, CLOCK, "heuristic-limit", "0", "key-prefix", "no-heuristic",
                "targeted-cache-control", "Webcache-Cache-Control, CDN-Cache-Control");
        smallProxy = CachingProxy.start(origin, CLOCK, "max-entry-size", "16", "key-prefix", "small");
        base = proxy.uri("/");
    }

    @AfterAll
    static void stop() throws Exception {
        smallProxy.close();
        noHeuristicProxy.close();
        proxy.close();
        origin.close();
    }

    private static String now() {
        return HttpDates.format(CLOCK.instant());
    }

    private static Exchange get(String path, String... headerLines) {
        return RawHttp.get(base, path, headerLines);
    }

    /** 200 with the ETag, or 304 with {@code notModifiedHeaders} when the request's If-None-Match matches it. */
    private static void validating(String path, String etag, String body, String cacheControl,
                                   String... notModifiedHeaders) {
        origin.on(path, request -> {
            if (etag.equals(request.header("If-None-Match"))) {
                Reply reply = Reply.status(304).header("Date", now()).header("ETag", etag);
                for (int i = 0; i < notModifiedHeaders.length; i += 2) {
                    reply.header(notModifiedHeaders[i], notModifiedHeaders[i + 1]);
                }
                return reply;
            }
            return Reply.ok(body).header("Date", now()).header("Cache-Control", cacheControl).header("ETag", etag)
                    .header("X-Version", "1");
        });
    }

    @Test
    void aStaleEntryIsRevalidatedAndA304RefreshesItsHeadersButNotContentLength() {
        validating("/validate/etag", "\"v1\"", "the stored body", "max-age=10",
                "Cache-Control", "max-age=20", "X-Version", "2", "Content-Length", "999", "Set-Cookie", "seen=1");
        Exchange miss = get("/validate/etag");
        assertNull(origin.lastRequest("/validate/etag").header("If-None-Match"));
        CLOCK.advance(Duration.ofSeconds(11));

        Exchange revalidated = get("/validate/etag", "Range: bytes=0-2", "If-Range: \"v0\"");
        assertEquals(2, origin.hits("/validate/etag"));
        assertEquals("\"v1\"", origin.lastRequest("/validate/etag").header("If-None-Match"));
        assertNull(origin.lastRequest("/validate/etag").header("Range"), "the client's Range is set aside");
        assertNull(origin.lastRequest("/validate/etag").header("If-Range"));
        assertEquals(200, revalidated.status());
        assertEquals("the stored body", revalidated.bodyText());
        assertEquals("15", revalidated.header("Content-Length"));
        assertEquals("max-age=20", revalidated.header("Cache-Control"));
        assertEquals("2", revalidated.header("X-Version"));
        assertEquals("\"v1\"", revalidated.header("ETag"));
        assertEquals(List.of(now()), revalidated.headers("Date"), "the 304's Date replaces the stored one");
        assertEquals("0", revalidated.header("Age"));
        assertEquals("seen=1", revalidated.header("Set-Cookie"), "the 304's cookie reaches its own client");
        assertEquals("1", miss.header("X-Version"));

        CLOCK.advance(Duration.ofSeconds(19));
        Exchange hit = get("/validate/etag");
        assertEquals(2, origin.hits("/validate/etag"), "fresh again for the 304's max-age=20");
        assertEquals("19", hit.header("Age"));
        assertEquals("2", hit.header("X-Version"));
        assertEquals("the stored body", hit.bodyText());
        assertNull(hit.header("Set-Cookie"), "and no other");
    }

    @Test
    void aClientsOwnConditionalIsAnsweredFromTheEntryFreshOrRevalidated() {
        validating("/validate/client", "\"c1\"", "client body", "max-age=10",
                "Cache-Control", "max-age=10");
        origin.on("/validate/client", request -> "\"c1\"".equals(request.header("If-None-Match"))
                ? Reply.status(304).header("Date", now()).header("ETag", "\"c1\"").header("Cache-Control", "max-age=10")
                : Reply.ok("client body").header("Date", now()).header("Cache-Control", "max-age=10")
                        .header("ETag", "\"c1\"").header("Expires", HttpDates.format(CLOCK.instant().plusSeconds(10)))
                        .header("Vary", "Accept-Language").header("X-Other", "x"));
        get("/validate/client");
        Exchange notModified = get("/validate/client", "If-None-Match: \"c1\"");
        assertEquals(304, notModified.status());
        assertEquals(1, origin.hits("/validate/client"));
        assertEquals("\"c1\"", notModified.header("ETag"));
        assertEquals("max-age=10", notModified.header("Cache-Control"));
        assertEquals(now(), notModified.header("Date"));
        assertEquals(HttpDates.format(CLOCK.instant().plusSeconds(10)), notModified.header("Expires"));
        assertEquals("Accept-Language", notModified.header("Vary"));
        assertNull(notModified.header("X-Other"));
        assertEquals(0, notModified.body().length);

        CLOCK.advance(Duration.ofSeconds(11));
        Exchange revalidated = get("/validate/client", "If-None-Match: \"c1\"");
        assertEquals(304, revalidated.status());
        assertEquals(2, origin.hits("/validate/client"));
        assertEquals("\"c1\"", origin.lastRequest("/validate/client").header("If-None-Match"));
        Exchange other = get("/validate/client", "If-None-Match: \"other\"");
        assertEquals(200, other.status());
        assertEquals("client body", other.bodyText());
        assertEquals(2, origin.hits("/validate/client"));
    }

    @Test
    void requestDirectivesRevalidateAFreshEntryAndThe304StillAnswersInFull() {
        validating("/validate/request-no-cache", "\"r1\"", "fresh body", "max-age=600",
                "Cache-Control", "max-age=600");
        get("/validate/request-no-cache");
        for (String directive : List.of("no-cache", "max-age=0")) {
            CLOCK.advance(Duration.ofSeconds(1));
            Exchange exchange = get("/validate/request-no-cache", "Cache-Control: " + directive);
            assertEquals(200, exchange.status(), directive);
            assertEquals("fresh body", exchange.bodyText(), directive);
            assertEquals("\"r1\"", origin.lastRequest("/validate/request-no-cache").header("If-None-Match"));
        }
        assertEquals(3, origin.hits("/validate/request-no-cache"));
    }

    @Test
    void lastModifiedIsRevalidatedWithIfModifiedSince() {
        String lastModified = "Wed, 01 Jan 2025 00:00:00 GMT";
        origin.on("/validate/last-modified", request -> lastModified.equals(request.header("If-Modified-Since"))
                ? Reply.status(304).header("Date", now())
                : Reply.ok("lm").header("Date", now()).header("Cache-Control", "max-age=5")
                        .header("Last-Modified", lastModified));
        get("/validate/last-modified");
        CLOCK.advance(Duration.ofSeconds(6));
        Exchange revalidated = get("/validate/last-modified");
        assertEquals("lm", revalidated.bodyText());
        assertEquals(lastModified, origin.lastRequest("/validate/last-modified").header("If-Modified-Since"));
        assertNull(revalidated.header("ETag"));
        assertEquals(2, origin.hits("/validate/last-modified"));
    }

    @Test
    void aChangedRepresentationReplacesTheEntry() {
        int[] version = {1};
        origin.on("/validate/changed", request -> Reply.ok("version " + version[0]).header("Date", now())
                .header("Cache-Control", "max-age=5").header("ETag", "\"" + version[0] + "\""));
        get("/validate/changed");
        version[0] = 2;
        CLOCK.advance(Duration.ofSeconds(6));
        assertEquals("version 2", get("/validate/changed").bodyText());
        assertEquals("\"1\"", origin.lastRequest("/validate/changed").header("If-None-Match"));
        assertEquals("version 2", get("/validate/changed").bodyText());
        assertEquals(2, origin.hits("/validate/changed"));
    }

    @Test
    void mustRevalidateAndNoCacheEntriesAreNeverServedStale() {
        validating("/validate/must", "\"m\"", "must", "max-age=5, must-revalidate");
        validating("/validate/proxy", "\"p\"", "proxy", "max-age=5, proxy-revalidate");
        validating("/validate/plain", "\"n\"", "plain", "max-age=5");
        validating("/validate/no-cache", "\"nc\"", "no-cache body", "no-cache");
        for (String path : List.of("/validate/must", "/validate/proxy", "/validate/plain", "/validate/no-cache")) {
            get(path);
        }
        CLOCK.advance(Duration.ofSeconds(6));
        for (String path : List.of("/validate/must", "/validate/proxy", "/validate/plain")) {
            get(path, "Cache-Control: max-stale=60");
        }
        assertEquals(2, origin.hits("/validate/must"));
        assertEquals(2, origin.hits("/validate/proxy"));
        assertEquals(1, origin.hits("/validate/plain"), "a plain entry may be served stale at max-stale");
        for (int i = 0; i < 2; i++) {
            Exchange exchange = get("/validate/no-cache", "Cache-Control: max-stale");
            assertEquals("no-cache body", exchange.bodyText());
        }
        assertEquals(3, origin.hits("/validate/no-cache"), "no-cache: revalidated on every request");
        assertEquals("\"nc\"", origin.lastRequest("/validate/no-cache").header("If-None-Match"));
    }

    @Test
    void unsafeMethodsInvalidateTheTargetAndSameOriginLocations() {
        for (String path : List.of("/inv/target", "/inv/location", "/inv/content-location", "/inv/foreign",
                "/inv/failed")) {
            origin.on(path, request -> "GET".equals(request.method())
                    ? Reply.ok(path + " " + request.method()).header("Date", now())
                            .header("Cache-Control", "max-age=600")
                    : Reply.status(204));
            get(path);
            get(path);
            assertEquals(1, origin.hits(path), path);
        }
        post("POST", "/inv/target");
        get("/inv/target");
        assertEquals(3, origin.hits("/inv/target"), "POST invalidated its target");

        origin.on("/inv/put", request -> Reply.status(201).header("Location", "/inv/location"));
        post("PUT", "/inv/put");
        get("/inv/location");
        assertEquals(2, origin.hits("/inv/location"), "PUT invalidated its same-origin Location");

        origin.on("/inv/delete", request -> Reply.status(200).header("Content-Location",
                base.resolve("/inv/content-location").toString()).body("gone"));
        post("DELETE", "/inv/delete");
        get("/inv/content-location");
        assertEquals(2, origin.hits("/inv/content-location"), "DELETE invalidated its Content-Location");

        origin.on("/inv/patch", request -> Reply.status(200).header("Location",
                "http://other.example:" + base.getPort() + "/inv/foreign").body("patched"));
        post("PATCH", "/inv/patch");
        get("/inv/foreign");
        assertEquals(1, origin.hits("/inv/foreign"), "another origin's Location is left alone");

        origin.on("/inv/failed", request -> "GET".equals(request.method())
                ? Reply.ok("kept").header("Date", now()).header("Cache-Control", "max-age=600")
                : Reply.status(500).body("no"));
        post("POST", "/inv/failed");
        get("/inv/failed");
        assertEquals(2, origin.hits("/inv/failed"), "the GET and the failed POST only: an error invalidates nothing");
    }

    private static void post(String method, String path) {
        RawHttp.send(base, method, path, "x".getBytes(StandardCharsets.UTF_8), "Content-Type: text/plain");
    }

    @Test
    void anUnknownMethodInvalidatesToo() {
        origin.on("/inv/unknown", request -> "GET".equals(request.method())
                ? Reply.ok("u").header("Date", now()).header("Cache-Control", "max-age=600")
                : Reply.status(200).body("purged"));
        get("/inv/unknown");
        RawHttp.send(base, "PURGE", "/inv/unknown", null);
        get("/inv/unknown");
        assertEquals(List.of("GET", "PURGE", "GET"),
                origin.requests("/inv/unknown").stream().map(ScriptedOrigin.Recorded::method).toList());
    }

    @Test
    void anOriginThatTimesOutStoresNothingAndTheNextResponseIsStored() {
        origin.on("/async/slow", Reply.ok("late").header("Date", now()).header("Cache-Control", "max-age=60")
                .delay(Duration.ofMillis(3000)));
        Exchange timedOut = get("/async/slow");
        assertEquals(504, timedOut.status(), "the proxy's own timeout");
        origin.on("/async/slow", request -> Reply.ok("prompt").header("Date", now())
                .header("Cache-Control", "max-age=60"));
        assertEquals("prompt", get("/async/slow").bodyText());
        assertEquals("prompt", get("/async/slow").bodyText());
        assertEquals(2, origin.hits("/async/slow"));
    }

    @Test
    void concurrentRequestsForOnePageWaitForOneOriginRequest() throws Exception {
        origin.on("/coalesced", Reply.ok("once").header("Date", now()).header("Cache-Control", "max-age=60")
                .delay(Duration.ofMillis(500)));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Exchange>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> get("/coalesced")));
            }
            for (Future<Exchange> answer : answers) {
                assertEquals("once", answer.get(30, TimeUnit.SECONDS).bodyText());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, origin.hits("/coalesced"));
    }

    @Test
    void anAsynchronousResponseLargerThanMaxEntrySizeStreamsThroughWhole() {
        String large = "0123456789".repeat(5000);
        origin.on("/async/large", Reply.ok(large).header("Date", now()).header("Cache-Control", "max-age=60"));
        origin.on("/async/small", Reply.ok("tiny").header("Date", now()).header("Cache-Control", "max-age=60"));
        URI small = smallProxy.uri("/");
        for (int i = 0; i < 2; i++) {
            assertEquals(large, RawHttp.get(small, "/async/large").bodyText());
            assertEquals("tiny", RawHttp.get(small, "/async/small").bodyText());
        }
        assertEquals(2, origin.hits("/async/large"));
        assertEquals(1, origin.hits("/async/small"));
    }

    @Test
    void aHeuristicLifetimeIsUsedByDefaultCappedAtADayAndOffWithALimitOfZero() {
        String lastModified = HttpDates.format(CLOCK.instant().minusSeconds(1000));
        origin.on("/heuristic", request -> Reply.ok("h").header("Date", now()).header("Last-Modified", lastModified));
        get("/heuristic");
        CLOCK.advance(Duration.ofSeconds(99));
        assertEquals("99", get("/heuristic").header("Age"));
        assertEquals(1, origin.hits("/heuristic"), "10% of 1000 s since Last-Modified");
        CLOCK.advance(Duration.ofSeconds(1));
        get("/heuristic");
        assertEquals(2, origin.hits("/heuristic"));
        // 10% of 20 days is 2 days: capped at one
        String longAgo = HttpDates.format(CLOCK.instant().minus(Duration.ofDays(20)));
        origin.on("/heuristic/old", request -> Reply.ok("o").header("Date", now()).header("Last-Modified", longAgo));
        get("/heuristic/old");
        CLOCK.advance(Duration.ofDays(1).minusSeconds(1));
        get("/heuristic/old");
        assertEquals(1, origin.hits("/heuristic/old"));
        CLOCK.advance(Duration.ofSeconds(1));
        get("/heuristic/old");
        assertEquals(2, origin.hits("/heuristic/old"));
        // heuristic-limit=0: kept only to be revalidated
        URI off = noHeuristicProxy.uri("/");
        String offModified = HttpDates.format(CLOCK.instant().minusSeconds(1000));
        origin.on("/heuristic/off", request -> Reply.ok("f").header("Date", now()).header("Last-Modified",
                offModified));
        RawHttp.get(off, "/heuristic/off");
        RawHttp.get(off, "/heuristic/off");
        assertEquals(2, origin.hits("/heuristic/off"));
        assertEquals(offModified, origin.lastRequest("/heuristic/off").header("If-Modified-Since"));
    }

    @Test
    void staleIfErrorAndAnUnreachableUpstreamServeTheStoredResponseOnlyWhereAllowed() {
        origin.on("/stale/error", Reply.ok("kept").header("Date", now())
                .header("Cache-Control", "max-age=5, stale-if-error=60"));
        origin.on("/stale/plain", Reply.ok("plain").header("Date", now()).header("Cache-Control", "max-age=5"));
        origin.on("/stale/must", Reply.ok("must").header("Date", now())
                .header("Cache-Control", "max-age=5, must-revalidate"));
        for (String path : List.of("/stale/error", "/stale/plain", "/stale/must")) {
            get(path);
        }
        CLOCK.advance(Duration.ofSeconds(10));
        for (String path : List.of("/stale/error", "/stale/plain", "/stale/must")) {
            origin.on(path, Reply.status(500).body("oops"));
        }
        Exchange standIn = get("/stale/error");
        assertEquals(200, standIn.status());
        assertEquals("kept", standIn.bodyText());
        assertEquals("10", standIn.header("Age"));
        assertEquals("max-age=5, stale-if-error=60", standIn.header("Cache-Control"),
                "the stored headers as they were");
        assertEquals(500, get("/stale/plain").status(), "an answer from upstream, and no stale-if-error");
        // the upstream does not answer within the proxy's timeout: the proxy's own 504, a disconnected cache
        origin.on("/stale/plain", Reply.ok("late").delay(Duration.ofMillis(3000)));
        origin.on("/stale/must", Reply.ok("late").delay(Duration.ofMillis(3000)));
        Exchange disconnected = get("/stale/plain");
        assertEquals(200, disconnected.status());
        assertEquals("plain", disconnected.bodyText());
        assertEquals("10", disconnected.header("Age"));
        assertEquals(504, get("/stale/must").status(), "must-revalidate: never served stale");
        CLOCK.advance(Duration.ofSeconds(60));
        assertEquals(500, get("/stale/error").status(), "past its stale-if-error window");
    }

    @Test
    void staleWhileRevalidateServesTheStoredResponseWhileAnotherRequestRevalidatesIt() throws Exception {
        origin.on("/stale/swr", Reply.ok("old").header("Date", now())
                .header("Cache-Control", "max-age=5, stale-while-revalidate=60"));
        get("/stale/swr");
        CLOCK.advance(Duration.ofSeconds(10));
        origin.on("/stale/swr", request -> Reply.ok("new").header("Date", now())
                .header("Cache-Control", "max-age=5, stale-while-revalidate=60").delay(Duration.ofMillis(1500)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Exchange> revalidating = pool.submit(() -> get("/stale/swr"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (origin.hits("/stale/swr") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Exchange meanwhile = get("/stale/swr");
            assertEquals("old", meanwhile.bodyText(), "served stale while the other request revalidates");
            assertEquals("10", meanwhile.header("Age"));
            assertEquals("new", revalidating.get(30, TimeUnit.SECONDS).bodyText());
        } finally {
            pool.shutdownNow();
        }
        assertEquals("new", get("/stale/swr").bodyText());
        assertEquals(2, origin.hits("/stale/swr"), "no background request: one revalidation in all");
    }

    @Test
    void theConfiguredTargetedFieldsGovernInTheirOrderAndReachTheClientUntouched() {
        origin.on("/targeted/own", request -> Reply.ok("own").header("Date", now())
                .header("Cache-Control", "no-store").header("CDN-Cache-Control", "max-age=5")
                .header("Webcache-Cache-Control", "max-age=600"));
        URI targeted = noHeuristicProxy.uri("/");
        Exchange first = RawHttp.get(targeted, "/targeted/own");
        assertEquals(List.of("no-store"), first.headers("Cache-Control"));
        assertEquals(List.of("max-age=5"), first.headers("CDN-Cache-Control"));
        assertEquals(List.of("max-age=600"), first.headers("Webcache-Cache-Control"));
        CLOCK.advance(Duration.ofSeconds(100));
        Exchange hit = RawHttp.get(targeted, "/targeted/own");
        assertEquals("100", hit.header("Age"), "Webcache-Cache-Control comes first in this cache's list");
        assertEquals(List.of("no-store"), hit.headers("Cache-Control"));
        assertEquals(1, origin.hits("/targeted/own"));
        // the default list obeys CDN-Cache-Control only
        get("/targeted/own");
        CLOCK.advance(Duration.ofSeconds(6));
        get("/targeted/own");
        assertEquals(3, origin.hits("/targeted/own"));
    }

    @Test
    void a304NamingAnotherStrongValidatorNeverReachesAClientThatDidNotAskForIt() {
        origin.on("/validate/other-etag", request -> request.header("If-None-Match") == null
                ? Reply.ok("stored").header("Date", now()).header("Cache-Control", "max-age=5")
                        .header("ETag", "\"a\"")
                : Reply.status(304).header("Date", now()).header("Cache-Control", "max-age=600")
                        .header("ETag", "\"b\""));
        get("/validate/other-etag");
        CLOCK.advance(Duration.ofSeconds(6));
        Exchange answer = get("/validate/other-etag");
        assertEquals(200, answer.status());
        assertEquals("stored", answer.bodyText());
        assertEquals("\"a\"", answer.header("ETag"), "the entry as it was: the 304 did not update it");
        assertEquals("\"a\"", origin.lastRequest("/validate/other-etag").header("If-None-Match"));
        get("/validate/other-etag");
        assertEquals(3, origin.hits("/validate/other-etag"), "still stale: revalidated again");
    }

    @Test
    void ifModifiedSinceIsAnsweredFromTheDateOfAnEntryWithoutLastModified() {
        String date = now();
        origin.on("/validate/no-lm", Reply.ok("dated").header("Date", date).header("Cache-Control", "max-age=600"));
        get("/validate/no-lm");
        CLOCK.advance(Duration.ofSeconds(10));
        assertEquals(304, get("/validate/no-lm", "If-Modified-Since: " + date).status());
        assertEquals(304, get("/validate/no-lm", "If-Modified-Since: " + date.replace("GMT", "gmt")).status(),
                "an HTTP-date whose GMT has another case");
        assertEquals(200, get("/validate/no-lm", "If-Modified-Since: "
                + HttpDates.format(CLOCK.instant().minusSeconds(3600))).status());
        assertEquals(1, origin.hits("/validate/no-lm"));
    }
}
