package dev.webcache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Parsing, formatting and Django's patch_cache_control table, with the fixes of django-spec section 8 item 12. */
class CacheControlTest {

    private static String patch(String existing, UnaryOperator<CacheControl.Builder> patch) {
        return CacheControl.parse(existing).merge(patch.apply(CacheControl.builder()).build()).toString();
    }

    @Test
    void djangoPatchCacheControlTable() {
        // Django's tests/cache/tests.py test_patch_cache_control rows. Our output is one exact string (Django's
        // no-cache order was a set); field lists are written in the quoted form that RFC 9111 section 5.2.2.4 asks
        // senders to use.
        assertEquals("private", patch(null, b -> b.cachePrivate()));
        assertEquals("private", patch("", b -> b.cachePrivate()));
        assertEquals("no-cache=\"Set-Cookie\"", patch("", b -> b.noCache("Set-Cookie")));
        assertEquals("no-cache", patch("no-cache=Set-Cookie", b -> b.noCache()));
        assertEquals("no-cache", patch("no-cache=Set-Cookie,no-cache=Link", b -> b.noCache()));
        assertEquals("no-cache=\"Set-Cookie, Link\"", patch("no-cache=Set-Cookie", b -> b.noCache("Link")));
        assertEquals("no-cache=\"Set-Cookie, Link, Custom\"",
                patch("no-cache=Set-Cookie,no-cache=Link", b -> b.noCache("Custom")));
        assertEquals("private", patch("private", b -> b.cachePrivate()));
        assertEquals("public", patch("private", b -> b.cachePublic()));
        assertEquals("public", patch("public", b -> b.cachePublic()));
        assertEquals("private", patch("public", b -> b.cachePrivate()));
        assertEquals("must-revalidate, max-age=60, public",
                patch("must-revalidate,max-age=60,private", b -> b.cachePublic()));
        assertEquals("must-revalidate, max-age=60, private",
                patch("must-revalidate,max-age=60,public", b -> b.cachePrivate()));
        assertEquals("must-revalidate, max-age=60, public", patch("must-revalidate,max-age=60", b -> b.cachePublic()));
    }

    @Test
    void mergeKeepsPositionsAndTheLowerMaxAge() {
        assertEquals("max-age=60, public", patch("max-age=600, public", b -> b.maxAge(60)));
        assertEquals("max-age=30, public", patch("max-age=30, public", b -> b.maxAge(60)));
        assertEquals("s-maxage=10, max-age=5", patch("s-maxage=10", b -> b.sMaxAge(20).maxAge(5)));
        assertEquals("no-transform, max-age=0, no-cache, no-store, must-revalidate, private",
                patch("no-transform", b -> b.maxAge(0).noCache().noStore().mustRevalidate().cachePrivate()));
        assertEquals("max-age=0, no-cache, no-store, must-revalidate, private",
                patch("public, max-age=600", b -> b.maxAge(0).noCache().noStore().mustRevalidate().cachePrivate()));
        assertEquals("x-ext=\"a, b\", max-age=5", patch("X-Ext=\"a, b\"", b -> b.maxAge(5)));
    }

    @Test
    void mergeFixesDjangosBugs() {
        // a non-integer existing max-age raised ValueError in Django: the patch replaces it
        assertEquals("max-age=60, public", patch("max-age=soon, public", b -> b.maxAge(60)));
        // quoted values with commas were split and lowercased
        assertEquals("no-cache=\"Set-Cookie, Link\", max-age=5",
                patch("no-cache=\"Set-Cookie, Link\"", b -> b.maxAge(5)));
        // stray whitespace at the ends was kept
        assertEquals("max-age=5, public", patch("  private ,  max-age=5 ", b -> b.cachePublic()));
        // private and public together in one patch: private, the safe one
        assertEquals("private", patch(null, b -> b.cachePrivate().cachePublic()));
        assertEquals("max-age=5, private", patch("public, max-age=5", b -> b.cachePublic().cachePrivate()));
        // a bare no-cache absorbs field names that come later too
        assertEquals("no-cache", patch("no-cache", b -> b.noCache("Link")));
        assertEquals("no-cache=\"Set-Cookie\"", patch("NO-CACHE=Set-Cookie", b -> b.noCache("set-cookie")));
        // nothing to patch and nothing there: no header at all rather than an empty one
        assertTrue(CacheControl.parse((String) null).merge(CacheControl.EMPTY).isEmpty());
        CacheControl existing = CacheControl.parse("max-age=5");
        assertSame(existing, existing.merge(CacheControl.EMPTY));
    }

    @Test
    void parsesEveryDirective() {
        CacheControl response = CacheControl.parse("Public, max-age=60, s-maxage=120, no-cache=\"Set-Cookie, Link\", "
                + "private=\"Authorization\", no-store, no-transform, must-revalidate, proxy-revalidate, "
                + "must-understand, immutable, stale-while-revalidate=30, stale-if-error=600, community=\"UCI\"");
        assertTrue(response.isPublic());
        assertEquals(OptionalLong.of(60), response.maxAge());
        assertEquals(OptionalLong.of(120), response.sMaxAge());
        assertTrue(response.noCache());
        assertEquals(List.of("Set-Cookie", "Link"), response.noCacheFields());
        assertTrue(response.isPrivate());
        assertEquals(List.of("Authorization"), response.privateFields());
        assertTrue(response.noStore() && response.noTransform() && response.mustRevalidate()
                && response.proxyRevalidate() && response.mustUnderstand() && response.immutable());
        assertEquals(OptionalLong.of(30), response.staleWhileRevalidate());
        assertEquals(OptionalLong.of(600), response.staleIfError());
        assertEquals("UCI", response.value("Community").orElseThrow());
        assertEquals("public, max-age=60, s-maxage=120, no-cache=\"Set-Cookie, Link\", private=\"Authorization\", "
                + "no-store, no-transform, must-revalidate, proxy-revalidate, must-understand, immutable, "
                + "stale-while-revalidate=30, stale-if-error=600, community=UCI", response.toString());

        CacheControl request = CacheControl.parse("max-stale, min-fresh=5, only-if-cached, no-cache, max-age=0");
        assertEquals(OptionalLong.of(Long.MAX_VALUE), request.maxStale());
        assertEquals(OptionalLong.of(5), request.minFresh());
        assertTrue(request.onlyIfCached() && request.noCache());
        assertEquals(List.of(), request.noCacheFields());
        assertEquals(OptionalLong.of(0), request.maxAge());
        assertEquals(OptionalLong.of(9), CacheControl.parse("max-stale=9").maxStale());
    }

    @Test
    void badNumbersAreAbsentAndHugeOnesAreClamped() {
        for (String bad : List.of("max-age", "max-age=", "max-age=-1", "max-age=1.5", "max-age=5s", "max-age=\"\"",
                "max-age=0x10", "max-age=+5", "max-age=٣")) {
            assertEquals(OptionalLong.empty(), CacheControl.parse(bad).maxAge(), bad);
        }
        assertEquals(OptionalLong.of(5), CacheControl.parse("max-age=\"5\"").maxAge());
        assertEquals(OptionalLong.of(7), CacheControl.parse("max-age = 7").maxAge());
        assertEquals(OptionalLong.of(CacheControl.MAX_DELTA_SECONDS),
                CacheControl.parse("max-age=99999999999999999999999999").maxAge());
        // Django's get_max_age read a bare max-age as int(True) = 1
        assertEquals(OptionalLong.empty(), CacheControl.parse("max-age, public").maxAge());
    }

    @Test
    void duplicatesCountOnceAndTheFirstValueWins() {
        CacheControl cc = CacheControl.parse("max-age=5, public, MAX-AGE=50, private=\"A\", private, private=\"B\"");
        assertEquals(OptionalLong.of(5), cc.maxAge());
        assertEquals("max-age=5, public, private", cc.toString());
        assertEquals("no-cache=\"A, B\"", CacheControl.parse("no-cache=A, no-cache=\"a, B\"").toString());
    }

    @Test
    void malformedElementsAreDroppedAndTheRestKept() {
        assertEquals("public, max-age=3", CacheControl.parse("public,, bad name, =5, max-age=3, \"q\"").toString());
        assertEquals("x=\"unterminated, max-age=3\"", CacheControl.parse("x=\"unterminated, max-age=3").toString());
        assertEquals("max-age=3", CacheControl.parse("x=\"a\"junk, max-age=3").toString());
        assertEquals("max-age=3", CacheControl.parse("x=\"a\r\nSet-Cookie: b\", max-age=3").toString());
        assertEquals("x=\"a\\\"b\"", CacheControl.parse("x=\"a\\\"b\"").toString());
        assertEquals("x=\"a b\"", CacheControl.parse("x=a b").toString());
        assertEquals("", CacheControl.parse(" , ,").toString());
        assertEquals(CacheControl.EMPTY, CacheControl.parse(List.of()));
        assertEquals("max-age=1, public", CacheControl.parse(List.of("max-age=1", "public")).toString());
    }

    @Test
    void builderRejectsWhatWouldMakeABadHeader() {
        assertThrows(IllegalArgumentException.class, () -> CacheControl.builder().maxAge(-1));
        assertThrows(IllegalArgumentException.class, () -> CacheControl.builder().directive("a b"));
        assertThrows(IllegalArgumentException.class, () -> CacheControl.builder().directive("x", "a\r\nb"));
        assertThrows(IllegalArgumentException.class, () -> CacheControl.builder().noCache("Set Cookie"));
        assertThrows(IllegalArgumentException.class, () -> CacheControl.builder().noCache(new String[0]));
        assertEquals("max-age=5, x=\"a,b\"",
                CacheControl.builder().maxAge(10).directive("X", "a,b").maxAge(5).build().toString());
        assertFalse(CacheControl.builder().build().has("max-age"));
    }
}
