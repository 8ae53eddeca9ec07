package dev.webcache.page.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The key scheme without a container: URL parts, the parser invalidation uses, variants. */
class PageKeysTest {
    @Test
    void aRequestsUrlPartIsTheNormalisedAbsoluteUrl() {
        assertEquals("http://example.com/a/B?x=1&Y=2", PageKeys.urlPart("HTTP", "Example.COM", 80, "/a/B", "x=1&Y=2"));
        assertEquals("https://example.com/", PageKeys.urlPart("https", "example.com", 443, "/", null));
        assertEquals("https://example.com:8443/", PageKeys.urlPart("https", "example.com", 8443, "/", null));
        assertEquals("http://example.com:443/", PageKeys.urlPart("http", "example.com", 443, "/", null));
        assertEquals("http://[::1]:8080/p", PageKeys.urlPart("http", "::1", 8080, "/p", null));
        assertEquals("http://[::1]:8080/p", PageKeys.urlPart("http", "[::1]", 8080, "/p", null));
        assertEquals("http://my_host/p?", PageKeys.urlPart("http", "my_host", 80, "/p", ""),
                "an empty query differs from none");
    }

    @Test
    void anAbsoluteUrlGivesTheUrlPartOfARequestForIt() {
        assertEquals(PageKeys.urlPart("http", "example.com", 80, "/news", "page=2"),
                PageKeys.urlPart("HTTP://EXAMPLE.com:80/news?page=2"));
        assertEquals(PageKeys.urlPart("https", "my_host.internal", 8443, "/", null),
                PageKeys.urlPart("https://my_host.internal:8443"));
        assertEquals(PageKeys.urlPart("http", "::1", 8080, "/p", "q"), PageKeys.urlPart("http://[::1]:8080/p?q#frag"));
        for (String bad : List.of("ftp://example.com/", "/relative", "http://user@example.com/",
                "http://example.com:70000/", "http://example.com:x/", "http:///path")) {
            assertThrows(IllegalArgumentException.class, () -> PageKeys.urlPart(bad), bad);
        }
    }

    @Test
    void aLongOrNonAsciiUrlIsHashedSoThatEveryBackendTakesTheKey() {
        String longPath = "/" + "a".repeat(300);
        String hashed = PageKeys.urlPart("http", "example.com", 80, longPath, null);
        assertTrue(hashed.startsWith("~") && hashed.length() == 44, hashed);
        assertNotEquals(hashed, PageKeys.urlPart("http", "example.com", 80, longPath + "b", null));
        assertTrue(PageKeys.urlPart("http", "example.com", 80, "/caf\u00e9", null).startsWith("~"));
        assertTrue(PageKeys.urlPart("http", "example.com", 80, "/a b", null).startsWith("~"));
    }

    @Test
    void keysCarryTheSchemeVersionThePrefixAndTheGeneration() {
        PageKeys keys = new PageKeys("shop");
        assertEquals("webcache.page.v3.shop.vary.http://example.com/", keys.varyKey("http://example.com/"));
        assertEquals("webcache.page.v3.shop.GET.g1.-.http://example.com/",
                keys.pageKey("http://example.com/", "g1", "-"));
    }

    @Test
    void aVariantTellsApartWhatTheVaryHeadersSay() {
        List<String> names = List.of("accept-language", "cookie");
        String none = PageKeys.variant(headers(Map.of()), names);
        String empty = PageKeys.variant(headers(Map.of("accept-language", List.of(""))), names);
        String english = PageKeys.variant(headers(Map.of("accept-language", List.of("en"))), names);
        assertNotEquals(none, empty, "an absent header differs from an empty one");
        assertNotEquals(empty, english);
        assertEquals(english, PageKeys.variant(headers(Map.of("accept-language", List.of("en"),
                "x-other", List.of("1"))), names), "headers the Vary does not name do not count");
        assertEquals(PageKeys.variant(headers(Map.of("cookie", List.of("a=1; b=2"))), names),
                PageKeys.variant(headers(Map.of("cookie", List.of("a=1", "b=2"))), names),
                "Cookie lines join with '; '");
        assertEquals("-", PageKeys.variant(headers(Map.of("cookie", List.of("a=1"))), List.of()));
        assertEquals(PageKeys.variant(headers(Map.of("accept-language", List.of("en, fr"))), names),
                PageKeys.variant(headers(Map.of("accept-language", List.of("FR", " en"))), names),
                "list values are normalised (VaryValues), several lines included");
    }

    private static Function<String, Enumeration<String>> headers(Map<String, List<String>> lines) {
        return name -> Collections.enumeration(lines.getOrDefault(name, List.of()));
    }
}
