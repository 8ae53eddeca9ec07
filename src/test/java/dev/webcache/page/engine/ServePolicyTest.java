package dev.webcache.page.engine;

import static dev.webcache.page.engine.Facts.NOW;
import static dev.webcache.page.engine.Facts.get;
import static dev.webcache.page.engine.Facts.origin;
import static dev.webcache.page.engine.Facts.request;
import static dev.webcache.page.engine.Facts.response;
import static dev.webcache.page.engine.Facts.seconds;
import static dev.webcache.page.engine.Facts.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.webcache.page.PageCacheSettings;
import dev.webcache.page.engine.ServePolicy.Renders;
import dev.webcache.page.store.Lookup;
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
 * The serve decision as a table: each row a request snapshot, what the lookup found, what is known of other renders,
 * and what {@link ServePolicy} decides. Expectations read as the action, then {@code +coalesce} when a render is
 * claimed for every request of the page.
 */
class ServePolicyTest {
    private static final PageCacheSettings ORIGIN = origin().build();
    private static final PageCacheSettings SHARED = shared().build();

    /** An origin page stored {@code ageSeconds} ago, fresh for 60 s, with 30 s of stale-while-revalidate. */
    private static StoredPage originPage(long ageSeconds, String... headers) {
        return StoredPage.of(200, response(200, headers).headerLines(), new byte[] {'x'}, NOW - ageSeconds * 1000,
                new StoredPage.Lifetime(60_000, 30_000, 120_000), TokenStamp.NONE, false);
    }

    /** A shared page received {@code ageSeconds} ago, with these headers (its freshness is {@code max-age=60}). */
    private static StoredPage sharedPage(long ageSeconds, boolean servableStale, String... headers) {
        return sharedPage(ageSeconds, servableStale, 0, 0, headers);
    }

    /** A shared page as above, with the stale windows of its own {@code stale-while-revalidate}/{@code -if-error}. */
    private static StoredPage sharedPage(long ageSeconds, boolean servableStale, long whileRevalidatingSeconds,
                                         long ifErrorSeconds, String... headers) {
        return StoredPage.shared(200, response(200, headers).headerLines(), new byte[] {'x'},
                NOW - ageSeconds * 1000, new StoredPage.Lifetime(60_000, whileRevalidatingSeconds * 1000,
                        ifErrorSeconds * 1000), 0, servableStale);
    }

    private static Lookup found(StoredPage page, String... varyNames) {
        return new Lookup("http://example.com/p", "g", "-", List.of(varyNames), page, page.isFresh(NOW), false);
    }

    private static final Lookup NOTHING = new Lookup("http://example.com/p", null, null, List.of(), null, false,
            false);
    private static final Lookup FAILED = new Lookup("http://example.com/p", null, null, List.of(), null, false, true);

    static Stream<Arguments> originRows() {
        PageCacheSettings noLock = origin().lockTimeout(Duration.ZERO).build();
        return Stream.of(
                row("nothing stored", ORIGIN, get(), NOTHING, Renders.NONE_KNOWN, "MISS +coalesce"),
                row("nothing stored, last render refused", ORIGIN, get(), NOTHING, Renders.UNCOALESCED, "MISS"),
                row("nothing stored, another request renders it", ORIGIN, get(), NOTHING, Renders.IN_FLIGHT,
                        "WAIT"),
                row("coalescing off (lock-timeout 0)", noLock, get(), NOTHING, Renders.IN_FLIGHT, "MISS"),
                row("nothing stored, last render declared itself unstorable", ORIGIN, get(), NOTHING,
                        Renders.DECLARED_UNSTORABLE, "PASS"),
                row("a session, last render declared itself unstorable", ORIGIN, get("session"), NOTHING,
                        Renders.DECLARED_UNSTORABLE, "PASS"),
                row("HEAD, last render declared itself unstorable", ORIGIN, request("HEAD"), NOTHING,
                        Renders.DECLARED_UNSTORABLE, "PASS"),
                row("a stale page stays to stand in for a failure: captured, not coalesced", ORIGIN, get(),
                        found(originPage(70)), Renders.DECLARED_UNSTORABLE, "MISS"),
                row("a fresh page beats a declared refusal", ORIGIN, get(), found(originPage(10)),
                        Renders.DECLARED_UNSTORABLE, "FRESH"),
                row("the backend failed, last render declared itself unstorable", ORIGIN, get(), FAILED,
                        Renders.DECLARED_UNSTORABLE, "BYPASS"),
                row("a fresh page", ORIGIN, get(), found(originPage(10)), Renders.NONE_KNOWN, "FRESH"),
                row("a fresh page while another renders", ORIGIN, get(), found(originPage(10)), Renders.IN_FLIGHT,
                        "FRESH"),
                row("a stale page, nobody renders it", ORIGIN, get(), found(originPage(70)), Renders.NONE_KNOWN,
                        "MISS +coalesce"),
                row("a stale page within stale-while-revalidate, another renders it", ORIGIN, get(),
                        found(originPage(70)), Renders.IN_FLIGHT, "STALE_WHILE_REVALIDATE"),
                row("a stale page past stale-while-revalidate", ORIGIN, get(), found(originPage(95)),
                        Renders.IN_FLIGHT, "WAIT"),
                row("a stale page, its render not coalesced", ORIGIN, get(), found(originPage(70)),
                        Renders.UNCOALESCED, "MISS"),
                row("a stale page with a validator: origin mode renders it whole", ORIGIN, get(),
                        found(originPage(70, "Last-Modified: " + Facts.date(-3600))), Renders.NONE_KNOWN,
                        "MISS +coalesce"),
                row("the backend failed", ORIGIN, get(), FAILED, Renders.NONE_KNOWN, "BYPASS"),
                row("HEAD never waits", ORIGIN, request("HEAD"), NOTHING, Renders.IN_FLIGHT, "MISS"),
                row("HEAD gets a fresh page", ORIGIN, request("HEAD"), found(originPage(1)), Renders.NONE_KNOWN,
                        "FRESH"),
                row("only-if-cached means nothing to an origin", ORIGIN, get("Cache-Control: only-if-cached"),
                        NOTHING, Renders.NONE_KNOWN, "MISS +coalesce"),
                row("request directives mean nothing to an origin", ORIGIN, get("Cache-Control: no-cache"),
                        found(originPage(1)), Renders.NONE_KNOWN, "FRESH"),
                row("a session, the anonymous page", ORIGIN, get("session"), found(originPage(1)),
                        Renders.NONE_KNOWN, "MISS"),
                row("a session never waits for the anonymous render", ORIGIN, get("session"), NOTHING,
                        Renders.IN_FLIGHT, "MISS"),
                row("a session, a public page", ORIGIN, get("session"),
                        found(originPage(1, "Cache-Control: public")), Renders.NONE_KNOWN, "FRESH"),
                row("a session, an s-maxage page", ORIGIN, get("session"),
                        found(originPage(1, "Cache-Control: s-maxage=60")), Renders.NONE_KNOWN, "FRESH"),
                row("a session, a page keyed on Cookie", ORIGIN, get("session"), found(originPage(1), "cookie"),
                        Renders.NONE_KNOWN, "FRESH"),
                row("a session, its variant renders elsewhere", ORIGIN, get("session"),
                        found(originPage(95), "cookie"), Renders.IN_FLIGHT, "WAIT"),
                row("Authorization, the anonymous page", ORIGIN, get("authorization"), found(originPage(1)),
                        Renders.NONE_KNOWN, "MISS"),
                row("Authorization, a page keyed on it", ORIGIN, get("authorization"),
                        found(originPage(1), "authorization"), Renders.NONE_KNOWN, "FRESH"),
                row("a principal, a page keyed on Authorization only", ORIGIN, get("principal"),
                        found(originPage(1), "authorization"), Renders.NONE_KNOWN, "MISS"),
                row("a principal, a page keyed on Cookie", ORIGIN, get("principal"), found(originPage(1), "cookie"),
                        Renders.NONE_KNOWN, "FRESH"),
                row("a session never gets the anonymous stale page either", ORIGIN, get("session"),
                        found(originPage(70), "accept-language"), Renders.IN_FLIGHT, "MISS"));
    }

    static Stream<Arguments> sharedRows() {
        String validator = "ETag: \"v1\"";
        return Stream.of(
                row("nothing stored", SHARED, get(), NOTHING, Renders.NONE_KNOWN, "MISS +coalesce"),
                row("nothing stored, another request renders it", SHARED, get(), NOTHING, Renders.IN_FLIGHT,
                        "WAIT"),
                row("nothing stored, last response declared itself unstorable", SHARED, get(), NOTHING,
                        Renders.DECLARED_UNSTORABLE, "PASS"),
                row("a stored page with a validator is revalidated, not passed", SHARED, get(),
                        found(sharedPage(70, true, validator)), Renders.DECLARED_UNSTORABLE, "REVALIDATE"),
                row("a fresh page", SHARED, get(), found(sharedPage(10, true)), Renders.NONE_KNOWN, "FRESH"),
                row("a fresh page, but the request's max-age is shorter", SHARED, get("Cache-Control: max-age=5"),
                        found(sharedPage(10, true, validator)), Renders.NONE_KNOWN, "REVALIDATE +coalesce"),
                row("a fresh page within the request's max-age", SHARED, get("Cache-Control: max-age=30"),
                        found(sharedPage(10, true)), Renders.NONE_KNOWN, "FRESH"),
                row("no-cache revalidates a fresh page", SHARED, get("Cache-Control: no-cache"),
                        found(sharedPage(10, true, validator)), Renders.NONE_KNOWN, "REVALIDATE +coalesce"),
                row("Pragma: no-cache too", SHARED, get("Pragma: no-cache"), found(sharedPage(10, true, validator)),
                        Renders.NONE_KNOWN, "REVALIDATE +coalesce"),
                row("no-cache, no validator: render", SHARED, get("Cache-Control: no-cache"),
                        found(sharedPage(10, true)), Renders.NONE_KNOWN, "MISS +coalesce"),
                row("min-fresh beyond what is left", SHARED, get("Cache-Control: min-fresh=55"),
                        found(sharedPage(10, true)), Renders.NONE_KNOWN, "MISS +coalesce"),
                row("a stale page with a validator", SHARED, get(), found(sharedPage(70, true, validator)),
                        Renders.NONE_KNOWN, "REVALIDATE +coalesce"),
                row("a stale page without one", SHARED, get(), found(sharedPage(70, true)), Renders.NONE_KNOWN,
                        "MISS +coalesce"),
                row("a stale page accepted by max-stale", SHARED, get("Cache-Control: max-stale=60"),
                        found(sharedPage(70, true)), Renders.NONE_KNOWN, "FRESH"),
                row("max-stale without a value accepts any staleness", SHARED, get("Cache-Control: max-stale"),
                        found(sharedPage(7000, true)), Renders.NONE_KNOWN, "FRESH"),
                row("max-stale too short", SHARED, get("Cache-Control: max-stale=5"), found(sharedPage(70, true)),
                        Renders.NONE_KNOWN, "MISS +coalesce"),
                row("max-stale, but the page says must-revalidate", SHARED, get("Cache-Control: max-stale=600"),
                        found(sharedPage(70, false, validator)), Renders.NONE_KNOWN, "REVALIDATE +coalesce"),
                row("a stale page while another revalidates it, no stale-while-revalidate", SHARED, get(),
                        found(sharedPage(70, true, validator)), Renders.IN_FLIGHT, "WAIT"),
                row("a stale page within its stale-while-revalidate, another revalidates it", SHARED, get(),
                        found(sharedPage(70, true, 30, 0, validator)), Renders.IN_FLIGHT, "STALE_WHILE_REVALIDATE"),
                row("a stale page past its stale-while-revalidate", SHARED, get(),
                        found(sharedPage(95, true, 30, 0, validator)), Renders.IN_FLIGHT, "WAIT"),
                row("a stale page within stale-while-revalidate, nobody revalidates it: this request does", SHARED,
                        get(), found(sharedPage(70, true, 30, 0, validator)), Renders.NONE_KNOWN,
                        "REVALIDATE +coalesce"),
                row("only-if-cached, nothing stored", SHARED, get("Cache-Control: only-if-cached"), NOTHING,
                        Renders.NONE_KNOWN, "GATEWAY_TIMEOUT"),
                row("only-if-cached, a fresh page", SHARED, get("Cache-Control: only-if-cached"),
                        found(sharedPage(10, true)), Renders.NONE_KNOWN, "FRESH"),
                row("only-if-cached, a stale page", SHARED, get("Cache-Control: only-if-cached"),
                        found(sharedPage(70, true, validator)), Renders.NONE_KNOWN, "GATEWAY_TIMEOUT"),
                row("only-if-cached with max-stale", SHARED, get("Cache-Control: only-if-cached, max-stale=100"),
                        found(sharedPage(70, true)), Renders.NONE_KNOWN, "FRESH"),
                row("the backend failed", SHARED, get(), FAILED, Renders.NONE_KNOWN, "BYPASS"),
                row("HEAD", SHARED, request("HEAD"), NOTHING, Renders.IN_FLIGHT, "MISS"),
                row("a session gets what a shared cache stored", SHARED, get("session"),
                        found(sharedPage(10, true)), Renders.NONE_KNOWN, "FRESH"),
                row("Authorization gets what a shared cache stored", SHARED, get("authorization"),
                        found(sharedPage(10, true)), Renders.NONE_KNOWN, "FRESH"),
                row("a session coalesces in shared mode", SHARED, get("session"), NOTHING, Renders.IN_FLIGHT,
                        "WAIT"));
    }

    @ParameterizedTest(name = "origin: {0}")
    @MethodSource("originRows")
    void originMode(String name, PageCacheSettings settings, RequestFacts request, Lookup lookup, Renders renders,
                    String expected) {
        assertEquals(expected, describe(new ServePolicy(settings).decide(request, lookup, NOW, renders)), name);
    }

    @ParameterizedTest(name = "shared: {0}")
    @MethodSource("sharedRows")
    void sharedMode(String name, PageCacheSettings settings, RequestFacts request, Lookup lookup, Renders renders,
                    String expected) {
        assertEquals(expected, describe(new ServePolicy(settings).decide(request, lookup, NOW, renders)), name);
    }

    @Test
    void theDecisionNamesThePageItSendsOrRevalidates() {
        StoredPage fresh = originPage(1);
        assertSame(fresh, new ServePolicy(ORIGIN).decide(get(), found(fresh), NOW, Renders.NONE_KNOWN).page());
        StoredPage stale = sharedPage(70, true, "ETag: \"v1\"");
        assertSame(stale, new ServePolicy(SHARED).decide(get(), found(stale), NOW, Renders.NONE_KNOWN).page());
        assertNull(new ServePolicy(ORIGIN).decide(get(), NOTHING, NOW, Renders.NONE_KNOWN).page());
    }

    @Test
    void aStalePageStandsInForAFailedRenderWithinStaleIfErrorOnly() {
        ServePolicy policy = new ServePolicy(ORIGIN);
        StoredPage page = originPage(100);
        assertSame(page, policy.onRenderFailure(get(), found(page), NOW, false), "60 s fresh + 120 s stale-if-error");
        assertNull(policy.onRenderFailure(get(), found(originPage(200)), NOW, false), "past its stale-if-error window");
        assertNull(policy.onRenderFailure(get(), found(originPage(200)), NOW, true),
                "origin mode: an unreachable upstream changes nothing");
        assertNull(policy.onRenderFailure(get("session"), found(page), NOW, false), "not the anonymous page to a user");
        assertSame(page, policy.onRenderFailure(get("session"), found(page, "cookie"), NOW, false));
        assertNull(policy.onRenderFailure(get(), NOTHING, NOW, false));
        assertNull(new ServePolicy(origin().staleIfError(seconds(600)).build())
                .onRenderFailure(get(), found(originPage(200)), NOW, false),
                "the window is the page's, set when stored");
    }

    @Test
    void sharedModeServesStaleOnErrorWithinTheResponsesOwnWindowOrWhenTheUpstreamIsUnreachable() {
        ServePolicy policy = new ServePolicy(SHARED);
        StoredPage withWindow = sharedPage(100, true, 0, 60);
        assertSame(withWindow, policy.onRenderFailure(get(), found(withWindow), NOW, false),
                "60 s fresh + 60 s stale-if-error");
        assertNull(policy.onRenderFailure(get(), found(sharedPage(130, true, 0, 60)), NOW, false),
                "past its stale-if-error window, the upstream answered");
        StoredPage noWindow = sharedPage(3000, true);
        assertNull(policy.onRenderFailure(get(), found(noWindow), NOW, false), "an error answer from upstream");
        assertSame(noWindow, policy.onRenderFailure(get(), found(noWindow), NOW, true),
                "a disconnected cache may serve stale (RFC 9111 section 4.2.4)");
        assertNull(policy.onRenderFailure(get(), found(sharedPage(3000, false)), NOW, true),
                "never a must-revalidate, proxy-revalidate, s-maxage or no-cache page");
    }

    private static Arguments row(String name, PageCacheSettings settings, RequestFacts request, Lookup lookup,
                                 Renders renders, String expected) {
        return Arguments.of(name, settings, request, lookup, renders, expected);
    }

    private static String describe(ServePolicy.Decision decision) {
        return decision.action() + (decision.coalesce() ? " +coalesce" : "");
    }
}
