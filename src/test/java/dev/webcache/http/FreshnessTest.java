package dev.webcache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.http.RequestDirectives.Use;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** RFC 9111 section 4.2 arithmetic: {@link Freshness}, {@link ResponseAge} and {@link RequestDirectives}. */
class FreshnessTest {
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final long NOW_MILLIS = NOW.toEpochMilli();
    private static final String DATE = HttpDates.format(NOW);

    private static Freshness explicit(String cacheControl, String expires, String date) {
        return Freshness.explicit(CacheControl.parse(cacheControl), expires == null ? List.of() : List.of(expires),
                date, NOW_MILLIS).orElseThrow();
    }

    @Test
    void sMaxAgeWinsOverMaxAgeWhichWinsOverExpires() {
        String expires = HttpDates.format(NOW.plusSeconds(500));
        assertEquals(30, explicit("max-age=60, s-maxage=30", expires, DATE).lifetimeSeconds());
        assertEquals(60, explicit("max-age=60", expires, DATE).lifetimeSeconds());
        assertEquals(500, explicit(null, expires, DATE).lifetimeSeconds());
        // Expires is measured from Date, not from when the response arrived
        assertEquals(520, explicit(null, expires, HttpDates.format(NOW.minusSeconds(20))).lifetimeSeconds());
        // no Date: the response time stands in
        assertEquals(500, explicit(null, expires, null).lifetimeSeconds());
        assertTrue(Freshness.explicit(CacheControl.parse("public"), List.of(), DATE, NOW_MILLIS).isEmpty());
    }

    @Test
    void anInvalidOrPastExpiresMeansStale() {
        assertEquals(0, explicit(null, "0", DATE).lifetimeSeconds());
        assertEquals(0, explicit(null, "tomorrow", DATE).lifetimeSeconds());
        assertEquals(0, explicit(null, HttpDates.format(NOW.minusSeconds(60)), DATE).lifetimeSeconds());
        assertTrue(explicit(null, "0", DATE).explicit());
        // an invalid max-age or s-maxage still overrides Expires, and means stale
        String later = HttpDates.format(NOW.plusSeconds(500));
        assertEquals(0, explicit("max-age=soon", later, DATE).lifetimeSeconds());
        assertEquals(0, explicit("s-maxage=-1, max-age=60", later, DATE).lifetimeSeconds());
    }

    @Test
    void aHeuristicIsATenthOfTheTimeSinceLastModifiedCapped() {
        String lastModified = HttpDates.format(NOW.minusSeconds(1000));
        assertEquals(100, Freshness.heuristic(lastModified, DATE, NOW_MILLIS, 3600).lifetimeSeconds());
        assertEquals(50, Freshness.heuristic(lastModified, DATE, NOW_MILLIS, 50).lifetimeSeconds());
        assertEquals(Freshness.NONE, Freshness.heuristic(lastModified, DATE, NOW_MILLIS, 0));
        assertEquals(Freshness.NONE, Freshness.heuristic("yesterday", DATE, NOW_MILLIS, 3600));
    }

    @Test
    void theCorrectedInitialAgeTakesTheLargerOfApparentAgeAndUpstreamAgePlusDelay() {
        long requestTime = NOW_MILLIS - 2000;
        // upstream says 100 s, the round trip took 2 s
        assertEquals(102, ResponseAge.of("100", DATE, requestTime, NOW_MILLIS).correctedInitialAgeSeconds());
        // Date 300 s in the past beats a small Age
        assertEquals(300, ResponseAge.of("5", HttpDates.format(NOW.minusSeconds(300)), requestTime, NOW_MILLIS)
                .correctedInitialAgeSeconds());
        // a Date in the future counts as age zero
        assertEquals(0, ResponseAge.of(null, HttpDates.format(NOW.plusSeconds(300)), NOW_MILLIS, NOW_MILLIS)
                .correctedInitialAgeSeconds());
        ResponseAge age = ResponseAge.of("10", DATE, NOW_MILLIS, NOW_MILLIS);
        assertEquals(10, age.currentAgeSeconds(NOW_MILLIS));
        assertEquals(25, age.currentAgeSeconds(NOW.plusSeconds(15)));
    }

    @Test
    void anAgeIsReadStrictlyFromItsFirstMember() {
        assertEquals(OptionalLong.of(7), ResponseAge.parseAge("7"));
        assertEquals(OptionalLong.of(7), ResponseAge.parseAge(" 7 , 9"));
        assertEquals(OptionalLong.empty(), ResponseAge.parseAge("-1"));
        assertEquals(OptionalLong.empty(), ResponseAge.parseAge("1.5"));
        assertEquals(OptionalLong.empty(), ResponseAge.parseAge("ten"));
        assertEquals(OptionalLong.of(CacheControl.MAX_DELTA_SECONDS), ResponseAge.parseAge("99999999999999999999"));
        // an ignored Age leaves Date alone to decide
        assertEquals(0, ResponseAge.of("abc", DATE, NOW_MILLIS, NOW_MILLIS).correctedInitialAgeSeconds());
    }

    @Test
    void requestDirectivesDecideWhetherAStoredResponseMayAnswer() {
        Freshness sixty = new Freshness(60, true);
        assertEquals(Use.FRESH, directives(null).use(sixty, 30, true));
        assertEquals(Use.VALIDATE, directives(null).use(sixty, 60, true));
        assertEquals(Use.VALIDATE, directives("no-cache").use(sixty, 0, true));
        assertEquals(Use.VALIDATE, directives("max-age=10").use(sixty, 30, true));
        assertEquals(Use.FRESH, directives("max-age=30").use(sixty, 30, true));
        assertEquals(Use.VALIDATE, directives("min-fresh=40").use(sixty, 30, true));
        assertEquals(Use.FRESH, directives("min-fresh=30").use(sixty, 30, true));
        assertEquals(Use.STALE_ACCEPTED, directives("max-stale=20").use(sixty, 80, true));
        assertEquals(Use.VALIDATE, directives("max-stale=20").use(sixty, 81, true));
        assertEquals(Use.STALE_ACCEPTED, directives("max-stale").use(sixty, 100000, true));
        assertEquals(Use.VALIDATE, directives("max-stale").use(sixty, 61, false));
        assertEquals(Use.FRESH, directives("x-unknown=1, foo").use(sixty, 1, true));
        assertTrue(directives("only-if-cached").onlyIfCached());
        assertTrue(directives("no-store").noStore());
        assertFalse(directives("no-cache").noStore());
    }

    @Test
    void pragmaNoCacheCountsOnlyWithoutCacheControl() {
        Freshness sixty = new Freshness(60, true);
        assertEquals(Use.VALIDATE, RequestDirectives.of(List.of(), List.of("no-cache")).use(sixty, 1, true));
        assertEquals(Use.FRESH, RequestDirectives.of(List.of("max-age=100"), List.of("no-cache"))
                .use(sixty, 1, true));
    }

    private static RequestDirectives directives(String cacheControl) {
        return RequestDirectives.of(cacheControl == null ? List.of() : List.of(cacheControl), List.of());
    }
}
