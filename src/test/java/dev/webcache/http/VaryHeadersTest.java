package dev.webcache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Django's patch_vary_headers table, with the fixes of django-spec section 8 item 12. */
class VaryHeadersTest {

    private static String patch(String existing, String... newNames) {
        return VaryHeaders.parse(existing).plus(List.of(newNames)).toString();
    }

    @Test
    void djangoPatchVaryHeadersTable() {
        assertEquals("Accept-Encoding", patch(null, "Accept-Encoding"));
        assertEquals("Accept-Encoding", patch("Accept-Encoding", "accept-encoding"));
        assertEquals("Accept-Encoding", patch("Accept-Encoding", "ACCEPT-ENCODING"));
        assertEquals("Cookie, Accept-Encoding", patch("Cookie", "Accept-Encoding"));
        assertEquals("Cookie, Accept-Encoding", patch("Cookie, Accept-Encoding", "Accept-Encoding"));
        assertEquals("Cookie, Accept-Encoding", patch("Cookie, Accept-Encoding", "Accept-Encoding", "cookie"));
        assertEquals("Accept-Encoding, COOKIE", patch(null, "Accept-Encoding", "COOKIE"));
        assertEquals("Cookie, Accept-Encoding", patch("Cookie,     Accept-Encoding", "Accept-Encoding", "cookie"));
        assertEquals("Cookie, Accept-Encoding", patch("Cookie    ,     Accept-Encoding", "Accept-Encoding", "cookie"));
        assertEquals("*", patch("*", "Accept-Language", "Cookie"));
        assertEquals("*", patch("Accept-Language, Cookie", "*"));
    }

    @Test
    void djangosQuirksAreFixed() {
        // Django: "Cookie, cookie" (no de-duplication within the new names)
        assertEquals("Cookie", patch(null, "Cookie", "cookie"));
        // Django: ", Cookie" from an empty existing header
        assertEquals("Cookie", patch("", "Cookie"));
        assertEquals("Cookie", patch(" , ,", "Cookie"));
        // Django: vary_on_headers() set an empty header; here the list stays empty (the caller sets nothing)
        assertTrue(VaryHeaders.parse((String) null).plus(List.of()).isEmpty());
        // a wildcard already present absorbs, and duplicates in the existing header collapse
        assertEquals("*", patch("Cookie, *, Accept"));
        assertEquals("Cookie, Accept", patch("Cookie, COOKIE, Accept"));
    }

    @Test
    void containsIsCaseInsensitiveMembership() {
        VaryHeaders vary = VaryHeaders.parse("Accept-Language, Cookie");
        assertTrue(vary.contains("cookie"));
        assertTrue(vary.contains("ACCEPT-LANGUAGE"));
        assertFalse(vary.contains("Accept"));
        assertFalse(VaryHeaders.NONE.contains("Cookie"));
        assertTrue(VaryHeaders.WILDCARD.isWildcard());
        assertFalse(VaryHeaders.WILDCARD.contains("Cookie"));
        assertEquals(List.of("Accept-Language", "Cookie"), vary.names());
        assertEquals(VaryHeaders.of("Accept-Language", "Cookie", "Cookie"), vary);
        assertEquals("Accept-Language, Cookie, Accept", VaryHeaders.parse(List.of("Accept-Language", "Cookie, Accept"))
                .plus(VaryHeaders.of("accept")).toString());
    }

    @Test
    void hostileInputIsDroppedWhenParsedAndRejectedWhenGiven() {
        assertEquals("Cookie, Accept", VaryHeaders.parse("Cookie, \"quoted\", bad name, Accept, x\r\ny").toString());
        assertThrows(IllegalArgumentException.class, () -> VaryHeaders.of("Bad Name"));
        assertThrows(IllegalArgumentException.class, () -> VaryHeaders.of("X\r\nSet-Cookie: a"));
    }
}
