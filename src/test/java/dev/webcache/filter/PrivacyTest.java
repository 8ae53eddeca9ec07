package dev.webcache.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.webcache.filter.privacy.AnnotatedUserServlet;
import dev.webcache.page.PageCache;
import dev.webcache.page.PageServlet;
import dev.webcache.page.Refusal;
import dev.webcache.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The identity rule over HTTP, as a new user would meet it: an application with form login (HTTP sessions) and a
 * token filter (a principal) whose pages greet the user by name and say nothing about caching, behind
 * {@code CacheFilter}, the filter pair (with a wrapping locale filter and the token filter between the halves) and
 * {@code @CachePage}. No user ever gets another user's page, anonymous pages are still cached, and pages that
 * declare themselves shareable are cached for everyone.
 */
class PrivacyTest {
    private static final List<String> FRONTS = List.of("/site", "/pair", "/annotated");
    private static TestServer server;
    private static PageCache site;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.webapp("privacy").webInfClasses(AnnotatedUserServlet.class).start();
        site = PageCache.from(server.context().getServletContext());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Logs {@code user} in and returns the {@code Cookie} header of their session. */
    private static String login(String user) {
        HttpResponse<String> response = server.get("/login?user=" + user);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String userIn(HttpResponse<String> response) {
        String body = response.body();
        int at = body.indexOf(" user=");
        if (at < 0) {
            fail("no user in " + body);
        }
        return body.substring(at + 6, body.indexOf(' ', at + 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/site", "/pair", "/annotated"})
    void sessionUsersAndAnonymousClientsInterleavedEachGetTheirOwnPage(String front) {
        String path = front + "/home?t=interleaved";
        String alice = login("alice");
        String bob = login("bob");
        String carol = login("carol");
        HttpResponse<String> anonymous = server.get(path);
        assertEquals("guest", userIn(anonymous));
        for (int round = 0; round < 3; round++) {
            assertEquals("alice", userIn(server.get(path, "Cookie", alice)));
            assertEquals("guest", userIn(server.get(path)));
            assertEquals("bob", userIn(server.get(path, "Cookie", bob)));
            assertEquals("carol", userIn(server.get(path, "Cookie", carol)));
            assertEquals(anonymous.body(), server.get(path).body(), "anonymous clients share the stored page");
        }
        // one anonymous render, stored and reused; every user's request rendered their own page
        assertEquals(1 + 3 * 3, PageServlet.renders(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/site", "/pair", "/annotated"})
    void aUsersPageRenderedFirstIsNeverStoredForTheNextAnonymousVisitor(String front) {
        String path = front + "/home?t=user-first";
        HttpResponse<String> mine = server.get(path, "Cookie", login("dave"));
        assertEquals("dave", userIn(mine));
        assertEquals("guest", userIn(server.get(path)));
        assertEquals("guest", userIn(server.get(path)));
        assertEquals(2, PageServlet.renders(path));
    }

    @Test
    void theRefusalHasItsOwnReasonAndTheUsersResponseIsUntouched() {
        long before = site.statistics().refusals(Refusal.IDENTITY);
        HttpResponse<String> mine = server.get("/site/home?t=reason", "Cookie", login("erin"));
        assertEquals("erin", userIn(mine));
        assertEquals(before + 1, site.statistics().refusals(Refusal.IDENTITY));
        assertTrue(mine.headers().firstValue("Expires").isEmpty(), "a refused page is not patched");
        assertTrue(mine.headers().firstValue("Cache-Control").isEmpty(), "a refused page is not patched");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/site", "/pair", "/annotated"})
    void aPageMarkedPublicIsCachedForLoggedInUsersToo(String front) {
        String path = front + "/news?who=no&cc=public,max-age=60";
        HttpResponse<String> first = server.get(path, "Cookie", login("frank"));
        assertEquals(first.body(), server.get(path, "Cookie", login("grace")).body());
        assertEquals(first.body(), server.get(path).body());
        assertEquals(1, PageServlet.renders(path));
    }

    @Test
    void aPageThatVariesOnCookieIsStoredPerUser() {
        String path = "/site/home?t=per-user&vary=Cookie";
        String heidi = login("heidi");
        String ivan = login("ivan");
        for (int round = 0; round < 3; round++) {
            assertEquals("heidi", userIn(server.get(path, "Cookie", heidi)));
            assertEquals("ivan", userIn(server.get(path, "Cookie", ivan)));
            assertEquals("guest", userIn(server.get(path)));
        }
        assertEquals(3, PageServlet.renders(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/site", "/pair", "/annotated"})
    void anonymousClientsWithUnrelatedCookiesOrAnExpiredSessionAreStillCached(String front) {
        String path = front + "/home?t=unrelated-cookies";
        server.get(path, "Cookie", "_ga=GA1.2.3; theme=dark");
        server.get(path, "Cookie", "theme=light");
        server.get(path, "Cookie", "JSESSIONID=node0nosuchsession");
        server.get(path);
        assertEquals(1, PageServlet.renders(path));
    }

    @Test
    void thePairStoresUnderTheVariantItsInnerFiltersShapedTheRequestInto() {
        String path = "/pair/home?t=wrapped-language&who=no";
        HttpResponse<String> french = server.get(path, "Cookie", "lang=fr");
        HttpResponse<String> english = server.get(path, "Cookie", "lang=en");
        HttpResponse<String> plain = server.get(path);
        assertTrue(french.body().endsWith("lang=fr"), french.body());
        assertTrue(english.body().endsWith("lang=en"), english.body());
        assertTrue(plain.body().endsWith("lang=null"), plain.body());
        for (int round = 0; round < 3; round++) {
            assertEquals(french.body(), server.get(path, "Cookie", "lang=fr").body());
            assertEquals(english.body(), server.get(path, "Cookie", "lang=en").body());
            assertEquals(plain.body(), server.get(path).body());
        }
        assertEquals(3, PageServlet.renders(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pair", "/annotated"})
    void aPrincipalSetByAFilterBetweenTheHalvesCountsAsAUser(String front) {
        String path = front + "/home?t=token";
        HttpResponse<String> anonymous = server.get(path);
        assertEquals("guest", userIn(anonymous));
        assertEquals("carol", userIn(server.get(path, "X-Api-Token", "carol")));
        assertEquals("mallory", userIn(server.get(path, "X-Api-Token", "mallory")));
        assertEquals(anonymous.body(), server.get(path).body());
        String tokenFirst = front + "/home?t=token-first";
        assertEquals("carol", userIn(server.get(tokenFirst, "X-Api-Token", "carol")));
        assertEquals("guest", userIn(server.get(tokenFirst)));
    }

    @Test
    void authorizationIsStoredPerCredentialsWhenThePageVariesOnIt() {
        String path = "/site/home?t=authorization&vary=Authorization&who=no";
        HttpResponse<String> one = server.get(path, "Authorization", "Bearer one");
        HttpResponse<String> two = server.get(path, "Authorization", "Bearer two");
        assertEquals(one.body(), server.get(path, "Authorization", "Bearer one").body());
        assertEquals(two.body(), server.get(path, "Authorization", "Bearer two").body());
        assertEquals(2, PageServlet.renders(path));
        String unvaried = "/site/home?t=authorization-plain&who=no";
        server.get(unvaried, "Authorization", "Bearer one");
        server.get(unvaried, "Authorization", "Bearer one");
        assertEquals(2, PageServlet.renders(unvaried), "without Vary: Authorization nothing is stored");
    }

    @Test
    void sharedModeNeverStoresTheApplicationsPageOfAUser() {
        String path = "/shared/home?t=shared&cc=max-age=60";
        assertEquals("judy", userIn(server.get(path, "Cookie", login("judy"))));
        assertEquals("guest", userIn(server.get(path)));
        assertEquals("guest", userIn(server.get(path)));
        assertEquals(2, PageServlet.renders(path));
    }

    /**
     * 32 threads for a bounded time: users with sessions, token users and anonymous clients ask for the same few
     * URLs through every front; no response may carry a name other than its requester's.
     */
    @Test
    void underConcurrentLoadNoResponseEverCarriesAnotherUsersName() throws Exception {
        List<String> users = List.of("u1", "u2", "u3", "u4", "u5");
        List<String> cookies = new ArrayList<>();
        for (String user : users) {
            cookies.add(login(user));
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicLong checked = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            workers.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end && checked.get() < 20_000) {
                    String path = FRONTS.get(random.nextInt(FRONTS.size())) + "/soak?n=" + random.nextInt(4);
                    int who = random.nextInt(users.size() + 2);
                    HttpResponse<String> response;
                    String expected;
                    if (who < users.size()) {
                        expected = users.get(who);
                        response = server.get(path, "Cookie", cookies.get(who));
                    } else if (who == users.size() && !path.startsWith("/site")) {
                        expected = "token" + random.nextInt(3);
                        response = server.get(path, "X-Api-Token", expected);
                    } else {
                        expected = "guest";
                        response = server.get(path);
                    }
                    if (response.statusCode() != 200 || !expected.equals(userIn(response))) {
                        wrong.add(expected + " got " + response.statusCode() + " " + response.body());
                    }
                    checked.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong responses, e.g. " + wrong.peek());
        assertTrue(checked.get() > 500, "too few requests checked: " + checked.get());
    }
}
