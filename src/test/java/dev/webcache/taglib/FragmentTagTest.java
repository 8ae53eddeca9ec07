package dev.webcache.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.testing.ManualClock;
import dev.webcache.testing.TestServer;
import dev.webcache.tokens.TokenCounters;
import dev.webcache.web.WebcacheInitializer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <cache:fragment>} and {@code <cache:icache>} in real JSPs compiled by Jasper in Jetty, over HTTP. Each
 * fragment body prints the request's {@code v} parameter, so a response shows whether a fragment was rendered by
 * this request or came from the cache.
 */
class FragmentTagTest {
    private static final ManualClock CLOCK = new ManualClock();
    private static TestServer server;
    private static Caches caches;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("fragments").attribute(WebcacheInitializer.CLOCK_ATTRIBUTE, CLOCK)
                .initParameter("webcache.config", "/WEB-INF/webcache-three-caches.properties").start();
        caches = Caches.from(server.context().getServletContext());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyTheCaches() {
        caches.aliases().forEach(alias -> caches.get(alias).clear());
    }

    private static String page(String path) {
        HttpResponse<String> response = server.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The text between {@code name=[} and {@code ]} in a page. */
    private static String part(String page, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "=\\[(.*?)\\]").matcher(page);
        assertTrue(m.find(), name + " in " + page);
        return m.group(1);
    }

    private static Cache fragments() {
        return caches.get("template_fragments");
    }

    @Test
    void aFragmentIsRenderedOnceAndServedFromTheCacheUntilItExpires() {
        String first = page("/expiry.jsp?v=1");
        String second = page("/expiry.jsp?v=2");
        assertEquals("v=1", part(first, "thirty"));
        assertEquals("v=1", part(second, "thirty"), "a hit: the body was not rendered again");
        assertEquals("v=1", part(second, "forever"));
        assertEquals("v=1", part(second, "default"));
        assertEquals("v=2", part(second, "outside"));
        assertEquals("v=1", fragments().get(FragmentKeys.of("thirty")), "stored under Django's key");

        CLOCK.advance(Duration.ofSeconds(31));
        String third = page("/expiry.jsp?v=3");
        assertEquals("v=3", part(third, "thirty"), "30 s passed");
        assertEquals("v=1", part(third, "forever"));
        assertEquals("v=1", part(third, "default"));

        CLOCK.advance(Duration.ofSeconds(300));
        String fourth = page("/expiry.jsp?v=4");
        assertEquals("v=1", part(fourth, "forever"), "timeout none never expires");
        assertEquals("v=4", part(fourth, "default"), "no timeout: the cache's default (300 s)");

        fragments().delete(FragmentKeys.of("forever"));
        assertEquals("v=5", part(page("/expiry.jsp?v=5"), "forever"), "deleting Django's key invalidates");
    }

    @Test
    void fragmentsVaryOnOneValueAListOrAnArray() {
        assertEquals("user=ann v=1", part(page("/vary.jsp?user=ann&v=1"), "single"));
        assertEquals("user=bob v=2", part(page("/vary.jsp?user=bob&v=2"), "single"));
        String ann = page("/vary.jsp?user=ann&lang=en&tag=x&tag=y&v=3");
        assertEquals("user=ann v=1", part(ann, "single"));
        assertEquals("user=ann lang=en v=3", part(ann, "list"));
        assertEquals("user=ann lang=en v=3", part(page("/vary.jsp?user=ann&lang=en&v=4"), "list"));
        assertEquals("user=ann lang=de v=5", part(page("/vary.jsp?user=ann&lang=de&v=5"), "list"));
        assertEquals("user= v=6", part(page("/vary.jsp?v=6"), "single"));

        assertTrue(fragments().hasKey(FragmentKeys.of("single", "ann")));
        assertTrue(fragments().hasKey(FragmentKeys.of("single", "bob")));
        assertTrue(fragments().hasKey(FragmentKeys.of("single", (Object) null)), "a missing value is Python's None");
        assertTrue(fragments().hasKey(FragmentKeys.of("list", "ann", "en")));
        assertTrue(fragments().hasKey(FragmentKeys.of("array", "x", "y")), "an array's elements");
        assertTrue(fragments().hasKey("template.cache.foo.7ae8fd2e0d25d651c683bdeebdb29461"),
                "Django's key for ('foo', [1, 2, 3, 4, 5]) from an EL list of numbers");
        assertEquals(FragmentKeys.of("list", "ann", "en"), part(page("/vary.jsp?user=ann&lang=en"), "listKey"),
                "cache:fragmentKey gives the tag's key");

        fragments().delete(FragmentKeys.of("list", "ann", "en"));
        assertEquals("user=ann lang=en v=7", part(page("/vary.jsp?user=ann&lang=en&v=7"), "list"));
    }

    @Test
    void moreUsersThanTheRememberedKeysEachKeepTheirOwnFragment() {
        int users = MadeKeys.CAPACITY + 50;
        for (int user = 0; user < users; user++) {
            String page = page("/vary.jsp?user=u" + user + "&v=" + user);
            assertEquals("user=u" + user + " v=" + user, part(page, "single"));
        }
        for (int user : new int[] {0, 3, users - 1}) {
            assertEquals("user=u" + user + " v=" + user, part(page("/vary.jsp?user=u" + user + "&v=again"), "single"),
                    "a hit, on the user's own fragment");
        }
        assertTrue(MadeKeys.size() <= MadeKeys.CAPACITY, "remembered " + MadeKeys.size());
    }

    @Test
    void usingSelectsTheCacheAndTemplateFragmentsIsTheDefault() {
        page("/using.jsp?v=1");
        String second = page("/using.jsp?v=2");
        assertEquals("v=1", part(second, "other"));
        assertEquals("v=1", part(second, "fragments"));
        assertTrue(caches.get("other").hasKey(FragmentKeys.of("in-other")));
        assertFalse(fragments().hasKey(FragmentKeys.of("in-other")));
        assertTrue(fragments().hasKey(FragmentKeys.of("in-fragments")));
        assertFalse(caches.getDefault().hasKey(FragmentKeys.of("in-fragments")));
    }

    @Test
    void aBadTimeoutOrAnUnknownCacheIsAnErrorNamingTheTagAndTheValue() {
        HttpResponse<String> timeout = server.get("/errors.jsp?timeout=2.5");
        assertEquals(500, timeout.statusCode());
        assertTrue(timeout.body().contains("JspTagException: <cache:fragment name=\"bad\">: the timeout '2.5' is not"
                + " a whole number of seconds"), timeout.body());
        assertTrue(server.get("/errors.jsp?timeout=soon").body().contains("the timeout 'soon' is not a whole number"));

        HttpResponse<String> using = server.get("/errors.jsp?using=nope");
        assertEquals(500, using.statusCode());
        assertTrue(using.body().contains("<cache:fragment name=\"bad\">: using=\"nope\" names no configured cache;"
                + " configured caches: default, other, template_fragments"), using.body());

        HttpResponse<String> noTokens = server.get("/icache-tokens.jsp?tokens=%20,%20");
        assertEquals(500, noTokens.statusCode());
        assertTrue(noTokens.body().contains("<cache:icache tokens=\"\">: the tokens attribute names no token"),
                noTokens.body());
        assertEquals("v=1", page("/icache-tokens.jsp?tokens=a,b&v=1"));
        assertEquals("v=1", page("/icache-tokens.jsp?tokens=a%20b&v=2"), "commas and spaces separate alike");

        // what Django's int() accepts
        assertEquals("v=1", page("/errors.jsp?timeout=+60&v=1"));
        assertEquals("v=1", page("/errors.jsp?timeout=%2060%20&v=2"));
        CLOCK.advance(Duration.ofSeconds(61));
        assertEquals("v=3", page("/errors.jsp?timeout=none&v=3"));
        assertEquals("v=3", page("/errors.jsp?timeout=&v=4"), "empty is forever too");
        CLOCK.advance(Duration.ofDays(3650));
        assertEquals("v=3", page("/errors.jsp?timeout=0&v=5"));
        fragments().clear();
        assertEquals("v=6", page("/errors.jsp?timeout=0&v=6"));
        assertEquals("v=7", page("/errors.jsp?timeout=0&v=7"), "0 stores nothing");
    }

    @Test
    void anInnerFragmentStaysSeparatelyCachedAndInvalidatable() {
        assertEquals("outer v=1 (inner v=1)", page("/nested.jsp?v=1"));
        assertEquals("outer v=1 (inner v=1)", page("/nested.jsp?v=2"));

        fragments().delete(FragmentKeys.of("outer"));
        assertEquals("outer v=3 (inner v=1)", page("/nested.jsp?v=3"), "the inner fragment is still a hit");

        fragments().delete(FragmentKeys.of("inner"));
        assertEquals("outer v=3 (inner v=1)", page("/nested.jsp?v=4"), "the outer copy contains the old inner text");
        fragments().delete(FragmentKeys.of("outer"));
        assertEquals("outer v=5 (inner v=5)", page("/nested.jsp?v=5"));
    }

    @Test
    void anExceptionInTheBodyStoresNothingAndPropagates() {
        HttpResponse<String> failed = server.get("/exception.jsp?v=1&fail=yes");
        assertEquals(500, failed.statusCode());
        assertTrue(failed.body().contains("not a number"), failed.body());
        assertFalse(fragments().hasKey(FragmentKeys.of("boom")));
        assertEquals("v=2", page("/exception.jsp?v=2"));
        assertEquals("v=2", page("/exception.jsp?v=3"));

        assertEquals(500, server.get("/nested.jsp?v=4&fail=inner").statusCode());
        assertFalse(fragments().hasKey(FragmentKeys.of("inner")));
        assertFalse(fragments().hasKey(FragmentKeys.of("outer")), "the failure propagated through the outer tag");
        assertEquals("outer v=5 (inner v=5)", page("/nested.jsp?v=5"));
    }

    @Test
    void eachUseOfATagHasOnlyItsOwnAttributes() {
        String first = page("/reuse.jsp?v=1");
        assertEquals("first v=1", part(first, "first"));
        assertEquals("second v=1", part(first, "second"));
        assertEquals("item 2 v=1", part(first, "loop2"));
        assertEquals("alpha v=1", part(first, "icache1"));
        assertEquals("beta v=1", part(first, "icache2"));
        assertTrue(caches.get("other").hasKey(FragmentKeys.of("same", "a")));
        assertTrue(fragments().hasKey(FragmentKeys.of("same")), "the second tag did not inherit using=\"other\"");
        for (long i = 1; i <= 3; i++) {
            assertTrue(fragments().hasKey(FragmentKeys.of("loop", i)), "loop item " + i);
        }
        assertTrue(fragments().hasKey(FragmentKeys.icacheKey(List.of("alpha", "reuse"))));
        assertTrue(fragments().hasKey(FragmentKeys.icacheKey(List.of("beta", "reuse"))));

        CLOCK.advance(Duration.ofSeconds(150));
        String later = page("/reuse.jsp?v=2");
        assertEquals("first v=2", part(later, "first"), "its own 30 s");
        assertEquals("second v=1", part(later, "second"), "not the first tag's 30 s: the default 300 s");
        assertEquals("item 1 v=2", part(later, "loop1"), "100 s");
        assertEquals("item 2 v=1", part(later, "loop2"), "200 s");
        assertEquals("item 3 v=1", part(later, "loop3"), "300 s");

        TokenCounters.of(caches.getDefault()).incr("alpha");
        String afterIncr = page("/reuse.jsp?v=3");
        assertEquals("alpha v=3", part(afterIncr, "icache1"));
        assertEquals("beta v=1", part(afterIncr, "icache2"), "the second tag's own tokens");
    }

    @Test
    void incrementingATokenInvalidatesEveryFragmentCarryingIt() {
        TokenCounters counters = TokenCounters.of(caches.getDefault());
        String first = page("/tokens.jsp?user=ann&v=1");
        assertEquals("books for bob v=1", part(page("/tokens.jsp?user=bob&v=1"), "perUser"));
        String hit = page("/tokens.jsp?user=ann&v=2");
        assertEquals(part(first, "fragment"), part(hit, "fragment"));
        assertEquals("movies v=1", part(hit, "fragment"));
        assertEquals("movies list v=1", part(hit, "icache"));
        assertEquals("books for ann v=1", part(hit, "perUser"));
        long sum = Long.parseLong(part(hit, "sum"));
        assertEquals(counters.sum(List.of("movies", "books")), sum, "tokenSum is the counters' sum");

        counters.incr("movies");
        String afterMovies = page("/tokens.jsp?user=ann&v=3");
        assertEquals("movies v=3", part(afterMovies, "fragment"));
        assertEquals("movies list v=3", part(afterMovies, "icache"));
        assertEquals("books for ann v=1", part(afterMovies, "perUser"));
        assertEquals(sum + 1, Long.parseLong(part(afterMovies, "sum")));
        assertEquals("movies v=3", part(page("/tokens.jsp?user=ann&v=4"), "fragment"));

        counters.incr("ann");
        String afterAnn = page("/tokens.jsp?user=ann&v=5");
        assertEquals("books for ann v=5", part(afterAnn, "perUser"), "every token is a counter, values too");
        assertEquals("books for bob v=1", part(page("/tokens.jsp?user=bob&v=5"), "perUser"));
        assertEquals("movies v=3", part(afterAnn, "fragment"));

        counters.incrMany(List.of("books", "movies"));
        String afterBoth = page("/tokens.jsp?user=bob&v=6");
        assertEquals("movies v=6", part(afterBoth, "fragment"));
        assertEquals("books for bob v=6", part(afterBoth, "perUser"));
        assertEquals(sum + 3, Long.parseLong(part(afterBoth, "sum")));
        assertTrue(fragments().hasKey(FragmentKeys.of("movie-list")), "a fragment with tokens keeps Django's key");

        CLOCK.advance(Duration.ofSeconds(61));
        assertEquals("movies v=7", part(page("/tokens.jsp?user=bob&v=7"), "fragment"), "and its timeout");
    }
}
