package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code CacheFilter mode=shared} in front of webcache's {@code VerbatimProxyServlet.Transparent} forwarding to a
 * {@link ScriptedOrigin}: storing (RFC 9111 section 3) and freshness and age (section 4.2), asserted over raw HTTP by
 * the origin's request counts and the exact header lines clients get.
 */
class SharedModeTest {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private static ScriptedOrigin origin;
    private static TestServer proxy;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        origin = ScriptedOrigin.start();
        proxy = CachingProxy.start(origin, CLOCK);
        base = proxy.uri("/");
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        origin.close();
    }

    static String now() {
        return HttpDates.format(CLOCK.instant());
    }

    private static Exchange get(String path, String... headerLines) {
        return RawHttp.get(base, path, headerLines);
    }

    @Test
    void sMaxAgeWinsOverMaxAgeWhichWinsOverExpires() {
        origin.on("/fresh/s-maxage", Reply.ok("s").header("Date", now())
                .header("Cache-Control", "max-age=10, s-maxage=100"));
        origin.on("/fresh/max-age", Reply.ok("m").header("Date", now()).header("Cache-Control", "max-age=30")
                .header("Expires", HttpDates.format(CLOCK.instant().plusSeconds(300))));
        origin.on("/fresh/expires", Reply.ok("e").header("Date", now())
                .header("Expires", HttpDates.format(CLOCK.instant().plusSeconds(40))));
        for (String path : List.of("/fresh/s-maxage", "/fresh/max-age", "/fresh/expires")) {
            assertEquals(200, get(path).status());
        }
        CLOCK.advance(Duration.ofSeconds(29));
        for (String path : List.of("/fresh/s-maxage", "/fresh/max-age", "/fresh/expires")) {
            Exchange hit = get(path);
            assertEquals("29", hit.header("Age"), path);
            assertEquals(1, origin.hits(path), path);
        }
        CLOCK.advance(Duration.ofSeconds(1));
        get("/fresh/max-age");
        assertEquals(2, origin.hits("/fresh/max-age"), "max-age=30 beats Expires +300");
        CLOCK.advance(Duration.ofSeconds(9));
        assertEquals("39", get("/fresh/expires").header("Age"));
        CLOCK.advance(Duration.ofSeconds(1));
        get("/fresh/expires");
        assertEquals(2, origin.hits("/fresh/expires"), "Expires minus Date is 40 s");
        get("/fresh/s-maxage");
        assertEquals(1, origin.hits("/fresh/s-maxage"), "s-maxage=100 beats max-age=10");
        CLOCK.advance(Duration.ofSeconds(60));
        get("/fresh/s-maxage");
        assertEquals(2, origin.hits("/fresh/s-maxage"));
    }

    @Test
    void anInvalidOrPastExpiresIsStaleOnArrival() {
        origin.on("/expires/zero", Reply.ok("z").header("Date", now()).header("Expires", "0"));
        origin.on("/expires/past", Reply.ok("p").header("Date", now())
                .header("Expires", HttpDates.format(CLOCK.instant().minusSeconds(60))));
        for (int i = 0; i < 2; i++) {
            assertEquals("z", get("/expires/zero").bodyText());
            assertEquals("p", get("/expires/past").bodyText());
        }
        assertEquals(2, origin.hits("/expires/zero"));
        assertEquals(2, origin.hits("/expires/past"));
    }

    @Test
    void theUpstreamAgeAndDateCountTowardsTheAge() {
        origin.on("/age/upstream", Reply.ok("a").header("Date", now()).header("Cache-Control", "max-age=150")
                .header("Age", "100"));
        origin.on("/age/invalid", Reply.ok("i").header("Date", now()).header("Cache-Control", "max-age=150")
                .header("Age", "1.5"));
        origin.on("/age/date", Reply.ok("d").header("Date", HttpDates.format(CLOCK.instant().minusSeconds(30)))
                .header("Cache-Control", "max-age=60"));
        assertEquals("100", get("/age/upstream").header("Age"), "a miss passes the upstream Age on");
        assertEquals("100", get("/age/upstream").header("Age"));
        get("/age/invalid");
        assertEquals("0", get("/age/invalid").header("Age"), "an invalid Age is ignored");
        get("/age/date");
        assertEquals("30", get("/age/date").header("Age"), "the apparent age from Date");
        CLOCK.advance(Duration.ofSeconds(29));
        assertEquals("129", get("/age/upstream").header("Age"));
        assertEquals("59", get("/age/date").header("Age"));
        assertEquals(1, origin.hits("/age/upstream"));
        assertEquals(1, origin.hits("/age/date"));
        CLOCK.advance(Duration.ofSeconds(1));
        get("/age/date");
        assertEquals(2, origin.hits("/age/date"));
        CLOCK.advance(Duration.ofSeconds(20));
        get("/age/upstream");
        assertEquals(2, origin.hits("/age/upstream"), "100 + 50 seconds reach max-age=150");
    }

    @Test
    void headersReachTheClientByteForByteWithMultiLineFieldsKept() {
        String expires = HttpDates.format(CLOCK.instant().plusSeconds(3600));
        origin.on("/bytes", Reply.status(200)
                .header("Content-Type", "text/html; charset=ISO-8859-1")
                .header("Date", now())
                .header("Cache-Control", "public")
                .header("Cache-Control", "s-maxage=60,  max-age=5")
                .header("Expires", expires)
                .header("X-Trace", "one")
                .header("x-trace", "two,  three")
                .header("Link", "</a.css>; rel=preload")
                .header("Link", "</b.js>; rel=preload")
                .header("Last-Modified", "Sun, 01 Feb 2026 08:00:00 GMT")
                .body("<p>bytes</p>"));
        List<String> names = List.of("Content-Type", "Date", "Cache-Control", "Expires", "X-Trace", "Link",
                "Last-Modified");
        List<String> sent = RawHttp.get(origin.base(), "/bytes").linesNamed(names);
        Exchange miss = get("/bytes");
        CLOCK.advance(Duration.ofSeconds(7));
        Exchange hit = get("/bytes");
        assertEquals(1, origin.hits("/bytes") - 1, "the direct request above is the other one");
        // a hit replays every line the chain produced, values byte for byte, in order, and adds only Age (names
        // are case-insensitive: a repeated name takes the case of its first line)
        assertEquals(nameCaseFolded(miss.headerLines()), nameCaseFolded(hit.headerLines()));
        assertEquals("7", hit.header("Age"));
        // what the chain produced is the origin's lines, byte for byte (the proxy servlet copies them verbatim), up
        // to the Content-Type that the servlet container rewrites (charset case, no space after ';')
        assertEquals(contentTypeCaseFolded(sortedByName(sent)), contentTypeCaseFolded(sortedByName(
                miss.linesNamed(names))));
        for (Exchange exchange : List.of(miss, hit)) {
            assertEquals(List.of("public", "s-maxage=60,  max-age=5"), exchange.headers("Cache-Control"));
            assertEquals(List.of("one", "two,  three"), exchange.headers("X-Trace"));
            assertEquals(List.of("</a.css>; rel=preload", "</b.js>; rel=preload"), exchange.headers("Link"));
            assertEquals(List.of(expires), exchange.headers("Expires"));
            assertNull(exchange.header("ETag"), "a shared cache adds no validator");
            assertEquals("<p>bytes</p>", exchange.bodyText());
            assertEquals("12", exchange.header("Content-Length"));
        }
    }

    private static List<String> nameCaseFolded(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("Age:"))
                .map(l -> l.substring(0, l.indexOf(':')).toLowerCase(Locale.ROOT) + l.substring(l.indexOf(':')))
                .toList();
    }

    private static List<String> contentTypeCaseFolded(List<String> lines) {
        return lines.stream().map(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13)
                ? l.toLowerCase(Locale.ROOT).replace("; ", ";") : l).toList();
    }

    @Test
    void hopByHopFieldsAndTheFieldsConnectionNamesAreNeitherForwardedNorStored() {
        origin.on("/hop", Reply.ok("hop").header("Date", now()).header("Cache-Control", "max-age=60")
                .header("Connection", "X-Hop, x-other").header("X-Hop", "1").header("X-Other", "2")
                .header("Keep-Alive", "timeout=5").header("X-XSS-Protection", "1; mode=block")
                .header("Content-Disposition", "attachment; filename=example.txt"));
        Exchange miss = get("/hop");
        Exchange hit = get("/hop");
        assertEquals(1, origin.hits("/hop"));
        for (Exchange exchange : List.of(miss, hit)) {
            assertNull(exchange.header("X-Hop"));
            assertNull(exchange.header("X-Other"));
            assertNull(exchange.header("Keep-Alive"));
            assertEquals("1; mode=block", exchange.header("X-XSS-Protection"));
            assertEquals("attachment; filename=example.txt", exchange.header("Content-Disposition"));
        }
    }

    @Test
    void aLineDifferingFromAnEarlierOneOnlyInCaseKeepsItsCase() {
        origin.on("/case/lower", Reply.ok("lower").header("Date", now()).header("Cache-Control", "max-age=61"));
        origin.on("/case/mixed", Reply.ok("mixed").header("Date", now()).header("Cache-Control", "MaX-aGe=61"));
        assertEquals("max-age=61", get("/case/lower").header("Cache-Control"));
        assertEquals("MaX-aGe=61", get("/case/mixed").header("Cache-Control"),
                "the proxy's client does not answer with the line it cached for another case");
    }

    private static List<String> sortedByName(List<String> lines) {
        return lines.stream().sorted((a, b) -> a.substring(0, a.indexOf(':'))
                .compareToIgnoreCase(b.substring(0, b.indexOf(':')))).toList();
    }

    @Test
    void nothingIsAddedWhenTheResponseDeclaresNoFreshness() {
        origin.on("/plain", Reply.ok("plain").header("Date", now()));
        Exchange first = get("/plain");
        Exchange second = get("/plain");
        assertEquals(2, origin.hits("/plain"), "no default timeout in shared mode");
        for (Exchange exchange : List.of(first, second)) {
            assertNull(exchange.header("Cache-Control"));
            assertNull(exchange.header("Expires"));
            assertNull(exchange.header("ETag"));
            assertNull(exchange.header("Age"));
        }
    }

    @Test
    void varyStarAlsoInsideAListIsNeverStoredOtherVaryListsSelectVariants() {
        origin.on("/vary/star", Reply.ok("v").header("Date", now()).header("Cache-Control", "max-age=60")
                .header("Vary", "Accept-Encoding, *"));
        get("/vary/star");
        get("/vary/star");
        assertEquals(2, origin.hits("/vary/star"));

        origin.on("/vary/lang", request -> Reply.ok("lang=" + request.header("Accept-Language"))
                .header("Date", now()).header("Cache-Control", "max-age=60").header("Vary", "Accept-Language"));
        assertEquals("lang=fr", get("/vary/lang", "Accept-Language: fr").bodyText());
        assertEquals("lang=de", get("/vary/lang", "Accept-Language: de").bodyText());
        assertEquals("lang=fr", get("/vary/lang", "Accept-Language: fr").bodyText());
        assertEquals("lang=de", get("/vary/lang", "Accept-Language: de").bodyText());
        assertEquals(2, origin.hits("/vary/lang"));
    }

    @Test
    void aRequestWithAuthorizationIsStoredOnlyWhenTheResponseAllowsIt() {
        String[][] cases = {
            {"/auth/max-age", "max-age=60", "2"},
            {"/auth/public", "public, max-age=60", "1"},
            {"/auth/s-maxage", "s-maxage=60", "1"},
            {"/auth/must-revalidate", "must-revalidate, max-age=60", "1"},
        };
        for (String[] c : cases) {
            origin.on(c[0], Reply.ok("secret").header("Date", now()).header("Cache-Control", c[1]));
            get(c[0], "Authorization: Basic dXNlcjpwdw==");
            get(c[0], "Authorization: Basic dXNlcjpwdw==");
            assertEquals(Integer.parseInt(c[2]), origin.hits(c[0]), c[1]);
        }
    }

    @Test
    void privateNoStoreAndCookiesAreNeverStored() {
        origin.on("/never/private", Reply.ok("p").header("Date", now())
                .header("Cache-Control", "private, s-maxage=60"));
        origin.on("/never/qualified", Reply.ok("q").header("Date", now())
                .header("Cache-Control", "private=\"X-User\", max-age=60"));
        origin.on("/never/no-store", Reply.ok("n").header("Date", now())
                .header("Cache-Control", "no-store, max-age=60"));
        origin.on("/never/cookie", Reply.ok("c").header("Date", now()).header("Cache-Control", "max-age=60")
                .header("Set-Cookie", "session=abc"));
        origin.on("/never/request-no-store", Reply.ok("r").header("Date", now()).header("Cache-Control", "max-age=60"));
        for (String path : List.of("/never/private", "/never/qualified", "/never/no-store", "/never/cookie")) {
            get(path);
            get(path);
            assertEquals(2, origin.hits(path), path);
        }
        get("/never/request-no-store", "Cache-Control: no-store");
        get("/never/request-no-store");
        assertEquals(2, origin.hits("/never/request-no-store"), "request no-store");
    }

    @Test
    void statusCodesFollowTheRfc() {
        // heuristically cacheable: stored with explicit freshness; 206 never; others only with explicit freshness
        int[][] cases = {{404, 1}, {410, 1}, {301, 1}, {308, 1}, {204, 1}, {302, 1}, {500, 1}, {206, 2}};
        for (int[] c : cases) {
            String path = "/status/" + c[0];
            Reply reply = Reply.status(c[0]).header("Date", now()).header("Cache-Control", "max-age=60");
            if (c[0] == 206) {
                reply.header("Content-Range", "bytes 0-1/10");
            }
            if (c[0] == 302 || c[0] == 301 || c[0] == 308) {
                reply.header("Location", "/elsewhere");
            }
            origin.on(path, reply.body(c[0] == 204 ? "" : "xx"));
            assertEquals(c[0], get(path).status());
            assertEquals(c[0], get(path).status());
            assertEquals(c[1], origin.hits(path), "status " + c[0]);
        }
        // without explicit freshness: a heuristically cacheable status with a validator is kept to be revalidated,
        // any other status is not stored at all
        origin.on("/status/302-plain", Reply.status(302).header("Date", now()).header("Location", "/x")
                .header("ETag", "\"r\""));
        get("/status/302-plain");
        get("/status/302-plain");
        assertEquals(2, origin.hits("/status/302-plain"));
        assertNull(origin.lastRequest("/status/302-plain").header("If-None-Match"));
        origin.on("/status/404-validator", Reply.status(404).header("Date", now()).header("ETag", "\"n\"")
                .body("none"));
        get("/status/404-validator");
        get("/status/404-validator");
        assertEquals("\"n\"", origin.lastRequest("/status/404-validator").header("If-None-Match"));
    }

    @Test
    void requestDirectivesAreHonoured() {
        origin.on("/directives", request -> Reply.ok("d").header("Date", now()).header("Cache-Control", "max-age=100"));
        get("/directives");
        CLOCK.advance(Duration.ofSeconds(50));
        assertEquals("50", get("/directives", "Cache-Control: max-age=60").header("Age"));
        assertEquals("50", get("/directives", "Cache-Control: min-fresh=50").header("Age"));
        assertEquals("50", get("/directives", "Cache-Control: x-unknown, foo=\"bar\"").header("Age"));
        assertEquals(1, origin.hits("/directives"));
        get("/directives", "Cache-Control: max-age=49");
        assertEquals(2, origin.hits("/directives"), "max-age=49 refuses an age of 50");
        CLOCK.advance(Duration.ofSeconds(50));
        get("/directives", "Cache-Control: min-fresh=51");
        assertEquals(3, origin.hits("/directives"), "min-fresh=51 with 50 s left");
        get("/directives", "Cache-Control: no-cache");
        assertEquals(4, origin.hits("/directives"), "no-cache goes to the origin");
        get("/directives", "Pragma: no-cache");
        assertEquals(5, origin.hits("/directives"), "Pragma: no-cache without Cache-Control");
        CLOCK.advance(Duration.ofSeconds(110));
        Exchange stale = get("/directives", "Cache-Control: max-stale=20");
        assertEquals("110", stale.header("Age"));
        assertEquals(5, origin.hits("/directives"), "max-stale=20 accepts 10 s of staleness");
        get("/directives", "Cache-Control: max-stale=5");
        assertEquals(6, origin.hits("/directives"));
    }

    @Test
    void onlyIfCachedNeverReachesTheOrigin() {
        origin.on("/only", Reply.ok("o").header("Date", now()).header("Cache-Control", "max-age=10"));
        assertEquals(504, get("/only", "Cache-Control: only-if-cached").status());
        assertEquals(0, origin.hits("/only"));
        get("/only");
        assertEquals("o", get("/only", "Cache-Control: only-if-cached").bodyText());
        CLOCK.advance(Duration.ofSeconds(11));
        assertEquals(504, get("/only", "Cache-Control: only-if-cached").status());
        assertEquals("o", get("/only", "Cache-Control: only-if-cached, max-stale").bodyText());
        assertEquals(1, origin.hits("/only"));
    }

    @Test
    void aHeadIsAnsweredFromTheStoredGet() {
        origin.on("/head", Reply.ok("body").header("Date", now()).header("Cache-Control", "max-age=60"));
        get("/head");
        Exchange head = RawHttp.send(base, "HEAD", "/head", null);
        assertEquals(200, head.status());
        assertEquals("4", head.header("Content-Length"));
        assertEquals(1, origin.hits("/head"));
        assertFalse(head.headerLines().isEmpty());
    }

    @Test
    void aRangeIsAnsweredFromTheStoredFullResponse() {
        String lastModified = HttpDates.format(CLOCK.instant().minusSeconds(600));
        origin.on("/range", Reply.ok("0123456789").header("Date", now()).header("Cache-Control", "max-age=600")
                .header("ETag", "\"r1\"").header("Last-Modified", lastModified));
        assertEquals(200, get("/range").status());
        Exchange part = get("/range", "Range: bytes=2-5");
        assertEquals(206, part.status());
        assertEquals("2345", part.bodyText());
        assertEquals("bytes 2-5/10", part.header("Content-Range"));
        assertEquals("4", part.header("Content-Length"));
        assertEquals("\"r1\"", part.header("ETag"));
        assertEquals("max-age=600", part.header("Cache-Control"));
        assertEquals("0", part.header("Age"));
        assertEquals("789", get("/range", "Range: bytes=7-").bodyText());
        assertEquals("6789", get("/range", "Range: bytes=-4").bodyText());
        assertEquals("bytes 8-9/10", get("/range", "Range: bytes=8-100").header("Content-Range"));
        // If-Range: a strong match of the stored ETag or the Last-Modified date lets the range apply
        assertEquals(206, get("/range", "Range: bytes=0-0", "If-Range: \"r1\"").status());
        assertEquals(206, get("/range", "Range: bytes=0-0", "If-Range: " + lastModified).status());
        Exchange changed = get("/range", "Range: bytes=0-0", "If-Range: \"r0\"");
        assertEquals(200, changed.status());
        assertEquals("0123456789", changed.bodyText());
        Exchange unsatisfiable = get("/range", "Range: bytes=10-");
        assertEquals(416, unsatisfiable.status());
        assertEquals("bytes */10", unsatisfiable.header("Content-Range"));
        // several ranges: the whole representation
        Exchange several = get("/range", "Range: bytes=0-1, 4-5");
        assertEquals(200, several.status());
        assertEquals("0123456789", several.bodyText());
        assertEquals(1, origin.hits("/range"), "every answer came from the stored response");
    }

    @Test
    void aPartialResponseFromUpstreamPassesThroughAndIsNotStored() {
        origin.on("/partial", Reply.status(206).header("Date", now()).header("Cache-Control", "max-age=600")
                .header("Content-Range", "bytes 0-1/10").body("01"));
        for (int i = 0; i < 2; i++) {
            Exchange partial = get("/partial", "Range: bytes=0-1");
            assertEquals(206, partial.status());
            assertEquals("bytes 0-1/10", partial.header("Content-Range"));
            assertEquals("01", partial.bodyText());
        }
        assertEquals(2, origin.hits("/partial"));
    }

    @Test
    void equalAcceptLanguageListsSelectTheSameStoredResponse() {
        origin.on("/vary/normalised", request -> Reply.ok("for " + request.header("Accept-Language"))
                .header("Date", now()).header("Cache-Control", "max-age=600").header("Vary", "Accept-Language, X-List"));
        assertEquals("for en, fr", get("/vary/normalised", "Accept-Language: en, fr", "X-List: 1,2").bodyText());
        assertEquals("for en, fr", get("/vary/normalised", "Accept-Language: fr,EN", "X-List:  1 , 2")
                .bodyText());
        assertEquals(1, origin.hits("/vary/normalised"));
        assertEquals("for de", get("/vary/normalised", "Accept-Language: de", "X-List: 1,2").bodyText());
        assertEquals("for en, fr", get("/vary/normalised", "Accept-Language: en, fr", "X-List: 2,1")
                .bodyText());
        assertEquals(3, origin.hits("/vary/normalised"),
                "another language, another order of an unknown list: misses");
    }
}
