package dev.webcache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** {@link VaryValues}: which values of a varied request header select the same stored response. */
class VaryValuesTest {
    @Test
    void acceptListsCompareAsSetsOfLowercaseMembers() {
        for (String name : new String[] {"accept-language", "accept-encoding", "accept"}) {
            assertEquals(VaryValues.normalised(name, "en, fr"), VaryValues.normalised(name, "fr,EN"), name);
            assertEquals(VaryValues.normalised(name, "en, fr"), VaryValues.normalised(name, " en ,   fr,"), name);
        }
        assertEquals("de;q=0.5,en", VaryValues.normalised("accept-language", "en, de ; q = 0.5"));
        assertNotEquals(VaryValues.normalised("accept-language", "en;q=0.5, fr"),
                VaryValues.normalised("accept-language", "en, fr;q=0.5"), "a weight stays with its member");
        assertEquals("br,gzip", VaryValues.normalised("accept-encoding", "gzip, br"));
        assertEquals("text/html;level=1,text/plain", VaryValues.normalised("accept", "Text/Plain, text/html; level=1"));
    }

    @Test
    void otherHeadersLoseOnlyTheWhitespaceAroundTheirListCommas() {
        assertEquals("1,2", VaryValues.normalised("foo", " 1, 2 "));
        assertEquals("1,2", VaryValues.normalised("foo", "1,2"));
        assertNotEquals(VaryValues.normalised("foo", "1,2"), VaryValues.normalised("foo", "2,1"), "order kept");
        assertNotEquals(VaryValues.normalised("foo", "a"), VaryValues.normalised("foo", "A"), "case kept");
        assertEquals("Mozilla/5.0 (X11; Linux)", VaryValues.normalised("user-agent", "Mozilla/5.0 (X11; Linux)"));
        assertEquals("", VaryValues.normalised("foo", ""));
    }

    @Test
    void cookiesAreComparedAsSent() {
        assertEquals("a=1;  b=2", VaryValues.normalised("cookie", "a=1;  b=2"));
        assertNotEquals(VaryValues.normalised("cookie", "a=1; b=2"), VaryValues.normalised("cookie", "b=2; a=1"));
    }
}
