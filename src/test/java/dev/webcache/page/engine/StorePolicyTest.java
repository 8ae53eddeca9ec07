package dev.webcache.page.engine;

import static dev.webcache.page.engine.Facts.NOW;
import static dev.webcache.page.engine.Facts.date;
import static dev.webcache.page.engine.Facts.get;
import static dev.webcache.page.engine.Facts.origin;
import static dev.webcache.page.engine.Facts.request;
import static dev.webcache.page.engine.Facts.response;
import static dev.webcache.page.engine.Facts.seconds;
import static dev.webcache.page.engine.Facts.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.webcache.page.PageCacheSettings;
import dev.webcache.page.Refusal;
import dev.webcache.page.store.StoredPage;
import dev.webcache.page.store.TokenStamp;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store decision as a table: each row a request and a response snapshot, and what {@link StorePolicy} decides.
 * Expectations read {@code stored <lifetime>}, {@code refused <REASON>} or {@code not stored} (nothing to count),
 * then {@code +patch} when Django's headers are patched in and {@code swr=}/{@code sie=} for stale windows (written
 * when one is not zero).
 */
class StorePolicyTest {
    private static final PageCacheSettings ORIGIN = origin().build();
    private static final PageCacheSettings SHARED = shared().build();

    static Stream<Arguments> originRows() {
        return Stream.of(
                row("no freshness of its own: the default timeout", ORIGIN, get(), response(200),
                        "stored 600 +patch"),
                row("max-age", ORIGIN, get(), response(200, "Cache-Control: max-age=60"), "stored 60 +patch"),
                row("s-maxage before max-age", ORIGIN, get(), response(200, "Cache-Control: max-age=60, s-maxage=30"),
                        "stored 30 +patch"),
                row("Expires in the future", ORIGIN, get(), response(200, "Expires: " + date(120)),
                        "stored 120 +patch"),
                row("Expires already past", ORIGIN, get(), response(200, "Expires: " + date(-10)),
                        "refused ZERO_LIFETIME"),
                row("Expires not a date", ORIGIN, get(), response(200, "Expires: 0"), "refused ZERO_LIFETIME"),
                row("max-age=0", ORIGIN, get(), response(200, "Cache-Control: max-age=0"), "refused ZERO_LIFETIME"),
                row("s-maxage=0 beats max-age", ORIGIN, get(), response(200, "Cache-Control: max-age=60, s-maxage=0"),
                        "refused ZERO_LIFETIME"),
                row("max-age=-1 is invalid", ORIGIN, get(), response(200, "Cache-Control: max-age=-1"),
                        "refused ZERO_LIFETIME"),
                row("max-age=abc is invalid", ORIGIN, get(), response(200, "Cache-Control: max-age=abc"),
                        "refused ZERO_LIFETIME"),
                row("max-age beats Expires", ORIGIN, get(), response(200, "Cache-Control: max-age=60",
                        "Expires: " + date(-10)), "stored 60 +patch"),
                row("timeout=0: headers patched, nothing stored", origin().defaultTimeout(Duration.ZERO).build(),
                        get(), response(200), "refused ZERO_LIFETIME +patch"),
                row("@CachePage timeout beats max-age", origin().pageTimeout(seconds(30)).build(), get(),
                        response(200, "Cache-Control: max-age=600"), "stored 30 +patch"),
                row("@CachePage timeout 0", origin().pageTimeout(Duration.ZERO).build(), get(), response(200),
                        "refused ZERO_LIFETIME +patch"),
                row("304 gets the headers, is not stored", ORIGIN, get(), response(304),
                        "refused NOT_MODIFIED +patch"),
                row("404", ORIGIN, get(), response(404, "Cache-Control: max-age=60"), "refused STATUS"),
                row("500", ORIGIN, get(), response(500), "refused STATUS"),
                row("302", ORIGIN, get(), response(302, "Location: /elsewhere"), "refused STATUS"),
                row("203 is not 200", ORIGIN, get(), response(203), "refused STATUS"),
                row("addCookie", ORIGIN, get(), response(200).addCookie(), "refused SETS_COOKIE"),
                row("Set-Cookie header", ORIGIN, get(), response(200, "Set-Cookie: a=b"), "refused SETS_COOKIE"),
                row("Set-Cookie2 header", ORIGIN, get(), response(200, "Set-Cookie2: a=b"), "refused SETS_COOKIE"),
                row("a cookie before private", ORIGIN, get(), response(200, "Cache-Control: private").addCookie(),
                        "refused SETS_COOKIE"),
                row("private", ORIGIN, get(), response(200, "Cache-Control: private"), "refused PRIVATE"),
                row("private=\"field\" is private", ORIGIN, get(),
                        response(200, "Cache-Control: private=\"X-User\", max-age=60"), "refused PRIVATE"),
                row("no-store", ORIGIN, get(), response(200, "Cache-Control: no-store"), "refused NO_STORE"),
                row("no-cache", ORIGIN, get(), response(200, "Cache-Control: no-cache"), "refused NO_CACHE"),
                row("no-cache with a field", ORIGIN, get(), response(200, "Cache-Control: no-cache=\"Set-Cookie\""),
                        "refused NO_CACHE"),
                row("a directive that only contains 'private'", ORIGIN, get(),
                        response(200, "Cache-Control: x-not-private=1"), "stored 600 +patch"),
                row("Vary: *", ORIGIN, get(), response(200, "Vary: *"), "refused VARY_STAR"),
                row("* inside a Vary list", ORIGIN, get(), response(200, "Vary: Accept, *"), "refused VARY_STAR"),
                row("Vary on a header", ORIGIN, get(), response(200, "Vary: Accept-Language"), "stored 600 +patch"),
                row("Authorization, nothing said", ORIGIN, get("authorization"), response(200),
                        "refused AUTHORIZATION"),
                row("Authorization, keyed on it", ORIGIN, get("authorization"), response(200,
                        "Vary: Authorization"), "stored 600 +patch"),
                row("Authorization, public", ORIGIN, get("authorization"), response(200,
                        "Cache-Control: public, max-age=60"), "stored 60 +patch"),
                row("Authorization, s-maxage", ORIGIN, get("authorization"), response(200,
                        "Cache-Control: s-maxage=60"), "stored 60 +patch"),
                row("Authorization and a session, keyed on Cookie only", ORIGIN, get("authorization", "session"),
                        response(200, "Vary: Cookie"), "refused AUTHORIZATION"),
                row("a session, nothing said", ORIGIN, get("session"), response(200), "refused IDENTITY"),
                row("a session, keyed on Cookie", ORIGIN, get("session"), response(200, "Vary: Cookie"),
                        "stored 600 +patch"),
                row("a session, public", ORIGIN, get("session"), response(200, "Cache-Control: public"),
                        "stored 600 +patch"),
                row("a principal, keyed on Cookie", ORIGIN, get("principal"), response(200, "Vary: Cookie"),
                        "stored 600 +patch"),
                row("a principal without Authorization, keyed on Authorization", ORIGIN, get("principal"),
                        response(200, "Vary: Authorization"), "refused IDENTITY"),
                row("a principal from Authorization, keyed on it", ORIGIN, get("principal", "authorization"),
                        response(200, "Vary: Authorization"), "stored 600 +patch"),
                row("a principal, nothing said", ORIGIN, get("principal"), response(200), "refused IDENTITY"),
                row("stale-while-revalidate of its own", ORIGIN, get(),
                        response(200, "Cache-Control: max-age=60, stale-while-revalidate=30"),
                        "stored 60 +patch swr=30 sie=0"),
                row("the configured stale windows", origin().staleWhileRevalidate(seconds(20))
                        .staleIfError(seconds(40)).build(), get(), response(200), "stored 600 +patch swr=20 sie=40"),
                row("its own stale-if-error beats the configured one", origin().staleIfError(seconds(40)).build(),
                        get(), response(200, "Cache-Control: stale-if-error=5"), "stored 600 +patch swr=0 sie=5"),
                row("must-revalidate forbids stale", origin().staleWhileRevalidate(seconds(20)).build(), get(),
                        response(200, "Cache-Control: max-age=60, must-revalidate, stale-if-error=50"),
                        "stored 60 +patch"),
                row("proxy-revalidate forbids stale", origin().staleIfError(seconds(20)).build(), get(),
                        response(200, "Cache-Control: proxy-revalidate"), "stored 600 +patch"),
                row("HEAD: patched as a GET, never stored", ORIGIN, request("HEAD"), response(200),
                        "refused HEAD +patch"),
                row("HEAD of a private response", ORIGIN, request("HEAD"), response(200, "Cache-Control: private"),
                        "refused PRIVATE"),
                row("a declared length the body does not have", ORIGIN, get(), response(200).withLengthMismatch(),
                        "refused CONTENT_LENGTH_MISMATCH +patch"),
                row("streamed: too large", ORIGIN, get(), response(200).streamed(Refusal.TOO_LARGE),
                        "refused TOO_LARGE"),
                row("streamed: trailers", ORIGIN, get(), response(200).streamed(Refusal.TRAILERS),
                        "refused TRAILERS"),
                row("streamed: refused at its first byte", ORIGIN, get(),
                        response(200, "Cache-Control: private").streamed(Refusal.PRIVATE), "refused PRIVATE"),
                row("streamed: nothing was to be stored", ORIGIN, get(), response(200).streamed(null),
                        "not stored"),
                row("committed around the capture", ORIGIN, get(), response(200).committed(), "refused COMMITTED"),
                row("a status refusal before the body's fate", ORIGIN, get(),
                        response(404).withLengthMismatch(), "refused STATUS"));
    }

    static Stream<Arguments> sharedRows() {
        PageCacheSettings heuristic = shared().heuristicLimit(Duration.ofDays(1)).build();
        return Stream.of(
                row("max-age", SHARED, get(), response(200, "Cache-Control: max-age=60"), "stored 60"),
                row("s-maxage before max-age", SHARED, get(),
                        response(200, "Cache-Control: max-age=60, s-maxage=30"), "stored 30"),
                row("Expires minus Date", SHARED, get(), response(200, "Date: " + date(-20),
                        "Expires: " + date(80)), "stored 100"),
                row("no freshness, no validator", SHARED, get(), response(200), "refused ZERO_LIFETIME"),
                row("no freshness, Last-Modified: kept to be revalidated", SHARED, get(),
                        response(200, "Last-Modified: " + date(-864000)), "stored 0"),
                row("heuristic: a tenth of the age of Last-Modified", heuristic, get(),
                        response(200, "Date: " + date(0), "Last-Modified: " + date(-36000)), "stored 3600"),
                row("heuristic: capped by heuristic-limit", heuristic, get(),
                        response(200, "Date: " + date(0), "Last-Modified: " + date(-8640000)), "stored 86400"),
                row("heuristic for a 404", heuristic, get(),
                        response(404, "Date: " + date(0), "Last-Modified: " + date(-36000)), "stored 3600"),
                row("a 302 is not heuristically cacheable", heuristic, get(),
                        response(302, "Last-Modified: " + date(-36000)), "refused STATUS"),
                row("a 302 with max-age", SHARED, get(), response(302, "Cache-Control: max-age=60"), "stored 60"),
                row("a 500 with max-age", SHARED, get(), response(500, "Cache-Control: max-age=60"), "stored 60"),
                row("a 404 without freshness or validator", SHARED, get(), response(404), "refused ZERO_LIFETIME"),
                row("206 never", SHARED, get(), response(206, "Cache-Control: max-age=60"), "refused STATUS"),
                row("304 never", SHARED, get(), response(304, "Cache-Control: max-age=60"),
                        "refused NOT_MODIFIED"),
                row("must-understand, a status not understood", SHARED, get(),
                        response(299, "Cache-Control: must-understand, max-age=60"), "refused STATUS"),
                row("must-understand, a status understood", SHARED, get(),
                        response(200, "Cache-Control: must-understand, max-age=60"), "stored 60"),
                row("must-understand overrides no-store for a status understood", SHARED, get(),
                        response(200, "Cache-Control: must-understand, no-store, max-age=60"), "stored 60"),
                row("must-understand with no-store, a status not understood", SHARED, get(),
                        response(299, "Cache-Control: must-understand, no-store, max-age=60"), "refused STATUS"),
                row("must-understand does not override the request's no-store", SHARED,
                        get("Cache-Control: no-store"),
                        response(200, "Cache-Control: must-understand, no-store, max-age=60"), "refused NO_STORE"),
                row("no-store", SHARED, get(), response(200, "Cache-Control: no-store, max-age=60"),
                        "refused NO_STORE"),
                row("the request says no-store", SHARED, get("Cache-Control: no-store"),
                        response(200, "Cache-Control: max-age=60"), "refused NO_STORE"),
                row("private", SHARED, get(), response(200, "Cache-Control: private, max-age=60"),
                        "refused PRIVATE"),
                row("Set-Cookie", SHARED, get(), response(200, "Cache-Control: max-age=60", "Set-Cookie: a=b"),
                        "refused SETS_COOKIE"),
                row("Vary: *", SHARED, get(), response(200, "Cache-Control: max-age=60", "Vary: *"),
                        "refused VARY_STAR"),
                row("Authorization, nothing said", SHARED, get("authorization"),
                        response(200, "Cache-Control: max-age=60"), "refused AUTHORIZATION"),
                row("Authorization, public", SHARED, get("authorization"),
                        response(200, "Cache-Control: public, max-age=60"), "stored 60"),
                row("Authorization, must-revalidate", SHARED, get("authorization"),
                        response(200, "Cache-Control: must-revalidate, max-age=60"), "stored 60"),
                row("Authorization, keyed on it: not enough for RFC 9111", SHARED, get("authorization"),
                        response(200, "Cache-Control: max-age=60", "Vary: Authorization"), "refused AUTHORIZATION"),
                row("a session, nothing said", SHARED, get("session"), response(200, "Cache-Control: max-age=60"),
                        "refused IDENTITY"),
                row("a session, keyed on Cookie", SHARED, get("session"),
                        response(200, "Cache-Control: max-age=60", "Vary: Cookie"), "stored 60"),
                row("no-cache with a validator: stored to be revalidated", SHARED, get(),
                        response(200, "Cache-Control: no-cache, max-age=60", "ETag: \"a\""), "stored 0"),
                row("no-cache without a validator", SHARED, get(), response(200, "Cache-Control: no-cache"),
                        "refused NO_CACHE"),
                row("max-age=0 with a validator", SHARED, get(),
                        response(200, "Cache-Control: max-age=0", "ETag: \"a\""), "stored 0"),
                row("max-age=0 without one", SHARED, get(), response(200, "Cache-Control: max-age=0"),
                        "refused ZERO_LIFETIME"),
                row("HEAD: never stored, never patched", SHARED, request("HEAD"),
                        response(200, "Cache-Control: max-age=60"), "refused HEAD"),
                row("streamed: too large", SHARED, get(),
                        response(200, "Cache-Control: max-age=60").streamed(Refusal.TOO_LARGE), "refused TOO_LARGE"),
                row("the response's own stale-while-revalidate and stale-if-error", SHARED, get(), response(200,
                        "Cache-Control: max-age=60, stale-while-revalidate=30, stale-if-error=600"),
                        "stored 60 swr=30 sie=600"),
                row("no stale window for must-revalidate", SHARED, get(), response(200,
                        "Cache-Control: max-age=60, must-revalidate, stale-while-revalidate=30, stale-if-error=600"),
                        "stored 60"),
                row("no stale window for s-maxage", SHARED, get(), response(200,
                        "Cache-Control: s-maxage=60, stale-if-error=600"), "stored 60"),
                row("no stale window for proxy-revalidate", SHARED, get(), response(200,
                        "Cache-Control: max-age=60, proxy-revalidate, stale-if-error=600"), "stored 60"),
                row("CDN-Cache-Control max-age replaces Cache-Control", SHARED, get(),
                        response(200, "Cache-Control: max-age=1", "CDN-Cache-Control: max-age=3600"), "stored 3600"),
                row("CDN-Cache-Control: a short max-age wins too", SHARED, get(),
                        response(200, "Cache-Control: max-age=3600", "CDN-Cache-Control: max-age=1"), "stored 1"),
                row("CDN-Cache-Control max-age, Cache-Control no-store", SHARED, get(),
                        response(200, "Cache-Control: no-store", "CDN-Cache-Control: max-age=600"), "stored 600"),
                row("CDN-Cache-Control no-store, Cache-Control max-age", SHARED, get(),
                        response(200, "Cache-Control: max-age=600", "CDN-Cache-Control: no-store"),
                        "refused NO_STORE"),
                row("CDN-Cache-Control private", SHARED, get(),
                        response(200, "Cache-Control: max-age=600", "CDN-Cache-Control: private"), "refused PRIVATE"),
                row("CDN-Cache-Control no-cache: revalidated on every use", SHARED, get(), response(200,
                        "Cache-Control: max-age=600", "CDN-Cache-Control: no-cache", "ETag: \"a\""), "stored 0"),
                row("CDN-Cache-Control replaces Expires too", SHARED, get(), response(200, "Date: " + date(0),
                        "Expires: " + date(600), "CDN-Cache-Control: max-age=0"), "refused ZERO_LIFETIME"),
                row("CDN-Cache-Control with only other directives: no freshness of its own", SHARED, get(),
                        response(200, "Cache-Control: max-age=600", "CDN-Cache-Control: foo"),
                        "refused ZERO_LIFETIME"),
                row("CDN-Cache-Control stale directives", SHARED, get(), response(200, "Cache-Control: max-age=5",
                        "CDN-Cache-Control: max-age=60, stale-if-error=90"), "stored 60 swr=0 sie=90"),
                row("an invalid CDN-Cache-Control (not a dictionary) is ignored", SHARED, get(), response(200,
                        "Cache-Control: no-store", "CDN-Cache-Control: max-age=10000, &&&&&"), "refused NO_STORE"),
                row("an invalid CDN-Cache-Control (max-age a string) is ignored", SHARED, get(), response(200,
                        "Cache-Control: max-age=60", "CDN-Cache-Control: max-age=\"10000\""), "stored 60"),
                row("an uppercase CDN-Cache-Control key is not a dictionary key: ignored", SHARED, get(),
                        response(200, "Cache-Control: max-age=60", "CDN-Cache-Control: MaX-aGe=3600"), "stored 60"),
                row("an empty CDN-Cache-Control is ignored", SHARED, get(),
                        response(200, "Cache-Control: max-age=60", "CDN-Cache-Control: "), "stored 60"),
                row("another targeted field is not obeyed unless configured", SHARED, get(),
                        response(200, "Cache-Control: max-age=60", "Webcache-Cache-Control: max-age=600"),
                        "stored 60"));
    }

    @ParameterizedTest(name = "origin: {0}")
    @MethodSource("originRows")
    void originMode(String name, PageCacheSettings settings, RequestFacts request, Facts.Response response,
                    String expected) {
        assertEquals(expected, describe(new StorePolicy(settings).decide(request, response.facts(), false, NOW)),
                name + ": " + response);
    }

    @ParameterizedTest(name = "shared: {0}")
    @MethodSource("sharedRows")
    void sharedMode(String name, PageCacheSettings settings, RequestFacts request, Facts.Response response,
                    String expected) {
        assertEquals(expected, describe(new StorePolicy(settings).decide(request, response.facts(), false, NOW)),
                name + ": " + response);
    }

    @Test
    void aTokenCounterThatCouldNotBeReadKeepsThePageOut() {
        StorePolicy policy = new StorePolicy(ORIGIN);
        assertEquals("refused BACKEND_FAILURE +patch", describe(policy.decide(get(), response(200).facts(), true,
                NOW)));
        assertEquals("refused PRIVATE", describe(policy.decide(get(), response(200, "Cache-Control: private")
                .facts(), true, NOW)), "a header refusal comes first");
    }

    @Test
    void atTheFirstByteOnlyARefusalThatPatchesNothingStreams() {
        StorePolicy origin = new StorePolicy(ORIGIN);
        assertEquals(Refusal.PRIVATE, origin.refusalBeforeBody(get(), response(200, "Cache-Control: private")
                .facts(), NOW));
        assertNull(origin.refusalBeforeBody(get(), response(304).facts(), NOW), "a 304 is patched at the end");
        assertNull(origin.refusalBeforeBody(request("HEAD"), response(200).facts(), NOW), "HEAD is patched too");
        assertNull(origin.refusalBeforeBody(get(), response(200).withLengthMismatch().facts(), NOW),
                "the length is judged when the body is complete");
        assertNull(new StorePolicy(origin().defaultTimeout(Duration.ZERO).build())
                .refusalBeforeBody(get(), response(200).facts(), NOW), "timeout=0 still patches");
        StorePolicy shared = new StorePolicy(SHARED);
        assertEquals(Refusal.IDENTITY, shared.refusalBeforeBody(get("session"),
                response(200, "Cache-Control: max-age=60").facts(), NOW));
        assertNull(shared.refusalBeforeBody(get(), response(200, "Cache-Control: max-age=60").facts(), NOW));
    }

    @Test
    void onlyWhatTheResponseDeclaresLetsThePagesNextRendersGoStraightThrough() {
        StorePolicy origin = new StorePolicy(ORIGIN);
        for (String declaring : new String[] {"Cache-Control: private", "Cache-Control: no-store",
                "Cache-Control: no-cache", "Cache-Control: max-age=0", "Set-Cookie: a=b", "Vary: *"}) {
            assertTrue(origin.decide(get(), response(200, declaring).facts(), false, NOW).declaresUnstorable(),
                    declaring);
        }
        assertFalse(origin.decide(get(), response(200).facts(), false, NOW).declaresUnstorable(), "stored");
        assertFalse(origin.decide(get("session"), response(200, "Cache-Control: max-age=60").facts(), false, NOW)
                .declaresUnstorable(), "refused for this request's user only");
        assertFalse(origin.decide(request("HEAD"), response(200).facts(), false, NOW).declaresUnstorable(), "HEAD");
        assertFalse(origin.decide(get(), response(500).facts(), false, NOW).declaresUnstorable(), "a status");
        assertFalse(origin.decide(get(), response(200).streamed(Refusal.TOO_LARGE).facts(), false, NOW)
                .declaresUnstorable(), "a size");
        assertFalse(origin.decide(get(), response(200).facts(), true, NOW).declaresUnstorable(), "a failure");
    }

    @Test
    void aSharedPageIsKeptAnHourPastItsFreshnessAnOriginPageForItsStaleWindows() {
        StoredPage page = StoredPage.of(200, List.of(), new byte[10], NOW,
                new StoredPage.Lifetime(60_000, 30_000, 90_000), TokenStamp.NONE, false);
        assertEquals(Duration.ofSeconds(150), new StorePolicy(ORIGIN).retention(page));
        assertEquals(Duration.ofSeconds(60).plus(StorePolicy.STALE_KEPT), new StorePolicy(SHARED).retention(page));
    }

    @Test
    void aSharedPageTakesItsAgeAndStaleRulesFromItsHeaders() {
        StorePolicy policy = new StorePolicy(SHARED);
        Facts.Response received = response(200, "Cache-Control: max-age=60, must-revalidate", "Age: 30",
                "Date: " + date(0));
        StorePolicy.Decision decision = policy.decide(get(), received.facts(), false, NOW);
        StoredPage page = policy.page(received.facts(), decision, received.headerLines(), new byte[3],
                TokenStamp.NONE, NOW, NOW);
        assertEquals(30, page.ageSeconds(NOW));
        assertEquals(false, page.servableStale());
        assertEquals(false, page.isFresh(NOW + 30_000), "30 s old on arrival, 60 s of freshness");
        assertEquals(true, page.isFresh(NOW + 29_000));
    }

    @Test
    void a304WithAnotherStrongValidatorDoesNotFreshenThePage() {
        StorePolicy policy = new StorePolicy(SHARED);
        Facts.Response stored = response(200, "Cache-Control: max-age=60", "ETag: \"v1\"");
        StoredPage page = StoredPage.shared(200, stored.headerLines(), new byte[3], NOW - 120_000,
                new StoredPage.Lifetime(60_000, 0, 0), 0, true);
        Facts.Response other = response(304, "ETag: \"v2\"", "Cache-Control: max-age=600");
        assertNull(policy.freshened(page, other.facts(), other.headerLines(), NOW, NOW));
        Facts.Response same = response(304, "ETag: \"v1\"", "Cache-Control: max-age=600");
        StoredPage freshened = policy.freshened(page, same.facts(), same.headerLines(), NOW, NOW);
        assertEquals(600_000, freshened.freshMillis());
        assertEquals(true, freshened.isFresh(NOW + 500_000));
    }

    private static Arguments row(String name, PageCacheSettings settings, RequestFacts request,
                                 Facts.Response response, String expected) {
        return Arguments.of(name, settings, request, response, expected);
    }

    private static String describe(StorePolicy.Decision decision) {
        StringBuilder text = new StringBuilder();
        if (decision.store()) {
            text.append("stored ").append(decision.lifetimeSeconds());
        } else if (decision.refusal() != null) {
            text.append("refused ").append(decision.refusal());
        } else {
            text.append("not stored");
        }
        if (decision.patchHeaders()) {
            text.append(" +patch");
        }
        if (decision.staleWhileRevalidateSeconds() != 0 || decision.staleIfErrorSeconds() != 0) {
            text.append(" swr=").append(decision.staleWhileRevalidateSeconds()).append(" sie=")
                    .append(decision.staleIfErrorSeconds());
        }
        return text.toString();
    }
}
